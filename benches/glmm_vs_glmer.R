# Times lme4's glmer (Laplace, default optimiser settings) on one benchmark file, CSV reading
# included, and prints "seconds log-likelihood".
#   Rscript benches/glmm_vs_glmer.R FILE.csv
suppressMessages(library(lme4))
file <- commandArgs(trailingOnly = TRUE)[1]
t0 <- proc.time()[["elapsed"]]
d <- read.csv(file)
m <- glmer(relapses ~ period + offset(log(years)) + (1 | patient), family = poisson, data = d)
t1 <- proc.time()[["elapsed"]]
cat(sprintf("%.3f %.10f\n", t1 - t0, as.numeric(logLik(m))))
