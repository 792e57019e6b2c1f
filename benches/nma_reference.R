# Reference values for `trialstats nma` (tests/nma_reference.rs), written out from netmeta's
# formulas (netmeta is not packaged for this R; guido-s/netmeta R/nma.ruecker.R, multiarm.R,
# netmeta.R, netmeasures.R, netrank.R, decomp.tau.R; meta's R/meta-het.R for the I2 CI),
# and checked against metafor::rma.mv (common effect; REML with rho = 1/2).
# R 4.2.2, metafor 3.8.1, MASS. Run from the repository root:
#   Rscript benches/nma_reference.R > tests/data/nma/reference_output.txt
suppressMessages({ library(metafor); library(MASS) })
p <- function(label, x) cat(label, paste(sprintf("%.15g", x), collapse = " "), "\n")
dir <- "tests/data/nma/"

# ---- the contrast files the tests read (from arm-level data, as netmeta's pairwise()) ----
# All pairs of arms of each study, treat1 = the later arm in file order against the earlier
# (pairwise() order), OR with 0.5 added to every cell of a study with a zero cell.
pairs_of <- function(arms, measure) {
  out <- NULL
  for (s in unique(arms$study)) {
    a <- arms[arms$study == s, ]
    k <- nrow(a)
    if (measure == "OR") {
      zero <- any(a$events == 0 | a$events == a$n)
      inc <- if (zero) 0.5 else 0
    }
    for (i in 1:(k - 1)) for (j in (i + 1):k) {
      if (measure == "OR") {
        e <- escalc("OR", ai = a$events[i] + inc, n1i = a$n[i] + 2 * inc,
                    ci = a$events[j] + inc, n2i = a$n[j] + 2 * inc)
      } else {
        e <- escalc("MD", m1i = a$mean[i], sd1i = a$sd[i], n1i = a$n[i],
                    m2i = a$mean[j], sd2i = a$sd[j], n2i = a$n[j])
      }
      out <- rbind(out, data.frame(studlab = s, treat1 = a$treatment[i], treat2 = a$treatment[j],
                                   TE = as.numeric(e$yi), seTE = sqrt(as.numeric(e$vi))))
    }
  }
  out
}
sc <- pairs_of(read.csv(paste0(dir, "smokingcessation_arms.csv")), "OR")
write.csv(sc, paste0(dir, "smokingcessation.csv"), row.names = FALSE, quote = FALSE)
fr <- pairs_of(read.csv(paste0(dir, "franchini2012_arms.csv")), "MD")
write.csv(fr, paste0(dir, "franchini2012.csv"), row.names = FALSE, quote = TRUE)

# ---- netmeta's model, from its formulas ----
# Reduced edge variances of a multi-arm study (netmeta's multiarm(): Gutman & Xiao, Thm 7).
reduced <- function(r, t1, t2) {
  tr <- unique(c(t1, t2)); k <- length(tr)
  if (k == 2) return(r)
  R <- matrix(0, k, k)
  for (e in seq_along(r)) { i <- match(t1[e], tr); j <- match(t2[e], tr); R[i, j] <- R[j, i] <- r[e] }
  C <- diag(k) - matrix(1 / k, k, k)
  L <- ginv(-0.5 * C %*% R %*% C)
  W <- diag(diag(L)) - L
  sapply(seq_along(r), function(e) 1 / W[match(t1[e], tr), match(t2[e], tr)])
}
fit_net <- function(d, var) {
  trts <- sort(unique(c(d$treat1, d$treat2))); n <- length(trts); m <- nrow(d)
  v <- numeric(m)
  for (s in unique(d$studlab)) { i <- which(d$studlab == s); v[i] <- reduced(var[i], d$treat1[i], d$treat2[i]) }
  B <- matrix(0, m, n); B[cbind(1:m, match(d$treat1, trts))] <- 1; B[cbind(1:m, match(d$treat2, trts))] <- -1
  W <- diag(1 / v); L <- t(B) %*% W %*% B; Lp <- ginv(L)
  phi <- Lp %*% t(B) %*% W %*% d$TE
  TE <- outer(as.vector(phi), as.vector(phi), "-")
  SE <- sqrt(outer(diag(Lp), diag(Lp), "+") - 2 * Lp)
  H <- B %*% Lp %*% t(B) %*% W
  fitted <- as.vector(B %*% phi)
  Q <- sum((d$TE - fitted)^2 / v)
  narms <- table(d$studlab); narms <- (1 + sqrt(1 + 8 * as.vector(narms))) / 2
  df <- sum(narms - 1) - (n - 1)
  E <- outer(d$studlab, d$studlab, "==") * 1
  trace <- sum(diag((diag(m) - H) %*% (B %*% t(B) * E / 2) %*% W))
  list(trts = trts, TE = TE, SE = SE, Q = Q, df = df, tau2 = max(0, (Q - df) / trace),
       dimnames = trts)
}
isq <- function(Q, df, level = 0.95) {   # meta's calcH / isquared
  k <- df + 1; H <- sqrt(Q / df)
  se <- if (Q > k) 0.5 * (log(Q) - log(k - 1)) / (sqrt(2 * Q) - sqrt(2 * k - 3)) else
        sqrt(1 / (2 * (k - 2)) * (1 - 1 / (3 * (k - 2)^2)))
  z <- qnorm(1 - (1 - level) / 2); lh <- log(max(H, 1))
  f <- function(x) (x^2 - 1) / x^2
  c(f(exp(lh)), f(max(exp(lh - z * se), 1)), f(max(exp(lh + z * se), 1)))
}
pscores <- function(TE, SE, small = "good") {   # netrank(): P-scores from two-sided p-values
  P <- 2 * pnorm(-abs(TE / SE)); w <- (1 + sign(TE)) / 2
  M <- if (small == "good") w * P / 2 + (1 - w) * (1 - P / 2) else w * (1 - P / 2) + (1 - w) * P / 2
  diag(M) <- NA; rowMeans(M, na.rm = TRUE)
}
pool <- function(te, var) { w <- 1 / var; c(sum(w * te) / sum(w), sqrt(1 / sum(w)), sum(w * (te - sum(w * te) / sum(w))^2)) }
netsplit <- function(d, net, tau2) {    # back-calculation (netmeta.R, netmeasures.R)
  tr <- net$trts; out <- NULL
  for (i in 1:(length(tr) - 1)) for (j in (i + 1):length(tr)) {
    a <- tr[i]; b <- tr[j]
    sel1 <- d$treat1 == a & d$treat2 == b; sel2 <- d$treat1 == b & d$treat2 == a
    if (!any(sel1 | sel2)) next
    te <- c(d$TE[sel1], -d$TE[sel2]); v <- c(d$seTE[sel1], d$seTE[sel2])^2 + tau2
    dir <- pool(te, v)
    nte <- net$TE[i, j]; nse <- net$SE[i, j]; P <- nse^2 / dir[2]^2
    if (abs(P - 1) < sqrt(.Machine$double.eps)) { ind <- c(NA, NA) } else
      ind <- c((nte - P * dir[1]) / (1 - P), sqrt(nse^2 / (1 - P)))
    diff <- dir[1] - ind[1]; sed <- sqrt(dir[2]^2 + ind[2]^2)
    out <- rbind(out, data.frame(comparison = paste(a, b, sep = ":"), direct = dir[1], se_direct = dir[2],
      indirect = ind[1], se_indirect = ind[2], difference = diff, p = 2 * pnorm(-abs(diff / sed)), prop = P))
  }
  out
}
# Q within designs (decomp.tau: each design's studies against the design's own common effect,
# multi-arm designs with their contrasts' covariance; here all arms in a design against its
# first treatment in sorted order).
q_within <- function(d) {
  design <- tapply(c(d$treat1, d$treat2), c(d$studlab, d$studlab), function(x) paste(sort(unique(x)), collapse = ":"))
  qw <- 0; dfw <- 0
  for (des in unique(design)) {
    st <- names(design)[design == des]; tr <- strsplit(des, ":")[[1]]; k <- length(tr)
    ys <- list(); Vs <- list()
    for (s in st) {
      x <- d[d$studlab == s, ]
      con <- function(a, b) { r <- which(x$treat1 == a & x$treat2 == b); if (length(r)) c(x$TE[r], x$seTE[r]^2) else { r <- which(x$treat1 == b & x$treat2 == a); c(-x$TE[r], x$seTE[r]^2) } }
      y <- sapply(tr[-1], function(t) con(t, tr[1])[1]); vv <- sapply(tr[-1], function(t) con(t, tr[1])[2])
      V <- diag(vv, k - 1)
      if (k > 2) for (a in 2:(k - 1)) for (b in (a + 1):k) if (a != b) {
        V[a - 1, b - 1] <- V[b - 1, a - 1] <- (vv[a - 1] + vv[b - 1] - con(tr[a], tr[b])[2]) / 2 }
      ys[[s]] <- y; Vs[[s]] <- V
    }
    A <- Reduce(`+`, lapply(Vs, solve)); c0 <- Reduce(`+`, Map(function(V, y) solve(V, y), Vs, ys))
    mu <- solve(A, c0)
    qw <- qw + sum(sapply(st, function(s) { r <- ys[[s]] - mu; sum(r * solve(Vs[[s]], r)) }))
    dfw <- dfw + (length(st) - 1) * (k - 1)
  }
  c(qw, dfw)
}
# Basic contrasts (each arm against the study's first treatment in sorted order) with their
# exact covariance, for rma.mv.
basic <- function(d) {
  out <- NULL; Vl <- list()
  for (s in unique(d$studlab)) {
    x <- d[d$studlab == s, ]; tr <- sort(unique(c(x$treat1, x$treat2))); k <- length(tr)
    con <- function(a, b) { r <- which(x$treat1 == a & x$treat2 == b); if (length(r)) c(x$TE[r], x$seTE[r]^2) else { r <- which(x$treat1 == b & x$treat2 == a); c(-x$TE[r], x$seTE[r]^2) } }
    vv <- sapply(tr[-1], function(t) con(t, tr[1])[2]); V <- diag(vv, k - 1)
    if (k > 2) for (a in 2:(k - 1)) for (b in (a + 1):k) V[a - 1, b - 1] <- V[b - 1, a - 1] <- (vv[a - 1] + vv[b - 1] - con(tr[a], tr[b])[2]) / 2
    out <- rbind(out, data.frame(study = s, t = tr[-1], base = tr[1], yi = sapply(tr[-1], function(t) con(t, tr[1])[1])))
    Vl[[s]] <- V
  }
  list(data = out, V = bdiag_list(Vl))
}
bdiag_list <- function(l) { n <- sum(sapply(l, nrow)); M <- matrix(0, n, n); o <- 0
  for (V in l) { k <- nrow(V); M[o + 1:k, o + 1:k] <- V; o <- o + k }; M }

# netmeta's random-effects between-designs Q (decomp.design's Q.inc.random; tau.within.R,
# decomp.tau.R, nma.krahn.R): tau.within is the moment estimate in the full
# design-by-treatment interaction model (one effect per design and comparison) on all basic
# contrasts at once, with netmeta's per-study structure V0 = (I + J) / 2; then every pairwise
# variance gets tau.within^2 (so a multi-arm study's basic contrasts get covariance
# tau^2 / 2) and Q is split again: Q of the network (reduced weights, fit_net) minus Q within
# designs. Checked with rma.mv: the network's QE and the interaction model's QE at V + tau^2 V0.
inc_random <- function(d, ref) {
  b <- basic(d); N <- nrow(b$data)
  design <- tapply(c(d$treat1, d$treat2), c(d$studlab, d$studlab), function(x) paste(sort(unique(x)), collapse = ":"))
  key <- paste(design[b$data$study], b$data$t, sep = "_"); cols <- unique(key)
  X <- sapply(cols, function(k) as.numeric(key == k))
  V0 <- bdiag_list(lapply(unique(b$data$study), function(s) { m <- sum(b$data$study == s); diag(m) / 2 + matrix(0.5, m, m) }))
  W0 <- solve(b$V); C <- solve(t(X) %*% W0 %*% X); r <- b$data$yi - X %*% C %*% t(X) %*% W0 %*% b$data$yi
  Q <- as.numeric(t(r) %*% W0 %*% r)
  tr1 <- sum(diag(W0 %*% V0)); tr2 <- sum(diag(C %*% t(X) %*% W0 %*% V0 %*% W0 %*% X))
  tau2 <- if (isTRUE(all.equal(tr1, tr2))) 0 else max(0, (Q - N + ncol(X)) / (tr1 - tr2))
  di <- d; di$seTE <- sqrt(d$seTE^2 + tau2)
  qnet <- fit_net(di, di$seTE^2)$Q; qw <- q_within(di)
  tr <- sort(unique(c(d$treat1, d$treat2))); r0 <- match(ref, tr)
  Xn <- sapply(tr[-r0], function(t) (b$data$t == t) - (b$data$base == t))
  Vt <- b$V + tau2 * V0
  chk <- c(rma.mv(b$data$yi, Vt, mods = Xn, intercept = FALSE)$QE - qnet,
           rma.mv(b$data$yi, Vt, mods = X, intercept = FALSE)$QE - qw[1])
  if (max(abs(chk)) > 1e-8) stop("rma.mv disagrees: ", paste(chk, collapse = " "))
  c(tau2, qnet - qw[1], ncol(X) - (length(tr) - 1))
}

report <- function(name, d, ref) {
  cat("#####", name, "reference", ref, "\n")
  ce <- fit_net(d, d$seTE^2)
  p(paste(name, "Q df"), c(ce$Q, ce$df)); p(paste(name, "tau2 DL"), ce$tau2)
  re <- fit_net(d, d$seTE^2 + ce$tau2)
  iq <- isq(ce$Q, ce$df); p(paste(name, "I2 lower upper"), iq)
  qw <- q_within(d); p(paste(name, "Q within df"), qw); p(paste(name, "Q between df"), c(ce$Q - qw[1], ce$df - qw[2]))
  p(paste(name, "random: tau2.within, Q between designs, df"), inc_random(d, ref))
  tr <- ce$trts; r <- match(ref, tr)
  for (mod in list(list("common", ce), list("random", re))) {
    f <- mod[[2]]
    p(paste(name, mod[[1]], "treatments"), seq_along(tr)); cat(name, mod[[1]], "order", tr, "\n")
    p(paste(name, mod[[1]], "TE vs ref"), f$TE[, r]); p(paste(name, mod[[1]], "seTE vs ref"), f$SE[, r])
    p(paste(name, mod[[1]], "Pscore good"), pscores(f$TE, f$SE, "good"))
    p(paste(name, mod[[1]], "Pscore bad"), pscores(f$TE, f$SE, "bad"))
    cat(name, mod[[1]], "league", tr[1], "vs", tr[2], sprintf("%.15g", f$TE[1, 2]), sprintf("%.15g", f$SE[1, 2]), "\n")
    ns <- netsplit(d, f, if (mod[[1]] == "common") 0 else ce$tau2)
    for (i in seq_len(nrow(ns))) cat(name, mod[[1]], "netsplit", ns$comparison[i], sprintf("%.15g", unlist(ns[i, -1])), "\n")
  }
  # metafor: the same common-effect and the REML model (rho = 1/2)
  b <- basic(d); X <- sapply(tr[-r], function(t) (b$data$t == t) - (b$data$base == t))
  b$data$comp <- paste(b$data$t, b$data$base)
  fe <- rma.mv(b$data$yi, b$V, mods = X, intercept = FALSE)
  p(paste(name, "rma.mv FE beta"), fe$beta); p(paste(name, "rma.mv FE se"), fe$se); p(paste(name, "rma.mv FE QE"), fe$QE)
  reml_fit <- function(ctrl) rma.mv(b$data$yi, b$V, mods = X, intercept = FALSE, random = ~ comp | study,
                 rho = 1/2, data = b$data, control = ctrl)
  # nlminb at a tight tolerance; where it stops without converging, BFGS at reltol 1e-15
  # (one parameter).
  reml <- tryCatch(reml_fit(list(rel.tol = 1e-12, iter.max = 10000, eval.max = 10000)),
                   error = function(e) reml_fit(list(optimizer = "optim", optmethod = "BFGS", reltol = 1e-15)))
  p(paste(name, "rma.mv REML tau2"), reml$tau2); p(paste(name, "rma.mv REML beta"), reml$beta); p(paste(name, "rma.mv REML se"), reml$se)
  p(paste(name, "rma.mv REML logLik"), logLik(reml))
}
report("senn2013", read.csv(paste0(dir, "senn2013.csv")), "plac")
report("smokingcessation", sc, "A")
report("franchini2012", fr, "Placebo")
