# The R side of benches/meta_glmm_speed.sh: metafor 3.8-1's rma.glmm UM.FS (its default glmer
# settings, nAGQ = 7) on one file of 2x2 tables.  Rscript benches/meta_glmm_speed.R FILE
suppressMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
res <- suppressWarnings(rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i,
                                 data = d, model = "UM.FS"))
cat(sprintf("%.10g %.10g %.10g\n", res$beta, res$se, res$tau2))
