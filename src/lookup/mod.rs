//! The lookup stage: where to look each claim up, and everything figcheck
//! learns from outside the article.
//!
//! - Reference links for every claim, made offline from URL templates
//!   (rules/references.toml, extended or overridden by packs), fill
//!   [`Claim::links`].
//! - Online, and only when the user asks (`--check-links`, `--lookup`): cited
//!   links checked, figures looked up in reference data, earlier fact-checks
//!   found, with a disk cache of those answers.
//!
//! Its results go to the rules and the report; it knows nothing of how they
//! are printed, so every renderer shows the same links.
//!
//! [`Claim::links`]: crate::extract::Claim

mod cited;
mod links;
mod online;
mod query;
mod stage;
mod templates;

#[cfg(feature = "net")]
mod cache;
#[cfg(feature = "net")]
mod factcheck;
#[cfg(feature = "net")]
pub(crate) mod http;
#[cfg(feature = "net")]
mod link_check;
#[cfg(feature = "net")]
mod wikidata;

pub use cited::{cited_urls, CitedUrl};
pub use online::{
    LinkCheck, LinkOutcome, NetworkOptions, Online, ReferenceCheck, Services, ServicesTable,
};
pub use templates::{ReferenceEntry, References};

#[cfg(feature = "net")]
pub use http::{FetchError, Fetched};
pub(crate) use links::fill_links;
pub use stage::run;
