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
use super::words::{lexicon, TenseWords, GAP_BYTE, WORD_BYTE};
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

/// What the mentions of one sentence share for their tense cues: where the
/// sentence's first modal is, looked for once (see [`SentenceCues::cue`]).
/// Each mention's cue is read from the words around it, cut outwards from
/// the mention and looked up nearest first (see [`Side`]), so a sentence's
/// words are never cut from its start, and a mention reads only as far as
/// its nearest cue.
#[derive(Default)]
pub(super) struct SentenceCues {
    /// The document offset of the first space in the sentence that ends a
    /// "will" or "shall" (the test [`modal_governs`] starts with;
    /// `usize::MAX` for none), once looked for.
    first_modal_space: Option<usize>,
}

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
    /// Starts over for a sentence: its modal not looked for yet.
    pub(super) fn build(&mut self) {
        self.first_modal_space = None;
    }

    /// Whether the sentence `sentence` (document offsets; `lowered` is the
    /// document text with ASCII letters lowered) has a "will" or "shall"
    /// before `start`, which [`modal_governs`] needs to find anything.
    fn modal_before(&mut self, lowered: &str, sentence: &Range<usize>, start: usize) -> bool {
        let first = *self.first_modal_space.get_or_insert_with(|| {
            let bytes = lowered.as_bytes().get(sentence.clone()).unwrap_or(&[]);
            first_modal_space(bytes).map_or(usize::MAX, |space| sentence.start + space)
        });
        first < start
    }

    /// [`cue_near`] for a mention from `start` to `end` of `text` (document
    /// offsets inside the sentence `sentence`; `lowered` is `text` with
    /// ASCII letters lowered): the same words cut the same way, from the
    /// mention outwards, each looked up once when the search for the
    /// nearest cue reaches it.
    pub(super) fn cue(
        &mut self,
        (text, lowered): (&str, &str),
        sentence: &Range<usize>,
        start: usize,
        end: usize,
    ) -> Option<Tense> {
        let index = tense_index();
        // As `cue_near`: the nearest cue before, then a strictly nearer one
        // after (a reporting verb after the mention is passed over).
        let mut best: Option<(usize, Tense)> = None;
        let mut before = Side::new(index, text, sentence.start..start, true);
        for nearest in 0..=WINDOW {
            if before.fact(nearest).is_none() {
                break;
            }
            if let Some(tense) = before.cue_at(nearest) {
                best = Some((nearest + 1, tense));
                break;
            }
        }
        let mut after = Side::new(index, text, end..sentence.end, false);
        for nearest in 0..WINDOW {
            if best.is_some_and(|(d, _)| nearest + 1 >= d) {
                break;
            }
            let Some(facts) = after.fact(nearest) else {
                break;
            };
            if facts & REPORTING != 0 {
                continue;
            }
            if let Some(tense) = after.cue_at(nearest) {
                best = Some((nearest + 1, tense));
                break;
            }
        }
        // `modal_governs` finds nothing without a modal before the mention.
        let before_text = &text[sentence.start..start];
        let mut modal = |after_comma| {
            self.modal_before(lowered, sentence, start) && modal_governs(before_text, after_comma)
        };
        match best {
            Some((_, Tense::Past)) if modal(true) => Some(Tense::Future),
            None if modal(false) => Some(Tense::Future),
            other => other.map(|(_, tense)| tense),
        }
    }
}

/// Where the first space that ends a "will" or "shall" is in `lowered` (a
/// sentence with ASCII letters lowered): each ends in "ll ".
fn first_modal_space(lowered: &[u8]) -> Option<usize> {
    static ENDING: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let ending = ENDING.get_or_init(|| memchr::memmem::Finder::new(b"ll "));
    ending
        .find_iter(lowered)
        .map(|at| at + 2)
        .find(|&space| ends_with_modal(lowered, space))
}

/// The words on one side of a mention, cut one at a time outwards from it
/// (as [`last_words`] and [`first_words`] cut them) as the search for the
/// nearest cue reaches them, each looked up once.
struct Side<'t> {
    index: &'static TenseIndex,
    text: &'t str,
    /// The part of `text` on this side not cut yet.
    rest: Range<usize>,
    /// Whether words are cut from the end of `rest` (before the mention)
    /// or from its start (after it).
    backwards: bool,
    /// The words cut so far, nearest first, and their facts (0 until read).
    words: [(usize, usize); WINDOW + 1],
    facts: [u32; WINDOW + 1],
    cut: usize,
    /// How many words this side can have: its window, or fewer once the
    /// text runs out.
    limit: usize,
}

impl<'t> Side<'t> {
    fn new(
        index: &'static TenseIndex,
        text: &'t str,
        rest: Range<usize>,
        backwards: bool,
    ) -> Side<'t> {
        Side {
            index,
            text,
            rest,
            backwards,
            words: [(0, 0); WINDOW + 1],
            facts: [0; WINDOW + 1],
            cut: 0,
            // Before the mention, a cue's word before it is read too.
            limit: if backwards { WINDOW + 1 } else { WINDOW },
        }
    }

    /// The facts of the `nearest`th word from the mention (0 for the
    /// adjacent one), if the side has that many words.
    // Inlined, so that a word already read costs a load, not a call.
    #[inline(always)]
    fn fact(&mut self, nearest: usize) -> Option<u32> {
        match self.facts.get(nearest) {
            Some(&facts) if facts != 0 => Some(facts),
            _ => self.read_fact(nearest),
        }
    }

    /// Cuts the words up to the `nearest`th and reads its facts (see
    /// [`Self::fact`]).
    #[inline(never)]
    fn read_fact(&mut self, nearest: usize) -> Option<u32> {
        while self.cut <= nearest {
            if self.cut >= self.limit {
                return None;
            }
            let word = if self.backwards {
                word_before(self.text, &self.rest)
            } else {
                word_after(self.text, &self.rest)
            };
            let Some((start, end)) = word else {
                self.limit = self.cut;
                return None;
            };
            if self.backwards {
                self.rest.end = start;
            } else {
                self.rest.start = end;
            }
            self.words[self.cut] = (start, end);
            self.cut += 1;
        }
        let (start, end) = self.words[nearest];
        self.facts[nearest] = facts_of(self.index, self.text, start, end) | WORD_READ;
        Some(self.facts[nearest])
    }

    /// The word before the `nearest`th in text order, and the one after it.
    fn neighbours(&self, nearest: usize) -> (Option<usize>, Option<usize>) {
        if self.backwards {
            (Some(nearest + 1), nearest.checked_sub(1))
        } else {
            (nearest.checked_sub(1), Some(nearest + 1))
        }
    }

    /// [`cue_at`] for the `nearest`th word, read with its neighbours on
    /// this side.
    fn cue_at(&mut self, nearest: usize) -> Option<Tense> {
        let facts = self.fact(nearest)?;
        let (previous_at, next_at) = self.neighbours(nearest);
        let previous_at = previous_at.filter(|&p| self.fact(p).is_some());
        let previous = previous_at.map_or(0, |p| self.facts[p]);
        // Most words give no cue: in no cue list, no "'ll" or "-ed", and
        // not the second word of a pair.
        if facts & (FUTURE | PAST | WORD_LL | WORD_ED) == 0 && previous & PAIR_FIRST == 0 {
            return None;
        }
        if let Some(previous_at) = previous_at.filter(|_| previous & PAIR_FIRST != 0) {
            if self.pair_future(previous_at, nearest) {
                return Some(Tense::Future);
            }
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
        let verb_like_next = next_at
            .and_then(|n| self.fact(n))
            .is_none_or(|next| next & (WORD_CAPITAL | FUNCTION) != 0);
        verb_like_next.then_some(Tense::Past)
    }

    /// Whether the words `previous` and `word` make a two-word future cue
    /// ("going to").
    fn pair_future(&self, previous: usize, word: usize) -> bool {
        let text = |at: usize| {
            let (start, end) = self.words[at];
            &self.text[start..end]
        };
        with_normal_form(text(previous), |previous| {
            with_normal_form(text(word), |word| {
                self.index.table.get_pair(previous, word) & FUTURE != 0
            })
        })
    }
}

/// The kind of each byte to the word cutter: the apostrophe is part of a
/// word (see [`word_char_at`]).
static BYTE_KINDS: [u8; 256] = super::words::byte_kinds(true);

/// The last word of `text[rest]`, as document offsets.
fn word_before(text: &str, rest: &Range<usize>) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Whether the character that ends at `at` is a word character, and
    // where it starts: ASCII by table, others decoded.
    let char_before = |at: usize| match BYTE_KINDS[usize::from(bytes[at - 1])] {
        WORD_BYTE => (true, at - 1),
        GAP_BYTE => (false, at - 1),
        _ => {
            let mut start = at - 1;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            (word_char_at(text, start).0, start)
        }
    };
    let mut at = rest.end;
    loop {
        if at <= rest.start {
            return None;
        }
        let (word, start) = char_before(at);
        if word {
            break;
        }
        at = start;
    }
    let end = at;
    while at > rest.start {
        let (word, start) = char_before(at);
        if !word {
            break;
        }
        at = start;
    }
    Some((at, end))
}

/// The first word of `text[rest]`, as document offsets.
fn word_after(text: &str, rest: &Range<usize>) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Whether the character that starts at `at` is a word character, and
    // its length: ASCII by table, others decoded.
    let char_at = |at: usize| match BYTE_KINDS[usize::from(bytes[at])] {
        WORD_BYTE => (true, 1),
        GAP_BYTE => (false, 1),
        _ => word_char_at(text, at),
    };
    let mut at = rest.start;
    loop {
        if at >= rest.end {
            return None;
        }
        let (word, len) = char_at(at);
        if word {
            break;
        }
        at += len;
    }
    let start = at;
    while at < rest.end {
        let (word, len) = char_at(at);
        if !word {
            break;
        }
        at += len;
    }
    Some((start, at))
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

    /// Words for phrases around mentions: cues of every kind (lists,
    /// pairs, "'ll", "-ed" with what can follow), their look-alikes, and
    /// words the cutter must read whole or split (capitals, digits,
    /// apostrophes, letters outside ASCII).
    const PHRASE_WORDS: &[&str] = &[
        "will",
        "Will",
        "WILL",
        "shall",
        "goodwill",
        "they'll",
        "They’ll",
        "said",
        "Said",
        "told",
        "was",
        "had",
        "be",
        "is",
        "are",
        "to",
        "going",
        "Going",
        "set",
        "plans",
        "expected",
        "reopened",
        "announced",
        "limited",
        "needed",
        "Smith",
        "2019",
        "the",
        "on",
        "Friday",
        "meet",
        "questions",
        "café",
        "Ürün",
        "naïve",
        "’s",
        "x",
        "",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// For every mention in a phrase (any start and end on character
        /// boundaries, also inside words), the cue read outwards from the
        /// mention is the one `cue_near` reads from the text either side.
        #[test]
        fn cues_read_outwards_match_the_text(
            words in proptest::collection::vec(proptest::sample::select(PHRASE_WORDS), 1..16),
            joins in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", ", ", "-", "", "'", "’", " — ", "é"]), 16),
        ) {
            let mut text = String::new();
            for (word, join) in words.iter().zip(&joins) {
                text.push_str(word);
                text.push_str(join);
            }
            let lowered = text.to_ascii_lowercase();
            let sentence = 0..text.len();
            let mut cues = SentenceCues::default();
            cues.build();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (i, &start) in bounds.iter().enumerate() {
                for &end in bounds[i..].iter().take(14) {
                    let expected = cue_near(&text[..start], &text[end..]);
                    proptest::prop_assert_eq!(
                        cues.cue((&text, &lowered), &sentence, start, end),
                        expected,
                        "{:?} from {} to {}", text, start, end
                    );
                }
            }
        }
    }
}
