//! The main job: every study in a data folder, every measure, as one readable report.
