//! Reviewing an article over time: baselines of findings an editor has
//! already seen, and the paragraphs changed since an earlier version.
//!
//! Both work on finished reports and the article's text, after the rules
//! have run on the whole article, so a change in one paragraph is still
//! checked against the rest. A finding is known by its fingerprint: a
//! stable hash of its rule, its claim and the sentence around it, so edits
//! elsewhere in the article leave it alone and a changed sentence brings it
//! back.

mod baseline;
mod diff;

pub use baseline::{Baseline, BaselineError, Entry};
pub use diff::keep_changed;

use std::hash::Hasher;

use crate::document::Document;
use crate::report::DocumentReport;

/// Runs of white space (line breaks included) become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// White space collapsed and letters lower case.
fn normalise(text: &str) -> String {
    collapse(text).to_lowercase()
}

/// The fingerprint of a finding: FNV-1a (64 bits, as the `fnv` crate
/// computes it, stable across Rust releases) over the rule id, the
/// normalised claim text and the normalised sentence, in hexadecimal.
pub fn fingerprint(rule: &str, claim: &str, sentence: &str) -> String {
    let mut hasher = fnv::FnvHasher::default();
    for (i, part) in [rule.trim(), &normalise(claim), &normalise(sentence)]
        .iter()
        .enumerate()
    {
        if i > 0 {
            // A separator no text holds, so ("ab", "c") and ("a", "bc") differ.
            hasher.write(&[0x1f]);
        }
        hasher.write(part.as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

/// The claim text and sentence the finding at `index` is about, in the
/// article as plain text (for Markdown and HTML input the report's spans
/// point into the source, so the finding's place in the plain text is used).
fn about<'a>(
    document: &'a Document,
    report: &'a DocumentReport,
    index: usize,
) -> (&'a str, &'a str) {
    let text = document.text();
    let finding = &report.findings[index];
    let at = report.plain.findings.get(index).cloned().unwrap_or(0..0);
    let claim = finding
        .claims
        .first()
        .and_then(|id| report.claims.iter().find(|c| &c.id == id))
        .map(|c| c.text.as_str())
        .or_else(|| text.get(at.clone()))
        .unwrap_or("");
    let sentence = document
        .sentences
        .iter()
        .find(|s| s.span.contains(&at.start))
        .and_then(|s| text.get(s.span.clone()))
        .unwrap_or("");
    (claim, sentence)
}

/// One baseline entry per finding of `report`, in order.
pub fn entries(report: &DocumentReport) -> Vec<Entry> {
    let document = Document::parse(&report.plain.text, None);
    (0..report.findings.len())
        .map(|index| {
            let finding = &report.findings[index];
            let (claim, sentence) = about(&document, report, index);
            Entry {
                rule: finding.rule.clone(),
                fingerprint: fingerprint(&finding.rule, claim, sentence),
                source: Some(report.source.clone()),
                line: Some(finding.span.line),
                message: Some(finding.message.clone()),
                claim: Some(collapse(claim)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a_64() {
        // Published FNV-1a test vectors: a change of hash would orphan
        // every baseline already written.
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(b"a");
        assert_eq!(hasher.finish(), 0xaf63dc4c8601ec8c);
        assert_eq!(fingerprint("r", "c", "s").len(), 16);
    }

    #[test]
    fn fingerprints_ignore_spacing_and_case_but_not_words() {
        let one = fingerprint(
            "consistency/part-exceeds-whole",
            "80 projects",
            "Of the 70 projects,\n 80 projects were finished.",
        );
        let same = fingerprint(
            "consistency/part-exceeds-whole",
            "80  Projects",
            "of the 70 projects, 80 projects were finished.",
        );
        assert_eq!(one, same);
        let other_sentence = fingerprint(
            "consistency/part-exceeds-whole",
            "80 projects",
            "Of the 75 projects, 80 projects were finished.",
        );
        assert_ne!(one, other_sentence);
        let other_rule = fingerprint(
            "sourcing/unsourced-figure",
            "80 projects",
            "Of the 70 projects, 80 projects were finished.",
        );
        assert_ne!(one, other_rule);
        assert_ne!(fingerprint("r", "ab", "c"), fingerprint("r", "a", "bc"));
    }
}
