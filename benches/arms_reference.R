# Reference values for the between-arm effects of the study format (tests/study_arms.rs).
# R 4.2.2, metafor 3.8.1. Run: Rscript benches/arms_reference.R
suppressMessages(library(metafor))
p <- function(label, x) cat(label, paste(sprintf("%.17g", x), collapse = " "), "\n")
show <- function(label, es) {
  p(paste(label, "yi"), es$yi); p(paste(label, "vi"), es$vi)
}

# 1. Edaravone MCI186-16 abstract (Abe et al. 2014): change of ALSFRS-R, ± read as SD,
#    edaravone (group1) against placebo (group2).
for (m in c("MD", "SMD")) show(paste("edaravone", m),
  escalc(m, m1i = -5.70, sd1i = 0.85, n1i = 100, m2i = -6.35, sd2i = 0.84, n2i = 99))
#    Adverse events 91/102 (edaravone) against 92/104 (placebo).
for (m in c("RR", "OR", "RD")) show(paste("edaravone", m),
  escalc(m, ai = 91, n1i = 102, ci = 92, n2i = 104))

# 2. A synthetic three-arm trial (tests/study_arms.rs, `three_arm_trial`): score 0-48, SD,
#    baseline and week 24; control = placebo; r = 0.5 assumed for the change scores.
placebo <- list(b = 41.8, sb = 2.2, a = 34.6, sa = 5.9, n = 60)
low     <- list(b = 41.9, sb = 2.4, a = 36.1, sa = 5.1, n = 58)
high    <- list(b = 41.7, sb = 2.3, a = 37.3, sa = 4.8, n = 61)
for (arm in list(list("low", low), list("high", high))) {
  g <- arm[[2]]
  for (m in c("MD", "SMD", "ROM")) show(paste(arm[[1]], "week24", m),
    escalc(m, m1i = g$a, sd1i = g$sa, n1i = g$n, m2i = placebo$a, sd2i = placebo$sa, n2i = placebo$n))
  r <- 0.5
  sdc <- function(x) sqrt(x$sb^2 + x$sa^2 - 2 * r * x$sb * x$sa)
  for (m in c("MD", "SMD")) show(paste(arm[[1]], "change", m),
    escalc(m, m1i = g$a - g$b, sd1i = sdc(g), n1i = g$n,
              m2i = placebo$a - placebo$b, sd2i = sdc(placebo), n2i = placebo$n))
}
#    Relapses over person-time: low 12 / 55.2, high 7 / 57.9, placebo 25 / 54.1 patient-years.
for (arm in list(c("low", 12, 55.2), c("high", 7, 57.9))) for (m in c("IRR", "IRD"))
  show(paste(arm[1], m), escalc(m, x1i = as.numeric(arm[2]), t1i = as.numeric(arm[3]), x2i = 25, t2i = 54.1))

# 3. Pooling with meta --data: the two synthetic trials (trial-a, trial-b) of
#    tests/study_arms.rs, RR of "relapsed" (a: 8/59 vs 28/59; b: 10/40 vs 17/41), REML.
dat <- escalc("RR", ai = c(8, 10), n1i = c(59, 40), ci = c(28, 17), n2i = c(59, 41))
fit <- rma(yi, vi, data = dat, method = "REML", control = list(tol = 1e-12, threshold = 1e-12))
p("pooled RR estimate", fit$beta); p("pooled RR se", fit$se); p("pooled RR tau2", fit$tau2)

# 4. The three-arm trial with the low arm reporting the SE of its change (se = "0.4"): its
#    change SD is 0.4 * sqrt(58); placebo's still comes from r = 0.5.
sdc_placebo <- sqrt(2.2^2 + 5.9^2 - 2 * 0.5 * 2.2 * 5.9)
for (m in c("MD", "SMD")) show(paste("low reported-change", m),
  escalc(m, m1i = 36.1 - 41.9, sd1i = 0.4 * sqrt(58), n1i = 58,
            m2i = 34.6 - 41.8, sd2i = sdc_placebo, n2i = 60))
p("low implied r", (2.4^2 + 5.1^2 - (0.4 * sqrt(58))^2) / (2 * 2.4 * 5.1))
