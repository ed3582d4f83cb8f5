//! Rules that prove two figures or dates in one article cannot both be right.

pub(crate) mod change_mismatch;
pub(crate) mod conflicting_figures;
pub(crate) mod date_arithmetic;
pub(crate) mod fraction_mismatch;
pub(crate) mod part_exceeds_whole;
pub(crate) mod shares_exceed_total;
pub(crate) mod sum_mismatch;
pub(crate) mod timeline;
pub(crate) mod weekday_mismatch;
