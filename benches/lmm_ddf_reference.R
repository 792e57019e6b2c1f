# Reference values for small-sample inference in `trialstats lmm` (tests/lmm_ddf.rs):
# lmerTest 3.1.3 (Satterthwaite, type III anova), pbkrtest 0.5.2 (Kenward-Roger) and
# emmeans 1.8.4.1 on lme4 1.1.31 fits, R 4.2.2. Prints every number with 17 digits.
#   cd tests/data && Rscript ../../benches/lmm_ddf_reference.R > lmm_ddf_reference_output.txt 2>&1
suppressMessages({library(lmerTest); library(pbkrtest); library(emmeans)})
options(digits = 17, width = 200)
ctrl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-12, maxfun = 1e5))
show <- function(title, m) {
  cat("\n=====", title, "\n")
  cat("-- summary Satterthwaite\n"); print(coef(summary(m, ddf = "Satterthwaite")))
  if (isREML(m)) {
    cat("-- summary Kenward-Roger\n"); print(coef(summary(m, ddf = "Kenward-Roger")))
    cat("-- anova type 3 Kenward-Roger\n"); print(as.data.frame(anova(m, type = 3, ddf = "Kenward-Roger")))
  }
  cat("-- anova type 3 Satterthwaite\n"); print(as.data.frame(anova(m, type = 3)))
  cat("-- confint 95% Satterthwaite: estimate -+ qt(0.975, df) * se\n")
  s <- coef(summary(m, ddf = "Satterthwaite"))
  print(cbind(lower = s[, 1] - qt(0.975, s[, "df"]) * s[, 2], upper = s[, 1] + qt(0.975, s[, "df"]) * s[, 2]))
}
ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
show("sleep REML slope", lmer(Reaction ~ Days + (Days | Subject), ss, control = ctrl))
show("sleep ML slope", lmer(Reaction ~ Days + (Days | Subject), ss, REML = FALSE, control = ctrl))
tr <- read.csv("trial_arms.csv")
show("trial REML", lmer(alsfrs ~ month * arm + (month | patient), tr, control = ctrl))
show("trial ML", lmer(alsfrs ~ month * arm + (month | patient), tr, REML = FALSE, control = ctrl))
vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
show("visits REML", lmer(score ~ site * sex + week + (1 | id), vi, control = ctrl))
show("visits REML uncorrelated", lmer(score ~ week * sex + (week || id), vi, control = ctrl))
emm <- function(title, m, spec, at = list()) {
  for (df in c("satterthwaite", "kenward-roger")) {
    cat("\n=====", title, "emmeans", df, "\n")
    e <- emmeans(m, spec, at = at, lmer.df = df)
    print(as.data.frame(summary(e, infer = TRUE)))
    print(as.data.frame(summary(pairs(e, adjust = "none"), infer = TRUE)))
  }
}
m <- lmer(alsfrs ~ month * arm + (month | patient), tr, control = ctrl)
emm("trial month=9", m, ~ arm, list(month = 9))
emm("trial month=3,9", m, ~ arm | month, list(month = c(3, 9)))
emm("visits site", lmer(score ~ site * sex + week + (1 | id), vi, control = ctrl), ~ site)
emm("visits sex at site=north week=10", lmer(score ~ site * sex + week + (1 | id), vi, control = ctrl), ~ sex | site, list(site = "north", week = 10))
pe <- read.csv("penicillin.csv", colClasses = c("numeric", "factor", "factor"))
show("penicillin crossed", lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pe, control = ctrl))
pa <- read.csv("pastes.csv", colClasses = c("numeric", "factor", "factor", "factor"))
show("pastes nested", lmer(strength ~ 1 + (1 | batch/cask), pa, control = ctrl))
sy <- read.csv("sites_slopes.csv", colClasses = c("factor", "factor", "numeric", "numeric"))
show("sites slopes", lmer(alsfrs ~ month + (month | patient) + (1 | site), sy, control = ctrl))
