//! The extract stage: finds every checkable claim in a [`Document`].
//!
//! One scanner walks each sentence word by word and offers each word start to
//! the parser families (temporal, then numeric), which reject a word on its
//! first byte when it cannot start one of their claims. The longest match wins
//! (temporal on a tie, so "four years" is a duration, not a count of years)
//! and scanning resumes after it. Attribution is found per sentence and carried
//! to the claims afterwards.

mod attribution;
mod claim;
mod describe;
mod exclude;
mod number_words;
mod numeric;
mod temporal;
mod word_table;

pub use claim::{
    Attribution, Claim, ClaimKind, Confirmation, Link, LinkUrl, NumberValue, Partitive, Qualifier,
    Review, Span, TemporalValue, Tense, Value,
};

pub use describe::{describe, describe_date, format_amount, ordinal_words};
/// Read by the Wikidata look-up, which exists only with the `net` feature.
#[cfg(feature = "net")]
pub(crate) use temporal::NOT_NAMES;

/// The types of the data files the parsers read, so that packs extending
/// them can be checked when they load (see `crate::lexicon`).
pub(crate) mod data {
    pub(crate) use super::attribution::Cues;
    pub(crate) use super::numeric::{CurrencyFile, Numbers, UnitFile};
    pub(crate) use super::temporal::TemporalWords;
}

use crate::document::{Document, Sentence};

/// What a family parser sees at one candidate position.
pub(crate) struct Ctx<'a> {
    /// The whole document text; spans index into it.
    pub text: &'a str,
    pub doc: &'a Document,
    /// The sentence being scanned.
    pub sentence: &'a Sentence,
    /// The publication date, when known.
    pub as_of: Option<jiff::civil::Date>,
    /// What the temporal parser has read of the sentence so far.
    pub temporal: &'a temporal::SentenceCache,
}

impl<'a> Ctx<'a> {
    /// The text of the current sentence from `pos` to its end.
    pub fn rest(&self, pos: usize) -> &'a str {
        &self.text[pos..self.sentence.span.end]
    }

    /// The text of the current sentence before `pos`.
    pub fn before(&self, pos: usize) -> &'a str {
        &self.text[self.sentence.span.start..pos]
    }

    /// The whole current sentence.
    pub fn sentence_text(&self) -> &'a str {
        &self.text[self.sentence.span.clone()]
    }
}

/// A claim as a family parser reports it, before ids and attribution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub value: Value,
}

/// What the extract stage finds in a document.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Every claim, in text order, with ids c1, c2, ...
    pub claims: Vec<Claim>,
    /// The attribution each sentence states, by sentence index.
    pub attributions: Vec<Option<Attribution>>,
}

/// Finds every claim in the document, in text order, with ids c1, c2, ...
pub fn scan(doc: &Document) -> Vec<Claim> {
    extract(doc).claims
}

/// Finds every claim and every sentence's attribution.
pub fn extract(doc: &Document) -> Extraction {
    let text = doc.text();
    let mut excluded = exclude::excluded_ranges(text);
    // The dateline's date is the article's own metadata, not a claim in it.
    if let Some(dateline) = &doc.dateline {
        excluded.push(dateline.clone());
        excluded = merge_ranges(excluded);
    }
    let mut exclusions = Exclusions::new(&excluded);
    let mut found: Vec<(usize, Found)> = Vec::new();
    let temporal_cache = temporal::SentenceCache::default();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let ctx = Ctx {
            text,
            doc,
            sentence,
            as_of: doc.published,
            temporal: &temporal_cache,
        };
        let mut pos = sentence.span.start;
        while let Some(start) = next_word_start(text, pos, sentence.span.end) {
            if let Some(skip_to) = exclusions.covering(start) {
                pos = skip_to;
                continue;
            }
            match best_match(&ctx, start) {
                Some(claim) if !overlaps_exclusion(&excluded, claim.start, claim.end) => {
                    pos = claim.end.max(next_char_boundary(text, start));
                    found.push((sentence_index, claim));
                }
                _ => pos = next_char_boundary(text, start),
            }
        }
    }
    let mut cursor = doc.span_cursor();
    let mut claims: Vec<Claim> = found
        .into_iter()
        .enumerate()
        .map(|(index, (sentence, f))| {
            Claim::new(
                format!("c{}", index + 1),
                f.kind,
                text[f.start..f.end].to_string(),
                cursor.span(f.start, f.end),
                f.value,
                sentence,
            )
        })
        .collect();
    numeric::link_partitives(&mut claims);
    let attributions = attribution::sentence_attributions(doc);
    attribution::attribute(doc, &attributions, &mut claims);
    Extraction {
        claims,
        attributions,
    }
}

fn best_match(ctx: &Ctx, start: usize) -> Option<Found> {
    // Both families first look the word up in their tables: pack it once.
    let first_word = word_table::leading_word_key(ctx.rest(start));
    let temporal = temporal::parse_at(ctx, start, first_word);
    let numeric = numeric::parse_at(ctx, start, first_word);
    match (temporal, numeric) {
        (Some(t), Some(n)) => Some(if n.end > t.end { n } else { t }),
        (t, n) => t.or(n),
    }
}

/// The next position at or after `pos` (and before `end`) where a word or a
/// symbol that can open a claim starts: a letter or digit not preceded by a
/// letter or digit, or a currency sign.
///
/// This sees every byte of every sentence, so it reads bytes and decodes a
/// character only when it is outside ASCII.
fn next_word_start(text: &str, pos: usize, end: usize) -> Option<usize> {
    // An exclusion (a URL, say) may run past the end of the sentence.
    if pos >= end {
        return None;
    }
    let bytes = text.as_bytes();
    let mut previous_alphanumeric = text[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let mut at = pos;
    while at < end {
        let class = byte_class(bytes[at]);
        let (alphanumeric, width) = if class & OUTSIDE_ASCII == 0 {
            if class & CLAIM_SYMBOL != 0 {
                return Some(at);
            }
            (class & ALPHANUMERIC != 0, 1)
        } else {
            let c = text[at..].chars().next()?;
            if is_claim_symbol(c) {
                return Some(at);
            }
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric && !previous_alphanumeric && !continues_number(bytes, at) {
            return Some(at);
        }
        previous_alphanumeric = alphanumeric;
        at += width;
    }
    None
}

/// Byte classes for the passes that read every byte of a text (here and in
/// attribution): an ASCII letter or digit.
const ALPHANUMERIC: u8 = 1;
/// An ASCII sign that can open a claim ("$5", "~40", "<10", ">3").
const CLAIM_SYMBOL: u8 = 2;
/// A byte of a character outside ASCII, which must be decoded.
const OUTSIDE_ASCII: u8 = 4;
/// An ASCII capital letter.
const UPPER: u8 = 8;

static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'0'..=b'9' | b'a'..=b'z' => ALPHANUMERIC,
            b'A'..=b'Z' => ALPHANUMERIC | UPPER,
            b'$' | b'~' | b'<' | b'>' => CLAIM_SYMBOL,
            0x80.. => OUTSIDE_ASCII,
            _ => 0,
        };
        byte += 1;
    }
    classes
};

/// The class of a byte (see [`BYTE_CLASSES`]).
fn byte_class(byte: u8) -> u8 {
    BYTE_CLASSES[usize::from(byte)]
}

/// "000" in "9,000" and "5" in "3.5" are not where a claim can start: a digit
/// after a comma or point that follows a digit.
fn continues_number(bytes: &[u8], at: usize) -> bool {
    bytes[at].is_ascii_digit()
        && at >= 2
        && matches!(bytes[at - 1], b',' | b'.')
        && bytes[at - 2].is_ascii_digit()
}

fn is_claim_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '~' | '≈' | '<' | '>' | '≥' | '≤'
    )
}

fn next_char_boundary(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(1, char::len_utf8)
}

/// `text` in lower case, borrowed when it is lower-case ASCII already (most
/// words and gaps between claims are), so a lookup allocates rarely.
pub(crate) fn lower_case(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if !text.is_ascii() {
        Cow::Owned(text.to_lowercase())
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// Sorts ranges and merges those that overlap, so they can be binary-searched.
fn merge_ranges(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The excluded ranges with a cursor: the scanner asks about every word
/// start, in text order, so the range to test is found by stepping forward
/// from the last one rather than by a search each time.
struct Exclusions<'a> {
    ranges: &'a [std::ops::Range<usize>],
    /// Every range before this one ends at or before the last position asked.
    next: usize,
}

impl<'a> Exclusions<'a> {
    fn new(ranges: &'a [std::ops::Range<usize>]) -> Exclusions<'a> {
        Exclusions { ranges, next: 0 }
    }

    /// The end of the excluded range that covers `pos`, if one does.
    fn covering(&mut self, pos: usize) -> Option<usize> {
        // The ranges are sorted and do not overlap, so their ends rise too.
        if self.next > 0 && self.ranges[self.next - 1].end > pos {
            self.next = self.ranges.partition_point(|r| r.end <= pos);
        }
        while self.ranges.get(self.next).is_some_and(|r| r.end <= pos) {
            self.next += 1;
        }
        self.ranges
            .get(self.next)
            .filter(|r| r.start <= pos)
            .map(|r| r.end)
    }
}

fn overlaps_exclusion(excluded: &[std::ops::Range<usize>], start: usize, end: usize) -> bool {
    let i = excluded.partition_point(|r| r.end <= start);
    excluded.get(i).is_some_and(|r| r.start < end)
}
