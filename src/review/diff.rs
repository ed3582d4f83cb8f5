//! `--diff`: keep only the claims and findings in paragraphs that changed
//! against an earlier version of the article. A paragraph is unchanged when
//! the old version holds the same text, white space aside, anywhere; so
//! moving a paragraph is no change, and editing one word is.

use std::collections::HashSet;
use std::ops::Range;

use super::collapse;
use crate::document::Document;
use crate::report::DocumentReport;

/// The byte ranges of `text`'s paragraphs that `old_text` does not hold.
fn changed_paragraphs(text: &str, old_text: &str) -> Vec<Range<usize>> {
    let old = Document::parse(old_text, None);
    let old: HashSet<String> = old
        .paragraphs
        .iter()
        .map(|p| collapse(&old_text[p.clone()]))
        .collect();
    Document::parse(text, None)
        .paragraphs
        .into_iter()
        .filter(|p| !old.contains(&collapse(&text[p.clone()])))
        .collect()
}

/// Drops the claims and findings of `report` outside the paragraphs changed
/// since `old_text`; a finding stays when it or a place it relates to lies
/// in a changed paragraph. Returns how many paragraphs changed.
pub fn keep_changed(report: &mut DocumentReport, text: &str, old_text: &str) -> usize {
    let changed = changed_paragraphs(text, old_text);
    let inside = |offset: usize| changed.iter().any(|p| p.contains(&offset));
    let mut keep = report
        .claims
        .iter()
        .map(|c| inside(c.span.start))
        .collect::<Vec<_>>()
        .into_iter();
    let mut keep_context = keep.clone();
    report.claims.retain(|_| keep.next().unwrap_or(false));
    if !report.contexts.is_empty() {
        report
            .contexts
            .retain(|_| keep_context.next().unwrap_or(false));
    }
    report
        .findings
        .retain(|f| inside(f.span.start) || f.related.iter().any(|r| inside(r.start)));
    changed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paragraphs_missing_from_the_old_text_changed() {
        let old = "Title\n\nFirst paragraph here.\n\nSecond  one\nwraps.\n";
        let new = "Title\n\nSecond one wraps.\n\nFirst paragraph, edited.\n\nA new one.\n";
        let changed: Vec<&str> = changed_paragraphs(new, old)
            .into_iter()
            .map(|r| &new[r])
            .collect();
        assert_eq!(changed, ["First paragraph, edited.", "A new one."]);
    }
}
