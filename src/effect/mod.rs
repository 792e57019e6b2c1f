//! Effect sizes and their sampling variances, with the codes, inputs and default variance
//! formulas of R's metafor `escalc`.
