# Reference values for tests/effect_correlation.rs (issue 23, item 10: COR and ZCOR):
# metafor 3.8-1 on R 4.2.2, data sets from metadat as shipped with it.
# Run from the crate root:  Rscript benches/meta_correlation_reference.R
suppressMessages(library(metafor))
f <- function(x) { s <- sprintf("%.17g", x); ifelse(grepl("[.en]", s), s, paste0(s, ".0")) }
vec <- function(x) paste0("[", paste(f(x), collapse = ", "), "]")
show <- function(call) { cat("// ", call, "\n", vec(eval(parse(text = call))), "\n", sep = "") }
molloy <- dat.molloy2014; molloy$study <- paste(molloy$authors, molloy$year)
write.csv(molloy[, c("study", "ri", "ni", "meanage")], "tests/data/correlations/molloy2014.csv", row.names = FALSE)
mcd <- dat.mcdaniel1994
write.csv(mcd[, c("study", "ri", "ni", "type")], "tests/data/correlations/mcdaniel1994.csv", row.names = FALSE)
rows <- c(1, 13, 33, 102)
for (m in c("COR", "ZCOR")) {
  show(sprintf('unlist(escalc(measure = "%s", ri = ri, ni = ni, data = mcd)[c(1, 13, 33, 102), c("yi", "vi")])', m))
  show(sprintf('unlist(escalc(measure = "%s", ri = ri, ni = ni, data = molloy)[1:6, c("yi", "vi")])', m))
}
fit <- function(res) c(res$beta, res$se, res$ci.lb, res$ci.ub, res$tau2, res$QE, res$I2, res$k)
cat("// fields: beta, se, ci.lb, ci.ub, tau2, QE, I2, k; then predict(transf = transf.ztor): pred, ci.lb, ci.ub, pi.lb, pi.ub\n")
ctrl <- "control = list(threshold = 1e-12, maxiter = 1000)"
for (d in c("molloy", "mcd")) {
  call <- sprintf('rma(measure = "ZCOR", ri = ri, ni = ni, data = %s, %s)', d, ctrl)
  res <- eval(parse(text = call)); cat("// ", call, "\n", vec(fit(res)), "\n", sep = "")
  p <- predict(res, transf = transf.ztor); cat("// predict(res, transf = transf.ztor)\n", vec(c(p$pred, p$ci.lb, p$ci.ub, p$pi.lb, p$pi.ub)), "\n", sep = "")
  call <- sprintf('rma(measure = "COR", ri = ri, ni = ni, data = %s, %s)', d, ctrl)
  res <- eval(parse(text = call)); cat("// ", call, "\n", vec(fit(res)), "\n", sep = "")
}
