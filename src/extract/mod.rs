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
pub(crate) use temporal::iso_date;
/// Read by the Wikidata look-up, which exists only with the `net` feature.
#[cfg(feature = "net")]
pub(crate) use temporal::NOT_NAMES;
pub(crate) use word_table::PackedSet;

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
    let mut claims = scan_claims(doc, &excluded);
    numeric::link_partitives(&mut claims);
    let attributions = attribution::sentence_attributions(doc);
    attribution::attribute(doc, &attributions, &mut claims);
    Extraction {
        claims,
        attributions,
    }
}

/// Every claim of the document outside the `excluded` ranges, in text
/// order, with ids c1, c2, ... The scanner's loop is the hottest code of the
/// stage: it is kept in a function of its own, out of line, so that the
/// compiler does not merge it with the passes that follow (merged, both ran
/// slower).
#[inline(never)]
fn scan_claims(doc: &Document, excluded: &[std::ops::Range<usize>]) -> Vec<Claim> {
    let text = doc.text();
    let mut exclusions = Exclusions::new(excluded);
    let temporal_cache = temporal::SentenceCache::default();
    let numeric_tables = numeric::Tables::resolve();
    // Claims are made as they are found (in text order, as their spans
    // want), not gathered first and converted after: a found claim is
    // moved once, and no second list is grown.
    let mut cursor = doc.span_cursor();
    // Room for about one claim per 64 bytes of text (the corpus has one per
    // 175): a claim is large, and growing the list moves every claim made
    // so far. From empty that was several times per document; from room
    // for one per 128 bytes, still some 300 times per corpus pass, in the
    // articles dense with figures and dates.
    let mut claims: Vec<Claim> = Vec::with_capacity(text.len() / 64 + 1);
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let ctx = Ctx {
            text,
            doc,
            sentence,
            as_of: doc.published,
            temporal: &temporal_cache,
        };
        let mut starts = WordStarts::new(text, sentence.span.start, sentence.span.end);
        while let Some(start) = starts.next_start() {
            if let Some(skip_to) = exclusions.covering(start) {
                starts.skip_to(skip_to);
                continue;
            }
            if let Some(found) = best_match(&ctx, start, &numeric_tables) {
                if !overlaps_exclusion(excluded, found.start, found.end) {
                    // A claim ends at or after the character at its start,
                    // which the scanner has already stepped over.
                    starts.skip_to(found.end);
                    claims.push(Claim::new(
                        claim_id(claims.len() + 1),
                        found.kind,
                        text[found.start..found.end].to_string(),
                        cursor.span(found.start, found.end),
                        found.value,
                        sentence_index,
                    ));
                }
            }
        }
    }
    claims
}

/// "c" and the claim's number: written with `itoa` rather than `format!`,
/// whose machinery costs several times more for every claim.
fn claim_id(number: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(number);
    let mut id = String::with_capacity(1 + digits.len());
    id.push('c');
    id.push_str(digits);
    id
}

fn best_match(ctx: &Ctx, start: usize, numeric_tables: &numeric::Tables) -> Option<Found> {
    // Both families first look the word up in their tables: pack it once.
    // (From the sentence's bytes: `ctx.rest` would test that `start` falls
    // between characters, which the scanner already knows, at every word.)
    let first_word =
        word_table::leading_word_key_of_bytes(&ctx.text.as_bytes()[start..ctx.sentence.span.end]);
    let temporal = temporal::parse_at(ctx, start, first_word);
    let numeric = numeric::parse_at(ctx, start, first_word, numeric_tables);
    match (temporal, numeric) {
        (Some(t), Some(n)) => Some(if n.end > t.end { n } else { t }),
        (t, n) => t.or(n),
    }
}

/// The word starts of one sentence, in order: each position where a word
/// or a symbol that can open a claim starts (a letter or digit not preceded
/// by a letter or digit, or a currency sign).
///
/// This sees every byte of every sentence, so it keeps whether the last
/// character was a letter or digit rather than decoding it again at each
/// call, classes up to sixteen bytes at once where they are ASCII (keeping
/// the starts found in them for the calls that follow, so each byte is
/// classed once), and decodes a character only outside ASCII.
struct WordStarts<'t> {
    text: &'t str,
    /// The next byte to class: a character boundary.
    at: usize,
    end: usize,
    /// Whether the character before `at` is a letter or digit.
    previous_alphanumeric: bool,
    /// Where the bytes classed last at once begin: bit `i` of `pending`
    /// is the byte at `base + i`.
    base: usize,
    /// The starts not yet given among the bytes from `base` to `at` (when
    /// they were classed at once), one bit each.
    pending: u32,
    /// Which of the `pending` starts need no look at the bytes before
    /// them: claim symbols, and letters (only a digit continues a number).
    pending_unchecked: u32,
    /// Where the scan goes on: one past the last start given, or where
    /// [`WordStarts::skip_to`] sent it.
    next: usize,
}

impl<'t> WordStarts<'t> {
    fn new(text: &'t str, start: usize, end: usize) -> WordStarts<'t> {
        let mut starts = WordStarts {
            text,
            at: start,
            end,
            previous_alphanumeric: false,
            base: start,
            pending: 0,
            pending_unchecked: 0,
            next: start,
        };
        starts.seek(start);
        starts
    }

    /// Goes on from `pos` (a character boundary), unless the scan is
    /// already past it.
    fn skip_to(&mut self, pos: usize) {
        if pos < self.next {
            return;
        }
        self.next = pos;
        if pos < self.at && pos >= self.base {
            // Within the bytes classed last: what they start does not
            // depend on where the scan resumes, so only the starts before
            // `pos` are dropped (`pos - base` is below sixteen).
            let dropped = u32::MAX << (pos - self.base);
            self.pending &= dropped;
            self.pending_unchecked &= dropped;
        } else {
            self.seek(pos);
        }
    }

    /// Classes the text afresh from `pos`. Inlined, with the character
    /// before decoded out of line: a call that took the scanner's address
    /// kept its state in memory, copied in and out at every word start.
    #[inline(always)]
    fn seek(&mut self, pos: usize) {
        self.at = pos;
        self.base = pos;
        self.pending = 0;
        self.pending_unchecked = 0;
        self.previous_alphanumeric = alphanumeric_before(self.text, pos);
    }

    /// The next word start, None at the end of the sentence (an exclusion,
    /// a URL say, may have taken the scan past it).
    fn next_start(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            while self.pending != 0 {
                let lowest = self.pending & self.pending.wrapping_neg();
                let start = self.base + self.pending.trailing_zeros() as usize;
                self.pending &= self.pending - 1;
                if self.pending_unchecked & lowest != 0 || !continues_number(bytes, start) {
                    self.next = start + 1;
                    return Some(start);
                }
            }
            let at = self.at;
            if at >= self.end {
                return None;
            }
            if let Some(chunk) = bytes.get(at..at + 16) {
                let classes = Classes16::of(chunk.try_into().expect("sixteen bytes"));
                // The ASCII bytes before the first that is not, up to the
                // end of the sentence, are classed at once.
                let ascii = ((classes.outside_ascii | 1 << 16).trailing_zeros() as usize)
                    .min(self.end - at);
                if ascii > 0 {
                    let kept = u32::MAX >> (32 - ascii);
                    let alphanumeric = classes.alphanumeric & kept;
                    let before = (alphanumeric << 1) | u32::from(self.previous_alphanumeric);
                    let symbols = classes.claim_symbols & kept;
                    let starts = alphanumeric & !before;
                    self.pending = starts | symbols;
                    self.pending_unchecked = (starts & !classes.digits) | symbols;
                    self.previous_alphanumeric = alphanumeric >> (ascii - 1) != 0;
                    self.base = at;
                    self.at = at + ascii;
                    continue;
                }
            }
            let class = byte_class(bytes[at]);
            let (claim_symbol, alphanumeric, width) = if class & OUTSIDE_ASCII == 0 {
                (class & CLAIM_SYMBOL != 0, class & ALPHANUMERIC != 0, 1)
            } else {
                let c = self.text[at..].chars().next()?;
                (is_claim_symbol(c), c.is_alphanumeric(), c.len_utf8())
            };
            let starts_word =
                alphanumeric && !self.previous_alphanumeric && !continues_number(bytes, at);
            self.previous_alphanumeric = alphanumeric;
            self.at = at + width;
            if claim_symbol || starts_word {
                self.next = self.at;
                return Some(at);
            }
        }
    }
}

/// Whether the character before `pos` of `text` is a letter or digit.
#[inline(never)]
fn alphanumeric_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Sixteen bytes classed at once, one bit per byte (the first byte in the
/// lowest bit), as [`BYTE_CLASSES`] classes ASCII bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Classes16 {
    /// Bytes of 0x80 and above (parts of characters beyond ASCII).
    outside_ascii: u32,
    /// ASCII letters and digits.
    alphanumeric: u32,
    /// ASCII digits.
    digits: u32,
    /// "$", "~", "<" and ">".
    claim_symbols: u32,
}

impl Classes16 {
    /// With SSE2, which every x86_64 processor has: a few instructions for
    /// all sixteen bytes, where testing eight bytes at a time in a u64 took
    /// several times as many.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    fn of(chunk: &[u8; 16]) -> Classes16 {
        // SAFETY: `sse2::classes` only needs SSE2, and this function is
        // compiled only where the build enables SSE2 (the cfg above), which
        // every x86_64 target does.
        unsafe { sse2::classes(chunk) }
    }

    /// Byte by byte, where SSE2 is not at hand.
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    fn of(chunk: &[u8; 16]) -> Classes16 {
        Classes16::by_bytes(chunk)
    }

    /// The classes read from [`BYTE_CLASSES`] one byte at a time.
    #[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
    fn by_bytes(chunk: &[u8; 16]) -> Classes16 {
        let mut classes = Classes16 {
            outside_ascii: 0,
            alphanumeric: 0,
            digits: 0,
            claim_symbols: 0,
        };
        for (i, &byte) in chunk.iter().enumerate() {
            let class = byte_class(byte);
            let bit = |flag: u8| u32::from(class & flag != 0) << i;
            classes.outside_ascii |= bit(OUTSIDE_ASCII);
            classes.alphanumeric |= bit(ALPHANUMERIC);
            classes.digits |= u32::from(byte.is_ascii_digit()) << i;
            classes.claim_symbols |= bit(CLAIM_SYMBOL);
        }
        classes
    }
}

/// [`Classes16::of`] with SSE2 instructions. The chunk is loaded by value
/// (two little-endian halves, which the compiler turns into one unaligned
/// load), so the only `unsafe` is the call into [`sse2::classes`].
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };

    use super::Classes16;

    #[target_feature(enable = "sse2")]
    pub(super) fn classes(chunk: &[u8; 16]) -> Classes16 {
        let (low, high) = chunk.split_at(8);
        let half = |bytes: &[u8]| i64::from_le_bytes(bytes.try_into().unwrap_or_default());
        let v = _mm_set_epi64x(half(high), half(low));
        let letters = within(_mm_or_si128(v, splat(0x20)), b'a', b'z');
        let digits = within(v, b'0', b'9');
        // "<" (0x3C) and ">" (0x3E) are the two bytes that read 0x3E with
        // bit 0x02 set.
        let symbols = _mm_or_si128(
            _mm_or_si128(
                _mm_cmpeq_epi8(v, splat(b'$')),
                _mm_cmpeq_epi8(v, splat(b'~')),
            ),
            _mm_cmpeq_epi8(_mm_or_si128(v, splat(0x02)), splat(b'>')),
        );
        Classes16 {
            outside_ascii: mask(v),
            alphanumeric: mask(_mm_or_si128(letters, digits)),
            digits: mask(digits),
            claim_symbols: mask(symbols),
        }
    }

    #[target_feature(enable = "sse2")]
    fn splat(byte: u8) -> __m128i {
        _mm_set1_epi8(byte as i8)
    }

    /// The bytes from `low` to `high` (ASCII): the comparisons are signed,
    /// so a byte beyond ASCII reads as negative and falls in no range.
    #[target_feature(enable = "sse2")]
    fn within(v: __m128i, low: u8, high: u8) -> __m128i {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, splat(low - 1)),
            _mm_cmplt_epi8(v, splat(high + 1)),
        )
    }

    /// The top bit of each byte, the first byte in the lowest bit.
    #[target_feature(enable = "sse2")]
    fn mask(v: __m128i) -> u32 {
        _mm_movemask_epi8(v) as u32 & 0xFFFF
    }
}

/// The word starts among eight ASCII bytes (every byte below 0x80, the
/// first in the low byte), as the top bit of each byte: the letters and
/// digits whose byte before is not one (for the first byte, the character
/// before the chunk: `previous_alphanumeric`); and whether the last byte is
/// a letter or digit, for the chunk that follows. The scanner and look-up
/// links find word starts with it.
pub(crate) fn ascii_word_starts(chunk: u64, previous_alphanumeric: bool) -> (u64, bool) {
    let alphanumeric = ascii_alphanumeric(chunk);
    let before = (alphanumeric << 8) | (u64::from(previous_alphanumeric) << 7);
    (alphanumeric & !before, alphanumeric >> 63 != 0)
}

/// The ASCII letters and digits among eight ASCII bytes (every byte below
/// 0x80), as the top bit of each byte. Each test is two additions per byte
/// that cannot carry into the next byte.
fn ascii_alphanumeric(chunk: u64) -> u64 {
    ascii_in_range(chunk | (EACH_BYTE * 0x20), b'a', b'z') | ascii_in_range(chunk, b'0', b'9')
}

/// The bytes of `chunk` (eight ASCII bytes, every one below 0x80) that lie
/// in `low..=high`, as the top bit of each byte: adding below 0x80 to a
/// byte below 0x80 never carries into the next, so two additions show
/// whether it is at least `low` and whether it is above `high`.
pub(crate) fn ascii_in_range(chunk: u64, low: u8, high: u8) -> u64 {
    let at_least = chunk + EACH_BYTE * (0x80 - u64::from(low));
    let above = chunk + EACH_BYTE * (0x80 - u64::from(high) - 1);
    at_least & !above & TOP_BITS
}

/// 0x01 in each byte of a u64.
const EACH_BYTE: u64 = u64::MAX / 0xFF;
/// 0x80 (the top bit) in each byte of a u64.
pub(crate) const TOP_BITS: u64 = EACH_BYTE * 0x80;

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

/// The leading run of ASCII letters of `s` in lower case; None when there
/// is none or it is longer than `buffer`. The parsers compare the word after
/// a figure or an opener with their word lists, and most such words are in
/// lower case already: those are borrowed from `s`, the others lowered into
/// `buffer`, with no allocation either way.
pub(crate) fn leading_word_lower<'b, const N: usize>(
    s: &'b str,
    buffer: &'b mut [u8; N],
) -> Option<&'b str> {
    let bytes = s.as_bytes();
    let len = bytes
        .iter()
        .take(N + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if len == 0 || len > N {
        return None;
    }
    if !bytes[..len].iter().any(u8::is_ascii_uppercase) {
        return Some(&s[..len]);
    }
    buffer[..len].copy_from_slice(&bytes[..len]);
    buffer[..len].make_ascii_lowercase();
    std::str::from_utf8(&buffer[..len]).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The byte-by-byte scanner [`WordStarts`] replaced: the next word
    /// start at or after `pos`, with the character before `pos` decoded.
    fn next_word_start_reference(text: &str, pos: usize, end: usize) -> Option<usize> {
        let mut previous_alphanumeric = text[..pos]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let mut at = pos;
        while at < end {
            let c = text[at..].chars().next()?;
            if is_claim_symbol(c) {
                return Some(at);
            }
            let alphanumeric = c.is_alphanumeric();
            if alphanumeric && !previous_alphanumeric && !continues_number(text.as_bytes(), at) {
                return Some(at);
            }
            previous_alphanumeric = alphanumeric;
            at += c.len_utf8();
        }
        None
    }

    /// The starts the scanner gives from `start` to `end` of `text`, going
    /// on after each one from the character `skips` says (0: the next one;
    /// n: n characters on, as after a claim).
    fn scanned(text: &str, start: usize, end: usize, skips: &[usize]) -> Vec<usize> {
        let mut starts = WordStarts::new(text, start, end);
        let mut found = Vec::new();
        while let Some(at) = starts.next_start() {
            let skip = skips.get(found.len()).copied().unwrap_or(0);
            found.push(at);
            if let Some((offset, _)) = text[at..].char_indices().nth(skip) {
                starts.skip_to(at + offset);
            }
        }
        found
    }

    fn scanned_reference(text: &str, start: usize, end: usize, skips: &[usize]) -> Vec<usize> {
        let mut pos = start;
        let mut found = Vec::new();
        while pos < end {
            let Some(at) = next_word_start_reference(text, pos, end) else {
                break;
            };
            let skip = skips.get(found.len()).copied().unwrap_or(0);
            found.push(at);
            let next = at + text[at..].chars().next().map_or(1, char::len_utf8);
            pos = text[at..]
                .char_indices()
                .nth(skip)
                .map_or(next, |(offset, _)| (at + offset).max(next));
        }
        found
    }

    #[test]
    fn claim_ids_read_as_formatted() {
        for number in [1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(claim_id(number), format!("c{number}"));
        }
    }

    #[test]
    fn sixteen_bytes_class_as_one_at_a_time() {
        for byte in 0u8..=0xFF {
            for at in 0..16 {
                let mut chunk = *b"ab9 x,Y.z~$<>|0!";
                chunk[at] = byte;
                chunk[15 - at] = byte.wrapping_add(at as u8);
                assert_eq!(
                    Classes16::of(&chunk),
                    Classes16::by_bytes(&chunk),
                    "{byte:#x} at {at}"
                );
            }
        }
    }

    /// Pieces of text that start, continue or part words and numbers,
    /// with signs and characters outside ASCII.
    const PIECES: &[&str] = &[
        "a", "Z", "word", "Said", "7", "9,000", "3.5", ",", ".", " ", "  ", "$", "~", "<", ">",
        "€", "£", "é", "Ö", "’", "“", "-", "@", "[", "`", "{", "\n", "x9", "42", "\u{212A}", "|",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Reading eight bytes at once finds the same word starts as
        /// reading byte by byte, wherever the scan starts, ends and skips.
        #[test]
        fn word_starts_agree_with_a_byte_by_byte_reading(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40),
            cut in 0usize..8,
            skips in prop::collection::vec(0usize..6, 0..12),
        ) {
            let text: String = pieces.concat();
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let start = boundaries[cut.min(boundaries.len() - 1)];
            let end = boundaries[boundaries.len() - 1 - cut.min(boundaries.len() - 1)].max(start);
            prop_assert_eq!(
                scanned(&text, start, end, &skips),
                scanned_reference(&text, start, end, &skips),
                "{:?} from {} to {}", text, start, end
            );
        }
    }
}
