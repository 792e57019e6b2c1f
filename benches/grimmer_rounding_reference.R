# GRIMMER and DEBIT under scrutiny's rounding rules, by brute force, for tests/grim_rounding.rs.
#
# Every sample of n = 6, 7 or 9 integers from 1 to 7 (and every binary sample of n = 5 to 40) is
# summarised as mean and sample SD, and both are rounded to two decimals with scrutiny 0.6.1's
# own rounding functions (`reround()` with `symmetric = TRUE`; sourced from a checkout as in
# benches/grim_rounding_reference.R). A value within 1e-6 of a digit of an end of a rounding
# interval is left out (floating point cannot say which side it is on). Each printed
# (mean, SD) pair that a sample produces must pass GRIMMER (DEBIT) under that rule.
#
#   SCRUTINY_SRC=/path/to/scrutiny Rscript benches/grimmer_rounding_reference.R > pairs.csv

src <- Sys.getenv("SCRUTINY_SRC")
if (src == "") stop("set SCRUTINY_SRC to a scrutiny checkout")
env <- new.env()
for (f in c("round.R", "round-ceil-floor.R", "reround.R")) {
  code <- readLines(file.path(src, "R", f))
  code <- gsub("dplyr::if_else", "ifelse", code, fixed = TRUE)
  code <- gsub("cli::cli_abort", "stop", code, fixed = TRUE)
  eval(parse(text = code), envir = env)
}
env$check_threshold_specified <- function(threshold) invisible(NULL)
env$check_rounding_singular <- function(...) invisible(NULL)

rules <- list(
  c("up", 5), c("down", 5), c("even", 5), c("ceiling", 5), c("floor", 5), c("trunc", 5),
  c("anti_trunc", 5), c("up_from", 3), c("up_from", 8), c("down_from", 3), c("down_from", 8)
)
near_end <- function(x, thr) {
  f <- x * 100 - floor(x * 100)
  min(abs(f - c(0, 0.5, thr / 10, 1))) < 1e-6
}
rnd <- function(x, mode, thr) {
  env$reround(x, digits = 2, rounding = mode, threshold = thr, symmetric = TRUE)
}
cat("check,rule,n,mean,sd\n")
for (r in rules) {
  mode <- r[1]; thr <- as.numeric(r[2])
  name <- if (mode %in% c("up_from", "down_from")) paste0(mode, ":", thr) else mode
  seen <- character(0)
  for (n in c(6, 7, 9)) {
    samples <- t(combn(n + 6, n)) - matrix(0:(n - 1), choose(n + 6, n), n, byrow = TRUE)
    for (i in seq_len(nrow(samples))) {
      v <- samples[i, ]
      m <- mean(v); s <- sd(v)
      if (near_end(m, thr) || near_end(s, thr)) next
      key <- sprintf("grimmer,%s,%d,%.2f,%.2f", name, n, rnd(m, mode, thr), rnd(s, mode, thr))
      seen <- c(seen, key)
    }
  }
  for (n in 5:40) for (k in 0:n) {
    m <- k / n; s <- sqrt(k * (n - k) / (n * (n - 1)))
    if (near_end(m, thr) || near_end(s, thr)) next
    seen <- c(seen, sprintf("debit,%s,%d,%.2f,%.2f", name, n, rnd(m, mode, thr), rnd(s, mode, thr)))
  }
  cat(unique(seen), sep = "\n")
}
