//! attache-readers (under construction)
