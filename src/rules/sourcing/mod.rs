//! Rules that flag figures and statements quoted from nobody.

pub(crate) mod dead_link;
pub(crate) mod moved_link;
pub(crate) mod unattributed_quote;
pub(crate) mod unsourced_figure;
pub(crate) mod unsourced_superlative;
pub(crate) mod vague_attribution;
