# Reference values for `lmm --plot --time visit` when the formula takes the visit as
# factor(visit) (tests/lmm_level_means.rs): each visit's observed mean with its t interval, and
# the mean over the same rows of the population prediction X beta-hat (nlme's
# predict(m, level = 0)), the numbers the chart of means by level draws.
#   Rscript benches/lmm_level_means_reference.R
suppressMessages(library(nlme))
options(digits = 15)
ctrl <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-12, msTol = 1e-14,
                   niterEM = 100, msMaxEval = 2000)
d <- read.csv("tests/data/visits_ar1.csv")
d$arm <- factor(d$arm); d$id <- factor(d$id); d$fvisit <- factor(d$visit)

report <- function(label, m) {
  cat("==", label, "\n")
  pop <- predict(m, level = 0)
  for (v in levels(d$fvisit)) {
    rows <- d$fvisit == v
    tt <- t.test(d$score[rows], conf.level = 0.95)
    cat("  visit", v, "n", sum(rows), "observed", format(mean(d$score[rows]), digits = 15),
        "ci", format(tt$conf.int, digits = 15), "fitted", format(mean(pop[rows]), digits = 15), "\n")
  }
}

report("lme(score ~ fvisit * arm, random = ~ 1 | id), REML",
       lme(score ~ fvisit * arm, random = ~ 1 | id, data = d, method = "REML", control = ctrl))
report("lme(score ~ fvisit + arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id)), REML",
       lme(score ~ fvisit + arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
           data = d, method = "REML", control = ctrl))
cat("\nR", R.version$major, R.version$minor, " nlme", as.character(packageVersion("nlme")), "\n")
