# Reference values for `convert median --method blue` (tests/blue_medians.rs).
#   Rscript benches/blue_reference.R
# Prints, per case: the BLUE of mu and sigma computed here from the papers, and, when the R
# package metaBLUE 1.0.0 is installed (pure R; R CMD INSTALL -l LIB from its CRAN source,
# then R_LIBS=LIB), metaBLUE::BLUE_s's answer and the largest relative difference.
#
# Written from the papers, not from metaBLUE's code:
#  - Yang, Hutson & Wang (2022, J Appl Stat 49:3846): the reported numbers are the order
#    statistics of ranks 1, floor(n/4)+1, floor(n/2)+1, floor(3n/4)+1, n (the ones present);
#  - their expected values and covariances for a standard normal sample by David & Johnson's
#    (1954, Biometrika 41:228) expansion to order 1/(n+2)^2 (David & Nagaraja 2003, Order
#    Statistics, 3rd ed., section 4.6), with Q = qnorm and its derivatives written with
#    phi = dnorm(Q): Q' = 1/phi, Q'' = Q/phi^2, Q''' = (1 + 2Q^2)/phi^3,
#    Q'''' = Q(7 + 6Q^2)/phi^4;
#  - Lloyd's (1952, Biometrika 39:88) BLUE: generalized least squares of the reported numbers
#    on (1, alpha) with that covariance matrix.
blue <- function(x, n, scenario) {
  ranks <- switch(scenario,
    S1 = c(1, floor(n / 2) + 1, n),
    S2 = c(floor(n / 4) + 1, floor(n / 2) + 1, floor(3 * n / 4) + 1),
    S3 = c(1, floor(n / 4) + 1, floor(n / 2) + 1, floor(3 * n / 4) + 1, n))
  p <- ranks / (n + 1); q <- 1 - p
  Q <- qnorm(p); f <- dnorm(Q)
  d1 <- 1 / f; d2 <- Q / f^2; d3 <- (1 + 2 * Q^2) / f^3; d4 <- Q * (7 + 6 * Q^2) / f^4
  N <- n + 2
  alpha <- Q + p * q * d2 / (2 * N) + p * q / N^2 * ((q - p) * d3 / 3 + p * q * d4 / 8)
  k <- length(ranks)
  B <- matrix(0, k, k)
  for (i in 1:k) for (j in i:k) {
    if (i == j) {
      B[i, i] <- p[i] * q[i] * d1[i]^2 / N + p[i] * q[i] / N^2 *
        (2 * (q[i] - p[i]) * d1[i] * d2[i] + p[i] * q[i] * (d1[i] * d3[i] + d2[i]^2 / 2))
    } else {
      B[i, j] <- p[i] * q[j] * d1[i] * d1[j] / N + p[i] * q[j] / N^2 *
        ((q[i] - p[i]) * d2[i] * d1[j] + (q[j] - p[j]) * d1[i] * d2[j] +
         p[i] * q[i] * d3[i] * d1[j] / 2 + p[j] * q[j] * d1[i] * d3[j] / 2 +
         p[i] * q[j] * d2[i] * d2[j] / 2)
      B[j, i] <- B[i, j]
    }
  }
  A <- cbind(1, alpha)
  drop(solve(t(A) %*% solve(B, A), t(A) %*% solve(B, x)))
}
has_metablue <- requireNamespace("metaBLUE", quietly = TRUE)
cases <- list(
  list(x = c(2, 6, 14), n = 20, s = "S1"),
  list(x = c(4, 6, 10), n = 20, s = "S2"),
  list(x = c(2, 4, 6, 10, 14), n = 20, s = "S3"),
  list(x = c(2, 4, 6, 14, 20), n = 20, s = "S3"),
  list(x = c(1, 4, 10), n = 30, s = "S1"),
  list(x = c(1.5, 4, 11), n = 5, s = "S1"),
  list(x = c(3, 4, 6.5), n = 5, s = "S2"),
  list(x = c(1.5, 3, 4, 6.5, 11), n = 5, s = "S3"),
  list(x = c(1.5, 4, 11), n = 6, s = "S1"),
  list(x = c(3, 4, 6.5), n = 7, s = "S2"),
  list(x = c(1.5, 3, 4, 6.5, 11), n = 8, s = "S3"),
  list(x = c(1.5, 3, 4, 6.5, 11), n = 25, s = "S3"),
  list(x = c(3, 4, 6.5), n = 26, s = "S2"),
  list(x = c(1.5, 4, 11), n = 101, s = "S1"),
  list(x = c(1.5, 3, 4, 6.5, 11), n = 1000, s = "S3"),
  list(x = c(2, 3, 6), n = 50, s = "S2"),
  list(x = c(-3, 1, 4), n = 30, s = "S2"),
  list(x = c(1, 2.5, 4, 7, 20), n = 40, s = "S3"),
  list(x = c(10, 20, 35), n = 1e6, s = "S1"),
  list(x = c(20, 25, 32), n = 1e6, s = "S2"),
  list(x = c(5, 12, 15, 19, 30), n = 1e6, s = "S3"),
  list(x = c(5, 12, 15, 19, 30), n = 1e9, s = "S3")
)
# metaBLUEX's README example (github.com/SungManhin/metaBLUEX): fivenum of 100 normal draws
# after set.seed(1); its "yang" method prints 1.0857491 0.9065274.
set.seed(1)
cases[[length(cases) + 1]] <- list(x = fivenum(rnorm(100, 1, 1)), n = 100, s = "S3")
p17 <- function(v) paste(format(v, digits = 17), collapse = ", ")
for (cs in cases) {
  r <- blue(cs$x, cs$n, cs$s)
  line <- sprintf("%s n=%s x=(%s): mu, sigma = %s", cs$s, format(cs$n, scientific = FALSE),
                  p17(cs$x), p17(r))
  if (has_metablue) {
    m <- metaBLUE::BLUE_s(cs$x, cs$n, cs$s)
    mb <- c(drop(m$muhat), drop(m$sigmahat))
    line <- sprintf("%s | metaBLUE %s (max rel diff %.1e)", line, p17(mb), max(abs(mb / r - 1)))
  }
  cat(line, "\n")
}
