# Reference values for `trialstats glmm --family ordinal` (tests/glmm_ordinal.rs): writes
# ordinal's own wine data and a simulated stroke trial (modified Rankin scale 0-6, two arms,
# 40 sites; a fixed seed) to tests/data/ as CSV, reads them back and fits them with
# ordinal::clmm (2022.11-16) at tight tolerances, printing every number with 17 significant
# digits.
#   cd tests/data && Rscript ../../benches/glmm_ordinal_reference.R > glmm_ordinal_reference_output.txt 2>&1
# clmm's cumulative logit mixed model (Christensen 2019, ordinal's vignette "clmm2 tutorial"
# and ?clmm): logit P(Y <= j) = theta_j - x'beta - b_group, b ~ N(0, sigma^2), no intercept in
# X (the thresholds take its place). Its default is the Laplace approximation (nAGQ = 1);
# nAGQ > 1 is adaptive Gauss-Hermite quadrature. The outer optimiser is nlminb over
# (thresholds, beta, log SD); here with rel.tol 1e-14 and the inner Newton iterations for the
# random effects' modes to gradTol 1e-8 (at clmm's default 1e-4, or 1e-6, the modes are
# inexact enough to move the Laplace log-likelihood of the wine data by 3.5e-6; at 1e-8 some
# groups stop at rounding, which update.uC reports as warnings, with the modes exact). clmm's standard errors come from a numerical Hessian
# of its Laplace objective (ordinal:::deriv12, central differences), so they are accurate to
# about 1e-5 relative, not to rounding.
suppressMessages(library(ordinal))
options(digits = 17, width = 200)
cat("R", R.version.string, "ordinal", as.character(packageVersion("ordinal")), "\n")
tight <- clmm.control(gradTol = 1e-8, maxIter = 200, rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4,
                      iter.max = 1e4)
f17 <- function(x) sprintf("%.17g", x)

show <- function(label, m, polished = TRUE) {
  cat("\n====", label, "\n"); print(m$call)
  cat("logLik:", f17(as.numeric(logLik(m))), " df:", attr(logLik(m), "df"), "\n")
  cat("AIC:", f17(AIC(m)), "\n")
  s <- coef(summary(m))
  cat("names:", rownames(s), "\n")
  cat("estimate:", f17(s[, 1]), "\n")
  cat("se:", f17(s[, 2]), "\n")
  cat("z:", f17(s[, 3]), "\n")
  cat("nobs:", nobs(m), " max|grad|:", max(abs(m$gradient)), " optimiser:", m$optRes$message, "\n")
  if (!inherits(m, "clmm")) return(invisible())
  vc <- VarCorr(m)
  for (g in names(vc)) cat("variance", g, ":", f17(as.numeric(vc[[g]])), " sd:", f17(sqrt(as.numeric(vc[[g]]))), "\n")
  if (polished) polish(m)
}

# nlminb stops ("singular convergence") with a gradient of about 1e-5 left. Newton steps on
# clmm's own objective (ordinal:::getNLA.ssr, or getNAGQ.ssr for nAGQ > 1, over clmm's own
# parameters: thresholds, beta, log SD), its gradient by central differences and its Hessian
# by optimHess, finish the job; the polished optimum is what the tests compare with (its
# log-likelihood is never below clmm's own).
polish <- function(m) {
  cl <- m$call; cl$doFit <- FALSE; rho <- eval(cl)
  # One random intercept: clmm's "ssr" objective over (thresholds, beta, log SD); a vector of
  # random effects: getNLA over (thresholds, beta, clmm's ST parameters).
  ssr <- !is.null(rho$par)
  fn <- if (!ssr) function(p) ordinal:::getNLA(rho, p) else
    if (rho$nAGQ > 1) function(p) ordinal:::getNAGQ.ssr(rho, p) else function(p) ordinal:::getNLA.ssr(rho, p)
  gr <- function(p) sapply(seq_along(p), function(k) {
    h <- 1e-5 * max(1, abs(p[k])); e <- replace(numeric(length(p)), k, h)
    (fn(p + e) - fn(p - e)) / (2 * h) })
  par <- m$optRes$par
  for (k in 1:6) {
    g <- gr(par)
    if (max(abs(g)) < 1e-9) break
    par <- par - solve(optimHess(par, fn, gr), g)
  }
  nf <- rho$dims$nfepar
  cat("polished logLik:", f17(-fn(par)), " max|grad|:", max(abs(gr(par))), "\n")
  cat("polished estimate:", f17(par[1:nf]), "\n")
  if (ssr) {
    cat("polished sd:", f17(exp(par[nf + 1])), " variance:", f17(exp(2 * par[nf + 1])), "\n")
  } else {
    fn(par); m$ST <- setNames(rho$ST, names(m$ST)); vc <- VarCorr(m)[[1]]
    cat("polished sd:", f17(attr(vc, "stddev")), " corr:", f17(attr(vc, "correlation")[2, 1]), "\n")
  }
  # SEs from the Hessian of the same objective at the polished optimum, by numDeriv's
  # Richardson extrapolation of central differences at two step sizes (their agreement shows
  # how far the objective's own noise, from the inner iterations, lets them be trusted).
  for (d in c(1e-3, 1e-2)) {
    H <- numDeriv::hessian(fn, par, method.args = list(d = d, r = 4))
    cat("polished se (numDeriv d =", d, "):", f17(sqrt(diag(solve(H)))[1:nf]), "\n")
  }
}

# ordinal's wine data (Randall 1989): bitterness of wine rated 1-5 by 9 judges.
data(wine)
write.csv(data.frame(rating = as.integer(as.character(wine$rating)),
                     grade = c("poor", "fair", "good", "verygood", "excellent")[as.integer(wine$rating)],
                     temp = wine$temp, warm = as.integer(wine$temp == "warm"),
                     contact = wine$contact, bottle = wine$bottle, judge = wine$judge),
          "wine_ordinal.csv", row.names = FALSE, quote = FALSE)
w <- read.csv("wine_ordinal.csv")
w$rating <- factor(w$rating, ordered = TRUE); w$judge <- factor(w$judge)
show("wine Laplace", clmm(rating ~ temp + contact + (1 | judge), data = w, control = tight))
# With clmm's default control (inner gradTol 1e-4): the standard errors clmm prints for the
# wine data (its help page's 0.5954 and 0.5125), from a smoother objective than at 1e-8.
show("wine Laplace, clmm's default control", clmm(rating ~ temp + contact + (1 | judge), data = w), polished = FALSE)
show("wine AGQ 10", clmm(rating ~ temp + contact + (1 | judge), data = w, nAGQ = 10, control = tight))
# A random slope of temperature as well (clmm's vector-valued random effects).
show("wine (temp | judge)", clmm(rating ~ temp + contact + (temp | judge), data = w, control = tight))
show("wine clm (no random effect)", clm(rating ~ temp + contact, data = w, control = clm.control(gradTol = 1e-12)))

# A simulated stroke trial: modified Rankin scale at day 90 (0 no symptoms ... 6 dead),
# 2,000 patients in 40 sites, active vs placebo (common odds ratio of a better score 1.4),
# age, and a site intercept (SD 0.4).
set.seed(20261126)
n <- 2000; sites <- 40
site <- sprintf("S%02d", sample(1:sites, n, replace = TRUE))
arm <- ifelse(runif(n) < 0.5, "active", "placebo")
age <- round(rnorm(n, 68, 11))
b <- rnorm(sites, 0, 0.4); names(b) <- sprintf("S%02d", 1:sites)
eta <- -log(1.4) * (arm == "active") + 0.03 * (age - 68) + b[site]
theta <- c(-2.2, -1.0, -0.2, 0.7, 1.6, 2.6)
u <- runif(n)
mrs <- sapply(seq_len(n), function(i) sum(u[i] > plogis(theta - eta[i])))
write.csv(data.frame(patient = sprintf("P%04d", 1:n), site = site, arm = arm, age = age, mrs = mrs),
          "mrs_ordinal.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("mrs_ordinal.csv")
d$mrs <- factor(d$mrs, ordered = TRUE); d$arm <- relevel(factor(d$arm), "placebo")
cat("\nmrs table:", table(d$mrs), "\n")
show("mrs Laplace", clmm(mrs ~ arm + age + (1 | site), data = d, control = tight))
show("mrs AGQ 7", clmm(mrs ~ arm + age + (1 | site), data = d, nAGQ = 7, control = tight))
