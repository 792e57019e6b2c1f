/// metafor 3.8-1 (R 4.2.2), `Rscript benches/meta_parity_reference.R btt_predict`: each R call with
/// the numbers it printed (17 significant digits).
pub const BTT_PREDICT: &[(&str, &[f64])] = &[
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"z\"); anova(res, btt = 2:3) QM, QMp", &[12.204486879171048, 0.0022378416212407337]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"z\"); anova(res, btt = 2) QM, QMp", &[7.4917182428636915, 0.0061983385045639525]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"z\"); anova(res, btt = 3) QM, QMp", &[0.016875242349812011, 0.89664179142617972]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"z\"); predict(res, newmods = rbind(c(10, 1950), c(33.5, 1965), c(55, 1980))) pred, se, ci.lb, ci.ub, pi.lb, pi.ub", &[-0.10587944173104313, -0.73553347695684135, -1.3091648532942446, 0.45474753697271547, 0.12793842429832436, 0.38689072784524559, -0.99716823625586204, -0.98628818082036118, -2.0674567458234137, 0.78540935279377577, -0.48477877309332151, -0.55087296076507553, -1.2104022194654942, -1.434427440872974, -2.3094555338287543, 0.99864333600340793, -0.036639513040708671, -0.30887417275973506]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"knha\"); anova(res, btt = 2:3) QM, QMp", &[4.9649475558815723, 0.031803501285946709]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"knha\"); anova(res, btt = 2) QM, QMp", &[6.0954612098834735, 0.033167335146723813]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"knha\"); anova(res, btt = 3) QM, QMp", &[0.013730145984687093, 0.90904082612827586]),
    ("res <- rma(yi, vi, mods = ~ ablat + year, data = bcg, test = \"knha\"); predict(res, newmods = rbind(c(10, 1950), c(33.5, 1965), c(55, 1980))) pred, se, ci.lb, ci.ub, pi.lb, pi.ub", &[-0.10587944173104313, -0.73553347695684135, -1.3091648532942446, 0.50414769667286519, 0.1418366383148936, 0.42891946288685029, -1.2291905118272455, -1.0515652014213808, -2.2648569729255206, 1.0174316283651592, -0.41950175249230193, -0.35347273366296861, -1.4519217035608736, -1.5416836250678005, -2.5188546639302656, 1.2401628200987873, 0.07061667115411796, -0.0994750426582236]),
    ("res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = \"DL\"); anova(res, btt = 3) QM, QMp", &[1.4135232639271569, 0.23447239083813784]),
    ("res <- rma(yi, vi, mods = ~ weeks_c + setting, data = rau, method = \"DL\"); predict(res, newmods = c(2, 1)) pred, se, ci.lb, ci.ub, pi.lb, pi.ub", &[0.27856074304842937, 0.16069686866993121, -0.036399331972998772, 0.59352081806985746, -0.036399331972998772, 0.59352081806985746]),
];
