//! Charts rendered with plotters to SVG and PNG, with an embedded font.
