//! Study data: the numbers a document reports, their scales and provenance.
