/*
 * `trp about`: one screen on what trigger points are and what the evidence for the two
 * techniques trp guides does and does not show, with the sources of each statement.
 */
#include "cmd/cmd.h"
#include "cmd/commands.h"

static const char about_text[] =
    "Trigger points, and what is known about treating them\n"
    "\n"
    "A myofascial trigger point is a very tender spot in a taut band of muscle that can send\n"
    "pain somewhere else (referred pain). Experts agree it is recognised by the taut band, the\n"
    "tender spot and the referred pain; an 'active' point reproduces your familiar pain, a\n"
    "'latent' one does not [1]. Examiners agree only moderately on where points are, so trp\n"
    "names muscles as places to check, not as a diagnosis. Why trigger points form is still\n"
    "debated; around active points the tissue is more acidic and holds more inflammatory and\n"
    "pain substances (substance P, bradykinin, CGRP) than elsewhere [2].\n"
    "\n"
    "Ischemic compression (trigger point pressure release): steady pressure at about the pain\n"
    "threshold, held until the tissue softens or 60-90 seconds pass, repeated for a few\n"
    "passes [3]. Friction massage: slow strokes along the muscle toward the heart; in one\n"
    "trial it worked as well as compression [4].\n"
    "\n"
    "What the evidence shows: in a meta-analysis of 11 trials, pressure techniques raised the\n"
    "pressure pain threshold at the point (pooled standardised effect about 0.67) [5]. What\n"
    "it does not show: a clear reduction in the pain people report (pooled effect about\n"
    "-0.22, not significant); trials are small and short. Claims that compression 'restores\n"
    "blood flow' or 'flushes toxins' are not supported: a trial found no change in nutritive\n"
    "blood flow; an earlier two-person pilot reported a rise in lactate and did not measure\n"
    "blood flow [6]. trp therefore records your pain before and after each session, so that\n"
    "you and your therapist can see what helps you.\n"
    "\n"
    "Keeping out of pain matters as much as releasing it: tasks, posture, sleep and stress\n"
    "can perpetuate trigger points [7]. trp's diary and analysis look for them, and say how\n"
    "sure they are.\n"
    "\n"
    "trp supports care; it does not diagnose. Warning signs ('trp intake') need a clinician.\n"
    "\n"
    "[1] Fernandez-de-las-Penas C, Dommerholt J. Pain Med 2018;19:142-150 (Delphi consensus).\n"
    "[2] Shah JP et al. J Appl Physiol 2005;99:1977-84; Arch Phys Med Rehabil 2008;89:16-23.\n"
    "[3] Hou CR et al. Arch Phys Med Rehabil 2002;83:1406-14; Gemmell H et al. J Bodyw Mov Ther\n"
    "    2008;12:128-35; Fryer G, Hodgson L. J Bodyw Mov Ther 2005;9:248-55.\n"
    "[4] Fernandez-de-las-Penas C et al. J Bodyw Mov Ther 2006;10:3-9.\n"
    "[5] Lu W et al. Chiropr Man Therap 2022;30:34 (meta-analysis, 11 randomised trials).\n"
    "[6] Moraska AF et al. Arch Phys Med Rehabil 2018;99:2151-9 (trial); Moraska AF et al.\n"
    "    Arch Phys Med Rehabil 2013;94:196-200 (pilot, n=2).\n"
    "[7] Gerwin RD. Acupunct Med 2005;23:121-34.\n";

static int cmd_about_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cmd_usage(ctx, &cmd_about_entry, "about takes no arguments");
    fputs(about_text, ctx->out);
    return 0;
}

const struct cmd_entry cmd_about_entry = {
    .name = "about",
    .usage = "",
    .summary = "What trigger points are and what the evidence does and does not show.",
    .help = "",
    .exec = cmd_about_exec,
};
