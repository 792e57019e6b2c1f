# Reference values for tests/plot_render.rs report_draws_every_measures_smcc_against_r:
# SMCC (metafor escalc) of the NMO measures at assumed pre/post r = 0, 0.5, 0.9.
library(metafor)
options(digits = 17)
r <- c(0, 0.5, 0.9)
k <- length(r)
# EDSS 5.1 ± 1.7 -> 4.1 ± 1.6; relapse rate 2.9 ± 1.1 -> 0.4 ± 0.8; n = 7 (± read as SD)
for (m in list(c(5.1, 1.7, 4.1, 1.6), c(2.9, 1.1, 0.4, 0.8))) {
  es <- escalc("SMCC", m1i = rep(m[3], k), m2i = rep(m[1], k), sd1i = rep(m[4], k),
               sd2i = rep(m[2], k), ni = rep(7, k), ri = r)
  s <- summary(es)
  print(data.frame(r = r, yi = as.numeric(es$yi), ci.lb = s$ci.lb, ci.ub = s$ci.ub))
}
