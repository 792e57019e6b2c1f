# metafor 3.8-1 references for user weights, weighted = FALSE and GENQ (tests/meta_parity_extra.rs).
# Run from the repository root: Rscript benches/meta_weights_reference.R > /tmp/w.out; it also writes
# tests/data/jackson2014_example2.csv and tests/data/linde2005_viechtbauer2007b.csv.
suppressMessages(library(metafor))
options(digits=17)
ctl <- list(threshold=1e-12, maxiter=1000)
out <- function(name, r) {
  fs <- fitstats(r, REML=FALSE); fr <- fitstats(r, REML=TRUE)
  p <- predict(r)
  v <- c(coef(r), r$se, r$ci.lb, r$ci.ub, r$tau2, ifelse(is.null(r$se.tau2)||is.na(r$se.tau2), NaN, r$se.tau2), r$QE, r$QM, r$QMp, r$I2, ifelse(is.null(r$R2), NaN, r$R2), fs[1,1], fr[1,1], weights(r))
  if (length(coef(r)) == 1) v <- c(v, p$pi.lb, p$pi.ub)
  cat(name, "\n"); cat(sprintf("%.17g", v), sep=",\n"); cat("\n")
}
d <- read.csv("tests/data/bcg.csv")
out("DL weights 1:13", rma(yi, vi, data=d, method="DL", weights=1:13))
out("REML ~ ablat weights 1:13", rma(yi, vi, mods=~ablat, data=d, weights=1:13, control=ctl))
out("REML ~ ablat unweighted knha", rma(yi, vi, mods=~ablat, data=d, weighted=FALSE, test="knha", control=ctl))
out("FE ~ ablat weights 1:13", rma(yi, vi, mods=~ablat, data=d, method="FE", weights=1:13))
out("DL unweighted", rma(yi, vi, data=d, method="DL", weighted=FALSE))
yi <- c(0.54, 0.4, 0.64, 0.365, 0.835, 0.02, 0.12, 0.085, 1.18, 0.08, 0.18, 0.325, 0.06, 0.715, 0.065, 0.245, 0.24, 0.06, 0.19)
vi <- c(0.0176, 0.019, 0.0906, 0.0861, 0.0063, 0.0126, 0.0126, 0.0041, 0.0759, 0.0126, 0.0104, 0.0242, 0.0026, 0.2629, 0.0169, 0.0156, 0.0481, 0.0084, 0.0044)
xi <- c(1986, 1987, 1988, 1988, 1998, 1999, 2000, 2000, 2000, 2001, 2001, 2001, 2002, 2002, 2002, 2002, 2003, 2003, 2003)
w17 <- function(df, f) { df[] <- lapply(df, function(x) if (is.numeric(x)) sprintf("%.17g", x) else x); write.csv(df, f, row.names=FALSE, quote=FALSE) }
w17(data.frame(yi=yi, vi=vi, xi=xi, w=1/sqrt(vi)), "tests/data/jackson2014_example2.csv")
out("GENQ jackson2 ~ xi weights 1/sqrt(vi)", rma(yi, vi, mods=~xi, method="GENQ", weights=1/sqrt(vi)))
out("GENQ jackson2 ~ xi weights 1/sqrt(vi) knha", rma(yi, vi, mods=~xi, method="GENQ", weights=1/sqrt(vi), test="knha"))
dat <- escalc(measure="RR", ai=ai, ci=ci, n1i=n1i, n2i=n2i, data=dat.linde2005)
dat <- dat[c(7:10,13:25), c(13:16,18:19,11,6,7,9)]
dat$dosage <- (dat$dosage * 7) / 1000
dat$dose_c <- dat$dosage - 34; dat$base_c <- dat$baseline - 20; dat$inter <- dat$dose_c*dat$base_c; dat$n <- dat$n1i + dat$n2i
w17(data.frame(yi=as.numeric(dat$yi), vi=dat$vi, dose_c=dat$dose_c, base_c=dat$base_c, inter=dat$inter, n=dat$n), "tests/data/linde2005_viechtbauer2007b.csv")
out("GENQ linde ~ dose*base weights n", rma(yi, vi, mods=~dose_c+base_c+inter, data=dat, method="GENQ", weights=n))
