# Reference values for tests/meta_tables.rs (issue 23, item 9): metafor 3.8-1 on R 4.2.2.
# Run from the crate root:  Rscript benches/meta_tables_reference.R SECTION
# Each value is printed with 17 significant digits under the R call that produced it.
suppressMessages(library(metafor))
f <- function(x) { s <- sprintf("%.17g", x); ifelse(grepl("[.en]", s), s, paste0(s, ".0")) }
vec <- function(x) paste0("[", paste(f(x), collapse = ", "), "]")
show <- function(call, value) cat("// ", call, "\n", vec(value), "\n", sep = "")
bcg <- read.csv("tests/data/bcg_raw.csv")
rothman <- read.csv("tests/data/tables/rothman2008.csv")
yusuf <- read.csv("tests/data/tables/yusuf1985_table6.csv")
section <- commandArgs(TRUE)[1]
fields <- function(res) c(res$beta, res$se, res$zval, res$pval, res$ci.lb, res$ci.ub,
                          res$QE, res$QEp, res$I2, res$H2, res$k, res$k.yi,
                          unlist(res$fit.stats))
mh <- function(res) c(fields(res), res$CO, res$COp, res$MH, res$MHp, res$BD, res$BDp, res$TA, res$TAp, res$k.pos)

if (section == "mh") {
  cat("// fields: beta, se, zval, pval, ci.lb, ci.ub, QE, QEp, I2, H2, k, k.yi, fit.stats (ML ll dev AIC BIC AICc, REML ll dev AIC BIC AICc)[, CO, COp, MH, MHp, BD, BDp, TA, TAp, k.pos for OR]\n")
  for (m in c("OR", "RR", "RD")) {
    call <- sprintf('rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = bcg, measure = "%s")', m)
    res <- eval(parse(text = call)); show(call, if (m == "OR") mh(res) else fields(res))
    call <- sprintf('rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = rothman, measure = "%s", level = 90, correct = FALSE)', m)
    res <- eval(parse(text = call)); show(call, if (m == "OR") mh(res) else fields(res))
    call <- sprintf('rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf, measure = "%s")', m)
    res <- suppressWarnings(eval(parse(text = call))); show(call, if (m == "OR") mh(res) else fields(res))
  }
}

if (section == "peto") {
  cat("// fields: beta, se, zval, pval, ci.lb, ci.ub, QE, QEp, I2, H2, k, k.yi, fit.stats (ML ll dev AIC BIC AICc, REML ll dev AIC BIC AICc)\n")
  call <- 'rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = bcg)'
  show(call, fields(eval(parse(text = call))))
  call <- 'rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf)'
  show(call, fields(suppressWarnings(eval(parse(text = call)))))
  call <- 'rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = rothman, level = 90)'
  show(call, fields(eval(parse(text = call))))
}

if (section == "glmm") {
  niel <- read.csv("tests/data/tables/nielweise2007.csv")
  cat("// fields: beta, se, zval, pval, ci.lb, ci.ub, tau2, QE.Wld, QEp.Wld, QE.LRT, QEp.LRT, k, logLik\n")
  g <- function(res) c(res$beta, res$se, res$zval, res$pval, res$ci.lb, res$ci.ub, res$tau2,
                       res$QE.Wld, res$QEp.Wld, res$QE.LRT, res$QEp.LRT, res$k, logLik(res))
  ctrl <- 'control = list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5)))'
  for (d in c("niel", "bcg")) for (m in c("ML", "EE")) {
    cols <- if (d == "niel") "ai = ai, n1i = n1i, ci = ci, n2i = n2i" else "ai = ai, bi = bi, ci = ci, di = di"
    call <- sprintf('rma.glmm(measure = "OR", %s, data = %s, model = "UM.FS", method = "%s", %s)', cols, d, m, ctrl)
    show(call, g(suppressWarnings(eval(parse(text = call)))))
  }
}

if (section == "glmer") {
  # The glmer fit rma.glmm(model = "UM.FS", method = "ML") makes, for its marginal logLik (metafor
  # reports ll.QE - deviance/2 instead) and its vcov.
  niel <- read.csv("tests/data/tables/nielweise2007.csv")
  niel <- niel[!(niel$ai == 0 & niel$ci == 0), ]
  for (d in c("niel", "bcg")) {
    x <- get(d); if (is.null(x$bi)) { x$bi <- x$n1i - x$ai; x$di <- x$n2i - x$ci }
    k <- nrow(x)
    long <- data.frame(xi = c(rbind(x$ai, x$ci)), mi = c(rbind(x$bi, x$di)), treated = rep(c(1, 0), k),
                       group = rep(c(0.5, -0.5), k), study = factor(rep(seq_len(k), each = 2)))
    m <- lme4::glmer(cbind(xi, mi) ~ 0 + treated + study + (0 + group | study), data = long, family = binomial, nAGQ = 7,
                     control = lme4::glmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5)))
    show(sprintf('%s: glmer(cbind(xi, mi) ~ 0 + treated + study + (0 + group | study), nAGQ = 7): logLik, fixef[1], sqrt(vcov[1,1]), VarCorr', d),
         c(logLik(m), lme4::fixef(m)[1], sqrt(vcov(m)[1, 1]), lme4::VarCorr(m)[[1]][1]))
  }
}

if (section == "cmel") {
  niel <- read.csv("tests/data/tables/nielweise2007.csv")
  cat("// fields: beta, se, zval, pval, ci.lb, ci.ub, tau2, QE.LRT, QEp.LRT, k, logLik\n")
  g <- function(res) c(res$beta, res$se, res$zval, res$pval, res$ci.lb, res$ci.ub, res$tau2,
                       res$QE.LRT, res$QEp.LRT, res$k, logLik(res))
  # (the ML fit of Rothman's two tables, whose tau^2 is 0, stops with "Cannot fit ML model")
  for (dm in list(c("rothman", "EE"), c("niel", "EE"), c("niel", "ML"))) {
    d <- dm[1]; m <- dm[2]
    cols <- if (d == "niel") "ai = ai, n1i = n1i, ci = ci, n2i = n2i" else "ai = ai, bi = bi, ci = ci, di = di"
    call <- sprintf('rma.glmm(measure = "OR", %s, data = %s, model = "CM.EL", method = "%s", control = list(optCtrl = list(reltol = 1e-14), dnchgprec = 1e-12))', cols, d, m)
    show(call, g(suppressWarnings(eval(parse(text = call)))))
  }
}
