# References for `trialstats meta glmm --model CM.EL --mods` (tests/meta_glmm_mods.rs): the
# conditional binomial-normal meta-regression, metafor's rma.glmm(measure = "OR", mods = ~ ...,
# model = "CM.EL"), R 4.2.2, metafor 3.8-1.
#
#   Rscript benches/meta_glmm_mods_cmel_reference.R        (from the repository root; minutes)
#
# For each data set and moderator formula it prints
#   1. metafor's fit (dnchgcalc = "dnoncenhypergeom", as BiasedUrn is not installed here; its
#      default optimiser, nlminb), when it converges -- on dat.bcg ~ ablat its ML fit stops with
#      "Cannot fit ML model", and the refinement below starts from the fixed-effect fit and
#      tau = 0.1: beta, se, tau2, QM, QE.LRT, logLik. metafor integrates with R's
#      integrate at rel.tol 1.2e-4 and takes the Hessian by numDeriv on that, so its SEs are
#      good to about 1e-3;
#   2. a precise reference: the same likelihood written out from its definition (each table's
#      noncentral hypergeometric probability from lchoose, integrated against the normal by
#      integrate at rel.tol 1e-12 over the mode +- 40 curvature widths), maximised by optim
#      (BFGS, reltol 1e-15) from metafor's estimates and refined by Newton steps on numDeriv's
#      gradient and Hessian (Richardson), the SEs and QM from that Hessian; numeric moderators
#      centred and scaled for the fit as metafor's scaleX, and transformed back.
suppressPackageStartupMessages({ library(metafor); library(numDeriv) })
options(digits = 17)
bcg <- read.csv("tests/data/bcg_raw.csv")
niel <- read.csv("tests/data/tables/nielweise2007_year.csv")
niel$bi <- niel$n1i - niel$ai; niel$di <- niel$n2i - niel$ci
show <- function(label, x) cat(label, "\n  ", paste(format(x, digits = 17), collapse = ", "), "\n", sep = "")

# log P(a | theta) of each table: Fisher's noncentral hypergeometric distribution
table_lp <- function(a, b, c, d) {
  n1 <- a + b; n2 <- c + d; x <- a + c
  u <- max(0, x - n2):min(n1, x)
  lw <- lchoose(n1, u) + lchoose(n2, x - u)
  function(t) vapply(t, function(tt) { l <- lw + u * tt; m <- max(l); lw[u == a] + a * tt - m - log(sum(exp(l - m))) }, 0)
}
loglik <- function(lps, X, par) {
  p <- ncol(X); th <- c(X %*% par[1:p]); tau <- abs(par[p + 1])  # the likelihood is even in tau
  sum(vapply(seq_along(lps), function(i) {
    lp <- lps[[i]]
    if (tau == 0) return(lp(th[i]))
    h <- function(t) lp(t) + dnorm(t, th[i], tau, log = TRUE)
    mode <- optimize(h, c(th[i] - 30 * tau - 30, th[i] + 30 * tau + 30), maximum = TRUE, tol = 1e-12)$maximum
    h0 <- h(mode)
    curvature <- -c(numDeriv::hessian(h, mode))
    w <- 1 / sqrt(if (is.finite(curvature) && curvature > 0) curvature else 1 / tau^2)
    h0 + log(integrate(function(t) exp(h(t) - h0), mode - 40 * w, mode + 40 * w, rel.tol = 1e-12, subdivisions = 1000)$value)
  }, 0))
}

cases <- list(
  list(d = "bcg", mods = "~ ablat"),
  list(d = "bcg", mods = "~ alloc"),
  list(d = "niel", mods = "~ year")
)
for (cs in cases) {
  cat("\n==== ", cs$d, " ", cs$mods, " ====\n", sep = "")
  x <- get(cs$d)
  x <- x[!((x$ai == 0 & x$ci == 0) | (x$bi == 0 & x$di == 0)), ]
  X <- model.matrix(as.formula(cs$mods), x)
  p <- ncol(X)
  Tm <- diag(p); Xs <- X
  for (j in seq_len(p)[-1]) if (!all(X[, j] %in% c(0, 1))) {
    m <- mean(X[, j]); s <- sd(X[, j])
    Xs[, j] <- (X[, j] - m) / s; Tm[j, j] <- 1 / s; Tm[1, j] <- -m / s
  }
  lps <- lapply(seq_len(nrow(x)), function(i) table_lp(x$ai[i], x$bi[i], x$ci[i], x$di[i]))
  for (method in c("EE", "ML")) {
    call <- sprintf('rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = %s, data = %s, model = "CM.EL", method = "%s", control = list(dnchgcalc = "dnoncenhypergeom", optCtrl = list(reltol = 1e-12)))',
                    cs$mods, cs$d, method)
    cat(call, "\n")
    res <- tryCatch(suppressWarnings(eval(parse(text = call))), error = function(e) { cat("  metafor:", conditionMessage(e), "\n"); NULL })
    if (!is.null(res)) {
      show("  metafor beta", res$beta); show("  metafor se", res$se)
      show("  metafor tau2, QM, QMp, QE.LRT, QEp.LRT, logLik", c(res$tau2, res$QM, res$QMp, res$QE.LRT, res$QEp.LRT, logLik(res)))
      start <- c(solve(Tm, c(res$beta)), if (method == "ML") sqrt(res$tau2))
    } else {
      start <- c(ee, 0.1)  # from the fixed-effect fit
    }
    # the precise reference, on the scaled moderators
    f <- if (method == "ML") function(v) -loglik(lps, Xs, v) else function(v) -loglik(lps, Xs, c(v, 0))
    o <- optim(start, f, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
    par <- o$par
    for (it in 1:3) {
      g <- numDeriv::grad(f, par, method.args = list(r = 6))
      H <- numDeriv::hessian(f, par, method.args = list(r = 6))
      par <- par - solve(H, g)
      show(sprintf("  Newton step %d: -logLik, |gradient| before the step", it), c(f(par), max(abs(g))))
    }
    H <- numDeriv::hessian(f, par, method.args = list(r = 6))
    V <- solve(H)[seq_len(p), seq_len(p), drop = FALSE]
    Vb <- Tm %*% V %*% t(Tm)
    b <- c(Tm %*% par[seq_len(p)])
    QM <- c(t(b[-1]) %*% solve(Vb[-1, -1, drop = FALSE]) %*% b[-1])
    if (method == "EE") ee <- par
    show("  precise beta", b)
    show("  precise se", sqrt(diag(Vb)))
    show("  precise tau2, QM, QMp, logLik", c(if (method == "ML") par[p + 1]^2 else 0, QM, pchisq(QM, p - 1, lower.tail = FALSE), -f(par)))
  }
}

# The intercept-only model of dat.nielweise2007 (meta glmm --model CM.EL without --mods, whose
# SE now comes from the same extrapolated Hessian), the same way.
x <- niel[!((niel$ai == 0 & niel$ci == 0) | (niel$bi == 0 & niel$di == 0)), ]
X <- matrix(1, nrow(x), 1)
lps <- lapply(seq_len(nrow(x)), function(i) table_lp(x$ai[i], x$bi[i], x$ci[i], x$di[i]))
f <- function(v) -loglik(lps, X, v)
par <- optim(c(-1.35, 0.83), f, method = "BFGS", control = list(reltol = 1e-15))$par
for (it in 1:3) { g <- numDeriv::grad(f, par, method.args = list(r = 6)); H <- numDeriv::hessian(f, par, method.args = list(r = 6)); par <- par - solve(H, g) }
H <- numDeriv::hessian(f, par, method.args = list(r = 6))
show("niel ~ 1 CM.EL ML precise: beta, se, tau2, logLik", c(par[1], sqrt(solve(H)[1, 1]), par[2]^2, -f(par)))
