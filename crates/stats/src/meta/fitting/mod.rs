//! Fitting one meta-analytic model, from the ground up: what is fitted, the model matrix,
//! weighted least squares for β given the variance components, the τ² estimators and the
//! searches behind them, heterogeneity, the fitted model with its tests, cluster-robust tests
//! and the three-level model. Nothing here knows about reviews, charts or tables.
//!
//! | file | owns |
//! |---|---|
//! | [`spec`] | [`spec::MetaData`] (the studies), [`spec::MetaOptions`], [`spec::Method`], [`spec::Test`], the input checks every model shares |
//! | [`moderators`] | the moderators and the model matrix (treatment coding) |
//! | [`block_gls`] | generalised least squares with a general (sparse) design and a block-diagonal covariance `S_b + τ² K_b`: β, Q, the moment and REML τ² (network meta-analysis) |
//! | [`gls`] | weighted least squares for β given τ², the traces of the residual maker in O(k·p²) |
//! | [`newton`] | Newton steps that finish a maximisation (selection and three-level models) |
//! | [`likelihood`] | the (restricted) log-likelihood and its derivatives in τ² |
//! | [`tau2`] | the τ² estimators (DL, HE, HS, HSk, SJ, ML, REML, EB, PM, PMM, DLIT, SJIT) |
//! | [`heterogeneity`] | Q, I², H², and the Q-profile interval for τ² |
//! | [`fitstats`] | log-likelihood, deviance, AIC, BIC, AICc under ML and REML |
//! | [`model`] | one fitted model: τ², β, their variances, heterogeneity; the coefficients alone (for loops that need only them); [`model::TestedEstimate`], the estimate-SE-test-interval every result holds; [`model::Coefficient`] |
//! | [`per_study`] | what the model says about each study: fitted values, BLUPs, random effects, standardised residuals, hat values, the hat matrix |
//! | [`linear`] | linear functions of the coefficients: the Wald test of a subset (`btt`), predictions at new moderator values with CI and PI, model-based or robust |
//! | [`contrast`] | tests of linear combinations (`anova(X = )`), pairwise contrasts, p-value adjustment |
//! | [`robust`] | cluster-robust covariances CR0, CR1, CR2 with their t and F/HTZ tests (metafor's `robust`, clubSandwich) |
//! | [`multilevel_ranef`] | the predicted random effects of a three-level model (`ranef`) |
//! | [`multilevel`] | three-level models (`rma.mv` with `~ 1 | cluster/id`) in O(k) per evaluation |

pub mod block_gls;
pub mod contrast;
pub mod fitstats;
pub mod gls;
pub mod heterogeneity;
pub mod likelihood;
pub mod linear;
pub mod model;
pub mod moderators;
pub mod multilevel;
pub mod multilevel_ranef;
pub mod newton;
pub mod per_study;
pub mod robust;
pub mod spec;
pub mod tau2;
