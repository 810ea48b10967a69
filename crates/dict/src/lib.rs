//! attache-dict (under construction)
