/// metafor 3.8-1 (R 4.2.2), `Rscript benches/meta_parity_reference.R selmodel_hackshaw`: each R call with
/// the numbers it printed (17 significant digits).
pub const SELMODEL: &[(&str, &[f64])] = &[
    ("res <- rma(yi, vi, data = hack, method = \"ML\"); s <- selmodel(res, type = \"stepfun\", steps = c(0.05, 0.10, 0.50, 1.00), control = list(optimizer = \"nlminb\", rel.tol = 1e-10)); c(s$tau2, s$se.tau2, s$ci.lb.tau2, s$ci.ub.tau2, s$delta[-1], s$se.delta[-1], s$zval.delta[-1], s$pval.delta[-1], s$ci.lb.delta[-1], s$ci.ub.delta[-1])", &[0.030713185825309998, 0.027118476204293224, 0.0, 0.083864422501331179, 2.4220768045716263, 0.9775411886844283, 0.39671125248246253, 1.6608493735020777, 0.82038664178657317, 0.46923416195384676, 0.8562346635764001, -0.027375886163459071, -1.2856880347447426, 0.39186799264559463, 0.9781599310930349, 0.19855195874121878, 0.0, 0.0, 0.0, 5.6772817603816108, 2.5854694599838739, 1.3163933102278369]),
];
