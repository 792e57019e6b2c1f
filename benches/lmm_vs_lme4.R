# Times lme4 on one benchmark CSV, reading included, as `trialstats lmm` is timed:
#   Rscript benches/lmm_vs_lme4.R FILE.csv
# Prints "seconds criterion" (criterion = REMLcrit).
suppressMessages(library(lme4))
file <- commandArgs(trailingOnly = TRUE)[1]
t <- system.time({
  d <- read.csv(file)
  m <- lmer(y ~ month + (month | patient), d)
})[["elapsed"]]
cat(sprintf("%.3f %.10f\n", t, REMLcrit(m)))
