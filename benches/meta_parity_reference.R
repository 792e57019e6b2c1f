# Reference values for tests/meta_parity.rs (issue 23), computed with metafor 3.8-1 on R 4.2.2
# (the DLIT rows of "estimators" with metafor 5.1-12: metafor 4.6 changed DLIT to the PM root).
# Run from the crate root:  Rscript benches/meta_parity_reference.R SECTION
# Each value is printed with 17 significant digits under the R call that produced it.
suppressMessages(library(metafor))
ctl <- list(threshold = 1e-12, maxiter = 1000, tol = 1e-12)
f <- function(x) { s <- sprintf("%.17g", x); ifelse(grepl("[.en]", s), s, paste0(s, ".0")) }
vec <- function(x) paste0("[", paste(f(x), collapse = ", "), "]")
bcg <- read.csv("tests/data/bcg.csv")
rau <- read.csv("tests/data/raudenbush1985.csv")
section <- commandArgs(TRUE)[1]
show <- function(call, value) cat("// ", call, "\n", vec(value), "\n", sep = "")

if (section == "fitstats") {
  for (m in c("ML", "REML", "DL", "FE")) {
    res <- rma(yi, vi, data = bcg, method = m, control = ctl)
    show(sprintf('rma(yi, vi, data = bcg, method = "%s"); c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE))', m),
         c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE)))
    res <- rma(yi, vi, mods = ~ ablat, data = bcg, method = m, control = ctl)
    show(sprintf('rma(yi, vi, mods = ~ ablat, data = bcg, method = "%s"); c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE))', m),
         c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE)))
  }
  res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "REML", control = ctl)
  show('rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "REML"); c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE))',
       c(fitstats(res, REML = FALSE), fitstats(res, REML = TRUE)))
}

per_study <- function(call, res) {
  b <- blup(res); u <- ranef(res); r <- rstandard(res)
  show(paste(call, "; fitted(res)"), fitted(res))
  show(paste(call, "; blup(res)$pred"), b$pred); show(paste(call, "; blup(res)$se"), b$se)
  show(paste(call, "; blup(res)$pi.lb"), b$pi.lb); show(paste(call, "; blup(res)$pi.ub"), b$pi.ub)
  show(paste(call, "; ranef(res)$pred"), u$pred); show(paste(call, "; ranef(res)$se"), u$se)
  show(paste(call, "; ranef(res)$pi.lb"), u$pi.lb)
  show(paste(call, "; rstandard(res)$resid"), r$resid); show(paste(call, "; rstandard(res)$se"), r$se)
  show(paste(call, "; rstandard(res)$z"), r$z); show(paste(call, "; hatvalues(res)"), hatvalues(res))
  H <- hatvalues(res, type = "matrix")
  show(paste(call, "; hatvalues(res, type = 'matrix')[2, ]"), H[2, ])
}
if (section == "per_study") {
  per_study('res <- rma(yi, vi, data = rau)', rma(yi, vi, data = rau, control = ctl))
  per_study('res <- rma(yi, vi, mods = ~ ablat, data = bcg, test = "knha")', rma(yi, vi, mods = ~ ablat, data = bcg, test = "knha", control = ctl))
  per_study('res <- rma(yi, vi, mods = ~ ablat, data = bcg, method = "FE")', rma(yi, vi, mods = ~ ablat, data = bcg, method = "FE"))
}

if (section == "btt_predict") {
  for (test in c("z", "knha")) {
    res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = test, control = ctl)
    for (btt in list(2:3, 2, 3)) {
      t <- anova(res, btt = btt)
      show(sprintf('res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = "%s"); anova(res, btt = %s) QM, QMp', test, deparse(btt)),
           c(t$QM, t$QMp))
    }
    p <- predict(res, newmods = rbind(c(10, 1950), c(33.5, 1965), c(55, 1980)))
    show(sprintf('res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = "%s"); predict(res, newmods = rbind(c(10, 1950), c(33.5, 1965), c(55, 1980))) pred, se, ci.lb, ci.ub, pi.lb, pi.ub', test),
         c(p$pred, p$se, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))
  }
  res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "DL", control = ctl)
  t <- anova(res, btt = 3)
  show('res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "DL"); anova(res, btt = 3) QM, QMp', c(t$QM, t$QMp))
  p <- predict(res, newmods = c(2, 1))
  show('res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "DL"); predict(res, newmods = c(2, 1)) pred, se, ci.lb, ci.ub, pi.lb, pi.ub',
       c(p$pred, p$se, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))
}

lrt <- function(call, a, b) {
  t <- anova(a, b)
  show(paste(call, "; anova(res0, res1): fit.stats.f/r (logLik, deviance, AIC, BIC, AICc), LRT, pval, QE.f, QE.r, tau2.f, tau2.r, R2"),
       c(t$fit.stats.f, t$fit.stats.r, t$LRT, t$pval, t$QE.f, t$QE.r, t$tau2.f, t$tau2.r, ifelse(is.null(t$R2), NA, t$R2)))
}
if (section == "compare") {
  lrt('res0 <- rma(yi, vi, mods = ~ ablat, data = bcg, method = "ML"); res1 <- rma(yi, vi, mods = ~ ablat + year, data = bcg, method = "ML")',
      rma(yi, vi, mods = ~ ablat + year, data = bcg, method = "ML", control = ctl), rma(yi, vi, mods = ~ ablat, data = bcg, method = "ML", control = ctl))
  lrt('res0 <- rma(yi, vi, data = bcg, method = "ML"); res1 <- rma(yi, vi, mods = ~ ablat, data = bcg, method = "ML")',
      rma(yi, vi, mods = ~ ablat, data = bcg, method = "ML", control = ctl), rma(yi, vi, data = bcg, method = "ML", control = ctl))
  lrt('res0 <- rma(yi, vi, mods = ~ weeks_c, data = rau, method = "ML"); res1 <- rma(yi, vi, mods = ~ weeks_c + setting + tester, data = rau, method = "ML")',
      rma(yi, vi, mods = ~ weeks_c + setting + tester, data = rau, method = "ML", control = ctl), rma(yi, vi, mods = ~ weeks_c, data = rau, method = "ML", control = ctl))
}

if (section == "confint") {
  cc <- list(tol = 1e-12, tau2.max = 1e4)
  ci <- function(call, res, type) {
    r <- confint(res, type = type, control = cc)$random
    show(sprintf('%s; confint(res, type = "%s", control = list(tol = 1e-12, tau2.max = 1e4))$random[c("tau^2", "I^2(%%)", "H^2"), 2:3]', call, type),
         c(t(r[c("tau^2", "I^2(%)", "H^2"), 2:3])))
  }
  for (type in c("QP", "PL", "Wald")) {
    ci('res <- rma(yi, vi, data = bcg)', rma(yi, vi, data = bcg, control = ctl), type)
    ci('res <- rma(yi, vi, data = bcg, method = "ML")', rma(yi, vi, data = bcg, method = "ML", control = ctl), type)
    ci('res <- rma(yi, vi, mods = ~ ablat, data = bcg)', rma(yi, vi, mods = ~ ablat, data = bcg, control = ctl), type)
    ci('res <- rma(yi, vi, data = rau, method = "DL")', rma(yi, vi, data = rau, method = "DL"), type)
  }
}

if (section == "dfbetas") {
  inf <- function(call, res) { d <- influence(res)$dfbs; show(paste(call, "; c(sapply(1:res$p, function(j) influence(res)$dfbs[[j]]))"), c(sapply(1:res$p, function(j) d[[j]]))) }
  inf('res <- rma(yi, vi, mods = ~ ablat, data = bcg)', rma(yi, vi, mods = ~ ablat, data = bcg, control = ctl))
  inf('res <- rma(yi, vi, mods = ~ ablat, data = bcg, test = "knha")', rma(yi, vi, mods = ~ ablat, data = bcg, test = "knha", control = ctl))
  inf('res <- rma(yi, vi, data = rau, method = "DL")', rma(yi, vi, data = rau, method = "DL"))
}

if (section == "estimators") {
  # DLIT needs thousands of iterations on the BCG data: threshold 1e-14, maxiter 1e5.
  ctl2 <- list(threshold = 1e-14, maxiter = 100000, tol = 1e-14)
  for (m in c("PMM", "HSk", "DLIT", "SJIT")) {
    r <- rma(yi, vi, data = bcg, method = m, control = ctl2)
    show(sprintf('res <- rma(yi, vi, data = bcg, method = "%s", control = list(threshold = 1e-14, maxiter = 1e5, tol = 1e-14)); c(res$tau2, res$se.tau2, coef(res), res$se)', m), c(r$tau2, r$se.tau2, coef(r), r$se))
    r <- rma(yi, vi, mods = ~ ablat, data = bcg, method = m, control = ctl2)
    show(sprintf('res <- rma(yi, vi, mods = ~ ablat, data = bcg, method = "%s", control = list(threshold = 1e-14, maxiter = 1e5, tol = 1e-14)); c(res$tau2, res$se.tau2, coef(res), res$se)', m), c(r$tau2, r$se.tau2, coef(r), r$se))
    r <- rma(yi, vi, data = rau, method = m, control = ctl2)
    show(sprintf('res <- rma(yi, vi, data = rau, method = "%s", control = list(threshold = 1e-14, maxiter = 1e5, tol = 1e-14)); c(res$tau2, res$se.tau2, coef(res), res$se)', m), c(r$tau2, r$se.tau2, coef(r), r$se))
  }
}

if (section == "vcov") {
  r <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = "knha", control = ctl)
  show('res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = "knha"); c(vcov(res))', c(vcov(r)))
  r <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "PM", control = ctl)
  show('res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = "PM"); c(vcov(res))', c(vcov(r)))
}

if (section == "ranef_mv") {
  kon <- read.csv("tests/data/konstantopoulos2011.csv")
  ctl.mv <- list(rel.tol = 1e-12, iter.max = 10000, eval.max = 10000)
  for (m in c("REML", "ML")) {
    res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = kon, method = m, control = list(optimizer = "nlminb", rel.tol = 1e-12, iter.max = 10000, eval.max = 10000))
    u <- ranef(res)
    call <- sprintf('res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = kon, method = "%s", control = list(optimizer = "nlminb", rel.tol = 1e-12)); u <- ranef(res)', m)
    show(paste(call, "; c(u$district$intrcpt, u$district$se, u$district$pi.lb) (rows district", paste(rownames(u$district), collapse = " "), ")"),
         c(u$district$intrcpt, u$district$se, u$district$pi.lb))
    show(paste(call, "; c(u[[\"district/school\"]]$intrcpt, u[[\"district/school\"]]$se) (rows", paste(head(rownames(u[["district/school"]]), 5), collapse = " "), "...)"),
         c(u[["district/school"]]$intrcpt, u[["district/school"]]$se))
    show(paste(call, "; res$sigma2"), res$sigma2)
  }
}

if (section == "contrast") {
  X <- rbind(c(1, 10, 0, 0), c(1, 30, 0, 0), c(1, 50, 0, 0), c(0, 0, 1, -1))
  P <- rbind(c(0, -1, 1, 0), c(0, -1, 0, 1), c(0, 0, -1, 1))   # pairmat(btt = 2:4) in metafor >= 4.2
  for (test in c("z", "knha")) {
    res <- rma(yi, vi, mods = ~ ablat + alloc, data = bcg, test = test, control = ctl)
    for (nm in c("X", "P")) {
      M <- get(nm)
      t <- anova(res, X = M)
      crit <- if (test == "z") qnorm(0.975) else qt(0.975, res$k - res$p)
      show(sprintf('res <- rma(yi, vi, mods = ~ ablat + alloc, data = bcg, test = "%s"); t <- anova(res, X = %s); c(t$Xb, t$se, t$zval, t$pval, p.adjust(t$pval, "holm"), t$Xb -/+ crit * t$se (crit qnorm(0.975) or qt(0.975, k - p)), t$QM, t$QMp)', test, deparse(M)),
           c(t$Xb, t$se, t$zval, t$pval, p.adjust(t$pval, "holm"), t$Xb - crit * t$se, t$Xb + crit * t$se, t$QM, t$QMp))
    }
  }
}

if (section == "robust") {
  kon <- read.csv("tests/data/konstantopoulos2011.csv")
  rob <- function(call, res, cluster, newmods, X) {
    for (adj in c(TRUE, FALSE)) {
      sav <- robust(res, cluster = cluster, adjust = adj)
      show(sprintf('%s; sav <- robust(res, cluster, adjust = %s); c(sav$se, sav$zval, sav$pval, sav$ci.lb, sav$ci.ub, sav$dfs, sav$QM, sav$QMp)', call, adj),
           c(sav$se, sav$zval, sav$pval, sav$ci.lb, sav$ci.ub, sav$dfs, sav$QM, sav$QMp))
      p <- predict(sav, newmods = newmods)
      show(sprintf('%s; sav <- robust(res, cluster, adjust = %s); predict(sav, newmods = %s) pred, se, ci.lb, ci.ub, pi.lb, pi.ub', call, adj, deparse(newmods)),
           c(p$pred, p$se, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))
      t <- anova(sav, X = X)
      show(sprintf('%s; sav <- robust(res, cluster, adjust = %s); t <- anova(sav, X = %s); c(t$Xb, t$se, t$zval, t$pval, t$QM, t$QMp)', call, adj, deparse(X)),
           c(t$Xb, t$se, t$zval, t$pval, t$QM, t$QMp))
    }
  }
  rob('res <- rma(yi, vi, mods = ~ ablat + year, data = bcg); cluster <- bcg$study', rma(yi, vi, mods = ~ ablat + year, data = bcg, control = ctl), bcg$study,
      rbind(c(30, 1970), c(50, 1950)), rbind(c(1, 30, 1970), c(0, 1, -1)))
  rob('res <- rma(yi, vi, mods = ~ year, data = kon); cluster <- kon$district', rma(yi, vi, mods = ~ year, data = kon, control = ctl), kon$district,
      rbind(1980, 1990), rbind(c(1, 1980), c(0, 1)))
  res <- rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = kon, control = list(optimizer = "nlminb", rel.tol = 1e-10, iter.max = 10000, eval.max = 10000))
  rob('res <- rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = kon, control = list(optimizer = "nlminb", rel.tol = 1e-10)); cluster <- kon$district', res, kon$district,
      rbind(1980, 1990), rbind(c(1, 1980), c(0, 1)))
  res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = kon, control = list(optimizer = "nlminb", rel.tol = 1e-12, iter.max = 10000, eval.max = 10000))
  p <- predict(res)
  show('res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = kon, control = list(optimizer = "nlminb", rel.tol = 1e-12)); predict(res) pred, se, ci.lb, ci.ub, pi.lb, pi.ub', c(p$pred, p$se, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))
  res <- rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = kon, test = "t", control = list(optimizer = "nlminb", rel.tol = 1e-10, iter.max = 10000, eval.max = 10000))
  p <- predict(res, newmods = c(1980, 1990))
  show('res <- rma.mv(yi, vi, mods = ~ year, random = ~ 1 | district/school, data = kon, test = "t", control = list(optimizer = "nlminb", rel.tol = 1e-10)); predict(res, newmods = c(1980, 1990)) pred, se, ci.lb, ci.ub, pi.lb, pi.ub', c(p$pred, p$se, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub))
}

if (section == "fixed_tau2") {
  r <- rma(yi, vi, data = bcg, tau2 = 0.1, test = "knha")
  show('res <- rma(yi, vi, data = bcg, tau2 = 0.1, test = "knha"); c(res$tau2, coef(res), res$se, res$ci.lb, res$ci.ub, res$I2, res$H2, res$QM, res$QMp, predict(res)$pi.lb, predict(res)$pi.ub, fitstats(res, REML = TRUE), fitstats(res, REML = FALSE))',
       c(r$tau2, coef(r), r$se, r$ci.lb, r$ci.ub, r$I2, r$H2, r$QM, r$QMp, predict(r)$pi.lb, predict(r)$pi.ub, fitstats(r, REML = TRUE), fitstats(r, REML = FALSE)))
  r <- rma(yi, vi, mods = ~ ablat, data = bcg, tau2 = 0.1)
  show('res <- rma(yi, vi, mods = ~ ablat, data = bcg, tau2 = 0.1); c(coef(res), res$se, res$ci.lb, res$ci.ub, res$I2, res$H2, res$QM, res$QMp, res$QE, fitstats(res, REML = TRUE), fitstats(res, REML = FALSE))',
       c(coef(r), r$se, r$ci.lb, r$ci.ub, r$I2, r$H2, r$QM, r$QMp, r$QE, fitstats(r, REML = TRUE), fitstats(r, REML = FALSE)))
  r <- rma(yi, vi, data = bcg, method = "SJ", control = list(tau2.init = 0.5))
  show('res <- rma(yi, vi, data = bcg, method = "SJ", control = list(tau2.init = 0.5)); c(res$tau2, res$se.tau2, coef(res), res$se)', c(r$tau2, r$se.tau2, coef(r), r$se))
  r <- rma(yi, vi, mods = ~ weeks_c, data = rau, method = "SJ", control = list(tau2.init = 0.02))
  show('res <- rma(yi, vi, mods = ~ weeks_c, data = rau, method = "SJ", control = list(tau2.init = 0.02)); c(res$tau2, res$se.tau2, coef(res), res$se)', c(r$tau2, r$se.tau2, coef(r), r$se))
}

if (section == "selmodel_se") {
  cs <- list(rel.tol = 1e-12, iter.max = 10000, eval.max = 10000)
  for (d in c("bcg", "rau")) {
    dat <- get(d)
    for (st in list(0.05, c(0.025, 0.5))) {
      res <- rma(yi, vi, data = dat, method = "ML", control = ctl)
      s <- try(selmodel(res, type = "stepfun", steps = st, control = cs), silent = TRUE)
      if (inherits(s, "try-error")) next
      show(sprintf('res <- rma(yi, vi, data = %s, method = "ML"); s <- selmodel(res, type = "stepfun", steps = %s, control = list(rel.tol = 1e-12)); c(s$tau2, s$se.tau2, s$ci.lb.tau2, s$ci.ub.tau2, s$delta, s$se.delta, s$zval.delta, s$pval.delta, s$ci.lb.delta, s$ci.ub.delta)', d, deparse(st)),
           c(s$tau2, s$se.tau2, s$ci.lb.tau2, s$ci.ub.tau2, s$delta, s$se.delta, s$zval.delta, s$pval.delta, s$ci.lb.delta, s$ci.ub.delta))
    }
  }
}

if (section == "selmodel_hackshaw") {
  hack <- read.csv("tests/data/hackshaw1998.csv")
  res <- rma(yi, vi, data = hack, method = "ML", control = ctl)
  s <- selmodel(res, type = "stepfun", steps = c(0.05, 0.10, 0.50, 1.00), control = list(optimizer = "nlminb", rel.tol = 1e-10))
  show('res <- rma(yi, vi, data = hack, method = "ML"); s <- selmodel(res, type = "stepfun", steps = c(0.05, 0.10, 0.50, 1.00), control = list(optimizer = "nlminb", rel.tol = 1e-10)); c(s$tau2, s$se.tau2, s$ci.lb.tau2, s$ci.ub.tau2, s$delta[-1], s$se.delta[-1], s$zval.delta[-1], s$pval.delta[-1], s$ci.lb.delta[-1], s$ci.ub.delta[-1])',
       c(s$tau2, s$se.tau2, s$ci.lb.tau2, s$ci.ub.tau2, s$delta[-1], s$se.delta[-1], s$zval.delta[-1], s$pval.delta[-1], s$ci.lb.delta[-1], s$ci.ub.delta[-1]))
}
