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
/// since `old_text` (the earlier version as plain text, read as the report's
/// article was); a finding stays when it or a claim it names lies in a
/// changed paragraph. Returns how many paragraphs changed.
pub fn keep_changed(report: &mut DocumentReport, old_text: &str) -> usize {
    let changed = changed_paragraphs(&report.plain.text, old_text);
    let inside = |offset: usize| changed.iter().any(|p| p.contains(&offset));
    let claims_kept: Vec<bool> = report
        .plain
        .claims
        .iter()
        .map(|c| inside(c.start))
        .collect();
    let findings_kept: Vec<bool> = (0..report.findings.len())
        .map(|i| {
            let at = report.plain.findings.get(i).map_or(0, |r| r.start);
            inside(at)
                || report.findings[i].claims.iter().any(|id| {
                    report
                        .claims
                        .iter()
                        .position(|c| &c.id == id)
                        .is_some_and(|n| claims_kept[n])
                })
        })
        .collect();
    report.retain(|i| claims_kept[i], |i| findings_kept[i]);
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
