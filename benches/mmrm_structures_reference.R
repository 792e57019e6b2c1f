# Reference values for tests/mmrm_structures.rs: MMRMs with the non-linear covariance
# structures (ar1, ar1h, csh, toeph) and with one covariance per arm, fitted by nlme::gls
# (R 4.2.2) on mmrm's fev_data (tests/data/fev_data.csv; see benches/mmrm_reference.R).
#   ar1   corAR1(form = ~ vis | USUBJID)                     (vis = position of the visit level)
#   ar1h  corAR1 + varIdent(form = ~ 1 | AVISIT)
#   csh   corCompSymm + varIdent(form = ~ 1 | AVISIT)
#   toeph corARMA(p = 3) + varIdent: an AR(V - 1) correlation over V = 4 visits is any positive
#         definite Toeplitz correlation, so it spans TOEPH's correlations.
# Grouped: us(AVISIT | ARMCD / USUBJID) with every fixed effect within arm (FEV1 ~ ARMCD * AVISIT)
# makes X'S^-1 X block-diagonal by arm, so the REML criterion is the sum of two separate fits
# (gls FEV1 ~ AVISIT on each arm), and the estimates are theirs.
# opt = "optim" reaches the optimum to ~1e-10 in -2logLik.
# Run: Rscript benches/mmrm_structures_reference.R > tests/data/mmrm_structures_reference_output.txt
suppressPackageStartupMessages({ library(nlme) })
options(digits = 15, width = 250)
d <- read.csv("tests/data/fev_data.csv", stringsAsFactors = TRUE)
d <- d[!is.na(d$FEV1), ]
d$vis <- as.integer(d$AVISIT)
ctl <- glsControl(tolerance = 1e-14, msTol = 1e-14, maxIter = 1000, msMaxIter = 1000, opt = "optim",
                  returnObject = FALSE)
full <- names(which(table(d$USUBJID) == 4))[1]
show <- function(label, fit, data = d) {
  cat("====", label, "\n")
  cat("-2logLik", format(-2 * as.numeric(logLik(fit)), digits = 15), "\n")
  tt <- summary(fit)$tTable
  print(tt[, 1:2], digits = 15)
  id <- names(which(table(data$USUBJID[drop = TRUE]) == 4))[1]
  print(getVarCov(fit, individual = id), digits = 15)
}
# optim (BFGS) can step where corARMA's coefficients are invalid; then nlminb, and the better
# of the two optima is kept.
ctl2 <- glsControl(tolerance = 1e-14, msTol = 1e-14, maxIter = 1000, msMaxIter = 1000,
                   returnObject = FALSE)
fit <- function(f, corr, het, method = "REML", data = d) {
  w <- if (het) varIdent(form = ~ 1 | AVISIT) else NULL
  a <- tryCatch(gls(f, data = data, method = method, control = ctl, correlation = corr, weights = w),
                error = function(e) NULL)
  b <- gls(f, data = data, method = method, control = ctl2, correlation = corr, weights = w)
  if (!is.null(a) && logLik(a) >= logLik(b)) { cat("(optim)\n"); a } else { cat("(nlminb)\n"); b }
}
FULL <- FEV1 ~ RACE + SEX + ARMCD * AVISIT
for (f in list(FULL, FEV1 ~ ARMCD, FEV1 ~ 1)) {
  lab <- deparse(f)
  show(paste("ar1 REML", lab), fit(f, corAR1(form = ~ vis | USUBJID), FALSE))
  show(paste("ar1h REML", lab), fit(f, corAR1(form = ~ vis | USUBJID), TRUE))
  show(paste("csh REML", lab), fit(f, corCompSymm(form = ~ vis | USUBJID), TRUE))
  show(paste("toeph REML", lab), fit(f, corARMA(form = ~ vis | USUBJID, p = 3, q = 0), TRUE))
}
show("ar1 ML FEV1 ~ RACE + SEX + ARMCD * AVISIT", fit(FULL, corAR1(form = ~ vis | USUBJID), FALSE, "ML"))
show("csh ML FEV1 ~ RACE + SEX + ARMCD * AVISIT", fit(FULL, corCompSymm(form = ~ vis | USUBJID), TRUE, "ML"))
# Grouped unstructured: one gls per arm.
for (arm in levels(d$ARMCD)) {
  da <- d[d$ARMCD == arm, ]
  show(paste("us REML FEV1 ~ AVISIT, ARMCD ==", arm),
       gls(FEV1 ~ AVISIT, data = da, method = "REML", control = ctl,
           correlation = corSymm(form = ~ vis | USUBJID), weights = varIdent(form = ~ 1 | AVISIT)), da)
  show(paste("ar1h REML FEV1 ~ AVISIT, ARMCD ==", arm),
       fit(FEV1 ~ AVISIT, corAR1(form = ~ vis | USUBJID), TRUE, data = da), da)
}
