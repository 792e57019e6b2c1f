# Per-trial time of R's MASS::glm.nb on the rate trials of benches/power_simulation.sh:
# 2 x 100 patients, 1 year, control rate 2.9, RR 0.7, counts negative binomial with
# Var = mu + k mu^2, k = 0.5 (size = 1/k), fitted by events ~ arm + offset(log(years)) and
# tested by the Wald z of arm. Prints "SECONDS_PER_TRIAL POWER".
#   Rscript benches/power_simulation_glmnb.R 200
suppressMessages(library(MASS))
trials <- as.integer(commandArgs(TRUE)[1])
set.seed(1)
n <- 100; k <- 0.5
arm <- rep(0:1, each = n); years <- rep(1, 2 * n)
mu <- 2.9 * ifelse(arm == 1, 0.7, 1) * years
t0 <- proc.time()[["elapsed"]]
rejected <- 0
for (r in seq_len(trials)) {
  events <- rnbinom(2 * n, mu = mu, size = 1 / k)
  fit <- glm.nb(events ~ arm + offset(log(years)))
  z <- coef(summary(fit))["arm", "z value"]
  if (abs(z) > qnorm(0.975)) rejected <- rejected + 1
}
elapsed <- proc.time()[["elapsed"]] - t0
cat(sprintf("%.6f %.4f\n", elapsed / trials, rejected / trials))
