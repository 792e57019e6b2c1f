//! Before/after analysis of one group when the pre/post correlation is not reported.
