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

pub mod batch;
pub mod calendar;
pub mod document;
pub mod extract;
mod lexicon;
pub mod lookup;
pub mod report;
pub mod review;
pub mod rules;
mod slow_path;
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
    /// What may go online (nothing by default).
    pub network: lookup::NetworkOptions,
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
    let mut extraction = extract::extract(document);
    lookup::fill_links(document, &mut extraction.claims, options.rules.references());
    let online = online_stage(document, &extraction.claims, &options.network);
    attach_lookups(&mut extraction.claims, &online);
    let findings = rules::run(document, &extraction, &options.rules, &online);
    let mut report = DocumentReport::new(source_name, document, extraction.claims, findings);
    report.add_online(&online);
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
    for link in &mut report.links {
        link.span = spans.map(link.span);
    }
    report
}

/// Goes online only for what the options ask; otherwise sends nothing.
fn online_stage(
    document: &Document,
    claims: &[Claim],
    network: &lookup::NetworkOptions,
) -> lookup::Online {
    if !(network.check_links || network.lookup) {
        return lookup::Online::default();
    }
    let cited = if network.check_links {
        lookup::cited_urls(document)
    } else {
        Vec::new()
    };
    lookup::run(document, claims, &cited, network)
}

/// Puts earlier fact-checks and reference agreements on their claims.
fn attach_lookups(claims: &mut [Claim], online: &lookup::Online) {
    for claim in claims.iter_mut() {
        if let Some((_, reviews)) = online.reviews.iter().find(|(id, _)| *id == claim.id) {
            claim.reviews = reviews.clone();
        }
        if let Some(check) = online
            .references
            .iter()
            .find(|r| r.agrees && r.claim == claim.id)
        {
            claim.confirmed = Some(extract::Confirmation {
                source: "wikidata".to_string(),
                value: check.reference.clone(),
                url: check.item.clone(),
            });
        }
    }
}
