# Per-trial time of lme4 on the trials of benches/power_simulation.sh: simulate a trial of
# 2 x 100 patients, visits 0..12, delta 0.22, SDs intercept 6, slope 0.3, residual 1.5, no
# dropout; fit y ~ month * arm + (month | patient) by REML; Wald z test of month:arm.
# Prints "seconds_per_trial power".
suppressMessages(library(lme4))
args <- commandArgs(TRUE)
trials <- if (length(args)) as.integer(args[1]) else 100
set.seed(1)
n <- 100; t <- 0:12
one <- function() {
  id <- rep(1:(2 * n), each = length(t))
  arm <- rep(0:1, each = n * length(t))
  month <- rep(t, 2 * n)
  b0 <- rnorm(2 * n, 0, 6)[id]; b1 <- rnorm(2 * n, 0, 0.3)[id]
  y <- b0 + (0.22 * arm + b1) * month + rnorm(length(id), 0, 1.5)
  m <- lmer(y ~ month * arm + (month | patient), data.frame(y, month, arm, patient = factor(id)))
  abs(coef(summary(m))["month:arm", "t value"]) > qnorm(0.975)
}
t0 <- proc.time()[["elapsed"]]
rej <- replicate(trials, one())
el <- proc.time()[["elapsed"]] - t0
cat(sprintf("%.5f %.3f\n", el / trials, mean(rej)))
