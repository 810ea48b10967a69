//! attache-coder (under construction)
