//! Data generators and reference values that several test modules share.

pub mod als_synthetic;
pub mod nma_reference_values;
pub mod relapse_synthetic;
