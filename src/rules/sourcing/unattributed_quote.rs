//! sourcing/unattributed-quote: a quotation nobody is named as saying.

use std::ops::Range;

use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A quotation of four words or more (the pack's `min_words`) with no
    /// named speaker in its sentences or the sentence before or after them in
    /// the same paragraph.
    ///
    /// ## Why it matters
    /// A quote with no speaker cannot be checked against a recording or notes,
    /// and a reader cannot weigh it.
    ///
    /// ## Fires on
    /// "\"We will not let this happen again,\" came the reply."
    ///
    /// ## Does not fire on
    /// "\"We will not let this happen again,\" the mayor said." Shorter quoted
    /// terms ("so-called \"green levy\"") and titles in capitals ("the report
    /// \"Water For Every Home\"") are not quotations.
    pub(crate) struct UnattributedQuote => "sourcing/unattributed-quote", Severity::Warning
}

/// Quoted passages of a paragraph as (with quote marks, without them),
/// paired within the paragraph: curly quotes by direction, straight quotes
/// in turn, put in `found` (cleared first) in order of their opening mark.
/// `marks` gives every candidate byte of the text in order, from one
/// `memchr2` search over the whole text (a search per paragraph costs more
/// to start than to run): every quote mark is either `"` or starts with
/// the byte 0xE2 (the UTF-8 lead byte of “ and ”). The marks before the
/// paragraph are passed over, and those after it are left for the next.
fn quotations(
    text: &str,
    paragraph: Range<usize>,
    marks: &mut std::iter::Peekable<impl Iterator<Item = usize>>,
    found: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    const OPEN: &[u8] = "“".as_bytes();
    const CLOSE: &[u8] = "”".as_bytes();
    found.clear();
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    let bytes = &text.as_bytes()[..paragraph.end];
    while marks.next_if(|&at| at < paragraph.start).is_some() {}
    while let Some(at) = marks.next_if(|&at| at < paragraph.end) {
        let rest = &bytes[at..];
        if rest[0] == b'"' {
            match open_straight.take() {
                Some(open) => found.push((open..at + 1, open + 1..at)),
                None => open_straight = Some(at),
            }
        } else if rest.starts_with(OPEN) {
            open_curly = Some(at);
        } else if rest.starts_with(CLOSE) {
            found.extend(
                open_curly
                    .take()
                    .map(|open| (open..at + CLOSE.len(), open + OPEN.len()..at)),
            );
        }
    }
    found.sort_by_key(|(outer, _)| outer.start);
}

/// Whether a quoted passage counts as a quotation: at least `min_words`
/// words, and not a title (three words in four capitalised and no closing
/// punctuation). Both counts come from one pass over the words, with none
/// collected: this runs on every quoted passage.
fn is_quotation(quote: &str, min_words: usize) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for word in quote.split_whitespace() {
        words += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    let title = capitalised * 4 >= words * 3 && !quote.trim_end().ends_with(['.', ',', '!', '?']);
    words >= min_words && !title
}

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let min_words = cx.config.number(Self::META.id, "min_words", 4.0) as usize;
        let doc = cx.doc;
        let text = doc.text();
        let mut marks = memchr::memchr2_iter(b'"', 0xE2, text.as_bytes()).peekable();
        let mut found = Vec::new();
        for paragraph in &doc.paragraphs {
            quotations(text, paragraph.clone(), &mut marks, &mut found);
            for (outer, quote) in found.iter().cloned() {
                // The speaker is looked for first: most quotations have one,
                // and reading every word of the quotation costs more.
                let (Some(first), Some(last)) = (
                    doc.sentence_at(quote.start),
                    doc.sentence_at(quote.end.saturating_sub(1)),
                ) else {
                    continue;
                };
                let has_speaker = (first..=last).any(|s| cx.attributed_near(s, false));
                if has_speaker {
                    continue;
                }
                let quoted = &text[quote.clone()];
                if !is_quotation(quoted, min_words) {
                    continue;
                }
                let shown: String = quoted.chars().take(40).collect();
                let ellipsis = if shown.len() < quoted.len() {
                    "…"
                } else {
                    ""
                };
                findings.push(Self::META.finding(format!(
                        "quotation \"{}{ellipsis}\" has no named speaker in its sentence or the ones beside it",
                        shown.trim_end()
                    ), doc.span(outer.start, outer.end), Vec::new(), (first..=last)
                        .flat_map(|s| cx.in_sentence(s))
                        .filter(|c| quote.contains(&c.span.start))
                        .map(|c| c.id.clone())
                        .collect()));
            }
        }
    }
}
