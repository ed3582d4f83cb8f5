//! The lookup stage: reference links for every claim, made from URL
//! templates (rules/references.toml, extended or overridden by packs).
//!
//! It sees the document and its claims and fills [`Claim::links`]; it knows
//! nothing about how the links are printed, so every renderer (the JSON,
//! the terminal table) shows the same links.
//!
//! [`Claim::links`]: crate::extract::Claim

mod links;
mod query;
mod templates;

pub use templates::{ReferenceEntry, References};

pub(crate) use links::fill_links;
