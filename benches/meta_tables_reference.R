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
