//! The lookup stage: everything figcheck learns from outside the article —
//! cited links checked, figures looked up in reference data, earlier
//! fact-checks found — and the disk cache of those answers. It runs only when
//! the user asks (`--check-links`, `--lookup`) and hands its results to the
//! rules and the report; it knows nothing of how they are printed.

mod cited;
mod online;
mod stage;

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

#[cfg(feature = "net")]
pub use http::{FetchError, Fetched};
pub use stage::run;
