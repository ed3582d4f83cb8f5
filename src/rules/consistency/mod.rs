//! Rules that prove two figures or dates in one article cannot both be right.

pub(crate) mod weekday_mismatch;
