//! Do the reported numbers add up? GRIM, GRIMMER, DEBIT, percent-vs-count, scale bounds,
//! claimed significance and SPRITE reconstructions.
