# lme4's optimum on the crossed benchmark file (quoted in the README's speed section), with
# bobyqa run to rhoend = 1e-12, and lme4's default fit for comparison:
#   sh benches/lmm_multi_bench_data.sh crossed 100000 /tmp/crossed_100000.csv
#   Rscript benches/lmm_multi_crossed_reference.R /tmp/crossed_100000.csv
# Found (lme4 1.1.31): 325525.0147383868, theta 0.251569938811 0.414065566848 0.135090610797;
# default optimiser 325525.0147394560.
suppressMessages(library(lme4))
d <- read.csv(commandArgs(trailingOnly = TRUE)[1])
f <- y ~ service + (1 | s) + (1 | d) + (1 | dept)
m <- lmer(f, d, control = lmerControl(optimizer = "bobyqa",
          optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 1e5)))
cat(sprintf("tight %.10f\n", REMLcrit(m)))
print(getME(m, "theta"), digits = 12)
cat(sprintf("default %.10f\n", REMLcrit(lmer(f, d))))
