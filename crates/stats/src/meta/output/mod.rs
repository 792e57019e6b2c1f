//! How a fitted meta-analysis is shown.
//!
//! | file | owns |
//! |---|---|
//! | [`report`] | the fit as tables and text |

pub mod report;
