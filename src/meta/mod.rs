//! Fixed-, random- and mixed-effects meta-analysis of summary results (metafor's `rma`).
