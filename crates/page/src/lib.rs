//! The local web page of trialstats (`trialstats serve`): paste a trial report (or give a .txt,
//! .html or .pdf), and see what the commands would say of it — the numbers drafted in place,
//! what each ± means, the consistency checks, the effects and the charts — on the user's own
//! machine, with nothing sent anywhere.
//!
//! | file | owns |
//! |---|---|
//! | [`analyse`] | one document (or edited study file) through the library, as the commands do; a correction form's answer, with the document read again and a refused correction changing nothing |
//! | [`corrections`] | the correction form's fields (an arm's n, a number's arm, what ± is), the edits a submitted form asks for, and a refused one with the field it concerns |
//! | [`html`] | the page, rendered on the server (maud), with no script; its fonts and its layout on a phone |
//! | [`server`] | the HTTP server (axum): routes (the page, the JSON API, the charts' PNG, the fonts), the safety rules |

pub mod analyse;
pub mod corrections;
pub mod error;
pub mod html;
pub mod server;

pub use error::{Error, Result};
pub use server::{ServeConfig, serve};
