//! JSON: the value's own `serde` shape, pretty-printed, full precision.

use super::{Exporter, Tabular};
use crate::error::{Error, Result};
use serde::Serialize;

/// Writes the serde representation of a result.
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn export<T: Tabular + Serialize + ?Sized>(&self, value: &T) -> Result<String> {
        let mut s = serde_json::to_string_pretty(value)
            .map_err(|e| Error::Numerical(format!("cannot write JSON: {e}")))?;
        s.push('\n');
        Ok(s)
    }
}
