//! Rules that compare figures with reference data looked up online.

pub(crate) mod contradicted;
