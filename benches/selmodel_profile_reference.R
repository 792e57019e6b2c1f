# Reference values for tests/meta_selmodel_profile.rs: profile-likelihood intervals of a
# selection model's tau^2 and delta (metafor 3.8-1 confint() of a selmodel fit), the fits and
# their refits at optim BFGS reltol 1e-15 (integrate rel.tol 1e-12), uniroot tol 1e-12 (the
# default, .Machine$double.eps^0.25 = 1.2e-4, is what metafor's published values carry).
# The truncated model's are in benches/selmodel_trunc_reference.R.
# Rscript benches/selmodel_profile_reference.R
suppressMessages(library(metafor))
ctl <- list(optimizer="optim", optmethod="BFGS", reltol=1e-15, maxit=10000,
            intCtrl=list(rel.tol=1e-12, subdivisions=1000L))
show <- function(label, sav, ci) {
  cat(label, "\n")
  print(c(sav$tau2, sav$delta, sav$ll), digits=17)
  if (!is.null(ci$random)) ci <- list(ci)
  for (r in ci[sapply(ci, is.list)]) print(r$random[1,], digits=17)
}
dat <- read.csv("tests/data/hackshaw1998.csv")
res <- rma(yi, vi, data=dat)
sav <- selmodel(res, type="stepfun", steps=c(0.05, 0.10, 0.50, 1.00), control=ctl)
show("stepfun 0.05,0.10,0.50 (test_misc_selmodel.r lines 37-41)", sav, confint(sav, control=list(tol=1e-12)))
pre <- read.csv("tests/data/preston2004.csv")
res <- rma(yi, vi, data=pre, method="EE")
sav <- selmodel(res, type="negexp", alternative="less", control=ctl)
show("negexp, Preston, EE, less", sav, confint(sav, control=list(tol=1e-12)))
