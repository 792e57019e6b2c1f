# Writes the metafor data sets used by tests/meta_review.rs to tests/data/ (full precision).
# Run from the crate root:  Rscript benches/meta_review_data.R
suppressMessages(library(metafor))
w <- function(d, f) write.csv(d, file.path("tests/data", f), row.names = FALSE, quote = FALSE)
options(digits = 17)
# dat.molloy2014: correlations (conscientiousness and medication adherence), Fisher z.
m <- escalc(measure = "ZCOR", ri = ri, ni = ni, data = dat.molloy2014)
m$study <- paste(m$authors, m$year)
w(data.frame(study = m$study, yi = sprintf("%.17g", m$yi), vi = sprintf("%.17g", m$vi),
             year = m$year, controls = m$controls, design = m$design, meanage = m$meanage), "molloy2014.csv")
# dat.assink2016: several effects per study (three-level).
a <- dat.assink2016
w(data.frame(study = a$study, esid = a$esid, yi = sprintf("%.17g", a$yi), vi = sprintf("%.17g", a$vi),
             pubstatus = a$pubstatus, year = a$year, deltype = a$deltype), "assink2016.csv")
# dat.konstantopoulos2011: schools within districts (three-level).
k <- dat.konstantopoulos2011
w(data.frame(district = k$district, school = k$school, study = k$study, year = k$year,
             yi = sprintf("%.17g", k$yi), vi = sprintf("%.17g", k$vi)), "konstantopoulos2011.csv")
