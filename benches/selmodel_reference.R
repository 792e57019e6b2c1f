# Reference values for tests/meta_selmodel.rs: metafor 3.8-1 selmodel() with tight
# tolerances (nlminb rel.tol 1e-12, integrate rel.tol 1e-12) on Hackshaw 1998 (ML), and the
# power function on Preston 2004 (tests/data/preston2004.csv) with tight integration.
# Rscript benches/selmodel_reference.R   (beta and halfnorm do not converge with nlminb 1e-12)
suppressMessages(library(metafor))
dat <- read.csv("tests/data/hackshaw1998.csv")
res <- rma(yi, vi, data=dat, method="ML", control=list(threshold=1e-12))
ctl <- list(optimizer="nlminb", rel.tol=1e-12, eval.max=10000, iter.max=10000, intCtrl=list(rel.tol=1e-12, subdivisions=1000L))
for (type in c("beta","halfnorm","negexp","logistic","power")) {
  sav <- try(selmodel(res, type=type, control=ctl))
  if (inherits(sav, "try-error")) next
  cat(type, "\n")
  print(c(sav$beta, sav$se, sav$tau2, sav$se.tau2, sav$delta, sav$se.delta, sav$ll, sav$LRT), digits=17)
}
pre <- read.csv("tests/data/preston2004.csv")
res <- rma(yi, vi, data=pre, method="EE")
sav <- selmodel(res, type="power", alternative="less", control=list(intCtrl=list(rel.tol=1e-12, subdivisions=1000L)))
print(c(sav$delta, sav$se.delta, sav$ll), digits=15)
