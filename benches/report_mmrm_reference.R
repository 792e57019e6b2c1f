# Reference values for the MMRM that `trialstats report` fits to the synthetic two-arm trial
# (data/synthetic-als-two-arm.toml -> data/synthetic/mmrm_two_arm_synthetic.csv): nlme::gls
# with an unstructured covariance (corSymm + varIdent), REML, and emmeans' arm contrast at
# every visit (emmeans on gls: mode = "satterthwaite"). Run from the repository root:
#   Rscript benches/report_mmrm_reference.R
# The printout is kept in tests/data/report_mmrm_reference_output.txt.
suppressPackageStartupMessages({ library(nlme); library(emmeans) })
d <- read.csv("data/synthetic/mmrm_two_arm_synthetic.csv", stringsAsFactors = TRUE)
d$visit <- factor(d$visit)
d$arm <- factor(d$arm, levels = c("active", "placebo"))
# optim reaches the lowest -2 REML log-likelihood of gls's optimisers here (nlminb stops
# 5e-8 above); the criterion is flat, so the SEs still differ from the optimum in the 6th digit.
ctl <- glsControl(opt = "optim", maxIter = 1000, msMaxIter = 1000, tolerance = 1e-12,
                  msTol = 1e-14, returnObject = TRUE)
fit <- gls(chg ~ baseline + arm * visit, data = d, method = "REML",
           correlation = corSymm(form = ~ as.integer(visit) | patient),
           weights = varIdent(form = ~ 1 | visit), control = ctl)
cat(sprintf("-2 REML log-likelihood %.10f\n", -2 * as.numeric(logLik(fit))))
emm <- emmeans(fit, ~ arm | visit, mode = "satterthwaite")
pr <- summary(pairs(emm, adjust = "none"), infer = TRUE)
options(width = 200)
print(as.data.frame(summary(emm)), digits = 12)
print(as.data.frame(pr), digits = 12)
