# Times lme4 on one multi-factor benchmark CSV, reading included, as `trialstats lmm` is timed:
#   Rscript benches/lmm_multi_vs_lme4.R crossed|nested FILE.csv
# Prints "seconds criterion" (criterion = REMLcrit) on standard output.
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
t <- system.time({
  d <- read.csv(args[2])
  m <- if (args[1] == "crossed") {
    lmer(y ~ service + (1 | s) + (1 | d) + (1 | dept), d)
  } else {
    lmer(y ~ month + (month | patient) + (1 | site), d)
  }
})[["elapsed"]]
cat(sprintf("%.3f %.10f\n", t, REMLcrit(m)))
