// The guided compression session in the browser, following trp's own session: steady
// pressure held until the point softens or 90 s pass, cues at 30, 60 and 90 s, up to three
// passes with a 15 s rest between, pain asked before and after, and the point recorded as
// one treatment entry exactly as `trp session` records it. The screen is kept awake while
// the timer runs (Screen Wake Lock), because a phone that dims mid-hold loses the count.
import { api, account, h, say, fail, isoLocal, slider, plural } from './api.js';

const MAX_HOLD = 90, MAX_PASSES = 3, REST = 15;

// The same words as the terminal session (core/session.c), with "Softened" for Enter.
function cue(s) {
  if (s === 30) return '30 s: keep the pressure steady; ease off a little if it is sharp.';
  if (s === 60) return '60 s: many points soften by now. Tap "Softened" if the tenderness has eased.';
  if (s === MAX_HOLD) return 'Time: release the pressure now.';
  return null;
}

let wakeLock = null;
async function stayAwake(on) {
  try {
    if (on && 'wakeLock' in navigator && !wakeLock) wakeLock = await navigator.wakeLock.request('screen');
    if (!on && wakeLock) { await wakeLock.release(); wakeLock = null; }
  } catch { wakeLock = null; /* not allowed (battery saver, no https): the timer still runs */ }
}

// Why self-treatment is locked, or null: no intake yet, or red flags not yet read.
async function lockReason() {
  const r = await api('intake');
  if (!r) return 'Answer the health questions first, so trp knows what is safe for you.';
  if ((r.red_flags || []).length && !r.acknowledged)
    return `Your health questions found ${plural(r.red_flags.length, 'warning sign')}. Read the advice and see a clinician; self-treatment stays locked until you acknowledge it.`;
  return null;
}

function locked(main, why, see) {
  main.append(h('section', { class: 'urgent' }, h('h2', {}, 'Sessions are locked'), h('p', {}, why),
    see ? h('p', {}, see) : null,
    h('p', {}, h('a', { class: 'button primary', href: '#/intake' }, 'Open the health questions'))));
}

export async function session(main) {
  main.append(h('h1', {}, 'Session'));
  const lock = await lockReason();
  if (lock) return locked(main, lock);
  // The safety gate decides which muscles are offered at all (blocked ones are not).
  const [muscles, verdicts] = await Promise.all([api('muscles'), api('safety')]);
  const allowed = new Set(verdicts.filter((v) => v.allowed).map((v) => v.muscle));
  const offered = muscles.filter((m) => allowed.has(m.id));
  if (!offered.length) {
    const v = verdicts.find((x) => x.urgent) || verdicts[0];
    return locked(main, v && v.reasons.length ? v.reasons[0] : 'The safety gate allows no self-treatment now.', v && v.see);
  }
  const setup = h('section', {});
  const pick = h('select', { id: 'ses-muscle' }, offered.map((m) => h('option', { value: m.id }, m.name)));
  const want = new URLSearchParams(location.hash.split('?')[1] || '').get('muscle');
  if (want && offered.some((m) => m.id === want)) pick.value = want;
  const side = h('select', { id: 'ses-side' }, h('option', { value: 'right' }, 'Right'), h('option', { value: 'left' }, 'Left'));
  const before = slider('Pain before', 'ses-before', 0, 10, 5);
  const start = h('button', { type: 'button', class: 'primary' }, 'Start');
  const note = h('div', { 'aria-live': 'polite' });
  setup.append(h('label', { for: 'ses-muscle' }, 'Muscle'), pick, h('label', { for: 'ses-side' }, 'Side'), side, before.el,
    h('p', { class: 'muted' }, 'Press on the tender spot at about the pain threshold and keep the pressure steady.'), note, h('p', {}, start));
  const hidden = muscles.length - offered.length;
  // Why a muscle is left out is said where a muscle is looked up (Where), with whom to see.
  if (hidden) setup.append(h('p', { class: 'muted' }, `${plural(hidden, 'muscle')} ${hidden === 1 ? 'is' : 'are'} not offered for self-treatment now (because of your answers to the health questions, or because ${hidden === 1 ? 'it is' : 'they are'} a therapist's work). `,
    h('a', { href: '#/where' }, 'Look a muscle up on the Where page'), ' to see why; a doctor or physiotherapist can tell you what is safe for you.'));
  const run = h('section', { hidden: true, 'aria-labelledby': 'ses-run-h' });
  main.append(setup, run);
  start.addEventListener('click', async () => {
    note.replaceChildren();
    let v;
    try {
      const m = pick.selectedOptions[0];
      v = await api(`safety?muscle=${encodeURIComponent(pick.value)}&side=${side.value}`);
      if (!v.allowed) { fail(note, new Error(v.reasons[0] || 'Not allowed now.')); return; }
      setup.hidden = true;
      run.hidden = false;
      guide(run, pick.value, m.textContent, side.value, Number(before.input.value), v);
    } catch (e) { fail(note, e); }
  });
}

function guide(run, muscle, name, side, painBefore, verdict) {
  const head = h('h2', { id: 'ses-run-h', tabindex: '-1' }, `${name}, ${side}`);
  const cap = verdict.pressure_max != null
    ? h('p', { class: 'warn' }, `Light pressure only: at most ${verdict.pressure_max} of 10. ${verdict.reasons.join(' ')}`)
    : (verdict.reasons.length ? h('p', { class: 'muted' }, verdict.reasons.join(' ')) : null);
  const phase = h('p', { class: 'big', id: 'ses-phase' });
  const clock = h('p', { class: 'timer', id: 'ses-clock', role: 'timer', 'aria-live': 'off' }, '0');
  const cueBox = h('p', { class: 'cue', id: 'ses-cue', 'aria-live': 'assertive' });
  const softened = h('button', { type: 'button', class: 'primary' }, 'Softened');
  const endPass = h('button', { type: 'button' }, 'End pass');
  const stop = h('button', { type: 'button', class: 'danger' }, 'Stop');
  const controls = h('p', { class: 'row' }, softened, endPass, stop);
  run.replaceChildren(head, cap || '', phase, clock, cueBox, controls);
  head.focus();
  const r = { passes: 0, released: false, hold: 0 };
  let timer = null, t0 = 0, holding = false;
  const elapsed = () => Math.floor((Date.now() - t0) / 1000);
  const stopTimer = () => { clearInterval(timer); timer = null; };
  let lastShown = -1;
  const hold = () => {
    holding = true;
    phase.textContent = `Pass ${r.passes + 1} of ${MAX_PASSES}: hold`;
    cueBox.textContent = '';
    softened.disabled = endPass.disabled = false;
    t0 = Date.now();
    lastShown = -1;
    stayAwake(true);
    timer = setInterval(() => {
      const s = Math.min(elapsed(), MAX_HOLD);
      if (s === lastShown) return;
      for (let k = lastShown + 1; k <= s; k++) { const c = cue(k); if (c) cueBox.textContent = c; }
      lastShown = s;
      clock.textContent = String(s);
      if (s >= MAX_HOLD) passDone(false);
    }, 200);
  };
  const passDone = (soft) => {
    if (!holding) return;
    holding = false;
    stopTimer();
    const s = Math.min(elapsed(), MAX_HOLD);
    r.passes++;
    if (soft) { r.released = true; r.hold = s; } else if (!r.released && s > r.hold) r.hold = s;
    if (soft || r.passes >= MAX_PASSES) return finish(false);
    rest();
  };
  const rest = () => {
    phase.textContent = 'Rest';
    softened.disabled = endPass.disabled = true;
    cueBox.textContent = `Release and rest ${REST} s; the next pass starts by itself.`;
    t0 = Date.now();
    timer = setInterval(() => {
      const left = REST - elapsed();
      clock.textContent = String(Math.max(left, 0));
      if (left <= 0) { stopTimer(); hold(); }
    }, 200);
  };
  const finish = (stopped) => {
    stopTimer();
    holding = false;
    stayAwake(false);
    const after = slider('Pain after', 'ses-after', 0, 10, painBefore);
    const save = h('button', { type: 'button', class: 'primary' }, 'Save');
    const msg = h('div');
    const summary = r.released ? `Softened after ${r.hold} s (pass ${r.passes}).` : `${plural(r.passes, 'pass', 'passes')}, longest hold ${r.hold} s.`;
    run.replaceChildren(h('h2', { tabindex: '-1', id: 'ses-done-h' }, stopped ? 'Stopped' : 'Done'), h('p', {}, summary), after.el, h('p', {}, save), msg);
    run.querySelector('#ses-done-h').focus();
    save.addEventListener('click', async () => {
      // A therapist running the timer in a clinic presses on her client's point herself.
      const a = account();
      const performer = a && a.role !== 'client' ? 'practitioner' : 'self';
      const t = { technique: 'compression', muscle, side, performer, pain_before: painBefore, pain_after: Number(after.input.value) };
      if (r.passes > 0) {
        t.passes = r.passes;
        if (r.hold > 0) t.hold_seconds = r.hold;
        t.released = r.released;
      }
      const entry = { kind: 'treatment', time: isoLocal(), treatment: t };
      if (stopped) entry.note = 'session stopped early';
      try {
        const e = await api('entries', { method: 'POST', body: entry });
        save.disabled = true;
        msg.append(h('p', {}, `Recorded as entry ${e.id}.`));
        say('Session recorded.');
      } catch (err) { fail(msg, err); }
    });
  };
  softened.addEventListener('click', () => passDone(true));
  endPass.addEventListener('click', () => passDone(false));
  stop.addEventListener('click', () => {
    if (holding) { const s = Math.min(elapsed(), MAX_HOLD); r.passes++; if (s > r.hold) r.hold = s; }
    finish(true);
  });
  hold();
}
