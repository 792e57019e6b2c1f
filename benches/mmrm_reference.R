# Reference values for tests/mmrm.rs: the MMRM fits of nlme::gls (R 4.2.2, nlme) on mmrm's
# fev_data (openpharma/mmrm data/fev_data.rda, written to tests/data/fev_data.csv by
#   load("fev_data.rda"); write.csv(fev_data, "tests/data/fev_data.csv", row.names = FALSE)).
# opt = "optim" (BFGS) reaches the optimum to ~1e-10 in -2logLik; the default nlminb stops ~2e-7
# above it. Unstructured: corSymm + varIdent; compound symmetry: corCompSymm; Toeplitz: corARMA is not
# Toeplitz-general, so toep is checked against mmrm's SAS values only (tests/mmrm.rs).
# emmeans (mode = "df.error") gives the least-squares means and their differences per visit:
# estimates and SEs (its df for gls are not Satterthwaite's; df come from mmrm's SAS values).
# Run: Rscript benches/mmrm_reference.R > tests/data/mmrm_reference_output.txt
suppressPackageStartupMessages({ library(nlme); library(emmeans) })
options(digits = 15)
d <- read.csv("tests/data/fev_data.csv", stringsAsFactors = TRUE)
d <- d[!is.na(d$FEV1), ]
d$vis <- as.integer(d$AVISIT)
ctl <- glsControl(tolerance = 1e-14, msTol = 1e-14, maxIter = 1000, msMaxIter = 1000, opt = "optim",
                  returnObject = FALSE)
cov_of <- function(fit) {
  # The full visit covariance: a subject with every visit.
  full <- names(which(table(d$USUBJID) == 4))[1]
  getVarCov(fit, individual = full)
}
show <- function(label, fit) {
  cat("====", label, "\n")
  cat("logLik", format(as.numeric(logLik(fit)), digits = 15), "\n")
  cat("-2logLik", format(-2 * as.numeric(logLik(fit)), digits = 15), "\n")
  cat("AIC", AIC(fit), "BIC", BIC(fit), "\n")
  tt <- summary(fit)$tTable
  print(tt[, 1:2], digits = 15)
  print(cov_of(fit), digits = 15)
}
us <- function(f, method = "REML") gls(f, data = d, method = method, control = ctl,
  correlation = corSymm(form = ~ vis | USUBJID), weights = varIdent(form = ~ 1 | AVISIT))
cs <- function(f, method = "REML") gls(f, data = d, method = method, control = ctl,
  correlation = corCompSymm(form = ~ vis | USUBJID))

m1 <- us(FEV1 ~ RACE + SEX + ARMCD * AVISIT)
show("us REML FEV1 ~ RACE + SEX + ARMCD * AVISIT", m1)
m1ml <- us(FEV1 ~ RACE + SEX + ARMCD * AVISIT, "ML")
show("us ML FEV1 ~ RACE + SEX + ARMCD * AVISIT", m1ml)
m2 <- us(FEV1 ~ ARMCD)
show("us REML FEV1 ~ ARMCD", m2)
m3 <- cs(FEV1 ~ ARMCD)
show("cs REML FEV1 ~ ARMCD", m3)
m4 <- cs(FEV1 ~ RACE + SEX + ARMCD * AVISIT)
show("cs REML FEV1 ~ RACE + SEX + ARMCD * AVISIT", m4)
m5 <- us(FEV1 ~ 1)
show("us REML FEV1 ~ 1", m5)

cat("==== emmeans, us REML FEV1 ~ RACE + SEX + ARMCD * AVISIT\n")
em <- emmeans(m1, ~ ARMCD | AVISIT, mode = "df.error")
print(as.data.frame(summary(em)), digits = 12)
print(as.data.frame(summary(pairs(em, reverse = TRUE), infer = TRUE)), digits = 12)
