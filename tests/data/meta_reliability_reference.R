# Reference values for tests/meta_reliability.rs (metafor 3.8-1, R 4.2.2).
# Run from the crate root:  Rscript tests/data/meta_reliability_reference.R
# Every rma() call runs Fisher scoring and the Q-profile search to tight tolerances, so that
# the reference is the exact optimum. Where metafor cannot be the reference (k = 50,000 is
# beyond its k x k matrices; a study that carries all but 1e-7 of the weight makes its
# results unstable, as it warns), the numbers come from closed forms evaluated in R without
# cancellation, as each section says.
suppressMessages(library(metafor))
p <- function(name, x) cat(sprintf("%s: [%s]\n", name, paste(sprintf("%.17g", x), collapse = ", ")))
ctl <- list(threshold = 1e-12, maxiter = 10000, tol = 1e-12)

cat("## 1. identical studies (the Knapp-Hartung variance is exactly 0)\n")
for (k in 2:3) for (m in c("REML", "DL", "FE")) for (t in c("knha", "z")) {
  d <- data.frame(yi = rep(0.5, k), vi = rep(0.1, k))
  r <- rma(yi, vi, data = d, method = m, test = t, control = ctl)
  cat("k =", k, m, t, "\n")
  p("beta se zval pval ci", c(r$beta, r$se, r$zval, r$pval, r$ci.lb, r$ci.ub))
  p("tau2 QE QEp QM QMp I2 H2", c(r$tau2, r$QE, r$QEp, r$QM, r$QMp, r$I2, r$H2))
}
r <- rma(yi, vi, data = data.frame(yi = rep(0, 3), vi = rep(0.1, 3)), test = "knha", control = ctl)
p("all estimates 0, knha: beta se zval pval", c(r$beta, r$se, r$zval, r$pval))

cat("## 2. dat.hackshaw1998 with the publication year as moderator\n")
dat <- read.csv("tests/data/hackshaw1998.csv")
dat$year <- as.numeric(sub(".* ", "", dat$study))
stopifnot(all(dat$year == dat.hackshaw1998$year))
for (m in c("REML", "ML", "PM", "EB", "DL")) for (t in c("z", "knha")) {
  res <- rma(yi, vi, mods = ~ year, data = dat, method = m, test = t, control = ctl)
  ci <- confint(res, control = list(tol = 1e-12, tau2.max = 1e4))$random[1, 2:3]
  eg <- regtest(res)
  cat(m, t, "\n")
  p("beta", res$beta); p("se", res$se); p("pval", res$pval); p("ci_lb", res$ci.lb); p("ci_ub", res$ci.ub)
  p("tau2 se_tau2 ci", c(res$tau2, res$se.tau2, ci))
  p("i2 h2 qe qep qm qmp r2", c(res$I2, res$H2, res$QE, res$QEp, res$QM, res$QMp, res$R2))
  p("egger", c(eg$zval, eg$pval))
}

cat("## 3. bcg with ablat and year (the model that the shifted/scaled moderators reparametrise)\n")
bcg <- read.csv("tests/data/bcg.csv")
res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, control = ctl)
pr <- predict(res, newmods = cbind(0, -1e6))
p("tau2", res$tau2); p("beta", res$beta); p("se", res$se); p("QM QMp QE", c(res$QM, res$QMp, res$QE))
p("intercept at year = -1e6: pred se", c(pr$pred, pr$se))
bcg$year6 <- bcg$year + 1e6
print(tryCatch(rma(yi, vi, mods = ~ ablat + year6, data = bcg, control = ctl), error = conditionMessage))

cat("## 4. hackshaw with the first variance times 1e-8 (intercept-only), without cancellation\n")
y <- dat$yi; v <- dat$vi; v[1] <- v[1] * 1e-8; k <- length(y)
p("v[1]", v[1])
stab <- function(t) {  # P = W - w w'/sum(w), with sum(w[-i]) summed directly
  w <- 1 / (v + t); sw <- sum(w); a <- which.max(w)
  b <- y[a] + sum(w[-a] * (y[-a] - y[a])) / sw
  Pd <- w * sapply(1:k, function(i) sum(w[-i])) / sw
  off <- outer(w, w) / sw; diag(off) <- 0
  list(b = b, Q = sum(w * (y - b)^2), trP = sum(Pd), trPP = sum(Pd^2) + sum(off^2),
       yPPy = sum(w^2 * (y - b)^2), sw = sw)
}
s0 <- stab(0); df <- k - 1
tau2 <- max(0, (s0$Q - df) / s0$trP)
p("DL: Q tau2 se_tau2 I2", c(s0$Q, tau2, sqrt(2 * df + 4 * tau2 * s0$trP + 2 * tau2^2 * s0$trPP) / s0$trP,
                            100 * tau2 / (df / s0$trP + tau2)))
reml <- uniroot(function(t) { s <- stab(t); s$yPPy - s$trP }, c(1e-6, 1), tol = 1e-16)$root
sr <- stab(reml)
ciup <- uniroot(function(t) stab(t)$Q - qchisq(0.025, df), c(0, 1), tol = 1e-16)$root
p("REML: tau2 beta se se_tau2 I2 ci_ub", c(reml, sr$b, sqrt(1 / sr$sw), sqrt(2 / sr$trPP),
                                           100 * reml / (df / s0$trP + reml), ciup))
res <- suppressWarnings(rma(yi, v, data = data.frame(yi = y, v = v), method = "DL", control = ctl))
p("metafor's own DL (unstable): QE tau2 se_tau2", c(res$QE, res$tau2, res$se.tau2))

cat("## 5. k studies of awk 'BEGIN{for(i=0;i<100000;i++)printf \"%.2f,%.2f\\n\",(i%97)/100,0.01+(i%13)/100}'\n")
cat("##    (REML, from the 1,261 distinct (yi, vi) pairs with their counts: exact sums)\n")
i <- 0:99999; all <- data.frame(yi = (i %% 97) / 100, vi = (1 + i %% 13) / 100)
grouped <- function(d, sei = FALSE) {
  g <- aggregate(rep(1, nrow(d)), list(y = d$yi, v = d$vi), sum)
  list(y = g$y, v = g$v, n = g$x, X = if (sei) cbind(1, sqrt(g$v)) else matrix(1, nrow(g), 1), k = nrow(d))
}
mom <- function(G, t) {
  w <- G$n / (G$v + t); X <- G$X
  Ai <- solve(crossprod(X, w * X)); b <- Ai %*% crossprod(X, w * G$y); r <- as.vector(G$y - X %*% b)
  list(b = b, Ai = Ai, Q = sum(w * r^2), yPPy = sum(w * r^2 / (G$v + t)),
       trP = sum(w) - sum(diag(Ai %*% crossprod(X, w / (G$v + t) * X))), sw = sum(w))
}
reml <- function(G) uniroot(function(t) { m <- mom(G, t); m$yPPy - m$trP }, c(1e-4, 1), tol = 1e-17)$root
qroot <- function(G, target) uniroot(function(t) mom(G, t)$Q - target, c(0, 10), tol = 1e-17)$root
check <- rma(yi, vi, data = all[1:800, ], control = ctl)  # the grouped sums reproduce metafor
stopifnot(abs(reml(grouped(all[1:800, ])) / check$tau2 - 1) < 1e-10)
for (k in c(50000, 100000)) {
  G <- grouped(all[1:k, ]); t <- reml(G); m <- mom(G, t); m0 <- mom(G, 0); vt <- (k - 1) / m0$trP
  Ge <- grouped(all[1:k, ], TRUE); te <- reml(Ge); me <- mom(Ge, te)
  cat("k =", k, "\n")
  p("tau2 beta se QE I2 H2 ci_lb ci_ub egger_z", c(t, m$b[1], sqrt(m$Ai[1, 1]), m0$Q, 100 * t / (vt + t), t / vt + 1,
    qroot(G, qchisq(0.975, k - 1)), qroot(G, qchisq(0.025, k - 1)), me$b[2] / sqrt(me$Ai[2, 2])))
}
