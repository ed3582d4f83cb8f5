//! The words a look-up searches for, and the date window it is limited to.
//!
//! A query is the named entities of the claim's sentence (runs of
//! capitalised words that do not merely start the sentence or a quotation)
//! plus the claim's subject, without stop words, at most a few words long.

use std::borrow::Cow;

use jiff::civil::Date;
use jiff::ToSpan;

use super::templates::QuerySettings;
use crate::extract::{ascii_in_range, lower_case};

/// One word of a sentence, cleaned of the punctuation around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token<'a> {
    word: &'a str,
    /// The word starts with a capital letter.
    capital: bool,
    /// The word starts the sentence or a quotation, so its capital says nothing.
    starts: bool,
    /// Punctuation after the word ("Paris," "Berlin;") ends a name.
    closes: bool,
}

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    // About one word in five or six bytes: room enough never to grow.
    let mut out: Vec<Token<'_>> = Vec::with_capacity(sentence.len() / 4 + 1);
    each_token(sentence, |token| out.push(token));
    out
}

/// Gives `emit` the tokens of `text`, in order. An ASCII text (nearly every
/// sentence) is cut by its bytes alone; other text goes through [`RawWords`].
fn each_token<'a>(text: &'a str, emit: impl FnMut(Token<'a>)) {
    if text.is_ascii() {
        each_ascii_token(text, emit);
    } else {
        each_token_by_chars(text, emit);
    }
}

/// ASCII white space: where `split_whitespace` cuts an ASCII text.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// [`each_token`] for an ASCII text, by its bytes.
fn each_ascii_token<'a>(text: &'a str, emit: impl FnMut(Token<'a>)) {
    AsciiTokens::new(text)
        .map(|(token, _)| token)
        .for_each(emit);
}

/// The tokens of an ASCII text (or one that cuts as ASCII, see
/// [`cuts_as_ascii`]), each with where its raw word ends, read by the
/// bytes: one tight scan for the end of each raw word, and the cleaning of
/// [`clean_ascii`] done by looking at the bytes at the word's ends only
/// (most words have nothing to trim). It may start at any raw word.
#[derive(Debug, Clone)]
struct AsciiTokens<'a> {
    text: &'a str,
    at: usize,
    /// No token was read before `at`.
    first: bool,
    /// The raw word before `at` ends with a colon.
    after_colon: bool,
}

impl<'a> AsciiTokens<'a> {
    fn new(text: &'a str) -> AsciiTokens<'a> {
        AsciiTokens {
            text,
            at: 0,
            first: true,
            after_colon: false,
        }
    }

    /// Reading from `start`, where a raw word starts, as a reading from the
    /// text's start reads on there. Every raw word with a letter or digit
    /// makes a token, so none was read before when the text's first letter
    /// or digit (`first_word_char`) is not before.
    fn at(text: &'a str, start: usize, first_word_char: usize) -> AsciiTokens<'a> {
        let before = &text.as_bytes()[..start];
        AsciiTokens {
            text,
            at: start,
            first: first_word_char >= start,
            after_colon: before
                .iter()
                .rfind(|&&b| !is_ascii_space(b))
                .is_some_and(|&b| b == b':'),
        }
    }
}

impl<'a> Iterator for AsciiTokens<'a> {
    type Item = (Token<'a>, usize);

    fn next(&mut self) -> Option<(Token<'a>, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let len = bytes.len();
        let mut i = self.at;
        loop {
            while i < len && is_ascii_space(bytes[i]) {
                i += 1;
            }
            if i == len {
                self.at = i;
                return None;
            }
            let start = i;
            let end = raw_word_end(bytes, start);
            i = end;
            let starts = self.first
                || self.after_colon
                || matches!(bytes[start], b'"' | b'\'' | b'(' | b'[');
            self.after_colon = bytes[end - 1] == b':';
            // The word runs from its first letter or digit to its last letter,
            // digit or full stop.
            let mut from = start;
            while from < end && class(bytes[from]) & WORD == 0 {
                from += 1;
            }
            if from == end {
                continue;
            }
            let mut to = end;
            while class(bytes[to - 1]) & WORD_END == 0 {
                to -= 1;
            }
            // A final full stop goes unless the word has others ("U.S.").
            if bytes[to - 1] == b'.' && !bytes[from..to - 1].contains(&b'.') {
                to -= 1;
            }
            if bytes[from..to].ends_with(b"'s") {
                to -= 2;
            }
            if from == to {
                continue;
            }
            self.first = false;
            self.at = end;
            return Some((
                Token {
                    word: &text[from..to],
                    capital: class(bytes[from]) & UPPER != 0,
                    starts,
                    closes: to < end,
                },
                end,
            ));
        }
    }
}

/// Classes of ASCII bytes for [`AsciiTokens`], one bit each: a table look-up
/// instead of a few comparisons, for the bytes at each word's ends.
const WORD: u8 = 1;
/// A letter, digit or full stop: what a word may end with.
const WORD_END: u8 = 2;
const UPPER: u8 = 4;

const CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        if b.is_ascii_alphanumeric() {
            classes[byte] |= WORD | WORD_END;
        }
        if b == b'.' {
            classes[byte] |= WORD_END;
        }
        if b.is_ascii_uppercase() {
            classes[byte] |= UPPER;
        }
        byte += 1;
    }
    classes
};

fn class(byte: u8) -> u8 {
    CLASSES[usize::from(byte)]
}

/// Where the raw word from `start` (not white space) of a text whose white
/// space is ASCII ends: at the next white space, or the end. Eight bytes
/// are read at a time: white space is below b'!', as only a few other
/// (control) bytes are, which are looked at one by one, as bytes from
/// b'\xA1' on are (in text that is not ASCII).
fn raw_word_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Adding 0x5F to a byte carries into the next only from b'\xA1' on,
        // and leaves such a byte's top bit clear: the first byte with a
        // clear top bit is below b'!' or from b'\xA1' on, and none before it
        // is either (a carry out of the last byte is dropped).
        let below =
            !chunk.wrapping_add(EACH_BYTE * u64::from(0x80 - b'!')) & crate::extract::TOP_BITS;
        if below == 0 {
            i += 8;
            continue;
        }
        i += (below.trailing_zeros() / 8) as usize;
        if is_ascii_space(bytes[i]) {
            return i;
        }
        i += 1;
    }
    while i < bytes.len() && !is_ascii_space(bytes[i]) {
        i += 1;
    }
    i
}

/// Where `word`, a part of `raw`, ends in it.
fn word_end(raw: &str, word: &str) -> usize {
    word.as_ptr() as usize - raw.as_ptr() as usize + word.len()
}

/// [`each_token`] for any text, character by character where it is not ASCII.
fn each_token_by_chars<'a>(text: &'a str, mut emit: impl FnMut(Token<'a>)) {
    let mut first = true;
    let mut after_colon = false;
    for RawWord { raw, cleaned } in RawWords::new(text) {
        let (opens_quote, word) = match cleaned {
            Some(word) => (
                matches!(raw.as_bytes()[0], b'"' | b'\'' | b'(' | b'['),
                word,
            ),
            None => clean(raw),
        };
        let word = ["'s", "’s"]
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .unwrap_or(word);
        let starts = first || opens_quote || after_colon;
        after_colon = raw.ends_with(':');
        if word.is_empty() {
            continue;
        }
        first = false;
        // Anything after the word in the raw token ends a name.
        emit(Token {
            word,
            capital: is_capitalised(word),
            starts,
            closes: word_end(raw, word) < raw.len(),
        });
    }
}

/// Whether a raw token opens a quotation or a bracket, and the token without
/// the punctuation before it and the punctuation other than full stops after
/// it, nor a final full stop unless it has others ("U.S." keeps its full
/// stops; "Paris." at a sentence end does not).
fn clean(raw: &str) -> (bool, &str) {
    let opens_quote = raw.starts_with(['"', '“', '‘', '\'', '(', '[']);
    let leading = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word = leading.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let word = match word.strip_suffix('.') {
        Some(inner) if !inner.contains('.') => inner,
        _ => word,
    };
    (opens_quote, word)
}

/// [`clean`] for an ASCII word, looking only at the bytes it drops: the
/// punctuation at its ends.
fn clean_ascii(raw: &str) -> &str {
    let bytes = raw.as_bytes();
    let Some(first) = bytes.iter().position(u8::is_ascii_alphanumeric) else {
        return "";
    };
    let end = bytes
        .iter()
        .rposition(|&b| b.is_ascii_alphanumeric() || b == b'.')
        .map_or(first, |last| last + 1);
    let word = &raw[first..end];
    match word.strip_suffix('.') {
        Some(inner) if !inner.contains('.') => inner,
        _ => word,
    }
}

/// One word of a text between white space, and for an ASCII word, what
/// [`clean`] makes of it, found while reading it.
struct RawWord<'a> {
    raw: &'a str,
    cleaned: Option<&'a str>,
}

/// The words of a text as `split_whitespace` gives them (split at Unicode
/// white space). One pass over the bytes, mostly a tight loop over printable
/// ASCII: a character is decoded only at a non-ASCII byte, so an ASCII word
/// (most are) is known as such and cleaned by its bytes.
struct RawWords<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> RawWords<'a> {
    fn new(text: &'a str) -> RawWords<'a> {
        RawWords { text, position: 0 }
    }

    /// Whether the character at `at` (a non-ASCII byte) is white space, and
    /// its length.
    fn wide_at(&self, at: usize) -> (bool, usize) {
        self.text[at..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
    }
}

impl<'a> Iterator for RawWords<'a> {
    type Item = RawWord<'a>;

    fn next(&mut self) -> Option<RawWord<'a>> {
        let bytes = self.text.as_bytes();
        let mut i = self.position;
        while i < bytes.len() {
            match bytes[i] {
                b'\t'..=b'\r' | b' ' => i += 1,
                byte if byte.is_ascii() => break,
                _ => match self.wide_at(i) {
                    (true, width) => i += width,
                    (false, _) => break,
                },
            }
        }
        if i == bytes.len() {
            self.position = i;
            return None;
        }
        let start = i;
        let mut ascii = true;
        loop {
            // The tight part: printable ASCII other than the space.
            i += bytes[i..]
                .iter()
                .position(|&b| !matches!(b, b'!'..=b'~'))
                .unwrap_or(bytes.len() - i);
            match bytes.get(i) {
                None | Some(b'\t'..=b'\r' | b' ') => break,
                Some(byte) if byte.is_ascii() => i += 1,
                Some(_) => match self.wide_at(i) {
                    (true, _) => break,
                    (false, width) => {
                        ascii = false;
                        i += width;
                    }
                },
            }
        }
        self.position = i;
        let raw = &self.text[start..i];
        let cleaned = ascii.then(|| clean_ascii(raw));
        Some(RawWord { raw, cleaned })
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is a stop word: whether the set holds it in lower case.
#[inline]
fn is_stop(word: &str, settings: &QuerySettings) -> bool {
    // Most words of a sentence are short: looked up in a table of their
    // own, in line; others out of line.
    match short_key(word.as_bytes()) {
        Some(key) => settings.stop_keys().holds_short(key),
        None => is_long_stop(word, settings),
    }
}

/// [`is_stop`] for a word [`short_key`] does not take.
#[inline(never)]
fn is_long_stop(word: &str, settings: &QuerySettings) -> bool {
    let stop = settings.stop_keys();
    let bytes = word.as_bytes();
    if bytes.len() <= 15 && bytes.is_ascii() {
        return stop.may_hold(bytes) && stop.keys.contains(&packed_ascii(bytes));
    }
    settings.stop_words.contains(lower_case(word).as_ref())
}

/// A word of one to eight ASCII bytes, the last not zero, in lower case as
/// a number (its first byte the low one): the key of a stop word in the
/// table of short ones ([`super::templates::StopKeys::holds_short`]). None
/// for any other word. Padding bytes are zero and the last byte is not, so
/// no two words share a key.
pub(super) fn short_key(bytes: &[u8]) -> Option<u64> {
    let length = bytes.len();
    if !(1..=8).contains(&length) || bytes[length - 1] == 0 {
        return None;
    }
    // Read in two pieces that may overlap (where they agree), placed where
    // they lie in the word: no loop over the bytes.
    let key = match length {
        4..=8 => {
            let four = |at: usize| {
                u64::from(u32::from_le_bytes(
                    bytes[at..at + 4].try_into().expect("four bytes"),
                ))
            };
            four(0) | four(length - 4) << (8 * (length - 4))
        }
        _ => {
            let byte = |at: usize| u64::from(bytes[at]) << (8 * at);
            byte(0) | byte(length / 2) | byte(length - 1)
        }
    };
    if key & crate::extract::TOP_BITS != 0 {
        return None;
    }
    // A capital gains bit 0x20, its lower case.
    let capitals = ascii_in_range(key, b'A', b'Z');
    Some(key | capitals >> 2)
}

/// Whether the word of `length` bytes whose [`short_key`] is `key` holds
/// only letters: whether each of its bytes, in lower case, lies in a..=z.
fn only_letters(key: u64, length: usize) -> bool {
    let letters = ascii_in_range(key, b'a', b'z');
    let word = crate::extract::TOP_BITS >> (8 * (8 - length));
    letters & word == word
}

/// A short ASCII word in lower case packed into a number, its length in
/// the top byte: the key of a stop word in [`QuerySettings::stop_keys`].
/// Words are looked up this way (no copy, no string hash) because most words
/// of every sentence with a claim are.
pub(super) fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 || !bytes.is_ascii() {
        return None;
    }
    Some(packed_ascii(bytes))
}

/// [`packed`] for an ASCII word of at most 15 bytes: its bytes as a
/// big-endian number, folded in as two halves (64-bit shifts cost less
/// than 128-bit ones).
fn packed_ascii(bytes: &[u8]) -> u128 {
    let (high, low) = bytes.split_at(bytes.len().saturating_sub(8));
    let fold = |part: &[u8]| {
        part.iter()
            .fold(0u64, |key, b| key << 8 | u64::from(b.to_ascii_lowercase()))
    };
    u128::from(fold(high)) << 64 | u128::from(fold(low)) | (bytes.len() as u128) << 120
}

/// 0x01 in each byte of a u64.
const EACH_BYTE: u64 = u64::MAX / 0xFF;

/// Where the first ASCII capital letter of `bytes` at or after `from` is.
/// Eight bytes are read at a time: a sentence has few capitals.
fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(eight) = bytes.get(at..at + 8) {
        let chunk = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        if chunk & crate::extract::TOP_BITS != 0 {
            // A byte beyond ASCII ("£") would carry into the next: these
            // eight are looked at one by one.
            match eight.iter().position(u8::is_ascii_uppercase) {
                Some(offset) => return Some(at + offset),
                None => {
                    at += 8;
                    continue;
                }
            }
        }
        let capitals = ascii_in_range(chunk, b'A', b'Z');
        if capitals != 0 {
            return Some(at + (capitals.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(u8::is_ascii_uppercase)
        .map(|offset| at + offset)
}

/// Whether a sentence is cut into words as an ASCII one is, by its bytes:
/// whether each character beyond ASCII is neither a letter or digit, nor
/// white space, nor one of the quotation marks that cutting by characters
/// knows ("“", "‘", "’"). Such a character ("£", "–", "€") is then trimmed
/// from a word's ends, or kept inside it, as ASCII punctuation is, and its
/// bytes (each beyond ASCII) are punctuation to the byte-wise reading.
fn cuts_as_ascii(sentence: &str) -> bool {
    sentence.is_ascii()
        || sentence.chars().all(|c| {
            c.is_ascii()
                || !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '“' | '‘' | '’'))
        })
}

/// Whether a sentence that cuts as ASCII (see [`cuts_as_ascii`]) is read
/// from its capitals (always, outside tests).
fn cut_from_capitals() -> bool {
    !crate::slow_path::taken(crate::slow_path::SlowPath::WholeSentences)
}

/// The named entities of a sentence's tokens, in order, each once: their
/// words one after another, and where each entity's words end. Its buffers
/// are kept from one sentence to the next.
#[derive(Default)]
struct Entities<'a> {
    words: Vec<&'a str>,
    ends: Vec<usize>,
    /// The tokens of the run being read, and where each one's raw word ends
    /// (see [`Entities::read_ascii`]).
    run: Vec<Token<'a>>,
    run_ends: Vec<usize>,
}

impl<'a> Entities<'a> {
    /// The entities of all the tokens of a sentence.
    #[cfg(test)]
    fn new(tokens: &[Token<'a>], settings: &QuerySettings) -> Entities<'a> {
        let mut found = Entities::default();
        found.read(tokens, settings);
        found
    }

    /// [`Entities::read_ascii`] as a new value.
    #[cfg(test)]
    fn of_ascii(text: &'a str, settings: &QuerySettings) -> Entities<'a> {
        let mut found = Entities::default();
        found.read_ascii(text, settings);
        found
    }

    /// Reads the entities of all the tokens of a sentence, in place of
    /// those read before.
    fn read(&mut self, tokens: &[Token<'a>], settings: &QuerySettings) {
        self.words.clear();
        self.ends.clear();
        let mut i = 0;
        while i < tokens.len() {
            if !tokens[i].capital {
                i += 1;
                continue;
            }
            let end = run_end(|at| tokens.get(i + at).copied(), settings);
            self.add_run(&tokens[i..i + end], settings);
            i += end;
        }
    }

    /// [`Entities::read`] for a sentence that cuts as ASCII (see
    /// [`cuts_as_ascii`]), read only from each capital letter that starts
    /// a word (what starts a run) to the end of its run; the words between
    /// are never cut.
    fn read_ascii(&mut self, text: &'a str, settings: &QuerySettings) {
        self.words.clear();
        self.ends.clear();
        let bytes = text.as_bytes();
        // The run's buffers are taken out while it is read, for `add_run`.
        let mut run = std::mem::take(&mut self.run);
        let mut ends = std::mem::take(&mut self.run_ends);
        let first_word_char = bytes
            .iter()
            .position(u8::is_ascii_alphanumeric)
            .unwrap_or(bytes.len());
        let initials = settings.joiner_initials();
        // Always 0 or where a raw word ends, so a raw word past it starts past it.
        let mut from = 0;
        while let Some(capital) = next_capital(bytes, from) {
            let start = bytes[from..capital]
                .iter()
                .rposition(|&b| is_ascii_space(b))
                .map_or(from, |space| from + space + 1);
            if bytes[start..capital].iter().any(u8::is_ascii_alphanumeric) {
                // Not its word's first letter or digit: the word is no capital.
                from = bytes[capital..]
                    .iter()
                    .position(|&b| is_ascii_space(b))
                    .map_or(bytes.len(), |space| capital + space);
                continue;
            }
            if lone_start(bytes, start, capital, first_word_char, initials) {
                from = raw_word_end(bytes, capital);
                continue;
            }
            let mut reader = AsciiTokens::at(text, start, first_word_char);
            run.clear();
            ends.clear();
            let end = run_end(
                |at| {
                    while run.len() <= at {
                        // A token that neither goes on with a run nor joins
                        // one ends it as the sentence's end does.
                        if ends_runs(bytes, reader.at, initials) {
                            return None;
                        }
                        let (token, end) = reader.next()?;
                        run.push(token);
                        ends.push(end);
                    }
                    Some(run[at])
                },
                settings,
            );
            self.add_run(&run[..end], settings);
            from = ends[end - 1];
        }
        self.run = run;
        self.run_ends = ends;
    }

    /// Adds the entity of a run of tokens (see [`run_end`]), if it names one.
    fn add_run(&mut self, run: &[Token<'a>], settings: &QuerySettings) {
        // A lone capital at the start of the sentence or a quotation is grammar.
        if let [only] = run {
            if only.starts {
                return;
            }
        }
        let mut run = run;
        while let [first, rest @ ..] = run {
            match is_stop(first.word, settings) {
                true => run = rest,
                false => break,
            }
        }
        // The first word left is no stop word: the last is tested only
        // while it is another.
        while let [rest @ .., last] = run {
            match !rest.is_empty() && is_stop(last.word, settings) {
                true => run = rest,
                false => break,
            }
        }
        if !run.is_empty() && !self.holds(run) {
            self.words.extend(run.iter().map(|t| t.word));
            self.ends.push(self.words.len());
        }
    }

    /// Whether an entity already found has the words of `run`. Words hold
    /// no spaces, so this compares the names as written out.
    fn holds(&self, run: &[Token<'_>]) -> bool {
        let mut start = 0;
        self.ends.iter().any(|&end| {
            let words = &self.words[start..end];
            start = end;
            words.len() == run.len()
                && words
                    .iter()
                    .zip(run)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b.word))
        })
    }
}

/// Whether the capital at `capital`, its raw word's first letter or digit
/// (the raw word starts at `start`), makes a run of that word alone that
/// starts the sentence or a quotation, which names nothing (see
/// [`Entities::add_run`]). Most sentences start so ("The council said"):
/// this is known from a few bytes, without cutting the words. The word
/// starts as [`AsciiTokens::at`] finds, and what follows it ends the run
/// (see [`ends_runs`]).
fn lone_start(
    bytes: &[u8],
    start: usize,
    capital: usize,
    first_word_char: usize,
    initials: u128,
) -> bool {
    let starts = first_word_char >= start
        || matches!(bytes[start], b'"' | b'\'' | b'(' | b'[')
        || bytes[..start]
            .iter()
            .rfind(|&&b| !is_ascii_space(b))
            .is_some_and(|&b| b == b':');
    starts && ends_runs(bytes, raw_word_end(bytes, capital), initials)
}

/// Whether the token after `at` (where a raw word of an ASCII text ends)
/// ends any run of capitalised words before it, as the text's end does: the
/// next raw word starts with a lower-case letter or a digit that no joiner
/// starts with (`initials`), so it makes a token that is no capital and no
/// joiner. Known from its first byte, without cutting it.
fn ends_runs(bytes: &[u8], at: usize, initials: u128) -> bool {
    match bytes[at..].iter().find(|&&b| !is_ascii_space(b)) {
        None => true,
        Some(&next) => {
            (next.is_ascii_lowercase() || next.is_ascii_digit()) && initials >> next & 1 == 0
        }
    }
}

/// How many tokens the run of capitalised words starting at `token(0)`
/// (a capital) holds: capitalised words, joined by "of", "de", ...
/// between two of them.
fn run_end<'a>(
    mut token: impl FnMut(usize) -> Option<Token<'a>>,
    settings: &QuerySettings,
) -> usize {
    let mut end = 1;
    let mut closes = token(0).is_some_and(|t| t.closes);
    while !closes {
        let Some(next) = token(end) else {
            break;
        };
        if next.capital && !next.starts {
            closes = next.closes;
            end += 1;
        } else if settings.joiners.iter().any(|j| j == next.word) && !next.closes {
            match token(end + 1) {
                Some(after) if after.capital && !after.starts => {
                    closes = after.closes;
                    end += 2;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// The words of one sentence a query is made of, found once for all the
/// claims in it. Its buffers are kept from one sentence to the next.
pub(super) struct SentenceWords<'a> {
    /// Its named entities, whose words a query starts with.
    entities: Entities<'a>,
    /// Its words: a query takes its content words only while it is short.
    tokens: SentenceTokens<'a>,
    /// Its content words, read from `tokens` only as far as a query has
    /// needed them (most queries need none or a few), for all its claims.
    content: Vec<&'a str>,
}

/// The tokens of a sentence not yet read for content words: an ASCII
/// sentence is cut only as far as they are read.
enum SentenceTokens<'a> {
    Ascii(AsciiTokens<'a>),
    Cut(std::vec::IntoIter<Token<'a>>),
}

impl<'a> SentenceTokens<'a> {
    fn next_word(&mut self) -> Option<&'a str> {
        match self {
            SentenceTokens::Ascii(tokens) => tokens.next().map(|(token, _)| token.word),
            SentenceTokens::Cut(tokens) => tokens.next().map(|token| token.word),
        }
    }
}

/// Room for the words of a sentence's names and of its run being read, so
/// that the buffers seldom grow.
const SENTENCE_WORDS: usize = 16;

impl Default for SentenceWords<'_> {
    fn default() -> Self {
        SentenceWords {
            entities: Entities {
                words: Vec::with_capacity(SENTENCE_WORDS),
                ends: Vec::with_capacity(SENTENCE_WORDS),
                run: Vec::with_capacity(SENTENCE_WORDS),
                run_ends: Vec::with_capacity(SENTENCE_WORDS),
            },
            tokens: SentenceTokens::Cut(Vec::new().into_iter()),
            content: Vec::with_capacity(SENTENCE_WORDS),
        }
    }
}

impl<'a> SentenceWords<'a> {
    /// The words of `sentence`.
    #[cfg(test)]
    pub fn new(sentence: &'a str, settings: &QuerySettings) -> SentenceWords<'a> {
        let mut words = SentenceWords::default();
        words.read(sentence, settings);
        words
    }

    /// Reads the words of `sentence`, in place of those of the sentence
    /// read before.
    pub fn read(&mut self, sentence: &'a str, settings: &QuerySettings) {
        self.content.clear();
        self.tokens = match cuts_as_ascii(sentence) && cut_from_capitals() {
            true => {
                self.entities.read_ascii(sentence, settings);
                SentenceTokens::Ascii(AsciiTokens::new(sentence))
            }
            false => {
                let tokens = tokens(sentence);
                self.entities.read(&tokens, settings);
                SentenceTokens::Cut(tokens.into_iter())
            }
        };
    }

    /// The sentence's content word at `index`, if it has that many.
    fn content_word(&mut self, index: usize, settings: &QuerySettings) -> Option<&'a str> {
        while self.content.len() <= index {
            let word = self.tokens.next_word()?;
            if is_content(word, settings) {
                self.content.push(word);
            }
        }
        Some(self.content[index])
    }

    /// The query for a claim: the sentence's entities, then the claim's
    /// subject's content words, then (while there are fewer than
    /// `min_words`) the sentence's other content words, in lower case.
    /// Into `words`, in place of what it held.
    fn query_words<'w>(
        &mut self,
        subject: Option<&'w str>,
        settings: &QuerySettings,
        words: &mut Vec<QueryWord<'w>>,
    ) where
        'a: 'w,
    {
        words.clear();
        words.extend(self.entities.words.iter().map(|w| QueryWord::as_written(w)));
        fn add<'w>(word: QueryWord<'w>, words: &mut Vec<QueryWord<'w>>) {
            // The case of ASCII letters, which a word in lower case lacks only
            // when written, makes no difference here.
            if !words
                .iter()
                .any(|w| w.text.eq_ignore_ascii_case(&word.text))
            {
                words.push(word);
            }
        }
        if let Some(subject) = subject {
            each_token(subject, |token| {
                if is_content(token.word, settings) {
                    add(QueryWord::as_written(token.word), words);
                }
            });
        }
        let mut index = 0;
        while words.len() < settings.min_words {
            let Some(word) = self.content_word(index, settings) else {
                break;
            };
            index += 1;
            add(QueryWord::lower(word), words);
        }
        words.truncate(settings.max_words.max(1));
    }

    /// The query for a claim, words separated by spaces.
    #[cfg(test)]
    pub fn query(&mut self, subject: Option<&str>, settings: &QuerySettings) -> String {
        let mut words = Vec::new();
        self.query_words(subject, settings, &mut words);
        let written: Vec<String> = words.iter().map(QueryWord::written).collect();
        written.join(" ")
    }

    /// The query for a claim as a URL writes it: what [`encode`] makes of
    /// the query, written at the end of `out`.
    /// `words` is a buffer kept from one query to the next.
    pub fn write_query<'w>(
        &mut self,
        subject: Option<&'w str>,
        settings: &QuerySettings,
        words: &mut Vec<QueryWord<'w>>,
        out: &mut String,
    ) where
        'a: 'w,
    {
        self.query_words(subject, settings, words);
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push_str("%20");
            }
            let text = word.text.as_ref();
            if word.lower_ascii {
                // ASCII letters, which encoding leaves as they are: lowered
                // where they are written.
                let at = out.len();
                out.push_str(text);
                out[at..].make_ascii_lowercase();
            } else if text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                // Most words are letters only, which encoding leaves as they are.
                out.push_str(text);
            } else {
                urlencoding::Encoded(text.as_bytes()).append_to(out);
            }
        }
    }
}

/// A word of a query: as written, or a content word of its sentence, which
/// a query holds in lower case.
pub(super) struct QueryWord<'w> {
    /// The word, already in lower case if it is one beyond ASCII.
    text: Cow<'w, str>,
    /// `text` is ASCII letters only, to be written in lower case: a
    /// content word is lowered only where it is written, and copied no
    /// other time.
    lower_ascii: bool,
}

impl<'w> QueryWord<'w> {
    fn as_written(word: &'w str) -> QueryWord<'w> {
        QueryWord {
            text: Cow::Borrowed(word),
            lower_ascii: false,
        }
    }

    /// A content word (see [`is_content`]): ASCII letters only, or letters
    /// beyond ASCII, which are lowered here.
    fn lower(word: &'w str) -> QueryWord<'w> {
        match word.is_ascii() {
            true => QueryWord {
                text: Cow::Borrowed(word),
                lower_ascii: true,
            },
            false => QueryWord {
                text: lower_case(word),
                lower_ascii: false,
            },
        }
    }

    /// The word as the query holds it.
    #[cfg(test)]
    fn written(&self) -> String {
        match self.lower_ascii {
            true => self.text.to_ascii_lowercase(),
            false => self.text.to_string(),
        }
    }
}

/// Whether a word is neither a stop word nor a number (nor holds anything
/// but letters). The letters are tested first: it is the cheaper test.
fn is_content(word: &str, settings: &QuerySettings) -> bool {
    // A short word (most are) is tested on its key, all its bytes at once.
    if let Some(key) = short_key(word.as_bytes()) {
        return only_letters(key, word.len()) && !settings.stop_keys().holds_short(key);
    }
    // An ASCII word is read by its bytes; others by their characters.
    let letters = word.bytes().all(|b| b.is_ascii_alphabetic())
        || (!word.is_ascii() && word.chars().all(char::is_alphabetic));
    letters && !is_stop(word, settings)
}

/// Text for a URL: every byte but unreserved ones percent-encoded (so a
/// space is %20, valid in a path and in a query alike).
pub(super) fn encode(text: &str) -> String {
    urlencoding::encode(text).into_owned()
}

/// The dates a news search is limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub from: Date,
    pub to: Date,
}

impl Window {
    /// `days` either side of one day.
    pub fn around(date: Date, days: i32) -> Option<Window> {
        Some(Window {
            from: date.checked_sub(days.days()).ok()?,
            to: date.checked_add(days.days()).ok()?,
        })
    }

    /// The window a TIMEX3 value names: a day (± `days`), a month or a year;
    /// none for seasons, quarters, decades, durations and references.
    pub fn of_timex(timex: &str, days: i32) -> Option<Window> {
        // Nearly every value of a dated claim is a plain date, month or
        // year, all digits where the numbers go: read by its bytes, where
        // cutting it at its hyphens and parsing the parts cost most.
        // The window, when the value is one of those, digits and all.
        let read: Option<Option<Window>> = match *timex.as_bytes() {
            [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => {
                match (
                    four_digits([y0, y1, y2, y3]),
                    two_digits([m0, m1]),
                    two_digits([d0, d1]),
                ) {
                    (Some(year), Some(month), Some(day)) => Some(
                        Date::new(year, month, day)
                            .ok()
                            .and_then(|date| Window::around(date, days)),
                    ),
                    _ => None,
                }
            }
            [y0, y1, y2, y3, b'-', m0, m1] => {
                match (four_digits([y0, y1, y2, y3]), two_digits([m0, m1])) {
                    (Some(year), Some(month)) => {
                        Some(Date::new(year, month, 1).ok().and_then(Window::month))
                    }
                    _ => None,
                }
            }
            [y0, y1, y2, y3] => four_digits([y0, y1, y2, y3]).map(Window::year),
            _ => None,
        };
        // Every value with a window starts with a part of four bytes: most
        // others ("P3Y", "PRESENT_REF") are turned away without cutting them.
        let four_then_part = match timex.as_bytes().get(4) {
            None => timex.len() == 4,
            Some(&byte) => byte == b'-',
        };
        read.unwrap_or_else(|| match four_then_part {
            true => Window::of_timex_parts(timex, days),
            false => None,
        })
    }

    /// The month from its first day.
    fn month(first: Date) -> Option<Window> {
        Some(Window {
            from: first,
            to: first.last_of_month(),
        })
    }

    fn year(year: i16) -> Option<Window> {
        Some(Window {
            from: Date::new(year, 1, 1).ok()?,
            to: Date::new(year, 12, 31).ok()?,
        })
    }

    /// [`Window::of_timex`] for any value, by its parts between hyphens.
    fn of_timex_parts(timex: &str, days: i32) -> Option<Window> {
        // The parts between hyphens, read without collecting them (once per
        // dated claim): a fourth part means no window.
        let mut parts = timex.split('-');
        let parts = (parts.next(), parts.next(), parts.next(), parts.next());
        let number = |s: &str| s.parse::<i16>().ok();
        match parts {
            (Some(y), Some(m), Some(d), None) if y.len() == 4 => {
                let date = Date::new(number(y)?, number(m)? as i8, number(d)? as i8).ok()?;
                Window::around(date, days)
            }
            (Some(y), Some(m), None, _) if y.len() == 4 && m.len() == 2 => {
                Window::month(Date::new(number(y)?, number(m)? as i8, 1).ok()?)
            }
            (Some(y), None, ..) if y.len() == 4 => Window::year(number(y)?),
            _ => None,
        }
    }
}

/// Four ASCII digits as a number; none if a byte is no digit.
fn four_digits(bytes: [u8; 4]) -> Option<i16> {
    let [a, b, c, d] = bytes;
    let hundreds = i16::from(two_digits([a, b])?);
    Some(hundreds * 100 + i16::from(two_digits([c, d])?))
}

/// Two ASCII digits as a number; none if a byte is no digit.
fn two_digits(bytes: [u8; 2]) -> Option<i8> {
    let [tens, ones] = bytes;
    (tens.is_ascii_digit() && ones.is_ascii_digit())
        .then(|| ((tens - b'0') * 10 + (ones - b'0')) as i8)
}

#[cfg(test)]
mod tests {
    use super::super::templates::reference_data;
    use super::*;

    fn settings() -> &'static QuerySettings {
        &reference_data().query
    }

    /// The named entities of a sentence, written out.
    fn entities(sentence: &str, settings: &QuerySettings) -> Vec<String> {
        let found = Entities::new(&tokens(sentence), settings);
        let mut start = 0;
        found
            .ends
            .iter()
            .map(|&end| {
                let words = found.words[start..end].join(" ");
                start = end;
                words
            })
            .collect()
    }

    #[test]
    fn entities_are_capitalised_runs_not_at_the_start() {
        let sentence =
            "The Bank of England said on Tuesday that inflation in the United Kingdom fell.";
        assert_eq!(
            entities(sentence, settings()),
            ["Bank of England", "United Kingdom"]
        );
    }

    #[test]
    fn a_lone_capital_at_a_start_is_not_an_entity() {
        assert!(entities("Officials said 70 projects were approved.", settings()).is_empty());
        assert_eq!(
            entities("He said: \"Twelve schools in Leeds closed.\"", settings()),
            ["Leeds"]
        );
        // A run at the very start still names something.
        assert_eq!(
            entities("Acme Corp hired 40 people.", settings()),
            ["Acme Corp"]
        );
    }

    #[test]
    fn punctuation_and_possessives_end_names() {
        assert_eq!(
            entities(
                "In 2016, Paris, Lyon and Germany's Berlin grew.",
                settings()
            ),
            ["Paris", "Lyon", "Germany", "Berlin"]
        );
        assert_eq!(
            entities("Jobs in the U.S. rose by 2%.", settings()),
            ["U.S."]
        );
    }

    #[test]
    fn months_and_weekdays_are_not_entities() {
        assert!(entities("It opened on Monday, 5 November 2017.", settings()).is_empty());
    }

    fn build(sentence: &str, subject: Option<&str>, settings: &QuerySettings) -> String {
        SentenceWords::new(sentence, settings).query(subject, settings)
    }

    #[test]
    fn query_joins_entities_and_subject_without_stop_words() {
        let sentence = "Unemployment in France rose to 9.7% of the workforce, INSEE said.";
        assert_eq!(
            build(sentence, Some("of the workforce"), settings()),
            "France INSEE workforce"
        );
        // Little named: the sentence's content words make up the query.
        assert_eq!(
            build("They built 70 new bridges in 2016.", None, settings()),
            "built bridges"
        );
        assert_eq!(
            build(
                "The council said 70 projects were approved, 17 of which are finished.",
                None,
                settings()
            ),
            "council projects approved"
        );
    }

    /// The filter on the stop words' ends turns none of them away, in
    /// any case, and turns away words that are none.
    #[test]
    fn stop_words_pass_the_filter_on_their_ends() {
        let settings = settings();
        for word in &settings.stop_words {
            let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            for form in [word.clone(), capitalised, word.to_uppercase()] {
                assert!(is_stop(&form, settings), "{form}");
            }
        }
        for word in ["Bank", "England", "rose", "thee", "x", "9.7", "Zürich"] {
            assert!(!is_stop(word, settings), "{word}");
        }
    }

    /// Stop words, their forms in other cases, words that differ from one
    /// by a byte, and other short pieces, for [`is_stop`] to tell apart.
    fn word_pieces() -> Vec<String> {
        let mut pieces: Vec<String> = settings().stop_words.iter().cloned().collect();
        pieces.extend(settings().stop_words.iter().map(|w| w.to_uppercase()));
        pieces.extend(
            [
                "a\0",
                "\0",
                "th\0e",
                "Th",
                "x",
                "U.S.",
                "9",
                "Zürich",
                "é",
                "AccordinG",
            ]
            .map(String::from),
        );
        pieces
    }

    proptest::proptest! {
        /// The table of short words, and the packed keys, answer what the
        /// set of stop words does for the word in lower case.
        #[test]
        fn stop_words_are_found_as_in_the_set(
            parts in proptest::collection::vec(proptest::sample::select(word_pieces()), 1..3),
            cut in 0usize..20,
        ) {
            let joined = parts.concat();
            let cut = joined.char_indices().map(|(at, _)| at).filter(|&at| at > 0).nth(cut).unwrap_or(joined.len());
            for word in [&joined[..cut], parts[0].as_str()] {
                let general = settings().stop_words.contains(word.to_lowercase().as_str());
                proptest::prop_assert_eq!(is_stop(word, settings()), general, "{:?}", word);
            }
        }
    }

    proptest::proptest! {
        /// A short word's key tells its letters as reading it byte by byte does.
        #[test]
        fn short_words_are_content_as_read_byte_by_byte(word in "[a-zA-Z@\\[`{0-9.'\\x00-\\x7f]{1,10}") {
            let settings = settings();
            let general = word.bytes().all(|b| b.is_ascii_alphabetic())
                && !settings.stop_words.contains(word.to_ascii_lowercase().as_str());
            proptest::prop_assert_eq!(is_content(&word, settings), general, "{:?}", word);
        }
    }

    #[test]
    fn short_keys_are_the_lower_case_bytes() {
        let key = |word: &str| short_key(word.as_bytes());
        assert_eq!(key("The"), Some(u64::from_le_bytes(*b"the\0\0\0\0\0")));
        assert_eq!(key("ACCORDIN"), Some(u64::from_le_bytes(*b"accordin")));
        assert_eq!(key("@[`{"), Some(u64::from_le_bytes(*b"@[`{\0\0\0\0")));
        for none in ["", "according", "a\0", "é"] {
            assert_eq!(key(none), None, "{none:?}");
        }
    }

    #[test]
    fn packed_words_are_their_bytes_in_lower_case() {
        let by_bytes = |word: &str| {
            word.bytes().fold(0u128, |key, b| {
                key << 8 | u128::from(b.to_ascii_lowercase())
            }) | (word.len() as u128) << 120
        };
        for word in ["", "a", "The", "according", "ABCDEFGHIJKLMNO"] {
            assert_eq!(packed(word), Some(by_bytes(word)), "{word}");
        }
        assert_eq!(packed("ABCDEFGHIJKLMNOP"), None);
        assert_eq!(packed("Zürich"), None);
    }

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(encode("Bank of England"), "Bank%20of%20England");
        assert_eq!(encode("Zürich & Genève"), "Z%C3%BCrich%20%26%20Gen%C3%A8ve");
        assert_eq!(encode("a/b?c=d#e"), "a%2Fb%3Fc%3Dd%23e");
    }

    fn tokens_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        each_token_by_chars(text, |token| out.push(token));
        out
    }

    #[test]
    fn ascii_tokens_are_the_tokens_by_characters() {
        let text = "\"The U.S.'s (Bank) of: England's [2.5%] rise.\x0b\x1c x  Paris. 'a' .:. ";
        assert!(text.is_ascii());
        assert_eq!(tokens(text), tokens_by_chars(text));
        let words: Vec<&str> = tokens(text).iter().map(|t| t.word).collect();
        assert_eq!(
            words,
            ["The", "U.S.", "Bank", "of", "England", "2.5", "rise", "x", "Paris", "a"]
        );
    }

    proptest::proptest! {
        /// The byte-wise tokens of an ASCII text are those the character-wise
        /// reading makes, which was the only one before.
        #[test]
        fn ascii_tokens_match_the_character_wise_reading(
            text in "[ \t\n\x0b\x0c\r\x1c\x01aZq0-9\\.,:;'\"()\\[\\]s!?%]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokens(&text), tokens_by_chars(&text));
        }
    }

    proptest::proptest! {
        /// The capitals read eight bytes at a time are those a reading byte
        /// by byte finds.
        #[test]
        fn capitals_are_found_as_byte_by_byte(text in "[a-zA-Z0-9 @\\[`{.,'\\-]{0,40}", from in 0usize..41) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let by_byte = bytes[from..].iter().position(u8::is_ascii_uppercase).map(|offset| from + offset);
            proptest::prop_assert_eq!(next_capital(bytes, from), by_byte);
        }
    }

    /// Words and marks that make and break names: capitals, joiners, stop
    /// words, quotes, colons, full stops, possessives, and capitals that
    /// do not start their word.
    const NAME_PIECES: &[&str] = &[
        " ", " ", "  ", "\t", "\x1c", "Bank", "England", "The", "Mr", "January", "of", "de", "the",
        "day", "do", "7", "\"We", "(In", "In:", "rise", "said", "U.S.", "UK", "iPhone", "McDonald",
        "2017", "9.7%", "x", ",", ".", ":", ";", "'s", "\"", "'", "(", ")", "[", "-", "A", "a",
    ];

    proptest::proptest! {
        /// Reading an ASCII sentence from its capitals finds the entities,
        /// and makes the queries, that cutting it all into tokens does.
        #[test]
        fn reading_from_capitals_agrees_with_cutting_all(
            pieces in proptest::collection::vec(proptest::sample::select(NAME_PIECES), 0..24),
            subject in proptest::option::of(proptest::sample::select(&["of the workforce", "Bank", "rise of 2"][..])),
        ) {
            let text = pieces.concat();
            let cut = Entities::new(&tokens(&text), settings());
            let read = Entities::of_ascii(&text, settings());
            proptest::prop_assert_eq!(&read.words, &cut.words, "{:?}", text);
            proptest::prop_assert_eq!(&read.ends, &cut.ends, "{:?}", text);
            let query = SentenceWords::new(&text, settings()).query(subject, settings());
            let whole = crate::slow_path::run(crate::slow_path::SlowPath::WholeSentences, true, || SentenceWords::new(&text, settings()).query(subject, settings()));
            proptest::prop_assert_eq!(query, whole, "{:?}", text);
        }
    }

    /// [`NAME_PIECES`] and characters beyond ASCII: punctuation that cuts
    /// as ASCII does, and letters, white space and quotation marks that
    /// do not.
    const WIDE_PIECES: &[&str] = &[
        "£", "£2bn", "€", "–", "—", "…", "°", "”", "é", "É", "Zürich", "’s", "’", "“", "‘",
        "\u{a0}", "\u{2009}", "\u{85}", "²", "Ⅻ", "£A", "–Zoe", "\u{c0}",
    ];

    #[test]
    fn sentences_cut_as_ascii_when_other_characters_are_punctuation() {
        assert!(cuts_as_ascii("Taxes rose by £2bn, to 5–6%."));
        assert!(!cuts_as_ascii("Taxes in Zürich rose."));
        assert!(!cuts_as_ascii("Britain’s taxes rose."));
        assert!(!cuts_as_ascii("“Taxes rose,” he said."));
        assert!(!cuts_as_ascii("Taxes rose by\u{a0}£2bn."));
        assert!(!cuts_as_ascii("Taxes rose ²."));
        // The last of eight bytes read at once, beyond ASCII, carries out
        // of them (a case the proptest below once found).
        assert_eq!(raw_word_end("theJanuaryrise£".as_bytes(), 0), 16);
    }

    proptest::proptest! {
        /// A sentence that cuts as ASCII is cut into the tokens, and read
        /// for the entities, that cutting it by its characters gives; every
        /// sentence makes the queries that cutting it all into tokens does.
        #[test]
        fn reading_by_bytes_agrees_with_cutting_by_characters(
            pieces in proptest::collection::vec(
                proptest::sample::select([NAME_PIECES, WIDE_PIECES].concat()),
                0..24,
            ),
            subject in proptest::option::of(proptest::sample::select(&["of the workforce", "Bank", "rise of £2"][..])),
        ) {
            let text = pieces.concat();
            if cuts_as_ascii(&text) {
                let by_bytes: Vec<Token<'_>> = AsciiTokens::new(&text).map(|(token, _)| token).collect();
                let mut by_chars = Vec::new();
                each_token_by_chars(&text, |token| by_chars.push(token));
                proptest::prop_assert_eq!(&by_bytes, &by_chars, "{:?}", text);
                let cut = Entities::new(&by_chars, settings());
                let read = Entities::of_ascii(&text, settings());
                proptest::prop_assert_eq!(&read.words, &cut.words, "{:?}", text);
                proptest::prop_assert_eq!(&read.ends, &cut.ends, "{:?}", text);
            }
            let capitals = (0..text.len()).filter_map(|from| next_capital(text.as_bytes(), from));
            let by_byte = (0..text.len()).filter_map(|from| text.as_bytes()[from..].iter().position(u8::is_ascii_uppercase).map(|at| from + at));
            proptest::prop_assert!(capitals.eq(by_byte), "{:?}", text);
            let query = SentenceWords::new(&text, settings()).query(subject, settings());
            let whole = crate::slow_path::run(crate::slow_path::SlowPath::WholeSentences, true, || SentenceWords::new(&text, settings()).query(subject, settings()));
            proptest::prop_assert_eq!(query, whole, "{:?}", text);
        }
    }

    #[test]
    fn windows_follow_the_precision_of_the_date() {
        let day = Window::of_timex("2017-11-05", 7).unwrap();
        assert_eq!(
            (day.from.to_string(), day.to.to_string()),
            ("2017-10-29".into(), "2017-11-12".into())
        );
        let month = Window::of_timex("2016-02", 7).unwrap();
        assert_eq!(month.to.to_string(), "2016-02-29");
        let year = Window::of_timex("1999", 7).unwrap();
        assert_eq!(
            (year.from.to_string(), year.to.to_string()),
            ("1999-01-01".into(), "1999-12-31".into())
        );
        assert_eq!(Window::of_timex("2017-SU", 7), None);
        assert_eq!(Window::of_timex("P4Y", 7), None);
        assert_eq!(Window::of_timex("PAST_REF", 7), None);
        assert_eq!(Window::of_timex("2017-11-05-01", 7), None);
        assert_eq!(Window::of_timex("2017-111", 7), None);
        assert_eq!(Window::of_timex("17-11-05", 7), None);
    }

    proptest::proptest! {
        /// Values read by their bytes give the windows that reading them
        /// by their parts gives.
        #[test]
        fn timex_values_read_as_by_their_parts(
            timex in "([0-9]{4}(-[0-9+]{1,3}(-[0-9+X]{1,3})?)?|[0-9+X]{0,4}-[0-9]{2}-[0-9]{2}|[0-9PYQSU+-]{0,10})"
        ) {
            proptest::prop_assert_eq!(Window::of_timex(&timex, 7), Window::of_timex_parts(&timex, 7), "{:?}", timex);
        }
    }
}
