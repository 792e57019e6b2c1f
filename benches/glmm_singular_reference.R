# Reference for the singular four-factor grouseticks fit in tests/glmm_cli.rs (YEAR both a
# fixed effect and a grouping factor: its SD goes to zero). Run from the crate root:
#   Rscript benches/glmm_singular_reference.R
suppressMessages(library(glmmTMB))
gt <- read.csv("tests/data/grouseticks.csv"); gt$YEAR <- factor(gt$YEAR); gt$BROOD <- factor(gt$BROOD); gt$INDEX <- factor(gt$INDEX); gt$LOCATION <- factor(gt$LOCATION)
m <- glmmTMB(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION) + (1 | YEAR), family = poisson, data = gt,
  control = glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-14, x.tol = 0)))
print(logLik(m), digits = 17); print(sqrt(unlist(lapply(VarCorr(m)$cond, function(x) x[1]))), digits=10)
print(m$fit$convergence); print(m$sdr$pdHess)
