# Reference values for the pre/post r implied by a reported SD, SE, CI, t or p of a change
# (tests/study_change.rs). R 4.2.2 with MASS. Run: Rscript benches/implied_r_reference.R
suppressMessages(library(MASS))
p <- function(label, x) cat(label, paste(sprintf("%.17g", x), collapse = " "), "\n")
n <- 7; mb <- 5.1; sb <- 1.7; ma <- 4.1; sa <- 1.6; d <- ma - mb
implied <- function(sdc) (sb^2 + sa^2 - sdc^2) / (2 * sb * sa)
# p = 0.03 (two-sided paired t, n - 1 df)
se <- abs(d) / qt(1 - 0.03 / 2, n - 1); sdc <- se * sqrt(n)
p("p: sd_change", sdc); p("p: r", implied(sdc))
# The paired t-test on data with exactly these means, SDs and that r gives back p = 0.03.
r <- implied(sdc)
x <- mvrnorm(n, c(mb, ma), matrix(c(sb^2, r * sb * sa, r * sb * sa, sa^2), 2), empirical = TRUE)
p("p: t.test p at the implied r", t.test(x[, 2], x[, 1], paired = TRUE)$p.value)
# 95% CI -1.9 to -0.1 of the change (t on n - 1 df)
se <- (-0.1 - -1.9) / (2 * qt(0.975, n - 1)); sdc <- se * sqrt(n)
p("ci: sd_change", sdc); p("ci: r", implied(sdc))
# t = 2.5 with the mean change -1.0
se <- abs(d) / 2.5; sdc <- se * sqrt(n); p("t: sd_change", sdc); p("t: r", implied(sdc))
# SD of the change 0.9 dividing by n: the sample SD is 0.9 * sqrt(n / (n - 1))
sdc <- 0.9 * sqrt(n / (n - 1)); p("sd/n: sd_change", sdc); p("sd/n: r", implied(sdc))
# SE 0.2: SD = 0.2 * sqrt(7); and an impossible SD of the change 3.5 (> 1.7 + 1.6)
p("se: r", implied(0.2 * sqrt(n))); p("impossible: r", implied(3.5))
# 90% CI -1.9 to -0.1 (level = 0.9)
se <- (-0.1 - -1.9) / (2 * qt(0.95, n - 1)); sdc <- se * sqrt(n)
p("ci90: sd_change", sdc); p("ci90: r", implied(sdc))
