//! Linear mixed models of longitudinal scores (lme4's `lmer`): the profiled criterion of
//! Bates et al. (2015).
