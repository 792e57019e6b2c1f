# The fit benches/mmrm_vs_nlme.sh times: nlme::gls with an unstructured covariance
# (corSymm + varIdent), REML, as trialstats mmrm fits 'chg ~ base + arm * visit +
# us(visit | patient)'. Prints -2 REML log-likelihood.
# Usage: Rscript benches/mmrm_vs_nlme.R FILE.csv
suppressPackageStartupMessages(library(nlme))
d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = TRUE)
d$vis <- as.integer(d$visit)
m <- gls(chg ~ base + arm * visit, data = d, method = "REML",
         correlation = corSymm(form = ~ vis | patient), weights = varIdent(form = ~ 1 | visit),
         control = glsControl(opt = "optim"))
cat(format(-2 * as.numeric(logLik(m)), digits = 15), "\n")
