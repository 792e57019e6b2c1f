# Writes the multi-factor lmm test data sets and prints the lme4 1.1.31 reference values that
# tests/lmm_multi_lme4.rs hard-codes. Run from tests/data:
#   Rscript make_lmm_multi_data.R > reference_multi_output.txt 2>&1
# Every fit uses minqa's bobyqa with rhoend = 1e-12 (and a large maxfun), so the reference
# is the optimum itself, not where lme4's default optimiser stops.
suppressMessages(library(lme4))
options(digits = 17)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 1e5))
sp <- function(x) cat(paste(sprintf("%.17g", x), collapse = ", "), "\n")
report <- function(label, m) {
  cat("==== ", label, "\n")
  cat("call: "); print(formula(m)); cat("REML:", isREML(m), "\n")
  cat("criterion: "); sp(if (isREML(m)) REMLcrit(m) else deviance(m))
  cat("default-optimiser criterion: ")
  m0 <- update(m, control = lmerControl())
  sp(if (isREML(m0)) REMLcrit(m0) else deviance(m0))
  cat("theta: "); sp(getME(m, "theta"))
  cat("fixef names: ", names(fixef(m)), "\n")
  cat("fixef: "); sp(fixef(m))
  cat("se: "); sp(sqrt(diag(as.matrix(vcov(m)))))
  cat("sigma: "); sp(sigma(m))
  vc <- as.data.frame(VarCorr(m))
  print(vc[, c("grp", "var1", "var2")])
  cat("sdcor: "); sp(vc$sdcor)
  cat("logLik AIC BIC: "); sp(c(logLik(m), AIC(m), BIC(m)))
  cat("nobs: "); sp(nobs(m)); cat("ngrps: "); print(ngrps(m))
  for (g in names(ranef(m))) {
    re <- ranef(m)[[g]]
    cat("ranef", g, "first/last rows (", rownames(re)[1], rownames(re)[nrow(re)], "): ")
    sp(c(unlist(re[1, ]), unlist(re[nrow(re), ])))
  }
  cat("fitted 1,n: "); sp(fitted(m)[c(1, length(fitted(m)))])
}

# 1. Penicillin (lme4): 6 samples x 24 plates, crossed.
data(Penicillin)
write.csv(Penicillin, "penicillin.csv", row.names = FALSE, quote = FALSE)
pe <- read.csv("penicillin.csv", colClasses = c("numeric", "factor", "factor"))
report("penicillin REML", lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pe, control = tight))
report("penicillin ML", lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pe, REML = FALSE, control = tight))

# 2. Pastes (lme4): 3 casks within each of 10 batches, 2 assays each: nested.
data(Pastes)
write.csv(Pastes, "pastes.csv", row.names = FALSE, quote = FALSE)
pa <- read.csv("pastes.csv", colClasses = c("numeric", "factor", "factor", "factor"))
report("pastes REML nested", lmer(strength ~ 1 + (1 | batch/cask), pa, control = tight))
report("pastes ML nested", lmer(strength ~ 1 + (1 | batch/cask), pa, REML = FALSE, control = tight))
report("pastes ML batch only", lmer(strength ~ 1 + (1 | batch), pa, REML = FALSE, control = tight))
cat("anova(batch only, nested):\n")
print(anova(lmer(strength ~ 1 + (1 | batch), pa, REML = FALSE, control = tight),
            lmer(strength ~ 1 + (1 | batch/cask), pa, REML = FALSE, control = tight)), digits = 17)

# 3. Synthetic: patients with correlated intercept and slope, within sites.
set.seed(2026)
nsite <- 8
rows <- list()
pid <- 0
for (s in 1:nsite) {
  site_eff <- rnorm(1, 0, 2)
  for (k in 1:sample(4:9, 1)) {
    pid <- pid + 1
    b <- MASS::mvrnorm(1, c(0, 0), matrix(c(9, -0.4, -0.4, 0.09), 2))
    months <- sort(sample(0:12, sample(3:7, 1)))
    for (mo in months) {
      rows[[length(rows) + 1]] <- data.frame(site = sprintf("S%d", s), patient = sprintf("P%02d", pid),
        month = mo, alsfrs = round(40 + site_eff + b[1] + (-0.6 + b[2]) * mo + rnorm(1, 0, 1.5), 2))
    }
  }
}
sy <- do.call(rbind, rows)
write.csv(sy, "sites_slopes.csv", row.names = FALSE, quote = FALSE)
sy <- read.csv("sites_slopes.csv", colClasses = c("factor", "factor", "numeric", "numeric"))
report("sites REML slopes", lmer(alsfrs ~ month + (month | patient) + (1 | site), sy, control = tight))
report("sites ML slopes", lmer(alsfrs ~ month + (month | patient) + (1 | site), sy, REML = FALSE, control = tight))
