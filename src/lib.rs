//! figcheck: find every checkable figure and date in a news article.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! source ──► document ──► extract ──► lookup ──► rules ──► report
//! (bytes)    (text, sentences,  (claims with spans,  (look-up   (findings)  (what the JSON
//!             publication date)  values, attribution)  links)                contract serialises)
//! ```

//!
//! [`review`] works on finished reports: baselines of known findings and the
//! paragraphs changed since an earlier version.
//!
//! [`check`] runs the whole pipeline on one text, so another program can embed it.

pub mod calendar;
pub mod document;
pub mod extract;
mod lexicon;
pub mod lookup;
pub mod report;
pub mod review;
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
    // The packs' word lists are what the parsers read during this check.
    options.rules.words.activate(|| {
        let document = Document::parse(text, options.as_of);
        let mut extraction = extract::extract(&document);
        lookup::fill_links(
            &document,
            &mut extraction.claims,
            options.rules.references(),
        );
        let findings = rules::run(&document, &extraction, &options.rules);
        DocumentReport::new(source_name, &document, extraction.claims, findings)
    })
}
