# The R side of bench/analysis_speed.sh: fits every exposure-and-lag model that trp fitted
# (written by bench/analysis_speed) with survival::clogit, exact ties, and does for the
# exposure what trp does: the fit, a likelihood ratio test and a 95% profile-likelihood
# interval (by uniroot on a clogit fit with the exposure as an offset). Unpenalised, since
# clogit has no Firth option; trp also penalises, so this is the lighter job. Reading the
# files is not timed.
# usage: Rscript bench/clogit_speed.R DIR
suppressPackageStartupMessages(library(survival))
dir <- commandArgs(trailingOnly = TRUE)[1]
index <- read.delim(file.path(dir, "models.tsv"), header = FALSE, col.names = c("file", "name", "lag"))
models <- lapply(index$file, function(f) read.csv(file.path(dir, f)))

fit_one <- function(d) {
  xs <- grep("^x", names(d), value = TRUE)
  rest <- setdiff(xs, "x1")
  full <- clogit(as.formula(paste("y ~", paste(xs, collapse = " + "), "+ strata(stratum)")),
                 data = d, method = "exact")
  ll1 <- full$loglik[2]
  # The model without the exposure, and the profile at a fixed exposure coefficient b.
  without <- function(b) {
    d$off <- b * d$x1
    if (length(rest))
      f <- clogit(as.formula(paste("y ~", paste(rest, collapse = " + "), "+ strata(stratum) + offset(off)")),
                  data = d, method = "exact")
    else
      f <- clogit(y ~ strata(stratum) + offset(off), data = d, method = "exact")
    f$loglik[length(f$loglik)]
  }
  chi2 <- 2 * (ll1 - without(0))
  b <- unname(coef(full)["x1"])
  se <- sqrt(full$var[1, 1])
  g <- function(v) without(v) - (ll1 - qchisq(0.95, 1) / 2)
  bound <- function(side) {
    far <- b + side * 2 * max(se, 0.05)
    for (k in 1:20) if (g(far) < 0) break else far <- b + side * (far - b) * 2
    uniroot(g, sort(c(b, far)), tol = 1e-5)$root
  }
  c(or = exp(b), lo = exp(bound(-1)), hi = exp(bound(1)), p = pchisq(chi2, 1, lower.tail = FALSE))
}

runs <- 3
options(warn = -1) # separated models warn; they are counted as not fitted
times <- numeric(runs)
for (r in seq_len(runs)) {
  t0 <- proc.time()[["elapsed"]]
  res <- lapply(models, function(d) tryCatch(fit_one(d), error = function(e) c(or = NA, lo = NA, hi = NA, p = NA)))
  times[r] <- (proc.time()[["elapsed"]] - t0) * 1000
}
ok <- sum(!is.na(sapply(res, `[[`, "or")))
cat(sprintf("R survival::clogit (exact; fit, LRT and profile interval per model): %.0f ms median of %d runs for %d models (%d fitted)\n",
            median(times), runs, length(models), ok))
