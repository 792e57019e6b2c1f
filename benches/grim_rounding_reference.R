# GRIM under scrutiny's rounding options, for tests/grim_rounding.rs.
#
# scrutiny is not installed here (it needs dplyr, stringr, cli); its pure-R rounding and GRIM
# functions are read from a checkout of github.com/lhdjung/scrutiny (0.6.1) and evaluated with
# base-R stand-ins for the three helpers they call (dplyr::if_else -> ifelse, dplyr::near ->
# abs(x - y) < tol, cli::cli_abort -> stop). Nothing of scrutiny's is kept in this repository.
#
#   SCRUTINY_SRC=/path/to/scrutiny Rscript benches/grim_rounding_reference.R > grim_ref.csv
#
# Output: mode,mean,n,scrutiny,boundary. `scrutiny` is grim_scalar(mean, n, rounding = mode,
# threshold = T, symmetric = TRUE). `boundary` is TRUE when one of the two candidate means
# (floor and ceiling of mean * n, over n) lies exactly on an end of the rule's rounding
# interval (computed in integers): there scrutiny's `dustify()` (the candidate +- 1e-12)
# accepts both neighbours, where trialstats applies the rule exactly.

src <- Sys.getenv("SCRUTINY_SRC")
if (src == "") stop("set SCRUTINY_SRC to a scrutiny checkout")
env <- new.env()
for (f in c("round.R", "round-ceil-floor.R", "reround.R", "grim.R", "grim-stats.R")) {
  code <- readLines(file.path(src, "R", f))
  code <- gsub("dplyr::if_else", "ifelse", code, fixed = TRUE)
  code <- gsub("dplyr::near", "near_", code, fixed = TRUE)
  code <- gsub("cli::cli_abort", "stop", code, fixed = TRUE)
  eval(parse(text = code), envir = env)
}
env$near_ <- function(x, y, tol) abs(x - y) < tol
env$check_type <- function(x, t) invisible(NULL)
env$check_threshold_specified <- function(threshold) invisible(NULL)
env$check_rounding_singular <- function(...) invisible(NULL)
env$dustify <- function(x) c(x - 1e-12, x + 1e-12)
env$decimal_places_scalar <- function(x, sep = "\\.") {
  m <- regmatches(x, regexpr("(?<=\\.)\\d+", x, perl = TRUE))
  if (length(m) == 0) 0L else nchar(m)
}

# Exact boundary test: value v = k / n, printed with d decimals; V = v * 10^d = k*10^d / n.
# The fractional part of |V| is r / n with r = (|k| * 10^d) %% n; a boundary of the rule is
# at fraction 0 (directed rules), 1/2 (half rules) or T/10 (thresholds).
at_boundary <- function(k, n, d, mode, thr) {
  r <- (abs(k) * 10^d) %% n
  switch(mode,
    up_or_down = , up = , down = , even = 2 * r == n,
    ceiling = , floor = , trunc = , anti_trunc = , ceiling_or_floor = r == 0,
    up_from = , down_from = 10 * r == thr * n)
}

modes <- list(
  c("up_or_down", 5), c("up", 5), c("down", 5), c("even", 5),
  c("ceiling_or_floor", 5), c("ceiling", 5), c("floor", 5), c("trunc", 5),
  c("anti_trunc", 5), c("up_from", 3), c("up_from", 8), c("down_from", 3),
  c("down_from", 8)
)
means <- c(sprintf("%.2f", seq(0, 1.5, by = 0.01)), sprintf("%.2f", -seq(0.01, 0.6, by = 0.01)))
ns <- c(3, 4, 5, 7, 8, 10, 16, 20, 28, 40)
cat("mode,mean,n,scrutiny,boundary\n")
for (m in modes) {
  mode <- m[1]; thr <- as.numeric(m[2])
  for (x in means) for (n in ns) {
    res <- env$grim_scalar(x, n, rounding = mode, threshold = thr, symmetric = TRUE)
    d <- env$decimal_places_scalar(x)
    M <- round(as.numeric(x) * 10^d)
    k_lo <- (M * n) %/% 10^d
    k_hi <- -((-M * n) %/% 10^d)
    b <- at_boundary(k_lo, n, d, mode, thr) || at_boundary(k_hi, n, d, mode, thr)
    name <- if (mode %in% c("up_from", "down_from")) paste0(mode, ":", thr) else mode
    cat(sprintf("%s,%s,%d,%s,%s\n", name, x, n, res, b))
  }
}
