//! Rules that flag figures and statements quoted from nobody.

pub(crate) mod unsourced_figure;
pub(crate) mod vague_attribution;
