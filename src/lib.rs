//! figcheck: find every checkable figure and date in a news article.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! source ──► document ──► extract ──► rules ──► report
//! (bytes)    (text, sentences,  (claims with spans,  (findings)  (what the JSON
//!             publication date)  values, attribution)            contract serialises)
//! ```
//!
//! [`check`] runs the whole pipeline on one text, so another program can embed it.

pub mod batch;
pub mod calendar;
pub mod document;
pub mod extract;
mod lexicon;
pub mod report;
pub mod rules;
pub mod source;

pub use document::Document;
pub use extract::{Claim, ClaimKind, Value};
pub use report::{DocumentReport, Report};

/// What a caller can set for one check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publication date that resolves relative dates; overrides the dateline.
    pub as_of: Option<jiff::civil::Date>,
    /// Which rules run, with which severities and parameters.
    pub rules: rules::RuleConfig,
}

/// Checks one article's text and returns its report.
pub fn check(source_name: &str, text: &str, options: &Options) -> DocumentReport {
    let document = Document::parse(text, options.as_of);
    let extraction = extract::extract(&document);
    let findings = rules::run(&document, &extraction, &options.rules);
    DocumentReport::new(source_name, &document, extraction.claims, findings)
}
