# Generates the lme4 test data sets and prints the lme4 1.1.31 reference values that
# tests/lmm_*.rs hard-code. Run from tests/data: Rscript make_lmm_data.R
suppressMessages(library(lme4))
options(digits = 17)
sp <- function(x) cat(paste(sprintf("%.17g", x), collapse = ", "), "\n")
report <- function(label, m) {
  cat("==== ", label, "\n")
  cat("call: "); print(formula(m)); cat("REML:", isREML(m), "\n")
  cat("criterion: "); sp(if (isREML(m)) REMLcrit(m) else deviance(m))
  cat("theta: "); sp(getME(m, "theta"))
  cat("fixef names: ", names(fixef(m)), "\n")
  cat("fixef: "); sp(fixef(m))
  cat("se: "); sp(sqrt(diag(as.matrix(vcov(m)))))
  cat("sigma: "); sp(sigma(m))
  vc <- as.data.frame(VarCorr(m))
  print(vc[, c("grp", "var1", "var2")])
  cat("sdcor: "); sp(vc$sdcor)
  cat("logLik AIC BIC: "); sp(c(logLik(m), AIC(m), BIC(m)))
  cat("nobs ngrps: "); sp(c(nobs(m), ngrps(m)))
  re <- ranef(m)[[1]]
  cat("ranef first/last rows (", rownames(re)[1], rownames(re)[nrow(re)], "): "); sp(c(unlist(re[1, ]), unlist(re[nrow(re), ])))
  cat("fitted 1,n: "); sp(fitted(m)[c(1, length(fitted(m)))])
}

# 1. sleepstudy (Belenky et al. 2003), as shipped with lme4.
data(sleepstudy)
write.csv(sleepstudy, "sleepstudy.csv", row.names = FALSE, quote = FALSE)
ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
report("sleep REML slope", lmer(Reaction ~ Days + (Days | Subject), ss))
report("sleep ML slope", lmer(Reaction ~ Days + (Days | Subject), ss, REML = FALSE))
report("sleep REML intercept", lmer(Reaction ~ Days + (1 | Subject), ss))
report("sleep ML intercept", lmer(Reaction ~ Days + (1 | Subject), ss, REML = FALSE))
report("sleep REML uncorrelated", lmer(Reaction ~ Days + (Days || Subject), ss))
report("sleep REML slope only", lmer(Reaction ~ 1 + Days + (0 + Days | Subject), ss))

# 2. trial: three arms, unbalanced visits, missing visits and missing scores.
set.seed(20261122)
np <- 60
arm <- sample(c("placebo", "low", "high"), np, replace = TRUE)
rows <- list()
for (i in 1:np) {
  nv <- sample(3:9, 1)
  month <- sort(sample(0:12, nv))
  b0 <- rnorm(1, 0, 4); b1 <- rnorm(1, 0, 0.3)
  slope <- c(placebo = -0.9, low = -0.7, high = -0.45)[arm[i]]
  y <- 40 + b0 + (slope + b1) * month + rnorm(nv, 0, 1.5)
  rows[[i]] <- data.frame(patient = sprintf("P%03d", i), arm = arm[i], month = month,
                          alsfrs = round(y, 2))
}
trial <- do.call(rbind, rows)
trial$alsfrs[sample(nrow(trial), 7)] <- NA
write.csv(trial, "trial_arms.csv", row.names = FALSE, quote = FALSE, na = "NA")
tr <- read.csv("trial_arms.csv")
cat("trial rows", nrow(tr), "complete", sum(complete.cases(tr)), "\n")
report("trial REML interaction", lmer(alsfrs ~ month * arm + (month | patient), tr))
report("trial ML interaction", lmer(alsfrs ~ month * arm + (month | patient), tr, REML = FALSE))
m0 <- lmer(alsfrs ~ month + arm + (month | patient), tr)
m1 <- lmer(alsfrs ~ month * arm + (month | patient), tr)
print(anova(m0, m1))
a <- anova(m0, m1); cat("lrt chisq df p: "); sp(c(a$Chisq[2], a$Df[2], a[["Pr(>Chisq)"]][2]))
cat("lrt deviances: "); sp(a$deviance)

# 3. visits: sex and site as categorical fixed effects, no intercept, empty cells as missing.
set.seed(7)
np <- 40
rows <- list()
for (i in 1:np) {
  nv <- sample(2:7, 1)
  week <- sort(sample(0:20, nv))
  sex <- sample(c("F", "M"), 1); site <- sample(c("north", "south", "east"), 1)
  y <- 10 + 2 * (sex == "M") + c(north = 0, south = 1.5, east = -1)[site] +
       rnorm(1, 0, 2) + (0.2 + rnorm(1, 0, 0.1)) * week + rnorm(nv, 0, 1)
  rows[[i]] <- data.frame(id = i, sex = sex, site = site, week = week, score = round(y, 3))
}
vis <- do.call(rbind, rows)
vis$week[c(5, 17)] <- NA
write.csv(vis, "visits.csv", row.names = FALSE, quote = FALSE, na = "")
vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
cat("visits rows", nrow(vi), "complete", sum(complete.cases(vi)), "\n")
report("visits REML no intercept", lmer(score ~ 0 + site + sex:week + (1 | id), vi))
report("visits ML uncorrelated", lmer(score ~ week + sex + site + (week || id), vi, REML = FALSE))
report("visits REML slope", lmer(score ~ week * sex + (1 + week | id), vi))

# 4. Two fits where lme4's default stopping rule leaves the optimum short (the trial ML fit
#    warns "failed to converge"; the visits slope fit stops ~1e-5 away in the fixed effects):
#    the same models with lme4's other optimiser, minqa's bobyqa, run to a tight tolerance.
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
report("trial ML interaction tight", lmer(alsfrs ~ month * arm + (month | patient), tr, REML = FALSE, control = tight))
report("visits REML slope tight", lmer(score ~ week * sex + (1 + week | id), vi, control = tight))

# 5. A singular fit: no patient-level variation at all, so lme4 puts the random-intercept
#    variance on the boundary (theta = 0) and isSingular() is TRUE.
set.seed(11)
sing <- data.frame(patient = rep(sprintf("Q%02d", 1:12), each = 4), visit = rep(0:3, 12))
sing$score <- round(20 + 0.5 * sing$visit + rnorm(nrow(sing), 0, 1), 2)
write.csv(sing, "singular.csv", row.names = FALSE, quote = FALSE)
sg <- read.csv("singular.csv")
m <- lmer(score ~ visit + (1 | patient), sg)
cat("singular:", isSingular(m), "\n")
report("singular REML intercept", m)

# 6. Three correlated random effects per patient (q = 3): intercept, t and t2 = t^2.
set.seed(3)
np <- 40
rows <- list()
for (i in 1:np) {
  t <- 0:7
  b <- c(rnorm(1, 0, 2), rnorm(1, 0, 0.5), rnorm(1, 0, 0.08))
  y <- 30 + b[1] + (1 + b[2]) * t + (-0.1 + b[3]) * t^2 + rnorm(length(t), 0, 0.5)
  rows[[i]] <- data.frame(id = sprintf("R%02d", i), t = t, t2 = t^2, y = round(y, 3))
}
quad <- do.call(rbind, rows)
write.csv(quad, "quadratic.csv", row.names = FALSE, quote = FALSE)
qd <- read.csv("quadratic.csv")
report("quadratic REML q3", lmer(y ~ t + t2 + (t + t2 | id), qd, control = tight))

# 7. A data set where lme4's default optimiser (nloptwrap) stops at a worse point than
#    minqa's bobyqa: same generator as the random cross-checks, seed 1015.
set.seed(1015)
ng <- sample(5:60, 1); sdi <- runif(1, 0, 3); sds <- runif(1, 0, 0.5); rho <- runif(1, -0.9, 0.9)
rows <- list()
for (i in 1:ng) {
  nv <- sample(1:8, 1); x <- sort(runif(nv, 0, 10))
  b0 <- rnorm(1, 0, sdi); b1 <- rho * b0 / max(sdi, 1e-9) * sds + sqrt(1 - rho^2) * rnorm(1, 0, sds)
  a <- sample(c("A", "B"), 1)
  rows[[i]] <- data.frame(g = sprintf("G%02d", i), a = a, x = round(x, 2),
                          y = round(5 + b0 + (0.3 + b1 + 0.2 * (a == "B")) * x + rnorm(nv), 3))
}
write.csv(do.call(rbind, rows), "optimiser_trap.csv", row.names = FALSE, quote = FALSE)
ot <- read.csv("optimiser_trap.csv")
m <- suppressWarnings(lmer(y ~ x + (x | g), ot, REML = FALSE))
cat("trap default deviance: "); sp(deviance(m))
report("trap ML tight", lmer(y ~ x + (x | g), ot, REML = FALSE, control = tight))
