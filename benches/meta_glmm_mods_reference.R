# References for `trialstats meta glmm --mods` (tests/meta_glmm_mods.rs): metafor's
# rma.glmm(measure = "OR", mods = ~ ..., model = "UM.FS") with R 4.2.2, metafor 3.8-1, lme4.
#
#   Rscript benches/meta_glmm_mods_reference.R            (from the repository root)
#
# For each data set and moderator formula it prints
#   1. metafor's fit, with glmer (bobyqa) run to rhoend = 1e-10: beta, se, zval, pval, ci.lb,
#      ci.ub (one of each per coefficient), tau2, QM, QMp, QE.Wld, QE.LRT, logLik (metafor's
#      ll.QE - deviance/2) -- and the same for method = "EE" (the GLM), then once more with glm
#      run to epsilon = 1e-14, whose vcov is then exact;
#   2. the same glmer model fitted by lme4 directly, with three optimisers (bobyqa, Nelder_Mead,
#      nloptwrap) at tight tolerances, and lme4's marginal logLik of each: the best of them is
#      the reference optimum;
#   3. lme4's optimum refined by Newton steps, and a precise covariance of the coefficients: the Hessian of lme4's own deviance function
#      (glmer(devFunOnly = TRUE), nAGQ = 7, PIRLS to tolPwrss = 1e-10) at that optimum by
#      numDeriv::hessian (Richardson extrapolation), inverted; its SEs and the Wald test QM of
#      the moderators from it. lme4's vcov (hence metafor's se) takes the Hessian by central
#      differences with step 1e-4 on a deviance whose inner iterations stop at tolPwrss = 1e-7,
#      so it agrees with the precise one to about 1e-4 only.
suppressPackageStartupMessages({ library(metafor); library(lme4); library(numDeriv) })
options(digits = 17)
bcg <- read.csv("tests/data/bcg_raw.csv")
niel <- read.csv("tests/data/tables/nielweise2007_year.csv")

show <- function(label, x) cat(label, "\n  ", paste(format(x, digits = 17), collapse = ", "), "\n", sep = "")

ctrl <- 'control = list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5)))'
# The fixed-effect model again with glm to epsilon = 1e-14: at glm's default 1e-8 its vcov
# (weights of the iteration before the last) is off by up to 1e-6. (Its saturated model then
# fails, so QE and logLik come from the first EE call.)
ctrl.glm <- 'control = list(glmCtrl = list(epsilon = 1e-14, maxit = 1000))'

cases <- list(
  list(d = "bcg", cols = "ai = ai, bi = bi, ci = ci, di = di", mods = "~ ablat"),
  list(d = "bcg", cols = "ai = ai, bi = bi, ci = ci, di = di", mods = "~ alloc"),
  list(d = "bcg", cols = "ai = ai, bi = bi, ci = ci, di = di", mods = "~ ablat + alloc"),
  list(d = "niel", cols = "ai = ai, n1i = n1i, ci = ci, n2i = n2i", mods = "~ year")
)

for (cs in cases) {
  cat("\n==== ", cs$d, " ", cs$mods, " ====\n", sep = "")
  for (m in c("ML", "EE", "EE tight")) {
    call <- sprintf('rma.glmm(measure = "OR", %s, mods = %s, data = %s, model = "UM.FS", method = "%s", %s)',
                    cs$cols, cs$mods, cs$d, substr(m, 1, 2), if (m == "EE tight") ctrl.glm else ctrl)
    res <- suppressWarnings(eval(parse(text = call)))
    cat(call, "\n")
    show("  beta", res$beta); show("  se", res$se); show("  zval", res$zval); show("  pval", res$pval)
    show("  ci.lb", res$ci.lb); show("  ci.ub", res$ci.ub)
    show("  tau2, QM, QMdf, QMp, QE.Wld, QEp.Wld, QE.LRT, QEp.LRT, k, logLik",
         c(res$tau2, res$QM, res$QMdf[1], res$QMp, res$QE.Wld, res$QEp.Wld, res$QE.LRT, res$QEp.LRT, res$k, logLik(res)))
    if (m != "ML") next
    # the glmer call metafor makes (X.fit = group1 * X, study intercepts, random +-1/2 slope),
    # with the numeric moderators centred and scaled as metafor's scaleX does (a year as a
    # moderator leaves glmer far from the optimum otherwise); beta = Tm beta_s, V = Tm V_s Tm'
    x <- get(cs$d)
    if (is.null(x$bi)) { x$bi <- x$n1i - x$ai; x$di <- x$n2i - x$ci }
    x <- x[!((x$ai == 0 & x$ci == 0) | (x$bi == 0 & x$di == 0)), ]
    k <- nrow(x)
    X <- model.matrix(as.formula(cs$mods), x)
    p <- ncol(X)
    Tm <- diag(p); Xs <- X
    for (j in seq_len(p)[-1]) if (!all(X[, j] %in% c(0, 1))) {
      m <- mean(X[, j]); s <- sd(X[, j])
      Xs[, j] <- (X[, j] - m) / s; Tm[j, j] <- 1 / s; Tm[1, j] <- -m / s
    }
    X.fit <- Xs[rep(seq_len(k), each = 2), , drop = FALSE] * rep(c(1, 0), k)
    long <- data.frame(xi = c(rbind(x$ai, x$ci)), mi = c(rbind(x$bi, x$di)),
                       group = rep(c(0.5, -0.5), k), study = factor(rep(seq_len(k), each = 2)))
    long$X.fit <- X.fit
    # lme4's logLik with nAGQ > 1 is -deviance/2 with the deviance taken against the saturated
    # model of the arms; trialstats' is the marginal log-likelihood itself, which adds the
    # saturated model's log-likelihood (binomial coefficients included)
    lconst <- sum(dbinom(x$ai, x$ai + x$bi, x$ai / (x$ai + x$bi), log = TRUE) +
                  dbinom(x$ci, x$ci + x$di, x$ci / (x$ci + x$di), log = TRUE))
    fits <- list(
      bobyqa = glmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-12, maxfun = 1e6)),
      Nelder_Mead = glmerControl(optimizer = "Nelder_Mead", optCtrl = list(FtolAbs = 1e-14, FtolRel = 1e-15, XtolRel = 1e-12, maxfun = 1e6)),
      nloptwrap = glmerControl(optimizer = "nloptwrap", optCtrl = list(ftol_abs = 1e-14, ftol_rel = 1e-15, xtol_rel = 1e-12, maxeval = 1e6)))
    best <- NULL
    for (o in names(fits)) {
      g <- suppressWarnings(suppressMessages(glmer(cbind(xi, mi) ~ -1 + X.fit + study + (group - 1 | study),
                                                   data = long, family = binomial, nAGQ = 7, control = fits[[o]])))
      show(sprintf("  glmer %s: logLik + binomial constants, beta (Tm fixef[1:p]), VarCorr", o),
           c(logLik(g) + lconst, Tm %*% fixef(g)[seq_len(p)], VarCorr(g)[[1]][1]))
      if (is.null(best) || logLik(g) > logLik(best)) best <- g
    }
    # lme4's deviance over (theta, all fixed effects), its optimum refined from the best glmer fit
    # by Newton steps on numDeriv's (Richardson) gradient and Hessian -- the likelihood of
    # dat.bcg ~ alloc is so flat that glmer's optimisers stop 3e-5 apart in beta -- and the
    # precise Hessian there
    devfun <- function(tol) glmer(cbind(xi, mi) ~ -1 + X.fit + study + (group - 1 | study), data = long,
                                  family = binomial, nAGQ = 7, devFunOnly = TRUE, control = glmerControl(tolPwrss = tol))
    dev <- devfun(1e-10)
    par <- c(getME(best, "theta"), fixef(best))
    if (!is.finite(tryCatch(dev(par), error = function(e) NA))) { dev <- devfun(1e-7); cat("  (tolPwrss 1e-7)\n") }
    free <- if (par[1] > 1e-6) seq_along(par) else seq_along(par)[-1]
    for (it in 1:3) {
      g <- numDeriv::grad(dev, par, method.args = list(r = 6))
      H <- numDeriv::hessian(dev, par, method.args = list(r = 6))
      par[free] <- par[free] - solve(H[free, free], g[free])
      show(sprintf("  Newton step %d: deviance, |gradient| before the step, theta", it), c(dev(par), max(abs(g[free])), par[1]))
    }
    H <- numDeriv::hessian(dev, par, method.args = list(r = 6))
    V <- 2 * solve(H[free, free])
    at <- length(free) - length(par) + 1 + seq_len(p)
    Vb <- Tm %*% V[at, at, drop = FALSE] %*% t(Tm)
    b <- c(Tm %*% par[1 + seq_len(p)])
    se <- sqrt(diag(Vb))
    QM <- if (p > 1) c(t(b[-1]) %*% solve(Vb[-1, -1, drop = FALSE]) %*% b[-1]) else NA
    show("  precise: beta", b)
    show("  precise: se", se)
    show("  precise: tau2, QM, QMp, logLik + binomial constants",
         c(par[1]^2, QM, pchisq(QM, p - 1, lower.tail = FALSE), -dev(par) / 2 + lconst))
    # trialstats' estimates, if the binary is there, on lme4's own deviance: the study
    # intercepts minimised for its (beta, tau) by BFGS from glmer's; lower is the better optimum
    bin <- Sys.getenv("TRIALSTATS", "target/debug/trialstats")
    if (file.exists(bin)) {
      file <- if (cs$d == "bcg") "tests/data/bcg_raw.csv" else "tests/data/tables/nielweise2007_year.csv"
      mods <- gsub(" ", "", gsub("+", ",", sub("~", "", cs$mods), fixed = TRUE))
      j <- jsonlite::fromJSON(system2(bin, c("meta", "glmm", file, "--mods", mods, "--format", "json"), stdout = TRUE))
      ours <- c(sqrt(j$tau2), solve(Tm, j$coefficients$estimate))
      alpha <- par[-seq_len(p + 1)]
      prof <- optim(alpha, function(a) dev(c(ours, a)), method = "BFGS", control = list(reltol = 1e-15, maxit = 1e4))
      show("  lme4 deviance at the refined optimum, at trialstats' estimates (intercepts profiled); trialstats' logLik",
           c(dev(par), prof$value, j$log_likelihood))
    }
  }
}
