# Generator of data/synthetic/mmrm_two_arm_synthetic.csv: a SYNTHETIC two-arm trial (not patient
# data), made to show `trialstats mmrm`. Run from the repository root with R (>= 3.6, the
# default "Rejection" sampling; checked with R 4.2.2):
#   Rscript data/synthetic/mmrm_two_arm_synthetic.R
# Every number below is invented for the demonstration; see data/synthetic/README.md.
set.seed(20261123)
n_per_arm <- 50
months <- c(2, 4, 6, 8, 10, 12)
visits <- sprintf("month %02d", months)
decline <- c(placebo = 1.0, active = 0.7)   # ALSFRS-R points lost per month, mean
sd_slope <- 0.35                            # patient SD of the slope
sd_resid <- 1.5                             # visit-to-visit noise (AR(1), rho 0.5)
rho <- 0.5
dropout <- 0.04                             # chance of leaving after each visit
rows <- list()
id <- 0
for (arm in names(decline)) {
  for (i in seq_len(n_per_arm)) {
    id <- id + 1
    base <- round(rnorm(1, 38, 4))
    slope <- rnorm(1, decline[[arm]], sd_slope)
    e <- as.numeric(arima.sim(list(ar = rho), n = length(months), sd = sd_resid * sqrt(1 - rho^2)))
    left <- FALSE
    for (k in seq_along(months)) {
      if (left) break
      chg <- round(-slope * months[k] + e[k], 1)
      rows[[length(rows) + 1]] <- data.frame(patient = sprintf("P%03d", id), arm = arm,
        visit = visits[k], baseline = base, chg = chg)
      left <- runif(1) < dropout * (1 + (base < 36))   # more dropout with a lower baseline
    }
  }
}
d <- do.call(rbind, rows)
write.csv(d, "data/synthetic/mmrm_two_arm_synthetic.csv", row.names = FALSE, quote = FALSE)
