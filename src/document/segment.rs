//! Paragraph and sentence segmentation. Sentence bounds come from Unicode's
//! rules (UAX #29) and are then merged back where the word before a full stop
//! is an abbreviation from rules/abbreviations.toml or a single initial.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::Sentence;
use crate::lexicon;

/// Paragraphs: runs of lines separated by blank lines. A text with no blank
/// line at all is read as one paragraph per line.
pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = line_ranges(text);
    let has_blank_line = lines.iter().any(|r| text[r.clone()].trim().is_empty());
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        let content = trim_range(text, line);
        if content.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        current = match current {
            Some(open) if has_blank_line => Some(open.start..content.end),
            Some(open) => {
                paragraphs.push(open);
                Some(content)
            }
            None => Some(content),
        };
    }
    paragraphs.extend(current);
    paragraphs
}

/// The first paragraph when it is a single line that reads as a title.
pub(super) fn headline(text: &str, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    let line = &text[first.clone()];
    let stands_alone = !line.contains('\n') && paragraphs.len() > 1;
    let reads_as_title = line.chars().count() <= 200 && !line.ends_with(['.', ',', ';', ':']);
    (stands_alone && reads_as_title).then(|| first.clone())
}

/// Sentences of every paragraph, in text order.
pub(super) fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let abbreviations = lexicon::abbreviations();
    let mut sentences = Vec::new();
    for (paragraph, range) in paragraphs.iter().enumerate() {
        // Line breaks inside a paragraph are wrapping, not sentence ends; a
        // space has the same byte length, so offsets are unchanged.
        let flat = text[range.clone()].replace('\n', " ");
        let mut pending: Option<Range<usize>> = None;
        for (offset, piece) in flat.split_sentence_bound_indices() {
            let piece_range = range.start + offset..range.start + offset + piece.len();
            let piece_range = trim_range(text, piece_range);
            if piece_range.is_empty() {
                continue;
            }
            let merged = match pending.take() {
                Some(open) => open.start..piece_range.end,
                None => piece_range,
            };
            if ends_with_abbreviation(&text[merged.clone()], abbreviations) {
                pending = Some(merged);
            } else {
                sentences.push(Sentence {
                    span: merged,
                    paragraph,
                });
            }
        }
        if let Some(open) = pending {
            sentences.push(Sentence {
                span: open,
                paragraph,
            });
        }
    }
    sentences
}

fn ends_with_abbreviation(
    sentence: &str,
    abbreviations: &std::collections::HashSet<String>,
) -> bool {
    if !sentence.ends_with('.') {
        return false;
    }
    let last_word = sentence
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let is_initial = {
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    };
    is_initial || abbreviations.contains(last_word)
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut start = 0;
    let mut lines = Vec::new();
    for (i, _) in text.match_indices('\n') {
        lines.push(start..i);
        start = i + 1;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        let paragraphs = paragraphs(text);
        sentences(text, &paragraphs)
            .into_iter()
            .map(|s| &text[s.span])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text =
            "Mr. Smith met Dr. J. Jones of Acme Inc. in the U.S. Treasury on Jan. 5. It rained.";
        assert_eq!(
            sentence_texts(text),
            vec![
                "Mr. Smith met Dr. J. Jones of Acme Inc. in the U.S. Treasury on Jan. 5.",
                "It rained."
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_wrapped_lines_join() {
        let text = "Title here\n\nFirst line\nwraps on. Second one.\n\nLast.";
        let paragraphs = paragraphs(text);
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(headline(text, &paragraphs), Some(0..10));
        assert_eq!(
            sentence_texts(text),
            vec![
                "Title here",
                "First line\nwraps on.",
                "Second one.",
                "Last."
            ]
        );
    }

    #[test]
    fn text_without_blank_lines_is_one_paragraph_per_line() {
        let text = "Headline\nBody one. Body two.\nBody three.";
        assert_eq!(paragraphs(text).len(), 3);
    }
}
