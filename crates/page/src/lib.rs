//! The local web page of trialstats (`trialstats serve`): paste a trial report (or give a .txt,
//! .html or .pdf), and see what the commands would say of it — the numbers drafted in place,
//! what each ± means, the consistency checks, the effects and the charts — on the user's own
//! machine, with nothing sent anywhere.
//!
//! | file | owns |
//! |---|---|
//! | [`analyse`] | one document (or edited study file) through the library, as the commands do |
//! | [`corrections`] | the correction form's fields (an arm's n, a number's arm, what ± is) and the edits a submitted form asks for |
//! | [`html`] | the page, rendered on the server (maud), with no script |
//! | [`server`] | the HTTP server (axum): routes, the JSON API, the safety rules |

pub mod analyse;
pub mod corrections;
pub mod error;
pub mod html;
pub mod server;

pub use error::{Error, Result};
pub use server::{ServeConfig, serve};
