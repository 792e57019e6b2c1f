//! Models of subsets of the studies, each refitted with the main model's method and test.
//!
//! | file | owns |
//! |---|---|
//! | [`influence`] | leave-one-out and case-deletion diagnostics, the Baujat points |
//! | [`subset`] | the intercept-only model of some of the studies, as one summary row |
//! | [`subgroup`] | separate fits per subgroup and the test for subgroup differences |
//! | [`cumulative`] | the cumulative meta-analysis in a column's order |

pub mod cumulative;
pub mod influence;
pub mod subgroup;
pub mod subset;
