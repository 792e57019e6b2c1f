# Reference values for tests/meta_selmodel_prec.rs: metafor 3.8-1 selmodel(prec = ...),
# selection depending on precision, with tight tolerances (optim BFGS reltol 1e-15, or where
# it fails nlminb rel.tol 1e-12; integrate rel.tol 1e-12). Each fit's log-likelihood is
# printed twice: as the fit reports it and as metafor evaluates it again at the estimates
# (every parameter fixed), which the tests compare with.
# Preston 2004 (tests/data/preston2004.csv: escalc(measure = "OR", ..., drop00 = TRUE) of
# test_misc_selmodel.r, ni = n1i + n2i) by EE with alternative = "less", as metafor's own
# tests (lines 146-160); Hackshaw 1998 by ML.
# Rscript benches/selmodel_prec_reference.R
suppressMessages(library(metafor))
ic <- list(rel.tol=1e-12, subdivisions=1000L)
bfgs <- list(optimizer="optim", optmethod="BFGS", reltol=1e-15, maxit=10000, intCtrl=ic)
nlm <- list(optimizer="nlminb", rel.tol=1e-12, eval.max=10000, iter.max=10000, intCtrl=ic)
fit <- function(res, ...) {
  s <- try(suppressWarnings(selmodel(res, ..., control=bfgs)), silent=TRUE)
  if (inherits(s, "try-error")) { cat("(nlminb) "); s <- suppressWarnings(selmodel(res, ..., control=nlm)) }
  delta <- ifelse(seq_along(s$delta) == 1 & isTRUE(s$type == "stepfun"), NA, s$delta)
  again <- suppressWarnings(selmodel(res, ..., beta=c(s$beta), tau2=s$tau2, delta=s$delta,
                                     skiphes=TRUE, control=list(intCtrl=ic)))
  s$ll.again <- again$ll
  s
}
show <- function(label, s) {
  cat(label, "\n")
  print(c(s$beta, s$se, s$tau2, s$se.tau2, s$delta, s$se.delta, s$ll, s$ll.again, s$LRT), digits=17)
}
pre <- read.csv("tests/data/preston2004.csv")
res <- rma(yi, vi, data=pre, ni=ni, method="EE")
for (type in c("halfnorm","negexp","logistic","power")) {
  show(paste(type, "prec=sei scaleprec=FALSE"),
       fit(res, type=type, prec="sei", alternative="less", scaleprec=FALSE))
  show(paste(type, "prec=sei steps=.05"),
       fit(res, type=type, prec="sei", alternative="less", steps=.05))
}
for (prec in c("vi","ninv","sqrtninv"))
  show(paste("negexp prec =", prec),
       fit(res, type="negexp", prec=prec, alternative="less"))
hack <- read.csv("tests/data/hackshaw1998.csv")
res <- rma(yi, vi, data=hack, method="ML", control=list(threshold=1e-12))
show("stepfun 0.05,0.5 prec=sei (ML)", fit(res, type="stepfun", steps=c(0.05, 0.5), prec="sei"))
show("halfnorm prec=sei (ML)", fit(res, type="halfnorm", prec="sei"))
