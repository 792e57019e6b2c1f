# Reference values for crates/stats/src/convert/median.rs (trialstats convert median).
#
# metafor >= 4 has conv.fivenum; Debian ships metafor 3.8.1, which lacks it. This script runs
# conv.fivenum from metafor's own source (github.com/wviechtb/metafor, R/conv.fivenum.r and
# R/misc.func.hidden.r, snapshot of 2026-07-01) on top of the installed metafor 3.8.1.
#   git clone https://github.com/wviechtb/metafor /tmp/metafor
#   Rscript benches/convert_reference.R /tmp/metafor
# Prints one line per case: method dist scenario n [min,q1,median,q3,max] mean sd tval crit
# sig (17 digits); crates/stats/src/convert/median.rs's tests hold these lines.
args <- commandArgs(trailingOnly = TRUE)
src <- if (length(args)) args[1] else "/tmp/metafor"
suppressMessages(library(metafor))
e <- new.env(parent = asNamespace("metafor"))
sys.source(file.path(src, "R/misc.func.hidden.r"), envir = e)
sys.source(file.path(src, "R/conv.fivenum.r"), envir = e)
# metafor 3.8.1's message styler differs; plain text is enough here.
e$.get.mstyle <- function(...) list(stop = identity, warning = identity, message = identity)

one <- function(method, dist, mn, q1, md, q3, mx, n) {
  r <- e$conv.fivenum(min = mn, q1 = q1, median = md, q3 = q3, max = mx, n = n,
                      method = method, dist = dist, test = FALSE)
  a <- attributes(r$mean)
  sc <- if (is.na(q1)) "S1" else if (is.na(mn)) "S2" else "S3"
  cat(sprintf("%-12s %-5s %s n=%-5d [%s] mean=%.17g sd=%.17g tval=%.17g crit=%.17g sig=%s\n",
              method, dist, sc, n, paste(c(mn, q1, md, q3, mx), collapse = ","),
              r$mean, r$sd, a$tval, a$crit, a$sig))
}
# The example data of ?conv.fivenum (metafor >= 4), study 3 of its third example (skewed).
for (m in c("luo/wan/shi", "wan2014")) {
  one(m, "norm", 2, NA, 6, NA, 14, 20)
  one(m, "norm", NA, 4, 6, 10, NA, 20)
  one(m, "norm", 2, 4, 6, 10, 14, 20)
}
one("luo/wan/shi", "norm", 2, 4, 6, 14, 20, 20)
one("luo/wan/shi", "lnorm", 2, 4, 6, 14, 20, 20)
one("luo/wan/shi", "lnorm", 2, NA, 6, NA, 14, 20)
one("luo/wan/shi", "lnorm", NA, 4, 6, 10, NA, 20)
# Sample-size branches (Hozo: n <= 15, <= 25, <= 70, > 70).
for (n in c(5, 15, 25, 26, 70, 71, 1000)) {
  one("hozo2005", "norm", 1.5, NA, 4, NA, 11, n)
  one("walter2007", "norm", 1.5, NA, 4, NA, 11, n)
  one("luo/wan/shi", "norm", 1.5, NA, 4, NA, 11, n)
  one("luo/wan/shi", "norm", NA, 3, 4, 6.5, NA, n)
  one("luo/wan/shi", "norm", 1.5, 3, 4, 6.5, 11, n)
  one("wan2014", "norm", 1.5, 3, 4, 6.5, 11, n)
  one("bland2015", "norm", 1.5, 3, 4, 6.5, 11, n)
  one("luo/wan/shi", "lnorm", 1.5, 3, 4, 6.5, 11, n)
}
