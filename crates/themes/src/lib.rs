//! attache-themes (under construction)
