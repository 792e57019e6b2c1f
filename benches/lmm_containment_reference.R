# Reference values for `lmm --ddf containment` without `--residual` (tests/lmm_containment.rs):
# nlme's containment ("inner-outer") denominator df for models with random effects only, one
# grouping factor or nested ones, and what --anova and --contrast give by them.
#   Rscript benches/lmm_containment_reference.R
#
# Each model is fitted by nlme::lme at tight tolerances. Printed per model:
# - the fixed effects: nlme's estimate, sqrt(diag(m$varFix)) (lme4's vcov: for an ML fit
#   nlme's summary() scales its SEs by sqrt(N / (N - p)), trialstats does not, as lme4), the
#   DF of summary(m)$tTable (nlme's getFixDF) and p = 2 pt(-|t|, DF) with t = estimate / SE;
# - the type III F tests: lmerTest's own hypotheses (get_contrasts_type3 on an lmer fit with the
#   same fixed part; they depend on X only), the Wald F on nlme's beta and varFix, its denDF
#   nlme's anova(m, type = "marginal", adjustSigma = FALSE) denDF of the term, and the p; where
#   the hypothesis is the term's own coefficients this is nlme's marginal F too (printed);
# - the estimated marginal means and their pairwise differences: emmeans (sigmaAdjust = FALSE,
#   so varFix as above) with its df for lme (mode "containment": the smallest fixDF$X of the
#   coefficients a linear function uses, the intercept's taken as the number of levels of the
#   outermost grouping factor - 1), p = 2 pt(-|t|, df).
suppressMessages({library(nlme); library(lme4); library(lmerTest); library(emmeans)})
options(digits = 15)
ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14,
                   niterEM = 100, msMaxEval = 2000)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))

d_ar1 <- read.csv("tests/data/visits_ar1.csv")
d_ar1$arm <- factor(d_ar1$arm); d_ar1$id <- factor(d_ar1$id); d_ar1$fvisit <- factor(d_ar1$visit)
bw <- read.csv("tests/data/bodyweight.csv")
bw$Rat <- factor(bw$Rat); bw$Diet <- factor(bw$Diet)
ov <- read.csv("tests/data/ovary.csv"); ov$Mare <- factor(ov$Mare)
vi <- na.omit(read.csv("tests/data/visits.csv"))
vi$id <- factor(vi$id); vi$site <- factor(vi$site); vi$sex <- factor(vi$sex)
sy <- read.csv("tests/data/sites_slopes.csv")
sy$site <- factor(sy$site); sy$patient <- factor(sy$patient)

report <- function(label, m, lmer_formula, data, spec = NULL, at = list()) {
  cat("==", label, "\n")
  cat("  logLik", format(as.numeric(logLik(m)), digits = 15), "\n")
  beta <- fixef(m); V <- m$varFix; se <- sqrt(diag(V)); tt <- summary(m)$tTable
  cat("  fixed effects: term estimate se DF p\n")
  print(data.frame(term = names(beta), estimate = beta, se = se, DF = tt[, "DF"],
                   p = 2 * pt(-abs(beta / se), tt[, "DF"]), row.names = NULL), digits = 15)
  lm4 <- lmerTest::lmer(lmer_formula, data = data, REML = m$method == "REML", control = tight)
  Ls <- lmerTest:::get_contrasts_type3(lm4)
  av <- anova(m, type = "marginal", adjustSigma = FALSE)
  cat("  nlme anova(m, type = 'marginal', adjustSigma = FALSE):\n")
  print(av, digits = 15)
  cat("  type III (lmerTest's hypotheses), containment denDF: term F num_df den_df p\n")
  for (term in names(Ls)) {
    L <- matrix(Ls[[term]], ncol = length(beta))
    lb <- L %*% beta
    Fv <- as.numeric(t(lb) %*% solve(L %*% V %*% t(L), lb)) / nrow(L)
    den <- av[term, "denDF"]
    cat("   ", term, format(c(Fv, nrow(L), den, pf(Fv, nrow(L), den, lower.tail = FALSE)),
                            digits = 15), "\n")
  }
  if (!is.null(spec)) {
    em <- emmeans(m, spec, at = at, sigmaAdjust = FALSE)
    pr <- pairs(em, adjust = "none")
    cat("  emmeans of", spec, if (length(at)) paste("at", names(at), "=", unlist(at)), "\n")
    for (obj in list(em, pr)) {
      sm <- summary(obj, infer = TRUE)
      est <- if ("emmean" %in% names(sm)) sm$emmean else sm$estimate
      for (i in seq_len(nrow(sm))) {
        cat("   ", as.character(sm[i, 1]), "estimate", format(est[i], digits = 15),
            "se", format(sm$SE[i], digits = 15), "df", format(sm$df[i], digits = 15),
            "p", format(2 * pt(-abs(est[i] / sm$SE[i]), sm$df[i]), digits = 15), "\n")
      }
    }
  }
}

# One grouping factor: a random intercept, REML and ML; an intercept and slope.
m <- lme(score ~ visit * arm, random = ~ 1 | id, data = d_ar1, method = "REML", control = ctrl)
report("visits_ar1 intercept REML", m, score ~ visit * arm + (1 | id), d_ar1, "arm", list(visit = 3))
m <- lme(score ~ visit * arm, random = ~ 1 | id, data = d_ar1, method = "ML", control = ctrl)
report("visits_ar1 intercept ML", m, score ~ visit * arm + (1 | id), d_ar1, "arm", list(visit = 3))
m <- lme(score ~ visit * arm, random = ~ visit | id, data = d_ar1, method = "REML", control = ctrl)
report("visits_ar1 intercept and slope REML", m, score ~ visit * arm + (visit | id), d_ar1,
       "arm", list(visit = 3))
# A term of five columns: the visit as a factor.
m <- lme(score ~ fvisit + arm, random = ~ 1 | id, data = d_ar1, method = "REML", control = ctrl)
report("visits_ar1 factor(visit) + arm REML", m, score ~ fvisit + arm + (1 | id), d_ar1, "arm")
# nlme's BodyWeight (Pinheiro & Bates 2000, section 5.3): three diets between rats.
m <- lme(weight ~ Time * Diet, random = ~ Time | Rat, data = bw, method = "REML", control = ctrl)
report("BodyWeight Time * Diet, (Time | Rat) REML", m, weight ~ Time * Diet + (Time | Rat), bw,
       "Diet", list(Time = 36))
# nlme's Ovary (Pinheiro & Bates 2000, section 1.? fm1Ovar.lme): every covariate within mares.
m <- lme(follicles ~ sin2pt + cos2pt, random = ~ 1 | Mare, data = ov, method = "REML", control = ctrl)
report("Ovary sin + cos, (1 | Mare) REML", m, follicles ~ sin2pt + cos2pt + (1 | Mare), ov)
# Nested: patients within sites. sex is constant within a patient, week varies within one.
m <- lme(score ~ sex + week, random = ~ 1 | site/id, data = vi, method = "REML", control = ctrl)
report("visits sex + week, (1 | site/id) REML", m, score ~ sex + week + (1 | site/id), vi, "sex")
# Nested with a random slope: lme4's (month | patient) + (1 | site), patients unique across sites.
m <- lme(alsfrs ~ month, random = list(site = ~ 1, patient = ~ month), data = sy,
         method = "REML", control = ctrl)
report("sites_slopes month, site / patient with a slope REML", m,
       alsfrs ~ month + (month | patient) + (1 | site), sy)
cat("\nR", R.version$major, R.version$minor, " nlme", as.character(packageVersion("nlme")),
    " lme4", as.character(packageVersion("lme4")), " lmerTest", as.character(packageVersion("lmerTest")),
    " emmeans", as.character(packageVersion("emmeans")), "\n")
