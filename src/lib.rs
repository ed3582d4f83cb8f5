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

/// Checks one article's plain text and returns its report.
pub fn check(source_name: &str, text: &str, options: &Options) -> DocumentReport {
    // The packs' word lists are what the parsers read during this check.
    options
        .rules
        .words
        .activate(|| report(source_name, &Document::parse(text, options.as_of), options))
}

/// Checks one source in its format (plain text, Markdown or HTML); the
/// report's spans point into the source as read.
pub fn check_source(
    source: &source::Source,
    options: &Options,
) -> Result<DocumentReport, document::ConvertError> {
    options.rules.words.activate(|| {
        let document = Document::read(&source.text, source.format, options.as_of)?;
        Ok(report(&source.name, &document, options))
    })
}

fn report(source_name: &str, document: &Document, options: &Options) -> DocumentReport {
    let extraction = extract::extract(document);
    let findings = rules::run(document, &extraction, &options.rules);
    let mut report = DocumentReport::new(source_name, document, extraction.claims, findings);
    // Rules and contexts work on the converted text; what the report shows
    // points into the source file.
    let mut spans = document.source_spans();
    for claim in &mut report.claims {
        claim.span = spans.map(claim.span);
        if let Some(attribution) = &mut claim.attribution {
            attribution.span = spans.map(attribution.span);
        }
    }
    for finding in &mut report.findings {
        finding.span = spans.map(finding.span);
        for related in &mut finding.related {
            *related = spans.map(*related);
        }
    }
    report
}
