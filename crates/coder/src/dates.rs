//! Date expressions (to be completed).
