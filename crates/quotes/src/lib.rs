//! attache-quotes (under construction)
