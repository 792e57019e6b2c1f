//! Expectations pinned in the data and their recomputation.
