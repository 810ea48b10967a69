//! Evidence rendering (to be completed).
