//! attache-store (under construction)
