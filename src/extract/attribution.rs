//! Attribution: who each claim is quoted from. Each sentence is searched once
//! for a cue from rules/attribution.toml — a verb of saying with its subject,
//! a phrase such as "according to" with the source after it, or a vague cue
//! that names nobody — and a claim takes the attribution of its own sentence,
//! else of the next or the previous sentence in the same paragraph
//! ("..., she said." closes a quotation that began a sentence earlier).
//!
//! Every phrase holds a key word (its longest word). One pass over the bytes
//! of a sentence finds where key words stand; only the words a key word puts
//! within reach of a phrase's start are offered as cue starts, and the words
//! around a cue are read from the text as the cue's reading asks for them,
//! never the whole sentence.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::word_table::WordTable;
use super::{byte_class, Classes16, ALPHANUMERIC};
use super::{Attribution, Claim};
use crate::document::{Document, SpanCursor};
use crate::lexicon;

#[derive(Debug, Deserialize)]
pub(crate) struct Cues {
    speech_verbs: Vec<String>,
    source_follows: Vec<String>,
    vague: Vec<String>,
    source_stops: Vec<String>,
}

lexicon::builtin!(cues, Cues, "attribution");

/// Cue phrases indexed by their first word, so each word of a sentence is
/// looked up once rather than compared with every phrase. The first words
/// and the stop words are packed-word tables: a lookup per word of every
/// sentence costs a binary search over integers rather than a hash.
struct CueIndex {
    /// The phrases of each first word, at the number `first_words` gives
    /// that word, minus one.
    phrases: Vec<Vec<(Vec<String>, CueType)>>,
    first_words: WordTable,
    /// Turns down most words before `first_words` is searched.
    first_word_filter: LengthLetterFilter,
    stops: WordTable,
    /// Turns down most words before `stops` is searched: nearly every word
    /// before a verb of saying or after a cue is read for a stop.
    stop_filter: LengthLetterFilter,
    /// The longest word of every phrase, with the places it takes in the
    /// phrases: a cue starts only where one of them stands that many words
    /// on, so most words are never looked up. None when a word is not plain
    /// ASCII letters and digits, which the byte scan cannot see.
    key_words: Option<KeyWords>,
    /// For a key word at a place k after the first, the phrase's word k-1
    /// and the key word joined by a space, with bit k: a key word that does
    /// not follow such a word right away cannot stand at place k.
    key_pairs: WordTable,
}

impl CueIndex {
    /// The phrases that start with `word` (lower-case), longest first.
    fn starting_with(&self, word: &str) -> Option<&[(Vec<String>, CueType)]> {
        if !self.first_word_filter.may_hold(word.as_bytes()) {
            return None;
        }
        let at = self.first_words.get(word).checked_sub(1)?;
        Some(&self.phrases[at as usize])
    }

    fn is_stop(&self, word: &str) -> bool {
        self.stop_filter.may_hold(word.as_bytes()) && self.stops.get(word) != 0
    }
}

/// Words of ASCII letters and digits, of at most 16 bytes, found in any
/// case among the runs of ASCII letters and digits of a text. Each word
/// carries bits: bit k set when the word is the (k+1)-th word of a phrase.
struct KeyWords {
    /// The words, looked up packed as `word_table::key` packs them.
    table: WordTable,
    /// Nearly every run is turned down where it starts, by its first four
    /// bytes: a bit for the [`head_slot`] of each key word's start (a word
    /// of fewer than four bytes takes every slot the bytes after it may
    /// give, as they may be anything that is no letter or digit).
    heads: Box<[u64; HEAD_SLOTS / 64]>,
    /// Most runs left are turned down by their length and first two
    /// letters: for each length up to 16 and each first letter (see
    /// [`letter_bit`]: 32 slots), a bit for each second letter a word of
    /// that length and first letter has (the first letter again for a word
    /// of one letter).
    second_letters: Box<[[u32; 32]; 17]>,
}

/// The bytes [`KeyWords::hits`] classes at once: two [`Classes16`], one
/// bit of a `u32` each.
const BLOCK: usize = 32;

/// The number of [`head_slot`]s.
const HEAD_SLOTS: usize = 1 << 15;

/// A slot among [`HEAD_SLOTS`] for four bytes (little-endian): a hash of
/// the five low bits of each, which are the same for an ASCII letter in
/// either case. Two runs that start with the same letters in any case
/// have the same slot; few others share it.
fn head_slot(head: u32) -> usize {
    ((head & 0x1F1F_1F1F).wrapping_mul(0x9E37_79B1) >> 17) as usize
}

/// A run of a text that is one of the key words: where it starts and ends,
/// and the places the word takes in phrases (see [`KeyWords`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hit {
    start: usize,
    end: usize,
    places: u32,
}

impl KeyWords {
    fn new(words: &[(&str, u32)]) -> Option<KeyWords> {
        let mut second_letters = Box::new([[0; 32]; 17]);
        let mut heads = Box::new([0; HEAD_SLOTS / 64]);
        for (word, _) in words {
            let plain = word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            if !plain || word.is_empty() || word.len() > 16 {
                return None;
            }
            let bytes = word.as_bytes();
            second_letters[bytes.len()][letter_slot(bytes[0])] |=
                letter_bit(bytes[bytes.len().min(2) - 1]);
            // The word's own bytes, then every value the bytes after it
            // may take in the slot's five bits.
            let mut heads_of = vec![0u32];
            for i in 0..4 {
                let values = match bytes.get(i) {
                    Some(&byte) => u32::from(byte)..u32::from(byte) + 1,
                    None => 0..32,
                };
                heads_of = heads_of
                    .iter()
                    .flat_map(|head| values.clone().map(move |v| head | v << (8 * i)))
                    .collect();
            }
            for head in heads_of {
                let slot = head_slot(head);
                heads[slot / 64] |= 1 << (slot % 64);
            }
        }
        Some(KeyWords {
            table: WordTable::new(words.iter().copied()),
            heads,
            second_letters,
        })
    }

    /// The runs of `text[range]` that are key words, in text order, into
    /// `hits`. A word of a sentence (see [`Sentence`]) that equals a key
    /// word is such a run, since the characters around it are neither
    /// letters nor digits. False when the range holds the Kelvin sign (E2
    /// 84 AA), the one character outside ASCII whose lower case is an ASCII
    /// letter ("k"): the runs do not see it, so a word holding it may still
    /// equal a key word.
    ///
    /// This runs over every sentence of every article. 32 bytes are
    /// classed at once (see [`super::Classes16`]), a run is looked at only
    /// where it starts, and nearly every one is turned down there by its
    /// first four bytes (see [`KeyWords::heads`]): only the few left are
    /// read to their end. A block with a byte outside ASCII is read byte
    /// by byte. Out of line: inlined into the sentence's reading, the loop
    /// kept its state in memory rather than in registers.
    #[inline(never)]
    fn hits(&self, text: &str, range: Range<usize>, hits: &mut Vec<Hit>) -> bool {
        let bytes = text.as_bytes();
        // 1 when the byte before the block is an ASCII letter or digit; the
        // range starts a run whatever comes before it.
        let mut previous = 0;
        let mut at = range.start;
        while at < range.end {
            // The block's 32 bytes, classed as two halves of sixteen, and
            // the three after, which the first four bytes of a run that
            // starts in the block may reach. A block of 32 pays the loop's
            // own work half as often as one of sixteen. Bytes of the text
            // past the range are read as they are (they only let more runs
            // through to `read_run`, which stops at the range's end); past
            // the end of the text they read as zeros, which are no letters
            // or digits.
            let padded;
            let window: &[u8; BLOCK + 3] = match bytes.get(at..at + BLOCK + 3) {
                Some(window) => window.try_into().expect("a block and three bytes"),
                None => {
                    let mut window = [0; BLOCK + 3];
                    let rest = &bytes[at..];
                    window[..rest.len()].copy_from_slice(rest);
                    padded = window;
                    &padded
                }
            };
            let (low, rest) = window.split_first_chunk::<16>().expect("sixteen bytes");
            let (high, _) = rest.split_first_chunk::<16>().expect("sixteen bytes");
            let (low, high) = (Classes16::of(low), Classes16::of(high));
            let block_end = range.end.min(at + BLOCK);
            if low.outside_ascii | high.outside_ascii != 0 {
                let mut previous_alphanumeric = previous != 0;
                let text = &bytes[..range.end];
                let block = at..block_end;
                if !self.hits_bytewise(text, block, &mut previous_alphanumeric, hits) {
                    return false;
                }
                previous = u32::from(previous_alphanumeric);
                at += BLOCK;
                continue;
            }
            let alphanumeric = low.alphanumeric | high.alphanumeric << 16;
            // Only the starts inside the range.
            let inside = u32::MAX >> (BLOCK - (block_end - at));
            let mut starts = alphanumeric & !(alphanumeric << 1 | previous) & inside;
            previous = alphanumeric >> (BLOCK - 1);
            while starts != 0 {
                let k = (starts.trailing_zeros() as usize) % BLOCK;
                let (head, _) = window[k..].split_first_chunk::<4>().expect("four bytes");
                if self.may_start(u32::from_le_bytes(*head)) {
                    self.read_run(&bytes[..range.end], at + k, hits);
                }
                starts &= starts - 1;
            }
            at += BLOCK;
        }
        true
    }

    /// [`KeyWords::hits`] over the bytes of `range`, one at a time, given
    /// whether the byte before is an ASCII letter or digit (which it keeps
    /// for the bytes after); `bytes` ends where the range searched does.
    /// False at a Kelvin sign. Out of line: few texts have a character
    /// outside ASCII.
    #[cold]
    #[inline(never)]
    fn hits_bytewise(
        &self,
        bytes: &[u8],
        range: Range<usize>,
        previous_alphanumeric: &mut bool,
        hits: &mut Vec<Hit>,
    ) -> bool {
        for at in range {
            let byte = bytes[at];
            let alphanumeric = byte_class(byte) & ALPHANUMERIC != 0;
            if alphanumeric && !*previous_alphanumeric {
                // Past the end the bytes read as zeros.
                let mut head = [0; 4];
                let rest = &bytes[at..bytes.len().min(at + 4)];
                head[..rest.len()].copy_from_slice(rest);
                if self.may_start(u32::from_le_bytes(head)) {
                    self.read_run(bytes, at, hits);
                }
            }
            if byte == 0xE2 && bytes[at + 1..].starts_with(&[0x84, 0xAA]) {
                return false;
            }
            *previous_alphanumeric = alphanumeric;
        }
        true
    }

    /// False when a run of ASCII letters and digits whose first four bytes
    /// (little-endian, any bytes after the run included) are `head` surely
    /// is no key word.
    #[inline(always)]
    fn may_start(&self, head: u32) -> bool {
        let slot = head_slot(head);
        self.heads[slot / 64] & 1 << (slot % 64) != 0
    }

    /// Adds the run of ASCII letters and digits that starts at `start` and
    /// ends at the latest where `bytes` does to `hits` when it is a key
    /// word. Out of line: few runs come this far.
    #[inline(never)]
    fn read_run(&self, bytes: &[u8], start: usize, hits: &mut Vec<Hit>) {
        let end = bytes[start..]
            .iter()
            .position(|&b| byte_class(b) & ALPHANUMERIC == 0)
            .map_or(bytes.len(), |len| start + len);
        let places = self.places(&bytes[start..end]);
        if places != 0 {
            hits.push(Hit { start, end, places });
        }
    }

    /// False when the run `bytes[start..end]` of ASCII letters and digits
    /// (empty when `start` is `end`) surely is no key word.
    #[inline(always)]
    fn may_hold(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let len = end.wrapping_sub(start);
        if len.wrapping_sub(1) >= 16 {
            return false;
        }
        let second = bytes[start + usize::from(len > 1)];
        self.second_letters[len][letter_slot(bytes[start])] & letter_bit(second) != 0
    }

    /// The places of the key word `run` is (in any case), 0 when it is
    /// none.
    fn places(&self, run: &[u8]) -> u32 {
        if run.is_empty() || run.len() > 16 || !self.may_hold(run, 0, run.len()) {
            return 0;
        }
        // Setting 0x20 lowers an ASCII letter and leaves a digit as it is.
        let mut lower = [0u8; 16];
        for (to, from) in lower.iter_mut().zip(run) {
            *to = from | 0x20;
        }
        self.table.get_key(u128::from_be_bytes(lower))
    }
}

/// A quick test before a word table is searched: for each length up to 16
/// bytes, a bit for each first letter a word of that length has (see
/// [`letter_bit`]). A word that is longer, or does not open with an ASCII
/// letter or digit, always passes.
struct LengthLetterFilter {
    first_letters: [u32; 17],
}

impl LengthLetterFilter {
    fn new<'w>(words: impl Iterator<Item = &'w [u8]>) -> LengthLetterFilter {
        let mut first_letters = [0; 17];
        for word in words {
            if let Some(&first) = word.first().filter(|_| word.len() <= 16) {
                first_letters[word.len()] |= letter_bit(first);
            }
        }
        LengthLetterFilter { first_letters }
    }

    /// False when no word of the table can equal `word` (in the case the
    /// table holds it).
    fn may_hold(&self, word: &[u8]) -> bool {
        match word.first() {
            Some(&first) if word.len() <= 16 && first.is_ascii_alphanumeric() => {
                self.first_letters[word.len()] & letter_bit(first) != 0
            }
            _ => true,
        }
    }
}

/// A bit for an ASCII letter (in any case) or digit; digits share bits with
/// letters, which only lets a few more words through to the full test.
fn letter_bit(byte: u8) -> u32 {
    1 << letter_slot(byte)
}

/// A number below 32 for an ASCII letter (in any case) or digit, the same
/// for a letter in either case.
fn letter_slot(byte: u8) -> usize {
    usize::from((byte | 0x20).wrapping_sub(b'a') & 31)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CueType {
    Speech,
    SourceFollows,
    Vague,
}

fn index() -> &'static CueIndex {
    static CELL: std::sync::OnceLock<CueIndex> = std::sync::OnceLock::new();
    lexicon::resolve(&CELL, || {
        let cues = cues();
        let mut by_first_word: HashMap<String, Vec<(Vec<String>, CueType)>> = HashMap::new();
        let lists = [
            (&cues.vague, CueType::Vague),
            (&cues.source_follows, CueType::SourceFollows),
            (&cues.speech_verbs, CueType::Speech),
        ];
        for (list, kind) in lists {
            for phrase in list {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    by_first_word
                        .entry(first.clone())
                        .or_default()
                        .push((words, kind));
                }
            }
        }
        // Longest phrases first, so "according to sources" beats "according to".
        for phrases in by_first_word.values_mut() {
            phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let mut key_pairs: Vec<(String, u32)> = Vec::new();
        let key_words: Option<Vec<(&str, u32)>> = by_first_word
            .values()
            .flatten()
            .map(|(words, _)| {
                // The first of the longest words: "data" of "data from".
                let (place, word) = words
                    .iter()
                    .enumerate()
                    .rev()
                    .max_by_key(|(_, w)| w.len())?;
                let bit = 1u32.checked_shl(place as u32)?;
                if place > 0 {
                    key_pairs.push((format!("{} {word}", words[place - 1]), bit));
                }
                Some((word.as_str(), bit))
            })
            .collect();
        let key_words = key_words.and_then(|words| KeyWords::new(&words));
        let key_pairs = WordTable::new(key_pairs.iter().map(|(pair, bit)| (pair.as_str(), *bit)));
        let (first_words, phrases): (Vec<String>, Vec<_>) = by_first_word.into_iter().unzip();
        let stops: Vec<String> = cues.source_stops.iter().map(|s| s.to_lowercase()).collect();
        CueIndex {
            first_words: WordTable::new(first_words.iter().zip(1..).map(|(w, n)| (w.as_str(), n))),
            first_word_filter: LengthLetterFilter::new(first_words.iter().map(|w| w.as_bytes())),
            phrases,
            stops: WordTable::new(stops.iter().map(|w| (w.as_str(), 1))),
            stop_filter: LengthLetterFilter::new(stops.iter().map(|w| w.as_bytes())),
            key_words,
            key_pairs,
        }
    })
}

/// A word of a sentence with its byte range in the document.
#[derive(Debug, Clone, PartialEq)]
struct Word<'t> {
    range: Range<usize>,
    /// Borrowed from the document's ASCII-lowered copy unless the word has
    /// characters outside ASCII, so reading a word seldom allocates.
    lower: Cow<'t, str>,
    capitalised: bool,
    /// Punctuation between the previous word and this one.
    gap_before: &'t str,
    /// Where the gap before the word starts (see [`Sentence::gap_start`]):
    /// the end of the word before, where reading back goes on from.
    gap_start: usize,
}

/// The words of one sentence, read from the text where a cue's reading asks
/// for them. A word is a run of letters and digits, joined across a single
/// apostrophe, hyphen or point between two of them ("o'clock", "U.S."): a
/// rule that reads the same from either end, so words are found going back
/// as well as forward. Reads bytes and decodes a character only outside
/// ASCII.
struct Sentence<'t> {
    text: &'t str,
    /// `text` with its ASCII letters lowered, which gives most words their
    /// lower case without a copy.
    lowered: &'t str,
    range: Range<usize>,
    /// In the tests that read the slow way: every word of the sentence, as
    /// a reading from its start lists them.
    #[cfg(test)]
    listed: Option<Vec<Word<'t>>>,
}

impl<'t> Sentence<'t> {
    fn new(doc: &'t Document, range: Range<usize>) -> Sentence<'t> {
        let (text, lowered) = (doc.text(), doc.lowered_text());
        #[cfg(test)]
        if crate::slow_path::taken(crate::slow_path::SlowPath::EveryWord) {
            let mut words = Vec::new();
            words_of(text, lowered, range.clone(), &mut words);
            return Sentence {
                text,
                lowered,
                range,
                listed: Some(words),
            };
        }
        Sentence {
            text,
            lowered,
            range,
            #[cfg(test)]
            listed: None,
        }
    }

    /// The first word that starts at or after `from`, which is the end of a
    /// word or the start of the sentence.
    fn word_after(&self, from: usize) -> Option<Word<'t>> {
        #[cfg(test)]
        if let Some(words) = &self.listed {
            return words.iter().find(|w| w.range.start >= from).cloned();
        }
        let bytes = self.text.as_bytes();
        let mut at = from;
        while at < self.range.end {
            let (alphanumeric, width) = if byte_class(bytes[at]) & ALPHANUMERIC != 0 {
                (true, 1)
            } else {
                alphanumeric_at(self.text, at)
            };
            if alphanumeric {
                // The bytes passed over are the gap before the word, which
                // starts at `from` when a word ends there (its last
                // character a letter or digit) or the sentence starts.
                let after_word = from == self.range.start
                    || from > self.range.start && byte_class(bytes[from - 1]) & ALPHANUMERIC != 0;
                let gap_start = if after_word { from } else { self.gap_start(at) };
                let end = word_end(self.text, self.range.end, at);
                return Some(self.word_after_gap(gap_start, at, end));
            }
            at += width;
        }
        None
    }

    /// The last word that ends at or before `until`, which is the start of
    /// a word or the end of the sentence. The reading reads back only from
    /// words (see [`Sentence::word_preceding`]); the tests read back from
    /// anywhere.
    #[cfg(test)]
    fn word_before(&self, until: usize) -> Option<Word<'t>> {
        if let Some(words) = &self.listed {
            return words.iter().rev().find(|w| w.range.end <= until).cloned();
        }
        self.word_ending_at(self.gap_start(until))
    }

    /// The word before the word at `start` (see [`Sentence::word_before`]),
    /// read back from `gap_start`, where the gap before that word starts,
    /// which is not read again.
    fn word_preceding(&self, start: usize, gap_start: usize) -> Option<Word<'t>> {
        #[cfg(test)]
        if self.listed.is_some() {
            return self.word_before(start);
        }
        debug_assert_eq!(self.gap_start(start), gap_start);
        self.word_ending_at(gap_start)
    }

    /// The word that ends at `end`, the start of a gap (see
    /// [`Sentence::gap_start`]); none when `end` is the sentence start.
    fn word_ending_at(&self, end: usize) -> Option<Word<'t>> {
        if end == self.range.start {
            return None;
        }
        // A word ends with a letter or digit (the one before `end`); it
        // goes back over letters and digits, and over a joining mark with
        // one before it.
        let bytes = self.text.as_bytes();
        let mut start = end;
        while start > self.range.start {
            if byte_class(bytes[start - 1]) & ALPHANUMERIC != 0 {
                start -= 1;
                continue;
            }
            match self.word_goes_back(start) {
                Some(width) => start -= width,
                None => break,
            }
        }
        Some(self.word(start, end))
    }

    /// The word that starts at `start`, if one does.
    fn word_at(&self, start: usize) -> Option<Word<'t>> {
        #[cfg(test)]
        if let Some(words) = &self.listed {
            return words.iter().find(|w| w.range.start == start).cloned();
        }
        if start >= self.range.end || !alphanumeric_at(self.text, start).0 {
            return None;
        }
        // Not one when a letter or digit, or a joining mark after one,
        // comes right before it.
        if self.word_goes_back(start).is_some() {
            return None;
        }
        Some(self.word(start, word_end(self.text, self.range.end, start)))
    }

    /// The words after `from` (see [`Sentence::word_after`]), in order.
    /// Each word is read when it is asked for, not one ahead (as
    /// `iter::successors` would), since most readings stop after a word
    /// or two.
    fn words_after(&self, from: usize) -> impl Iterator<Item = Word<'t>> + '_ {
        let mut from = Some(from);
        std::iter::from_fn(move || {
            let word = self.word_after(from?);
            from = word.as_ref().map(|w| w.range.end);
            word
        })
    }

    /// The words before `until` (see [`Sentence::word_before`]), nearest
    /// first.
    /// Read when asked for, as [`Sentence::words_after`] reads them.
    #[cfg(test)]
    fn words_before(&self, until: usize) -> impl Iterator<Item = Word<'t>> + '_ {
        self.words_back_from(self.word_before(until))
    }

    /// The words before `word`, nearest first (see
    /// [`Sentence::words_before`]).
    fn words_preceding(&self, word: &Word<'t>) -> impl Iterator<Item = Word<'t>> + '_ {
        self.words_back_from(self.word_preceding(word.range.start, word.gap_start))
    }

    /// `first`, then the words before it, nearest first, each read when it
    /// is asked for.
    fn words_back_from(&self, first: Option<Word<'t>>) -> impl Iterator<Item = Word<'t>> + '_ {
        let mut first = Some(first);
        // The start of the last word read and of the gap before it.
        let mut last: Option<(usize, usize)> = None;
        std::iter::from_fn(move || {
            let word = match first.take() {
                Some(word) => word,
                None => {
                    let (start, gap_start) = last?;
                    self.word_preceding(start, gap_start)
                }
            };
            last = word.as_ref().map(|w| (w.range.start, w.gap_start));
            word
        })
    }

    /// The character before `at` in the sentence and its length in bytes.
    fn char_before(&self, at: usize) -> Option<(char, usize)> {
        if at <= self.range.start {
            return None;
        }
        let byte = self.text.as_bytes()[at - 1];
        if byte.is_ascii() {
            return Some((char::from(byte), 1));
        }
        let c = self.text[self.range.start..at].chars().next_back()?;
        Some((c, c.len_utf8()))
    }

    /// The length of the character before `at` when it belongs to the same
    /// word as the letter or digit at `at`: a letter or digit, or a joining
    /// mark with one before it.
    fn word_goes_back(&self, at: usize) -> Option<usize> {
        let (c, width) = self.char_before(at)?;
        let joins = c.is_alphanumeric()
            || matches!(c, '\'' | '-' | '.' | '’')
                && self
                    .char_before(at - width)
                    .is_some_and(|(before, _)| before.is_alphanumeric());
        joins.then_some(width)
    }

    /// Where the gap of characters that are neither letters nor digits
    /// before `at` starts: the end of the word before, or the sentence
    /// start. Most gaps are an ASCII space or two, read byte by byte.
    fn gap_start(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut start = at;
        while start > self.range.start {
            let byte = bytes[start - 1];
            if byte.is_ascii() {
                if byte_class(byte) & ALPHANUMERIC != 0 {
                    break;
                }
                start -= 1;
                continue;
            }
            match self.char_before(start) {
                Some((c, width)) if !c.is_alphanumeric() => start -= width,
                _ => break,
            }
        }
        start
    }

    fn word(&self, start: usize, end: usize) -> Word<'t> {
        self.word_after_gap(self.gap_start(start), start, end)
    }

    /// [`Sentence::word`] given where the gap before the word starts (see
    /// [`Sentence::gap_start`]).
    fn word_after_gap(&self, gap_start: usize, start: usize, end: usize) -> Word<'t> {
        let word = &self.text[start..end];
        let lower = if word.is_ascii() {
            Cow::Borrowed(&self.lowered[start..end])
        } else {
            Cow::Owned(word.to_lowercase())
        };
        let first = self.text.as_bytes()[start];
        let capitalised = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            word.starts_with(char::is_uppercase)
        };
        Word {
            range: start..end,
            lower,
            capitalised,
            gap_before: trim(&self.text[gap_start..start]),
            gap_start,
        }
    }
}

/// The end of the word that starts at `start` (a letter or digit) in a
/// sentence that ends at `limit`.
fn word_end(text: &str, limit: usize, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start + alphanumeric_at(text, start).1;
    while end < limit {
        // Most words are ASCII letters and digits through and through.
        if byte_class(bytes[end]) & ALPHANUMERIC != 0 {
            end += 1;
            continue;
        }
        let (alphanumeric, width) = alphanumeric_at(text, end);
        let joins = alphanumeric
            || ((matches!(bytes[end], b'\'' | b'-' | b'.')
                || bytes[end..].starts_with("’".as_bytes()))
                && end + width < limit
                && alphanumeric_at(text, end + width).0);
        if !joins {
            break;
        }
        end += width;
    }
    end
}

/// The words of `text[range]` into `words`, read from the start of the
/// range: the list the slow reading answers from.
#[cfg(test)]
fn words_of<'t>(text: &'t str, lowered: &'t str, range: Range<usize>, words: &mut Vec<Word<'t>>) {
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let mut gap_start = 0;
    let mut at = 0;
    while at < slice.len() {
        let (alphanumeric, width) = alphanumeric_at(slice, at);
        if !alphanumeric {
            at += width;
            continue;
        }
        let end = word_end(slice, slice.len(), at);
        let word = &slice[at..end];
        let lower = if word.is_ascii() {
            Cow::Borrowed(&lowered[range.start + at..range.start + end])
        } else {
            Cow::Owned(word.to_lowercase())
        };
        let capitalised = if bytes[at].is_ascii() {
            bytes[at].is_ascii_uppercase()
        } else {
            word.starts_with(char::is_uppercase)
        };
        words.push(Word {
            range: range.start + at..range.start + end,
            lower,
            capitalised,
            gap_before: trim(&slice[gap_start..at]),
            gap_start: range.start + gap_start,
        });
        gap_start = end;
        at = end;
    }
}

/// `str::trim`, without decoding characters when the text is ASCII (most
/// gaps between words are a space or a comma and a space).
fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [] | [b' '] => return "",
        _ if !text.is_ascii() => return text.trim(),
        _ => {}
    }
    // The ASCII characters Unicode counts as white space: tab to carriage
    // return, and the space.
    let white = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !white(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !white(b))
        .map_or(start, |i| i + 1);
    &text[start..end.max(start)]
}

/// Whether the character at byte `at` (a character boundary) of `text` is
/// a letter or digit, and its length in bytes; decodes only outside ASCII.
fn alphanumeric_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte_class(byte) & ALPHANUMERIC != 0, 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// The words where a cue may start, in order, into `starts`: for each key
/// word standing in the sentence, the word as many words before it as the
/// key word's place in a phrase. Every word where a phrase matches is among
/// them (its key word stands where the phrase has it). False when the key
/// words cannot be searched for: every word is then a possible start.
fn cue_starts<'t>(
    sentence: &Sentence<'t>,
    index: &CueIndex,
    hits: &mut Vec<Hit>,
    starts: &mut Vec<Word<'t>>,
) -> bool {
    let Some(key_words) = &index.key_words else {
        return false;
    };
    hits.clear();
    starts.clear();
    if !key_words.hits(sentence.text, sentence.range.clone(), hits) {
        return false;
    }
    for hit in hits.iter() {
        // A run inside a longer word ("well-said") is no key word.
        let Some(word) = sentence.word_at(hit.start) else {
            continue;
        };
        if word.range.end != hit.end {
            continue;
        }
        let mut places = hit.places;
        if places > 1 {
            // The k-th word before the key word, for each place k after the
            // first it may take; the word right before it tells which it may.
            let mut before = sentence.words_preceding(&word);
            let mut earlier = before.next();
            if let Some(previous) = &earlier {
                places &= 1 | index.key_pairs.get_pair(&previous.lower, &word.lower);
            }
            let mut later = places >> 1;
            while later != 0 {
                let Some(start) = earlier else {
                    break;
                };
                if later & 1 != 0 {
                    starts.push(start);
                }
                later >>= 1;
                if later != 0 {
                    earlier = before.next();
                } else {
                    break;
                }
            }
        }
        if places & 1 != 0 {
            starts.push(word);
        }
    }
    if starts.len() > 1 {
        starts.sort_unstable_by_key(|w| w.range.start);
        starts.dedup_by_key(|w| w.range.start);
    }
    true
}

/// The buffers the reading of a sentence fills, which serve every sentence
/// of a document in turn.
#[derive(Default)]
struct Buffers<'t> {
    /// The key words standing in the sentence.
    hits: Vec<Hit>,
    /// The words where a cue may start.
    starts: Vec<Word<'t>>,
    /// The words after a cue's first one, as far as its phrases ask.
    following: Vec<Word<'t>>,
}

/// Finds the attribution a sentence states, if any. `spans` makes the
/// cue's span; it and `buffers` serve every sentence of the document in
/// turn.
fn sentence_attribution<'t>(
    sentence: &Sentence<'t>,
    spans: &mut SpanCursor,
    buffers: &mut Buffers<'t>,
) -> Option<Attribution> {
    let index = index();
    let mut reading = CueReading::default();
    let every_word = crate::slow_path::taken(crate::slow_path::SlowPath::EveryWord);
    let Buffers {
        hits,
        starts,
        following,
    } = buffers;
    if every_word || !cue_starts(sentence, index, hits, starts) {
        for word in sentence.words_after(sentence.range.start) {
            if let Some(found) = reading.offer(sentence, index, &word, spans, following) {
                return Some(found);
            }
        }
    } else {
        for word in starts.iter() {
            if let Some(found) = reading.offer(sentence, index, word, spans, following) {
                return Some(found);
            }
        }
    }
    reading.vague
}

/// What the reading of a sentence's cues has found so far.
#[derive(Default)]
struct CueReading {
    /// The first vague cue: the attribution unless a named one follows.
    vague: Option<Attribution>,
    /// The end of the last vague cue; no cue starts inside one.
    vague_end: usize,
}

impl CueReading {
    /// Reads the cue that starts at `word`, if one does (the longest phrase
    /// that matches there): a named attribution is returned, a vague one
    /// kept. `following` is a buffer for the words after `word`.
    fn offer<'t>(
        &mut self,
        sentence: &Sentence<'t>,
        index: &CueIndex,
        word: &Word<'t>,
        spans: &mut SpanCursor,
        following: &mut Vec<Word<'t>>,
    ) -> Option<Attribution> {
        if word.range.start < self.vague_end {
            return None;
        }
        let phrases = index.starting_with(&word.lower)?;
        // The words after the first, read as far as a phrase asks.
        following.clear();
        for (phrase, kind) in phrases {
            while following.len() + 1 < phrase.len() {
                let from = following.last().map_or(word.range.end, |w| w.range.end);
                match sentence.word_after(from) {
                    Some(next) => following.push(next),
                    None => break,
                }
            }
            let Some(rest) = following.get(..phrase.len() - 1) else {
                continue;
            };
            let same_words = rest
                .iter()
                .zip(&phrase[1..])
                .all(|(w, p)| &w.lower == p && w.gap_before.is_empty());
            if !same_words {
                continue;
            }
            let cue_range = word.range.start..rest.last().unwrap_or(word).range.end;
            let text = sentence.text;
            let source = match kind {
                CueType::Vague => {
                    self.vague_end = cue_range.end;
                    if self.vague.is_none() {
                        let cue = text[cue_range.clone()].to_string();
                        self.vague = Some(Attribution {
                            source: cue.clone(),
                            cue,
                            span: spans.span(cue_range.start, cue_range.end),
                            vague: true,
                        });
                    }
                    None
                }
                CueType::SourceFollows => source_after(sentence, cue_range.end, index),
                CueType::Speech if !reports_speech(sentence, word) => None,
                CueType::Speech => speech_source(sentence, word, cue_range.end, index),
            };
            return source.map(|source| Attribution {
                source,
                cue: text[cue_range.clone()].to_string(),
                span: spans.span(cue_range.start, cue_range.end),
                vague: false,
            });
        }
        None
    }
}

/// "added" and "adds" also mean adding things ("the company added 4,800
/// employees"): they report speech only after a comma or quote, before
/// "that", or at the end of a clause.
fn reports_speech(sentence: &Sentence, verb: &Word) -> bool {
    if !matches!(verb.lower.as_ref(), "added" | "adds") {
        return true;
    }
    let after_comma_or_quote = verb.gap_before.ends_with([',', '"', '”', '\'', '’']);
    let next = sentence.word_after(verb.range.end);
    after_comma_or_quote || next.is_none_or(|w| w.lower == "that" || !w.gap_before.is_empty())
}

/// The source named after a cue that ends at `cue_end`: words up to
/// punctuation or a stop word.
fn source_after(sentence: &Sentence, cue_end: usize, index: &CueIndex) -> Option<String> {
    source_of(sentence, sentence.words_after(cue_end), index)
}

/// [`source_after`] given the words after the cue, some of which the
/// caller may have read already.
fn source_of<'t>(
    sentence: &Sentence<'t>,
    words: impl Iterator<Item = Word<'t>>,
    index: &CueIndex,
) -> Option<String> {
    let mut first: Option<Range<usize>> = None;
    let mut last_end = 0;
    for word in words.take(8) {
        let punctuated = !word.gap_before.is_empty() && !word.gap_before.starts_with('\'');
        if (first.is_some() && punctuated) || index.is_stop(&word.lower) {
            break;
        }
        if word.lower.starts_with(char::is_numeric) {
            break;
        }
        first.get_or_insert(word.range.clone());
        last_end = word.range.end;
    }
    first.map(|first| sentence.text[first.start..last_end].to_string())
}

/// The speaker of a verb of saying that ends at `verb_end`: ", said Anna
/// Berg" names the speaker after the verb; otherwise it is the phrase
/// before the verb.
fn speech_source(
    sentence: &Sentence,
    verb: &Word,
    verb_end: usize,
    index: &CueIndex,
) -> Option<String> {
    let text = sentence.text;
    let verb_follows_comma_or_quote = verb.gap_before.ends_with([',', '"', '”', '\'', '’']);
    if verb_follows_comma_or_quote {
        let mut after = sentence.words_after(verb_end);
        if let Some(first) = after.next() {
            // ", said Anna Berg", ", said the mayor", ", said councillor Ian Frost"
            let second = if index.is_stop(&first.lower) {
                None
            } else {
                after.next()
            };
            let titled_name = second
                .as_ref()
                .is_some_and(|second| second.capitalised && second.gap_before.is_empty());
            if first.gap_before.is_empty()
                && (first.capitalised || first.lower == "the" || first.lower == "a" || titled_name)
            {
                // The words read so far are not read again.
                let words = std::iter::once(first).chain(second).chain(after);
                if let Some(source) = source_of(sentence, words, index) {
                    return Some(source);
                }
            }
        }
    }
    // "Jan Kowalski, 46, who has fished here for 30 years, said": after an
    // appositive the speaker is the phrase that opens the sentence.
    if verb.gap_before.ends_with(',') {
        if let Some(opening) = opening_phrase(sentence, verb.range.start) {
            return Some(text[opening].to_string());
        }
    }
    // The words before the verb, nearest first: the phrase runs from the
    // farthest taken to the nearest that is not an adverb between subject
    // and verb ("the ministry also said").
    let mut taken = 0;
    let mut farthest = verb.range.start;
    let mut nearest_end: Option<usize> = None;
    let mut next = verb;
    let mut word;
    while taken < 6 {
        // A possessive or an initial's stop joins the phrase; other
        // punctuation ends it (a comma only after a capitalised word right
        // before the verb), so the word is read only when it may join.
        let next_gap = next.gap_before;
        let may_join = matches!(next_gap, "" | "'" | "’" | ".") || next_gap == "," && taken == 0;
        if !may_join {
            break;
        }
        let Some(before) = sentence.word_preceding(next.range.start, next.gap_start) else {
            break;
        };
        word = before;
        let joins = next_gap != "," || word.capitalised;
        if !joins || index.is_stop(&word.lower) || word.lower.starts_with(char::is_numeric) {
            break;
        }
        taken += 1;
        farthest = word.range.start;
        if nearest_end.is_none() && !(word.lower.ends_with("ly") || word.lower == "also") {
            nearest_end = Some(word.range.end);
        }
        next = &word;
    }
    Some(text[farthest..nearest_end?].to_string())
}

/// The words before the first comma of the sentence, ahead of the word at
/// `verb_start`, when they name someone (a capitalised word among at most
/// six).
fn opening_phrase(sentence: &Sentence, verb_start: usize) -> Option<Range<usize>> {
    let mut opening: Vec<Word> = Vec::new();
    for word in sentence.words_after(sentence.range.start) {
        // No comma before the verb, or more than six words before the
        // first one: no opening phrase.
        if word.range.start >= verb_start || opening.len() > 6 {
            return None;
        }
        if word.gap_before.contains(',') {
            let names_someone = opening.iter().any(|w| w.capitalised)
                && opening
                    .iter()
                    .all(|w| !w.gap_before.contains(['"', '“', ':']));
            let (first, last) = (opening.first()?, opening.last()?);
            return names_someone.then_some(first.range.start..last.range.end);
        }
        opening.push(word);
    }
    None
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Whether `source` in lower case is one of [`PRONOUNS`]. An ASCII case
/// comparison serves, without lowering a copy: the one character outside
/// ASCII whose lower case is ASCII is the Kelvin sign ("k"), in no pronoun.
fn is_pronoun(source: &str) -> bool {
    PRONOUNS.iter().any(|p| source.eq_ignore_ascii_case(p))
}

/// The attribution each sentence states, in sentence order.
pub(crate) fn sentence_attributions(doc: &Document) -> Vec<Option<Attribution>> {
    let mut spans = doc.span_cursor();
    let mut buffers = Buffers::default();
    doc.sentences
        .iter()
        .map(|s| {
            let sentence = Sentence::new(doc, s.span.clone());
            sentence_attribution(&sentence, &mut spans, &mut buffers)
        })
        .collect()
}

/// Sets each claim's attribution from its own sentence, else the next, else
/// the previous one in the same paragraph, given each sentence's own.
pub(crate) fn attribute(doc: &Document, by_sentence: &[Option<Attribution>], claims: &mut [Claim]) {
    // The last source named, which a pronoun after it stands for.
    let mut last_named: Option<&str> = None;
    for claim in claims.iter_mut() {
        let s = claim.sentence;
        if doc.in_front_matter(claim.span.start) {
            continue;
        }
        let paragraph = doc.sentences[s].paragraph;
        let neighbours = [Some(s), s.checked_add(1), s.checked_sub(1)];
        let found = neighbours
            .into_iter()
            .flatten()
            .filter(|&n| {
                // A sentence may open with the dateline; only one that lies
                // wholly in the headline or dateline is passed over.
                n < doc.sentences.len()
                    && doc.sentences[n].paragraph == paragraph
                    && !doc.in_front_matter(doc.sentences[n].span.end - 1)
            })
            .find_map(|n| by_sentence[n].as_ref());
        let Some(found) = found else {
            continue;
        };
        let named = if is_pronoun(&found.source) {
            last_named
        } else {
            if !found.vague {
                last_named = Some(&found.source);
            }
            None
        };
        claim.attribution = Some(Attribution {
            source: named.unwrap_or(&found.source).to_string(),
            cue: found.cue.clone(),
            span: found.span,
            vague: found.vague,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(sentence: &str) -> Option<(String, String, bool)> {
        let doc = Document::parse(sentence, None);
        sentence_attribution(
            &Sentence::new(&doc, 0..sentence.len()),
            &mut doc.span_cursor(),
            &mut Buffers::default(),
        )
        .map(|a| (a.source, a.cue, a.vague))
    }

    /// Whether the byte scan finds a key word in `text`, or cannot tell.
    fn any_in(key_words: &KeyWords, text: &str) -> bool {
        let mut hits = Vec::new();
        !key_words.hits(text, 0..text.len(), &mut hits) || !hits.is_empty()
    }

    fn source(sentence: &str) -> Option<String> {
        attribution(sentence).map(|(source, _, _)| source)
    }

    #[test]
    fn finds_the_subject_of_a_verb_of_saying() {
        assert_eq!(
            source("The ministry said exports rose 5%."),
            Some("The ministry".into())
        );
        assert_eq!(source("\"Exports rose 5%,\" she said."), Some("she".into()));
        assert_eq!(
            source("Anna Berg told reporters that 70 firms signed."),
            Some("Anna Berg".into())
        );
        assert_eq!(
            source("Exports rose 5%, said Anna Berg, the minister."),
            Some("Anna Berg".into())
        );
        assert_eq!(
            source("The mayor also noted 12 closures."),
            Some("The mayor".into())
        );
    }

    #[test]
    fn finds_the_source_after_according_to() {
        assert_eq!(
            attribution("Exports rose 5%, according to the trade ministry."),
            Some(("the trade ministry".into(), "according to".into(), false))
        );
        assert_eq!(
            source("Figures from Eurostat show a 3% fall."),
            Some("Eurostat".into())
        );
        assert_eq!(
            source("A report by the World Bank put growth at 2%."),
            Some("the World Bank".into())
        );
    }

    #[test]
    fn vague_cues_are_marked_vague_and_named_sources_win() {
        assert_eq!(
            attribution("It is reported that 40 people died."),
            Some(("It is reported".into(), "It is reported".into(), true))
        );
        assert_eq!(
            attribution("Experts say 10% is likely.").map(|a| a.2),
            Some(true)
        );
        assert_eq!(
            attribution("Reportedly 40 died, the ministry said.").map(|a| (a.0, a.2)),
            Some(("the ministry".into(), false))
        );
    }

    #[test]
    fn the_quick_test_finds_key_words_in_any_case_between_any_marks() {
        let key_words = KeyWords::new(&[("said", 1), ("according", 1)]).expect("plain words");
        assert!(any_in(&key_words, "\"Yes,\" SAID Anna."));
        assert!(any_in(&key_words, "(according—to"));
        assert!(any_in(&key_words, "caf\u{e9}said 5"));
        assert!(!any_in(&key_words, "unsaid saidso accord"));
        assert!(KeyWords::new(&[("seg\u{fa}n", 1)]).is_none());
        assert_eq!(
            source("THE MINISTRY SAID exports rose 5%."),
            Some("THE MINISTRY".into())
        );
    }

    mod filter {
        use super::*;
        use proptest::prelude::*;

        /// Cue words in several cases, words next to them, and marks that
        /// join or part words.
        const WORDS: &[&str] = &[
            "said",
            "SAID",
            "Said",
            "says",
            "say",
            "told",
            "data",
            "from",
            "Data",
            "by",
            "according",
            "to",
            "the",
            "a",
            "report",
            "it",
            "is",
            "reported",
            "experts",
            "sources",
            "close",
            "some",
            "figures",
            "published",
            "people",
            "familiar",
            "with",
            "pointed",
            "out",
            "Anna",
            "Berg",
            "ministry",
            "5%",
            "rose",
            "unsaid",
            "caf\u{e9}",
            "\u{212A}",
            "U.S.",
            "o'clock",
            "well-known",
            "x",
            "added",
            "adds",
            "that",
            "also",
            "He",
            "she",
            "Jan",
            "46",
            "who",
            "publicly",
            "reportedly",
            "as",
            "in",
            "sources",
            "analysts",
            "expect",
            // Whole phrases, whose words seldom fall together by chance.
            "it is reported",
            "it has been reported",
            "in a report by",
            "as reported by",
            "according to",
            "according to sources",
            "people familiar with",
            "pointed out",
            "data published by",
            "some say",
        ];
        const MARKS: &[&str] = &[
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "-",
            "'",
            "\u{2019}",
            " \"",
            "\u{a0}",
            ",\" ",
            ": ",
            " \u{201c}",
            ".",
        ];

        /// Texts of words from [`WORDS`], each followed by a mark from
        /// [`MARKS`].
        fn texts(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
            prop::collection::vec(
                (prop::sample::select(WORDS), prop::sample::select(MARKS)),
                words,
            )
            .prop_map(|parts| parts.iter().flat_map(|(w, m)| [*w, *m]).collect())
        }

        /// The key-word scan one byte at a time: the hits, and false at a
        /// Kelvin sign.
        fn hits_reference(key_words: &KeyWords, text: &str) -> (Vec<Hit>, bool) {
            let bytes = text.as_bytes();
            let mut hits = Vec::new();
            let mut run_start = 0;
            for (at, &byte) in bytes.iter().enumerate() {
                if byte.is_ascii_alphanumeric() {
                    continue;
                }
                let places = key_words.places(&bytes[run_start..at]);
                if run_start < at && places != 0 {
                    hits.push(Hit {
                        start: run_start,
                        end: at,
                        places,
                    });
                }
                if byte == 0xE2 && bytes[at + 1..].starts_with(&[0x84, 0xAA]) {
                    return (hits, false);
                }
                run_start = at + 1;
            }
            let places = key_words.places(&bytes[run_start..]);
            if run_start < bytes.len() && places != 0 {
                hits.push(Hit {
                    start: run_start,
                    end: bytes.len(),
                    places,
                });
            }
            (hits, true)
        }

        /// The attributions of a document of `sentences`, read the fast way
        /// or the slow one.
        fn attributions(text: &str, slow: bool) -> Vec<Option<Attribution>> {
            let doc = Document::parse(text, None);
            crate::slow_path::run(crate::slow_path::SlowPath::EveryWord, slow, || {
                sentence_attributions(&doc)
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            /// Classing sixteen bytes at once finds the key words exactly
            /// where reading byte by byte does, in a whole text or in a
            /// part of one (the bytes around it read as they are).
            #[test]
            fn the_key_word_scan_reads_as_a_byte_by_byte_scan_does(
                (before, text, after) in (texts(0..3), texts(0..12), texts(0..3))
            ) {
                let key_words = index().key_words.as_ref().expect("plain key words");
                let whole = format!("{before}{text}{after}");
                let range = before.len()..before.len() + text.len();
                let mut hits = Vec::new();
                let complete = key_words.hits(&whole, range.clone(), &mut hits);
                let (mut expected, expected_complete) = hits_reference(key_words, &text);
                for hit in &mut expected {
                    hit.start += range.start;
                    hit.end += range.start;
                }
                prop_assert_eq!(complete, expected_complete, "{:?} in {:?}", text, whole);
                if complete {
                    prop_assert_eq!(hits, expected, "{:?} in {:?}", text, whole);
                }
            }

            /// Reading the words around a position, forward or back, finds
            /// the words a reading from the sentence start lists.
            #[test]
            fn words_read_from_anywhere_are_the_listed_words(text in texts(1..12)) {
                let doc = Document::parse(&text, None);
                let sentence = Sentence::new(&doc, 0..text.len());
                let mut listed = Vec::new();
                words_of(&text, doc.lowered_text(), 0..text.len(), &mut listed);
                let forward: Vec<Word> = sentence.words_after(0).collect();
                prop_assert_eq!(&forward, &listed, "{:?}", text);
                let mut backward: Vec<Word> = sentence.words_before(text.len()).collect();
                backward.reverse();
                prop_assert_eq!(&backward, &listed, "{:?}", text);
                for (at, _) in text.char_indices() {
                    let listed_here = listed.iter().find(|w| w.range.start == at).cloned();
                    prop_assert_eq!(sentence.word_at(at), listed_here, "{:?} at {}", text, at);
                }
            }

            /// Offering only the words key words reach, read from the text
            /// around them, finds the attribution of every sentence that
            /// offering every listed word finds.
            #[test]
            fn key_words_change_no_attribution(
                sentences in prop::collection::vec(texts(1..9), 1..4)
            ) {
                let text = sentences.concat();
                prop_assert_eq!(attributions(&text, false), attributions(&text, true), "{:?}", text);
            }
        }
    }

    #[test]
    fn pronouns_are_known_in_any_case_as_lowering_knows_them() {
        for source in [
            "He", "SHE", "they", "It", "i", "\u{130}t", "\u{212A}", "Hen", "Anna",
        ] {
            let lowered = source.to_lowercase();
            assert_eq!(
                is_pronoun(source),
                PRONOUNS.contains(&lowered.as_str()),
                "{source}"
            );
        }
    }

    #[test]
    fn the_stop_filter_turns_down_no_stop_word() {
        let index = index();
        for stop in &cues().source_stops {
            assert!(index.is_stop(&stop.to_lowercase()), "{stop}");
        }
        for word in [
            "ministry",
            "the",
            "anna",
            "shown",
            "o'clock",
            "46",
            "caf\u{e9}",
        ] {
            assert_eq!(index.is_stop(word), index.stops.get(word) != 0, "{word}");
        }
    }

    #[test]
    fn no_cue_means_no_attribution() {
        assert_eq!(attribution("Exports rose 5% in March."), None);
    }

    #[test]
    fn a_claim_takes_the_attribution_of_the_next_sentence_in_its_paragraph() {
        let text = "\"Prices rose 5%. Wages rose 2%,\" Anna Berg said.\n\nRents rose 4%.";
        let doc = Document::parse(text, None);
        let mut claims: Vec<Claim> = [("5%", 0), ("2%", 1), ("4%", 2)]
            .into_iter()
            .map(|(figure, sentence)| (text.find(figure).unwrap(), sentence))
            .map(|(start, sentence)| {
                Claim::new(
                    String::new(),
                    crate::ClaimKind::Percent,
                    String::new(),
                    doc.span(start, start + 2),
                    crate::Value::Temporal(Default::default()),
                    sentence,
                )
            })
            .collect();
        attribute(&doc, &sentence_attributions(&doc), &mut claims);
        let sources: Vec<Option<&str>> = claims
            .iter()
            .map(|c| c.attribution.as_ref().map(|a| a.source.as_str()))
            .collect();
        assert_eq!(sources, vec![Some("Anna Berg"), Some("Anna Berg"), None]);
    }
}
