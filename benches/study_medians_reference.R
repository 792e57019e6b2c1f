# Reference values for tests/study_medians.rs (time points reported as medians in the study
# format, tests/data/medians/medians-trial.toml). The conversions themselves are metafor's
# conv.fivenum (benches/convert_reference.R prints them from metafor's GitHub source):
#   luo/wan/shi S2 [NA,4,6,10,NA] n=20:  mean 6.7195,             sd 4.7870760433704662
#   luo/wan/shi S3 [2,4,6,14,20] n=20:   mean 8.6278026830743961, sd 5.7560801954900818
#   wan2014     S1 [2,NA,6,NA,14] n=20:  mean 7,                  sd 3.211575967369702
# The effects that rest on them, with metafor 3.8.1's escalc:
#   Rscript benches/study_medians_reference.R
suppressMessages(library(metafor))
options(digits = 17)
# Between arms: active 5.1 ± 2.4 (SD) against placebo's converted 7 ± 3.211575967369702.
for (m in c("MD", "SMD")) {
  e <- escalc(m, m1i = 5.1, sd1i = 2.4, n1i = 20, m2i = 7, sd2i = 3.211575967369702, n2i = 20)
  cat(m, sprintf("yi=%.17g vi=%.17g\n", e$yi, e$vi))
}
# Before/after of the single group at the assumed r = 0.5: SMCR (after − before) / SD_before.
e <- escalc("SMCR", m1i = 8.6278026830743961, m2i = 6.7195, sd1i = 4.7870760433704662,
            ni = 20, ri = 0.5)
cat("SMCR", sprintf("yi=%.17g vi=%.17g\n", e$yi, e$vi))
# The printed test results: two-sided p of t(6) = 3.2 and t(28) = 1.20.
cat(sprintf("t(6)=3.2 p=%.17g; t(28)=1.20 p=%.17g\n", 2 * pt(3.2, 6, lower.tail = FALSE),
            2 * pt(1.2, 28, lower.tail = FALSE)))
