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
    Attribution, Claim, ClaimKind, Confirmation, Link, NumberValue, Partitive, Qualifier, Review,
    Span, TemporalValue, Tense, Value,
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
    let mut found: Vec<(usize, Found)> = Vec::new();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let ctx = Ctx {
            text,
            doc,
            sentence,
            as_of: doc.published,
        };
        let mut pos = sentence.span.start;
        while let Some(start) = next_word_start(text, pos, sentence.span.end) {
            if let Some(skip_to) = covering_exclusion(&excluded, start) {
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
fn next_word_start(text: &str, pos: usize, end: usize) -> Option<usize> {
    // An exclusion (a URL, say) may run past the end of the sentence.
    if pos >= end {
        return None;
    }
    let mut previous = text[..pos].chars().next_back();
    for (offset, c) in text[pos..end].char_indices() {
        let at = pos + offset;
        let starts_word = c.is_alphanumeric()
            && !previous.is_some_and(|p| p.is_alphanumeric())
            && !continues_number(text, at, c);
        if starts_word || is_claim_symbol(c) {
            return Some(pos + offset);
        }
        previous = Some(c);
    }
    None
}

/// "000" in "9,000" and "5" in "3.5" are not where a claim can start.
fn continues_number(text: &str, at: usize, c: char) -> bool {
    if !c.is_ascii_digit() {
        return false;
    }
    let mut before = text[..at].chars().rev();
    matches!(
        (before.next(), before.next()),
        (Some(',' | '.'), Some(d)) if d.is_ascii_digit()
    )
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

fn covering_exclusion(excluded: &[std::ops::Range<usize>], pos: usize) -> Option<usize> {
    let i = excluded.partition_point(|r| r.end <= pos);
    excluded.get(i).filter(|r| r.start <= pos).map(|r| r.end)
}

fn overlaps_exclusion(excluded: &[std::ops::Range<usize>], start: usize, end: usize) -> bool {
    let i = excluded.partition_point(|r| r.end <= start);
    excluded.get(i).is_some_and(|r| r.start < end)
}
