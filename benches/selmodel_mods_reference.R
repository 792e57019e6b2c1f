# Reference values for tests/meta_selmodel_mods.rs: selection models with moderators
# (metafor 3.8-1 selmodel() on a meta-regression fitted by ML or EE), with tight tolerances.
#   Rscript benches/selmodel_mods_reference.R
# Part 1: metafor's selmodel() itself, optim BFGS reltol 1e-15, integrate rel.tol 1e-12
# (nlminb at rel.tol 1e-12 reports no convergence on these fits).
# Part 2: for the beta function on Lehmann 2018, metafor's integral over (-Inf, Inf) is off by
# 1.2e-7 in the log-likelihood (the clamp of p at pval.min puts two kinks in the integrand);
# the same likelihood (metafor's .selmodel.ll.cont, written out) with the integral split at
# the kinks, maximised by optim and differentiated by numDeriv, is the reference there.
suppressMessages(library(metafor))
suppressMessages(library(numDeriv))
show <- function(sav) {
  print(c(ll=sav$ll, sav$beta, sav$se, tau2=sav$tau2, se.tau2=sav$se.tau2, sav$delta,
          sav$se.delta, LRT=sav$LRT, QM=sav$QM, QMp=sav$QMp), digits=15)
}
ctl <- list(optimizer="optim", optmethod="BFGS", reltol=1e-15, maxit=10000,
            intCtrl=list(rel.tol=1e-12, subdivisions=1000L))

bcg <- read.csv("tests/data/bcg.csv")
res <- rma(yi, vi, mods = ~ ablat, data=bcg, method="ML", control=list(threshold=1e-12))
for (type in c("beta", "halfnorm", "negexp")) {
  cat("bcg", type, "\n"); show(selmodel(res, type=type, control=ctl))
}

leh <- read.csv("tests/data/lehmann2018.csv")
res <- rma(yi, vi, mods = ~ Gender + Preregistered, data=leh, method="ML", control=list(threshold=1e-12))
cat("lehmann ML stepfun 0.025, 0.5\n"); show(selmodel(res, type="stepfun", steps=c(0.025, 0.5), control=ctl))
res.ee <- rma(yi, vi, mods = ~ Gender + Preregistered, data=leh, method="EE")
cat("lehmann EE stepfun 0.025, 0.5\n"); show(selmodel(res.ee, type="stepfun", steps=c(0.025, 0.5), control=ctl))
sav <- selmodel(res, type="beta", control=ctl)
cat("lehmann ML beta, metafor's own integral\n"); show(sav)

# Part 2: the beta likelihood with the integral split at the kinks of the clamp.
X <- model.matrix(~ Gender + Preregistered, leh)
pmin <- 1e-5
ll <- function(par) {
  beta <- par[1:3]; tau2 <- par[4]; delta <- par[5:6]
  if (tau2 < 0 || any(delta <= 0)) return(-Inf)
  w <- function(p) { p <- pmin(pmax(p, pmin), 1 - pmin); p^(delta[1] - 1) * (1 - p)^(delta[2] - 1) }
  yhat <- c(X %*% beta); s <- 0
  for (i in seq_along(leh$yi)) {
    sd <- sqrt(leh$vi[i]); sig <- sqrt(leh$vi[i] + tau2)
    g <- function(y) w(pnorm(y / sd, lower.tail=FALSE)) * dnorm(y, yhat[i], sig)
    lim <- yhat[i] + c(-12, 12) * sig
    k <- sort(c(lim, qnorm(c(pmin, 1 - pmin), lower.tail=FALSE) * sd))
    k <- k[k >= lim[1] & k <= lim[2]]
    A <- sum(sapply(seq_len(length(k) - 1), function(j)
      integrate(g, k[j], k[j + 1], rel.tol=1e-14, subdivisions=2000L)$value))
    s <- s + log(w(pnorm(leh$yi[i] / sd, lower.tail=FALSE))) +
      dnorm(leh$yi[i], yhat[i], sig, log=TRUE) - log(A)
  }
  s
}
start <- c(sav$beta, sav$tau2, sav$delta)
opt <- optim(start, function(p) -ll(p), method="BFGS",
             control=list(reltol=1e-15, maxit=10000, parscale=abs(start)))
H <- hessian(ll, opt$par)
V <- solve(-H)
b2 <- opt$par[2:3]
cat("lehmann ML beta, integral split at the kinks\n")
print(c(ll=-opt$value, opt$par, se=sqrt(diag(V)), QM=c(t(b2) %*% solve(V[2:3, 2:3]) %*% b2)), digits=15)

# Part 3: the test for heterogeneity within the selection model (metafor's LRT.tau2: the
# same selection model refitted with tau^2 = 0) and QM on a btt carried over from the model.
cat("lehmann ML stepfun: LRT.tau2, LRTp.tau2\n")
sav <- selmodel(res, type="stepfun", steps=c(0.025, 0.5), control=ctl)
print(c(sav$LRT.tau2, sav$LRTp.tau2), digits=15)
hk <- read.csv("tests/data/hackshaw1998.csv")
res.hk <- rma(yi, vi, data=hk, method="ML", control=list(threshold=1e-12))
for (type in c("stepfun", "halfnorm", "negexp")) {
  sav <- if (type == "stepfun") selmodel(res.hk, type=type, steps=c(0.05, 0.5), control=ctl) else
    selmodel(res.hk, type=type, control=ctl)
  cat("hackshaw", type, ": ll, LRT.tau2, LRTp.tau2\n"); print(c(sav$ll, sav$LRT.tau2, sav$LRTp.tau2), digits=15)
}
res.btt <- rma(yi, vi, mods = ~ ablat + year + alloc, data=bcg, method="ML", btt=4:5, control=list(threshold=1e-12))
sav <- selmodel(res.btt, type="halfnorm", control=ctl)
cat("bcg ~ ablat + year + alloc, btt = 4:5, halfnorm: ll, QM, QMdf, QMp\n")
print(c(sav$ll, sav$QM, sav$QMdf[1], sav$QMp), digits=15)
