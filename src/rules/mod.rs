//! The rules stage: checks a document's claims and text and reports findings.
//!
//! Each built-in rule is one file that declares its id, default severity and
//! documentation with [`declare_rule!`], implements [`Rule`], and has one line
//! in [`registry::BUILTIN`]. The engine runs the rules the configuration
//! leaves on, with the severities it sets.

mod config;
mod consistency;
mod declared;
mod figures;
mod finding;
mod pack;
mod reference;
mod registry;
mod sourcing;

pub use config::{RuleConfig, RuleInfo};
pub use finding::{Finding, Severity};
pub use pack::PackError;

use crate::document::Document;
use crate::extract::{Attribution, Claim, Extraction, Span};
use crate::lookup::Online;

/// What a rule sees: the document and its claims, in text order.
pub(crate) struct RuleContext<'a> {
    pub doc: &'a Document,
    pub claims: &'a [Claim],
    /// The attribution each sentence states, by sentence index.
    pub attributions: &'a [Option<Attribution>],
    pub config: &'a RuleConfig,
    /// What the online stage found (empty unless --check-links or --lookup).
    pub online: &'a Online,
    /// For each sentence, the range of `claims` that lie in it (claims are
    /// in text order), so no rule scans every claim for each claim.
    by_sentence: Vec<std::ops::Range<usize>>,
}

impl<'a> RuleContext<'a> {
    fn new(
        doc: &'a Document,
        extraction: &'a Extraction,
        config: &'a RuleConfig,
        online: &'a Online,
    ) -> RuleContext<'a> {
        let mut by_sentence = vec![0..0; doc.sentences.len()];
        let claims = &extraction.claims;
        let mut start = 0;
        while start < claims.len() {
            let sentence = claims[start].sentence;
            let end = start
                + claims[start..]
                    .iter()
                    .take_while(|c| c.sentence == sentence)
                    .count();
            if let Some(range) = by_sentence.get_mut(sentence) {
                *range = start..end;
            }
            start = end;
        }
        RuleContext {
            doc,
            claims,
            attributions: &extraction.attributions,
            config,
            online,
            by_sentence,
        }
    }

    /// The relative slack a rule allows "about", "nearly" and "roughly":
    /// its pack parameter `approximate`, 5% by default.
    pub fn approximate(&self, id: &str) -> f64 {
        self.config
            .number(id, "approximate", figures::DEFAULT_APPROXIMATE)
            .clamp(0.0, 1.0)
    }

    /// The claims of sentence `index`, in text order.
    pub fn in_sentence(&self, index: usize) -> &'a [Claim] {
        let range = self.by_sentence.get(index).cloned().unwrap_or(0..0);
        &self.claims[range]
    }

    /// The claim with this id ("c12"), found by its number.
    pub fn claim(&self, id: &str) -> Option<&'a Claim> {
        let number: usize = id.strip_prefix('c')?.parse().ok()?;
        self.claims
            .get(number.checked_sub(1)?)
            .filter(|c| c.id == id)
    }

    /// Whether sentence `index`, or the one before or after it in the same
    /// paragraph, names a source (vague ones count when `vague_counts`).
    pub fn attributed_near(&self, index: usize, vague_counts: bool) -> bool {
        let sentences = &self.doc.sentences;
        let paragraph = sentences[index].paragraph;
        let names_source = |s: usize| {
            self.attributions[s]
                .as_ref()
                .is_some_and(|a| vague_counts || !a.vague)
        };
        // The sentence itself first: most that have a source nearby have
        // one in them.
        names_source(index)
            || index
                .checked_sub(1)
                .is_some_and(|s| sentences[s].paragraph == paragraph && names_source(s))
            || sentences
                .get(index + 1)
                .is_some_and(|s| s.paragraph == paragraph && names_source(index + 1))
    }
}

/// One check. `check` pushes findings with the rule's default severity; the
/// engine applies the configured one.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>);
}

/// A rule's id, default severity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub default_severity: Severity,
    /// Markdown with the sections "What it flags", "Why it matters",
    /// "Fires on" and "Does not fire on".
    pub doc: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, without the doc comments' indent.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first sentence of the "What it flags" section, on one line.
    pub fn summary(&self) -> String {
        let paragraph: Vec<&str> = self
            .doc
            .lines()
            .map(str::trim)
            .skip_while(|line| line.is_empty() || line.starts_with('#'))
            .take_while(|line| !line.is_empty())
            .collect();
        let joined = paragraph.join(" ");
        match joined.find(". ") {
            Some(end) => joined[..=end].to_string(),
            None => joined,
        }
    }

    /// A finding of this rule at its default severity (the engine applies
    /// the configured one).
    pub(crate) fn finding(
        &self,
        message: String,
        span: Span,
        related: Vec<Span>,
        claims: Vec<String>,
    ) -> Finding {
        Finding {
            rule: self.id.to_string(),
            severity: self.default_severity,
            message,
            span,
            related,
            claims,
            suggestion: None,
        }
    }

    /// The rule's family: "consistency" for "consistency/timeline".
    pub fn family(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }
}

/// Declares a rule type whose doc comment is also its runtime documentation:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it flags
///     /// ...
///     pub(crate) struct WeekdayMismatch => "consistency/weekday-mismatch", Severity::Error
/// }
/// ```
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])* $vis:vis struct $name:ident => $id:literal, $severity:expr) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $name {
            pub(crate) const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_severity: $severity,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// The rules that report what the online stage found. Their findings depend
/// on answers from the network, not on the text alone, so they have no text
/// fixture in fixtures/rules: tests/network.rs drives each one against
/// servers on 127.0.0.1.
pub const NETWORK_RULES: &[&str] = &[
    "sourcing/dead-link",
    "sourcing/moved-link",
    "reference/contradicted",
];

/// Every built-in rule's metadata, in registry order.
pub fn catalogue() -> impl Iterator<Item = &'static RuleMeta> {
    registry::BUILTIN.iter().map(|rule| rule.meta())
}

/// Runs the configured rules over a document's claims; findings come back in
/// text order, with the configured severities.
pub(crate) fn run(
    doc: &Document,
    extraction: &Extraction,
    config: &RuleConfig,
    online: &Online,
) -> Vec<Finding> {
    let cx = RuleContext::new(doc, extraction, config, online);
    let mut findings = Vec::new();
    let runs = config.builtin_runs();
    let severities = config.builtin_severities();
    for ((rule, &runs), &severity) in registry::BUILTIN.iter().zip(runs.iter()).zip(severities) {
        if runs {
            let first = findings.len();
            rule.check(&cx, &mut findings);
            for finding in &mut findings[first..] {
                finding.severity = severity;
            }
        }
    }
    declared::run_phrase_rules(&cx, &mut findings);
    declared::run_claim_rules(&cx, &mut findings);
    // Inline comments in the article (`figcheck: ignore RULE`) silence
    // rules where they stand.
    findings.retain(|f| !doc.is_ignored(&f.rule, f.span.start));
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    findings
}

#[cfg(test)]
mod meta_tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_in_all_sections() {
        for meta in catalogue() {
            for section in [
                "## What it flags",
                "## Why it matters",
                "## Fires on",
                "## Does not fire on",
            ] {
                assert!(meta.doc.contains(section), "{} lacks {section}", meta.id);
            }
            assert!(!meta.summary().is_empty(), "{} has no summary", meta.id);
        }
    }

    #[test]
    fn rule_ids_are_unique_and_in_a_known_family() {
        let mut seen = std::collections::HashSet::new();
        for meta in catalogue() {
            assert!(seen.insert(meta.id), "duplicate id {}", meta.id);
            assert!(
                ["consistency", "sourcing", "reference"].contains(&meta.family()),
                "{} is in no known family",
                meta.id
            );
        }
    }
}
