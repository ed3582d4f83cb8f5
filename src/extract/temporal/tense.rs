//! Tense around a mention: decides whether a year-less date or a bare
//! weekday points back from the publication date ("on Saturday, police
//! said") or forward ("the vote will be held on Saturday").
//!
//! The nearest tense cue wins, so in "said on Friday it would meet on
//! Monday" Friday is past and Monday future. News mostly reports what has
//! happened, so a mention with no cue nearby is read as past.

use std::ops::Range;
use std::sync::OnceLock;

use super::trigger::Filter;
use super::words::{lexicon, TenseWords, GAP_BYTE, OUTSIDE_ASCII, WORD_BYTE};
use crate::extract::word_table::{key, WordTable};

pub(super) use crate::extract::Tense;

/// Words that can follow a verb but not stand as the noun an adjective
/// qualifies.
const FUNCTION_WORDS: [&str; 48] = [
    "a",
    "an",
    "the",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "this",
    "that",
    "these",
    "those",
    "some",
    "all",
    "no",
    "on",
    "in",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "into",
    "over",
    "after",
    "before",
    "since",
    "until",
    "during",
    "about",
    "against",
    "up",
    "down",
    "out",
    "off",
    "it",
    "him",
    "them",
    "us",
    "me",
    "and",
    "but",
    "or",
    "yesterday",
    "again",
    "last",
];

/// Verbs that report a statement; after a mention they do not give its tense.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "announced",
    "stated",
    "reported",
    "claimed",
    "explained",
    "wrote",
    "insisted",
    "confirmed",
    "warned",
    "argued",
];

/// How many words either side of the mention are looked at.
const WINDOW: usize = 8;

/// The tense for a mention with `before` the sentence text before it and
/// `after` the sentence text after it.
#[cfg(test)]
fn tense_of(before: &str, after: &str) -> Tense {
    cue_near(before, after).unwrap_or(Tense::Past)
}

/// The tense of the nearest cue around a mention, if any cue is in reach.
///
/// It runs for every temporal claim, so it allocates nothing in the usual
/// case: the words are slices of the text kept in arrays, their normal forms
/// borrowed from the text or lower-cased into a buffer on the stack, and the
/// words are read nearest first, stopping at the first cue.
pub(super) fn cue_near(before: &str, after: &str) -> Option<Tense> {
    let mut before_text = [""; WINDOW + 1];
    let before_count = last_words(before, &mut before_text);
    let mut after_text = [""; WINDOW];
    let after_count = first_words(after, &mut after_text);
    // Each word normalised once, not once per cue it is read for.
    let mut arena = Arena::default();
    let before_spans = before_text.map(|w| arena.normalise(w));
    let after_spans = after_text.map(|w| arena.normalise(w));
    let before_normal = before_spans.map(|span| arena.get(span));
    let after_normal = after_spans.map(|span| arena.get(span));
    let before_words = Words {
        text: &before_text[..before_count],
        normal: &before_normal[..before_count],
    };
    let after_words = Words {
        text: &after_text[..after_count],
        normal: &after_normal[..after_count],
    };
    let index = tense_index();
    // Distance from the mention: 1 for the adjacent word on either side.
    // The nearest cue before the mention, then a strictly nearer one after
    // it (a tie goes to the word before the mention).
    let mut best: Option<(usize, Tense)> = (0..before_words.len())
        .rev()
        .find_map(|i| cue_at(index, &before_words, i).map(|t| (before_words.len() - i, t)));
    for index_in in 0..after_words.len() {
        let distance = index_in + 1;
        if best.is_some_and(|(d, _)| distance >= d) {
            break;
        }
        // "…will meet in June 2018, the secretariat said": a reporting verb
        // after the mention dates the report, not the event.
        if index.lists_of(after_words.normal[index_in]) & REPORTING != 0 {
            continue;
        }
        if let Some(tense) = cue_at(index, &after_words, index_in) {
            best = Some((distance, tense));
            break;
        }
    }
    match best {
        // "will answer questions, sent to ..., on Friday": a participle
        // after a comma describes a noun; the modal still sets the tense.
        Some((_, Tense::Past)) if modal_governs(before, true) => Some(Tense::Future),
        // No cue in reach: a modal earlier in the sentence still governs.
        None if modal_governs(before, false) => Some(Tense::Future),
        other => other.map(|(_, tense)| tense),
    }
}

/// Letters, digits and apostrophes make a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// Whether the character that starts at byte `at` of `text` (a character
/// boundary) is a word character, and its length. ASCII is read without
/// decoding.
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric() || byte == b'\'', 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// The last `out.len()` words of `text`, in text order, into `out`; returns
/// how many there are.
fn last_words<'a>(text: &'a str, out: &mut [&'a str]) -> usize {
    let mut count = 0;
    let mut end = None;
    let mut i = text.len();
    while i > 0 && count < out.len() {
        // The start of the character that ends at `i`.
        let mut start = i - 1;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        if word_char_at(text, start).0 {
            end.get_or_insert(i);
        } else if let Some(e) = end.take() {
            out[count] = &text[i..e];
            count += 1;
        }
        i = start;
    }
    if let Some(e) = end.filter(|_| count < out.len()) {
        out[count] = &text[..e];
        count += 1;
    }
    out[..count].reverse();
    count
}

/// The first `out.len()` words of `text` into `out`; returns how many there
/// are.
fn first_words<'a>(text: &'a str, out: &mut [&'a str]) -> usize {
    let mut count = 0;
    let mut start = None;
    let mut i = 0;
    while i < text.len() {
        let (word, len) = word_char_at(text, i);
        if word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out[count] = &text[s..i];
            count += 1;
            if count == out.len() {
                return count;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        out[count] = &text[s..];
        count += 1;
    }
    count
}

/// The tense word lists of rules/temporal.toml as one table: each word's
/// lists as bits, so a word costs one lookup for all three lists (and for
/// the fixed lists below). A Bloom filter over the packed words turns most
/// words of a sentence away before the table is probed.
struct TenseIndex {
    table: WordTable,
    filter: Filter,
}

const FUTURE: u32 = 1;
const PAST: u32 = 2;
const NOT_PAST: u32 = 4;
/// [`FUNCTION_WORDS`].
const FUNCTION: u32 = 8;
/// [`REPORTING_VERBS`].
const REPORTING: u32 = 16;
/// The first word of a two-word entry ("going" of "going to"): only after
/// such a word can [`WordTable::get_pair`] find anything.
const PAIR_FIRST: u32 = 32;

/// "be", "is", "to"...: a participle after one takes no tense of its own.
const AUXILIARIES: [&str; 6] = ["be", "been", "being", "to", "is", "are"];

impl TenseIndex {
    fn new(words: &'static TenseWords) -> TenseIndex {
        let tagged =
            |list: &'static [String], bit: u32| list.iter().map(move |w| (w.as_str(), bit));
        let fixed = |list: &'static [&'static str], bit: u32| list.iter().map(move |w| (*w, bit));
        let all = || {
            tagged(&words.future, FUTURE)
                .chain(tagged(&words.past, PAST))
                .chain(tagged(&words.not_past, NOT_PAST))
        };
        let pair_firsts = || all().filter_map(|(w, _)| w.split_once(' ').map(|(first, _)| first));
        let entries = || {
            all()
                .chain(fixed(&FUNCTION_WORDS, FUNCTION))
                .chain(fixed(REPORTING_VERBS, REPORTING))
                .chain(fixed(&AUXILIARIES, WORD_AUXILIARY))
                .chain(pair_firsts().map(|w| (w, PAIR_FIRST)))
        };
        TenseIndex {
            table: WordTable::new(entries()),
            filter: Filter::new(entries().filter_map(|(w, _)| key(w))),
        }
    }

    /// The lists `word` is in, as bits.
    fn lists_of(&self, word: &str) -> u32 {
        self.table.get(word)
    }

    /// The lists of the word packed as `packed` (see [`key`]), as bits.
    fn lists_of_key(&self, packed: u128) -> u32 {
        if self.filter.may_hold(packed) {
            self.table.get_key(packed)
        } else {
            0
        }
    }
}

fn tense_index() -> &'static TenseIndex {
    static CELL: OnceLock<TenseIndex> = OnceLock::new();
    crate::lexicon::resolve(&CELL, || TenseIndex::new(&lexicon().tense))
}

/// Where a word's normal form is: the word itself (already lower-case
/// ASCII), or a range of the arena's stack buffer or of its spill string.
#[derive(Clone, Copy)]
enum Span<'a> {
    Text(&'a str),
    Stack(usize, usize),
    Spill(usize, usize),
}

/// The normal forms of the words that need one: lower-cased, with
/// typographic apostrophes made straight (as the word lists write them; no
/// list word has an apostrophe, so this form serves every lookup). ASCII
/// words go to a buffer on the stack; the rare others (and any overflow)
/// to a string.
struct Arena {
    stack: [u8; 256],
    used: usize,
    spill: String,
}

impl Default for Arena {
    fn default() -> Arena {
        Arena {
            stack: [0; 256],
            used: 0,
            spill: String::new(),
        }
    }
}

impl Arena {
    fn normalise<'a>(&mut self, word: &'a str) -> Span<'a> {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            return Span::Text(word);
        }
        let start = self.used;
        // ASCII letters and '’' only: lower-case byte by byte ('’' is three
        // bytes and becomes one, so the word never grows).
        if word.chars().all(|c| c.is_ascii() || c == '’') && start + word.len() <= self.stack.len()
        {
            for c in word.chars() {
                self.stack[self.used] = if c == '’' {
                    b'\''
                } else {
                    (c as u8).to_ascii_lowercase()
                };
                self.used += 1;
            }
            return Span::Stack(start, self.used);
        }
        let start = self.spill.len();
        for c in word.to_lowercase().chars() {
            self.spill.push(if c == '’' { '\'' } else { c });
        }
        Span::Spill(start, self.spill.len())
    }

    fn get<'s>(&'s self, span: Span<'s>) -> &'s str {
        match span {
            Span::Text(word) => word,
            // Only ASCII bytes are written there.
            Span::Stack(start, end) => std::str::from_utf8(&self.stack[start..end]).unwrap_or(""),
            Span::Spill(start, end) => &self.spill[start..end],
        }
    }
}

/// The words on one side of a mention: as written, and in normal form.
struct Words<'w, 'a> {
    text: &'w [&'a str],
    normal: &'w [&'w str],
}

impl Words<'_, '_> {
    fn len(&self) -> usize {
        self.text.len()
    }
}

/// The tense cue the word at `index` gives, reading it with the word before
/// it for two-word cues ("going to", "is to").
fn cue_at(lists: &TenseIndex, words: &Words, index: usize) -> Option<Tense> {
    let word = words.normal[index];
    let previous = index.checked_sub(1).map(|i| words.normal[i]);
    if let Some(previous) = previous {
        if lists.table.get_pair(previous, word) & FUTURE != 0 {
            return Some(Tense::Future);
        }
    }
    let in_lists = lists.lists_of(word);
    if word.ends_with("'ll") || in_lists & FUTURE != 0 {
        return Some(Tense::Future);
    }
    // "will be held", "to be announced", "when it is completed": a
    // participle after "be" takes its tense from the auxiliary, which is
    // read separately.
    if previous.is_some_and(|p| matches!(p, "be" | "been" | "being" | "to" | "is" | "are")) {
        return None;
    }
    if in_lists & PAST != 0 {
        return Some(Tense::Past);
    }
    // A regular "-ed" form is a verb when what follows is not a noun it
    // could qualify: "reopened on", "announced a", "defeated Smith", but
    // not "preferred shares" or "limited edition".
    let verb_like_next = || {
        words.text.get(index + 1).is_none_or(|next| {
            next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || lists.lists_of(words.normal[index + 1]) & FUNCTION != 0
        })
    };
    let regular_past =
        word.len() > 4 && word.ends_with("ed") && in_lists & NOT_PAST == 0 && verb_like_next();
    regular_past.then_some(Tense::Past)
}

/// The tense facts of the words of one sentence, kept so that each mention
/// in the sentence is answered from them (see [`SentenceCues::cue`]): the
/// words are cut once, only as far as the last window a mention reads (the
/// rest of the sentence is never read), and each is looked up at most
/// once, when a mention's search for the nearest cue first reaches it.
/// Words are cut as [`last_words`] and [`first_words`] cut them.
#[derive(Default)]
pub(super) struct SentenceCues {
    /// Each word's span in the document text, for the words cut so far.
    spans: Vec<(usize, usize)>,
    /// Each word's facts (`WORD_*` bits, with its lists), 0 until read.
    facts: Vec<u32>,
    /// The position of the first space in the sentence that ends a "will"
    /// or "shall" (the test [`modal_governs`] starts with; `usize::MAX`
    /// for none), found while the words are cut: of the part cut so far.
    first_modal_space: usize,
    /// The byte of the sentence where cutting goes on (after a word).
    cut_to: usize,
}

/// The kind of each byte to the word cutter: the apostrophe is part of a
/// word (see [`word_char_at`]).
static BYTE_KINDS: [u8; 256] = super::words::byte_kinds(true);

/// Set once a word's facts are read.
const WORD_READ: u32 = 1 << 8;
/// Ends in "'ll".
const WORD_LL: u32 = 1 << 9;
/// One of the [`AUXILIARIES`] (a bit of the word table).
const WORD_AUXILIARY: u32 = 1 << 10;
/// Longer than four letters and ending in "-ed".
const WORD_ED: u32 = 1 << 11;
/// Starts with a capital or a digit.
const WORD_CAPITAL: u32 = 1 << 12;

/// 0x01 in every byte of a u128.
const EACH_BYTE: u128 = u128::MAX / 0xFF;
/// 0x20 (the lower-case bit of ASCII letters) in every byte.
const BIT_20: u128 = EACH_BYTE * 0x20;
/// 0x80 (the top bit) in every byte.
const TOP_BIT: u128 = EACH_BYTE * 0x80;

/// The word from byte `start` to `end` of `bytes` (a cut word: letters,
/// digits, apostrophes) in normal form, packed as [`key`] packs it, when it
/// is ASCII and at most 16 bytes long. Setting bit 0x20 of each byte
/// lower-cases a letter and leaves a digit or an apostrophe as it is, so
/// the word is normalised with one OR.
fn packed_ascii(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len == 0 || len > 16 {
        return None;
    }
    // Sixteen bytes at once where the text has them.
    let head = match bytes.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => *chunk,
        None => {
            let mut padded = [0u8; 16];
            padded[..len].copy_from_slice(&bytes[start..end]);
            padded
        }
    };
    let mask = u128::MAX << (8 * (16 - len));
    let word = u128::from_be_bytes(head) & mask;
    (word & TOP_BIT == 0).then_some(word | (BIT_20 & mask))
}

/// The facts of the word from `start` to `end` of `text`: its lists from
/// the packed word where it is short ASCII (nearly always), else from its
/// normal form.
fn facts_of(index: &TenseIndex, text: &str, start: usize, end: usize) -> u32 {
    let bytes = text.as_bytes();
    let bit = |on: bool, bit: u32| if on { bit } else { 0 };
    let Some(packed) = packed_ascii(bytes, start, end) else {
        let word = &text[start..end];
        return with_normal_form(word, |normal| {
            index.lists_of(normal)
                | bit(normal.ends_with("'ll"), WORD_LL)
                | bit(normal.len() > 4 && normal.ends_with("ed"), WORD_ED)
                | bit(
                    word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()),
                    WORD_CAPITAL,
                )
        });
    };
    let len = end - start;
    // Bit 0x20 lower-cases a letter and makes no other byte one.
    let lower = |at: usize| bytes[at] | 0x20;
    let ends_ll =
        len >= 3 && bytes[end - 3] == b'\'' && lower(end - 2) == b'l' && lower(end - 1) == b'l';
    let ends_ed = len > 4 && lower(end - 2) == b'e' && lower(end - 1) == b'd';
    let first = bytes[start];
    index.lists_of_key(packed)
        | bit(ends_ll, WORD_LL)
        | bit(ends_ed, WORD_ED)
        | bit(
            first.is_ascii_uppercase() || first.is_ascii_digit(),
            WORD_CAPITAL,
        )
}

impl SentenceCues {
    /// Starts over for a sentence: no word cut yet (the words are cut when a
    /// mention first needs them, see [`Self::cut_past`]).
    pub(super) fn build(&mut self) {
        self.spans.clear();
        self.facts.clear();
        self.first_modal_space = usize::MAX;
        self.cut_to = 0;
    }

    /// Cuts `sentence`, which starts at byte `offset` of the document text,
    /// into words until [`WINDOW`] words start at or after document offset
    /// `end` (or the sentence ends), and notes the first space that ends a
    /// modal. Every word before those is cut too, so the spans stay the
    /// whole sentence's first words, in order.
    fn cut_past(&mut self, sentence: &str, offset: usize, end: usize) {
        let after = self.spans.len() - self.spans.partition_point(|&(s, _)| s < end);
        let mut wanted = WINDOW.saturating_sub(after);
        let bytes = sentence.as_bytes();
        let mut i = self.cut_to;
        while i < bytes.len() && wanted > 0 {
            // The gap.
            match BYTE_KINDS[usize::from(bytes[i])] {
                GAP_BYTE => {
                    i += 1;
                    continue;
                }
                OUTSIDE_ASCII => {
                    let (word, len) = word_char_at(sentence, i);
                    if !word {
                        i += len;
                        continue;
                    }
                }
                _ => {}
            }
            // The word.
            let start = i;
            while i < bytes.len() {
                match BYTE_KINDS[usize::from(bytes[i])] {
                    WORD_BYTE => i += 1,
                    GAP_BYTE => break,
                    _ => {
                        let (word, len) = word_char_at(sentence, i);
                        if !word {
                            break;
                        }
                        i += len;
                    }
                }
            }
            self.spans.push((offset + start, offset + i));
            self.facts.push(0);
            if offset + start >= end {
                wanted -= 1;
            }
            // Every "will " or "shall " ends a word with a space: its letters
            // are word characters.
            if self.first_modal_space == usize::MAX
                && bytes.get(i) == Some(&b' ')
                && (bytes[i - 1] | 0x20) == b'l'
                && ends_with_modal(bytes, i)
            {
                self.first_modal_space = offset + i;
            }
        }
        self.cut_to = i;
    }

    /// The facts of word `word`, read the first time they are asked for.
    // Inlined, so that a word already read costs a load, not a call.
    #[inline(always)]
    fn fact(&mut self, text: &str, word: usize) -> u32 {
        match self.facts[word] {
            0 => self.read_fact(text, word),
            facts => facts,
        }
    }

    /// Reads and keeps the facts of word `word` (see [`Self::fact`]).
    #[inline(never)]
    fn read_fact(&mut self, text: &str, word: usize) -> u32 {
        let (start, end) = self.spans[word];
        self.facts[word] = facts_of(tense_index(), text, start, end) | WORD_READ;
        self.facts[word]
    }

    /// Whether the sentence has a "will" or "shall" before `start`, which
    /// [`modal_governs`] needs to find anything.
    fn modal_before(&self, start: usize) -> bool {
        self.first_modal_space < start
    }

    /// Whether word `index` makes a two-word future cue with the word
    /// before it ("going to"), which has [`PAIR_FIRST`].
    fn pair_future(&self, text: &str, index: usize) -> bool {
        let (previous, word) = (self.word(text, index - 1), self.word(text, index));
        with_normal_form(previous, |previous| {
            with_normal_form(word, |word| {
                tense_index().table.get_pair(previous, word) & FUTURE != 0
            })
        })
    }

    fn word<'t>(&self, text: &'t str, index: usize) -> &'t str {
        let (start, end) = self.spans[index];
        &text[start..end]
    }

    /// [`cue_near`] for a mention from `start` to `end` (document offsets
    /// inside the sentence) of `text`, with `before` the sentence text
    /// before it and `sentence` the sentence, which starts at byte `offset`.
    /// None when a word runs across either end of the mention, which the
    /// cut words cannot answer (the caller reads the text then).
    pub(super) fn cue(
        &mut self,
        text: &str,
        (sentence, offset): (&str, usize),
        before: &str,
        start: usize,
        end: usize,
    ) -> Option<Option<Tense>> {
        self.cut_past(sentence, offset, end);
        let spans = &self.spans;
        let before_end = spans.partition_point(|&(_, e)| e <= start);
        if spans.get(before_end).is_some_and(|&(s, _)| s < start) {
            return None;
        }
        let after_start = before_end + spans[before_end..].partition_point(|&(s, _)| s < end);
        if after_start > 0 && spans[after_start - 1].1 > end {
            return None;
        }
        let before_words = before_end.saturating_sub(WINDOW + 1)..before_end;
        let after_words = after_start..(after_start + WINDOW).min(spans.len());
        // As `cue_near`: the nearest cue before, then a strictly nearer one
        // after (a reporting verb after the mention is passed over).
        let mut best: Option<(usize, Tense)> = None;
        for index in before_words.clone().rev() {
            if let Some(tense) = self.cue_at(text, &before_words, index) {
                best = Some((before_end - index, tense));
                break;
            }
        }
        for index in after_words.clone() {
            let distance = index - after_start + 1;
            if best.is_some_and(|(d, _)| distance >= d) {
                break;
            }
            if self.fact(text, index) & REPORTING != 0 {
                continue;
            }
            if let Some(tense) = self.cue_at(text, &after_words, index) {
                best = Some((distance, tense));
                break;
            }
        }
        // `modal_governs` finds nothing without a modal before the mention.
        let modal = |after_comma| self.modal_before(start) && modal_governs(before, after_comma);
        Some(match best {
            Some((_, Tense::Past)) if modal(true) => Some(Tense::Future),
            None if modal(false) => Some(Tense::Future),
            other => other.map(|(_, tense)| tense),
        })
    }

    /// [`cue_at`] for word `index` of the sentence, in a window of words
    /// `window` (the words the mention reads on that side).
    fn cue_at(&mut self, text: &str, window: &Range<usize>, index: usize) -> Option<Tense> {
        let facts = self.fact(text, index);
        let previous = if index > window.start {
            self.fact(text, index - 1)
        } else {
            0
        };
        // Most words give no cue: in no cue list, no "'ll" or "-ed", and
        // not the second word of a pair.
        if facts & (FUTURE | PAST | WORD_LL | WORD_ED) == 0 && previous & PAIR_FIRST == 0 {
            return None;
        }
        if previous & PAIR_FIRST != 0 && self.pair_future(text, index) {
            return Some(Tense::Future);
        }
        if facts & (WORD_LL | FUTURE) != 0 {
            return Some(Tense::Future);
        }
        if previous & WORD_AUXILIARY != 0 {
            return None;
        }
        if facts & PAST != 0 {
            return Some(Tense::Past);
        }
        if facts & WORD_ED == 0 || facts & NOT_PAST != 0 {
            return None;
        }
        let verb_like_next =
            index + 1 >= window.end || self.fact(text, index + 1) & (WORD_CAPITAL | FUNCTION) != 0;
        verb_like_next.then_some(Tense::Past)
    }
}

/// Calls `f` with the normal form [`Arena::normalise`] gives `word`, built
/// on the stack where it can be.
fn with_normal_form<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !bytes
        .iter()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        return f(word);
    }
    let mut buffer = [0u8; 32];
    if word.is_ascii() && word.len() <= buffer.len() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        // Lower-cased ASCII is still ASCII.
        return f(std::str::from_utf8(lower).unwrap_or(""));
    }
    f(&word.to_lowercase().replace('’', "'"))
}

/// Whether the space at `space` in `bytes` ends "will" or "shall" (in any
/// case).
fn ends_with_modal(bytes: &[u8], space: usize) -> bool {
    let behind = |len: usize| space.checked_sub(len).map(|start| &bytes[start..space]);
    behind(4).is_some_and(|w| w.eq_ignore_ascii_case(b"will"))
        || behind(5).is_some_and(|w| w.eq_ignore_ascii_case(b"shall"))
}

/// True when the sentence before a mention has "will" or "shall" and no
/// finite past verb after it; with `after_comma`, only when a comma shows
/// that a past form in between belongs to an inserted phrase.
fn modal_governs(before: &str, after_comma: bool) -> bool {
    // Most sentences have no modal: look for one in ASCII first, without
    // lower-casing the sentence. Lower-casing makes no ASCII letter or space
    // out of other characters except the Kelvin sign ('k') and a dotted 'İ'
    // ('i' plus a combining dot), neither of which can complete "will " or
    // "shall ", so this finds every modal the lower-cased text has.
    // Every "will " or "shall " ends at a space: look behind each space.
    let bytes = before.as_bytes();
    if !(0..bytes.len()).any(|i| bytes[i] == b' ' && ends_with_modal(bytes, i)) {
        return false;
    }
    let lower = before.to_lowercase();
    let Some(modal) = ["will ", "shall "]
        .iter()
        .filter_map(|m| lower.rfind(m))
        .max()
    else {
        return false;
    };
    let after_modal = &lower[modal..];
    let finite_past = ["was", "were", "had", "did", "said", "told"];
    (!after_comma || after_modal.contains(','))
        && !after_modal
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| finite_past.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_cue_wins() {
        assert_eq!(tense_of("The vote will be held on ", "."), Tense::Future);
        assert_eq!(tense_of("Police arrested him on ", "."), Tense::Past);
        assert_eq!(tense_of("He said on ", " that it would meet"), Tense::Past);
        assert_eq!(tense_of("He said it would meet on ", "."), Tense::Future);
        assert_eq!(tense_of("Talks are scheduled for ", "."), Tense::Future);
        assert_eq!(
            tense_of("The team is going to play on ", "."),
            Tense::Future
        );
        assert_eq!(tense_of("The shop opens on ", "."), Tense::Past);
        assert_eq!(tense_of("", ", they'll know"), Tense::Future);
    }
}
