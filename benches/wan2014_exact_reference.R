# convert median --method wan2014-exact against R package meta (8.4-0), for
# tests/wan2014_exact.rs.
#
# meta is not installed here; its functions mean_sd_range(), mean_sd_iqr() and
# mean_sd_iqr_range() (R/mean-sd-internal.R) and its Wan et al. (2014) tables (the options
# Wan2014.Table1 and Wan2014.Table2 set in R/meta-internal.R) are read from a checkout of
# github.com/guido-s/meta and evaluated with no-op stand-ins for its argument checks.
# Nothing of meta's is kept in this repository.
#
#   META_SRC=/path/to/meta Rscript benches/wan2014_exact_reference.R

src <- Sys.getenv("META_SRC")
if (src == "") stop("set META_SRC to a meta checkout")
opts <- list()
internal <- readLines(file.path(src, "R", "meta-internal.R"))
for (tab in c("Wan2014.Table1", "Wan2014.Table2")) {
  start <- grep(paste0('setOption("', tab, '"'), internal, fixed = TRUE)
  end <- start + which(grepl("))", internal[start:length(internal)], fixed = TRUE))[1] - 1
  text <- paste(internal[start:end], collapse = "\n")
  opts[[tab]] <- eval(parse(text = sub("^setOption\\([^,]+,", "c(", text)))
}
gs <- function(x) opts[[x]]
chknumeric <- function(...) invisible(NULL)
chklength <- function(...) invisible(NULL)
eval(parse(file.path(src, "R", "mean-sd-internal.R")))

for (n in c(5, 6, 8, 10, 13, 20, 27, 50, 51, 100, 201, 202, 300)) {
  r <- mean_sd_range(n, median = 6, min = 2, max = 14, method.mean = "Wan")
  q <- mean_sd_iqr(n, median = 6, q1 = 4, q3 = 10, method.mean = "Wan")
  f <- mean_sd_iqr_range(n, median = 6, q1 = 4, q3 = 10, min = 2, max = 14,
                         method.mean = "Wan", method.sd = "Wan")
  cat(sprintf("n = %d: range %.17g %.17g; iqr %.17g %.17g; five %.17g %.17g\n",
              n, r$mean, r$sd, q$mean, q$sd, f$mean, f$sd))
}
