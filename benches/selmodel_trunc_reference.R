# Reference values for tests/meta_selmodel_trunc.rs: the truncated-distribution selection
# model (selmodel(type = "trunc"), metafor >= 4.2). Only metafor 3.8-1 is installed here, so
# this runs metafor's own current code on top of it: R/selmodel.rma.uni.r,
# R/misc.func.hidden.selmodel.r and R/misc.func.hidden.r of github.com/wviechtb/metafor
# (commit 71ae8f5ac9befeacc6654ead1b03ff05c065d54d, version 5.1-12), sourced into an
# environment inside 3.8-1's namespace, with shims for functions 3.8-1 lacks. With
# metafor's defaults it reproduces test_misc_selmodel.r lines 197-204 (delta 0.3818424,
# se 0.2235527, LRT 3.054457, tau2 0.02677134); the references are the same fits with
# optim BFGS reltol 1e-15; the profile-likelihood intervals (confint(), test lines 206-208)
# with uniroot tol 1e-9 (1e-12 stops it: uniroot(check.conv = TRUE) refuses an unreached tolerance).
# METAFOR=/path/to/metafor/checkout Rscript benches/selmodel_trunc_reference.R
suppressMessages(library(metafor))
src <- Sys.getenv("METAFOR")
env <- new.env(parent=asNamespace("metafor"))
for (f in c("R/misc.func.hidden.r", "R/misc.func.hidden.selmodel.r", "R/selmodel.rma.uni.r",
            "R/misc.func.hidden.profile.r", "R/confint.rma.uni.selmodel.r"))
  sys.source(file.path(src, f), envir=env)
env$.get.mstyle <- function(...) metafor:::.get.mstyle(FALSE)
env$getmfopt <- function(x, default=NULL) default
env$selmodel <- function(x, ...) env$selmodel.rma.uni(x, ...) # the profile's refits
for (f in c(paste0("transf.", c("exp", "ilogit", "iprobit", "iabt", "iahw", "iarcsin", "ztor"), ".mode"),
            "transf.iprobit.int", "transf.dtocles.int", "transf.iabt.int", "transf.iahw.int", "transf.iarcsin.int"))
  if (!exists(f, envir=asNamespace("metafor"))) assign(f, function(...) NULL, envir=env) # named by confint()'s check of transf, unused here
tight <- list(optimizer="optim", optmethod="BFGS", reltol=1e-15, maxit=10000)
show <- function(label, s) {
  cat(label, "\n")
  print(c(s$beta, s$se, s$tau2, s$se.tau2, s$delta, s$se.delta, s$ll, s$LRT, s$LRT.tau2), digits=17)
}
dat <- read.csv("tests/data/hackshaw1998.csv")
res <- rma(yi, vi, data=dat, method="ML", control=list(threshold=1e-12))
show("trunc, metafor's defaults", env$selmodel.rma.uni(res, type="trunc"))
sav <- env$selmodel.rma.uni(res, type="trunc", control=tight)
show("trunc", sav)
# each component asked for by itself (confint()'s own loop over them re-evaluates its call,
# which does not find the sourced function)
ci.tau2 <- env$confint.rma.uni.selmodel(sav, tau2=1, control=list(tol=1e-9))
ci.delta <- env$confint.rma.uni.selmodel(sav, delta=1, control=list(tol=1e-9))
cat("trunc profile-likelihood CIs\n"); print(rbind(ci.tau2$random[1,], ci.delta$random[1,]), digits=17)
show("trunc steps = 0.2", env$selmodel.rma.uni(res, type="trunc", steps=0.2, control=tight))
show("trunc alternative = less, steps = 0.3",
     env$selmodel.rma.uni(res, type="trunc", alternative="less", steps=0.3, control=tight))
res <- rma(yi, vi, data=dat, method="EE")
show("trunc EE", env$selmodel.rma.uni(res, type="trunc", control=tight))
bcg <- read.csv("tests/data/bcg.csv")
res <- rma(yi, vi, mods = ~ ablat, data=bcg, method="ML")
show("trunc bcg ~ ablat, alternative = less", env$selmodel.rma.uni(res, type="trunc", alternative="less", control=tight))
