//! Converting what papers report instead of mean ± SD: the numbers a reviewer holds (medians
//! with quartiles or ranges, the CI, p-value or t of a mean change, SDs before, after and of
//! the change) turned into the mean, SD or correlation the analyses need, each with the
//! method named so the assumption stays visible.
//!
//! | file | concept |
//! |---|---|
//! | [`five_numbers`] | what was reported (min, q1, median, q3, max, n; Wan et al.'s scenarios), the method names and the n each takes, the distribution assumed; validation |
//! | [`normal_order`] | expected spreads of n standard normals: Wan et al. 2014's ξ(n) and η(n), their Tables 1 and 2, Walter & Yao's exact expected range |
//! | [`blue`] | Yang et al. 2022's BLUE of the mean and SD from the reported order statistics of a normal sample (metaBLUE, metafor's `method = "blue"`) |
//! | [`median`] | median, quartiles and range → mean and SD (Luo 2018, Wan 2014, Shi 2020, Hozo 2005, Bland 2015, Walter & Yao 2007), Shi et al. 2023's skewness test; dispatches to [`skewed`] |
//! | [`skewed`] | the methods for skewed data as estmeansd computes them: QE (McGrath et al. 2020, five distributions fitted to the quantiles, the best selected), BC (McGrath et al. 2020, Box–Cox), MLN (Cai et al. 2021); back-transformed by numerical integration |
//! | `quadrature` | adaptive Simpson quadrature for the skewed methods' back-transformed moments |
//! | [`median_csv`] | the same for every row of a CSV file (`--input`) |
//! | [`median_columns`] | medians in the CSV files of `effect --input` and `meta --measure` (`median1i`, `q1_1i`, …) filled in as means and SDs |
//! | [`change_sd`](mod@change_sd) | SE and SD of a mean change from its CI, p-value or t (Cochrane Handbook ch. 6) |
//! | [`implied_r`](mod@implied_r) | the pre/post correlation implied by the SDs before, after and of the change |
//! | `table` | how the results print (table, JSON, CSV) |
//!
//! Uses [`crate::dist`] for quantiles, [`crate::optimize`] for the fits, [`crate::level`] for confidence levels and the
//! Cochrane SE conversions of [`crate::effect::convert`] (CI, t or p → SE; SEM → SD), which
//! [`change_sd`](mod@change_sd) applies to a within-patient change; used by the command line
//! (`trialstats convert`) and by the study data.

pub mod blue;
pub mod change_sd;
pub mod five_numbers;
pub mod implied_r;
pub mod median;
pub mod median_columns;
pub mod median_csv;
pub mod normal_order;
mod quadrature;
pub mod skewed;
mod table;

pub use change_sd::{ChangeSd, ChangeSource, Reference, change_sd};
pub use five_numbers::{Distribution, FiveNumbers, MedianMethod, Methods, Scenario};
pub use implied_r::{ImpliedR, implied_r};
pub use median::{MeanSd, SkewnessTest, mean_sd};
pub use median_columns::{
    FROM_MEDIAN, FilledFile, RowMark, fill_means_from_medians, mark_labels, mark_rows,
};
pub use median_csv::{MedianRow, MedianRows, mean_sd_rows};
