//! Text that holds digits but no claim: URLs and e-mail addresses, times of
//! day, phone numbers, scores, list numbering, footnote markers, and numbers
//! inside names and identifiers ("Route 66", "G20", "F-16", "COVID-19",
//! "Boeing 737", "24/7").
//!
//! One pass over the whitespace-separated tokens of the text; every test
//! looks at most a few tokens either side, so the pass is linear in the text
//! length. The word lists (name words, score words, time zones, name
//! numbers) are data in rules/numbers.toml.

use std::borrow::Cow;
use std::ops::Range;

use super::numeric::numbers;
use super::word_table::{folded_key, PackedFilter};
use super::{lower_case, Classes16};
use crate::slow_path::{taken, SlowPath};

/// How many tokens either side a score word may be from a score.
const SCORE_WINDOW_BEFORE: usize = 6;
const SCORE_WINDOW_AFTER: usize = 3;

/// Sorted, non-overlapping byte ranges where no claim may start or end. No
/// range crosses a sentence end.
///
/// Only a token holding a digit, "@", ":", a byte outside ASCII or a "www."
/// can match a test, and most tokens are plain words: the pass jumps from one
/// such byte to the next and cuts out only the tokens around them, reading a
/// neighbour token only when a test asks for it.
pub(crate) fn excluded_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    #[cfg(test)]
    if crate::slow_path::taken(crate::slow_path::SlowPath::EveryToken) {
        let (tokens, starts) = every_token(text);
        for at in 0..tokens.len() {
            let sides = Sides::default();
            let mut around = Around::new(text, tokens[at].clone(), starts[at], &sides);
            around.listed = Some((&tokens, at));
            test_token(&around, &mut out);
        }
        return split_at_sentence_ends(text, merge(out));
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    // The next "www." stop and the next "@" or ":", found apart from the
    // digits and the bytes outside ASCII, which sixteen bytes at a time are
    // searched for: full stops are common, and one that opens a URL is
    // rare; so are the URL signs.
    let mut www = next_www_stop(bytes, 0);
    let mut sign = next_url_sign(bytes, 0);
    // The neighbours' buffers, which every token tested reuses.
    let sides = Sides::default();
    loop {
        if www.is_some_and(|stop| stop < from) {
            www = next_www_stop(bytes, from);
        }
        if sign.is_some_and(|at| at < from) {
            sign = next_url_sign(bytes, from);
        }
        let Some(found) = [next_digit_or_non_ascii(bytes, from), sign, www]
            .into_iter()
            .flatten()
            .min()
        else {
            break;
        };
        if CLASSES[usize::from(bytes[found])] & LEAD != 0 && unicode_space(text, found) {
            from = found + text[found..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let (start, _) = token_start(text, from, found);
        let (end, marks) = token_end(text, start);
        let token = make_token(text, start..end, marks);
        if !token.core.is_empty() && token.may_match(text) {
            let around = Around::new(text, token, line_start(text, start), &sides);
            test_token(&around, &mut out);
        }
        from = end;
    }
    split_at_sentence_ends(text, merge(out))
}

/// Runs every test on the token at the centre of `around`.
fn test_token(around: &Around, out: &mut Vec<Range<usize>>) {
    let (text, token, i) = (around.text, &around.center, CENTER);
    if let Some(range) = url_or_email(text, token) {
        out.push(range);
        return;
    }
    // Every range it finds holds or follows a bracket or a superscript,
    // and most tokens (figures such as "2004", "£5bn") have neither.
    if token.marks & (BRACKET | NON_ASCII) != 0 || taken(SlowPath::EveryTest) {
        out.extend(brackets_and_superscripts(text, token));
    }
    // A digit of the token lies in its core: trimming takes only
    // punctuation off.
    if token.marks & DIGIT == 0 {
        return;
    }
    let rules = [
        time_of_day(text, around, i),
        phone_number(text, around, i),
        score(text, around, i),
        list_number(text, around, i),
        name_number(text, around, i),
    ];
    out.extend(rules.into_iter().flatten());
}

/// Cuts ranges after every character that may end a sentence (". ! ?" and
/// their kin) and at line breaks, so that no range runs from one sentence
/// into the next: the scanner resumes at the end of an excluded range and
/// must stay inside the sentence it is scanning.
fn split_at_sentence_ends(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len());
    for range in ranges {
        let mut start = range.start;
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            if c == '\n' || c == '\r' {
                if start < at {
                    out.push(start..at);
                }
                start = at + c.len_utf8();
            } else if matches!(
                c,
                '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉'
            ) {
                let end = at + c.len_utf8();
                out.push(start..end);
                start = end;
            }
        }
        if start < range.end {
            out.push(start..range.end);
        }
    }
    out
}

/// A whitespace-separated token and its core (without the punctuation
/// around it).
#[derive(Clone)]
struct Token {
    range: Range<usize>,
    core: Range<usize>,
    /// The classes (DIGIT, URL_SIGN, NON_ASCII, BRACKET) of its bytes,
    /// or-ed together.
    marks: u8,
}

/// Byte classes for the tokenizer. A digit: the number rules look at the
/// token.
const DIGIT: u8 = 1;
/// "@" or ":": it may be an e-mail address or a URL ("://").
const URL_SIGN: u8 = 2;
/// A byte of a character outside ASCII: it may be a superscript.
const NON_ASCII: u8 = 4;
/// The first byte of a character outside ASCII, which may be whitespace.
const LEAD: u8 = 8;
/// ASCII whitespace.
const SPACE: u8 = 16;
/// A bracket, "( ) [ ] { }": footnotes and glued digits need one.
const BRACKET: u8 = 32;
/// The classes a test can match a token by, which the pass jumps between.
const MARKS: u8 = DIGIT | URL_SIGN | NON_ASCII;
/// The classes a token's marks keep.
const KEPT: u8 = MARKS | BRACKET;

static CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'0'..=b'9' => DIGIT,
            b'@' | b':' => URL_SIGN,
            b'\t'..=b'\r' | b' ' => SPACE,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' => BRACKET,
            0x80..=0xBF => NON_ASCII,
            0xC0.. => NON_ASCII | LEAD,
            _ => 0,
        };
        byte += 1;
    }
    classes
};

impl Token {
    fn core<'t>(&self, text: &'t str) -> &'t str {
        &text[self.core.clone()]
    }

    /// Whether any test can match the token: only tokens with a digit, a
    /// superscript, an "@", a "://" or an opening "www." can.
    fn may_match(&self, text: &str) -> bool {
        self.marks & MARKS != 0
            || matches!(text.as_bytes().get(self.core.start), Some(b'w' | b'W'))
                && starts_www(self.core(text))
    }
}

fn starts_www(core: &str) -> bool {
    core.get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("www."))
}

/// Whether the character at `i`, which starts with a LEAD byte, is
/// whitespace.
fn unicode_space(text: &str, i: usize) -> bool {
    text[i..].starts_with(char::is_whitespace)
}

/// The first byte at or after `from` that is an ASCII digit or outside
/// ASCII: the marks besides "@" and ":" (see [`next_url_sign`]). Most bytes
/// are letters, spaces and punctuation: sixteen bytes are classed at once
/// (see [`Classes16`]), and the rest of the text byte by byte.
fn next_digit_or_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + 16) {
        let classes = Classes16::of(block.try_into().expect("sixteen bytes"));
        let found = classes.digits | classes.outside_ascii;
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize);
        }
        i += 16;
    }
    (i..bytes.len()).find(|&j| CLASSES[usize::from(bytes[j])] & (DIGIT | NON_ASCII) != 0)
}

/// The first "@" or ":" at or after `from`.
fn next_url_sign(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'@', b':', &bytes[from..]).map(|at| from + at)
}

/// The first full stop at or after `from` that ends a "www" (in any case):
/// the one byte besides the marks that a token a test can match may need.
fn next_www_stop(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr_iter(b'.', &bytes[from..])
        .map(|at| from + at)
        .find(|&i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// The start of the token holding the byte at `at`, which is no
/// whitespace; `floor` is a token end or a character boundary before it, with
/// no token starting between them. With it, the marks (see [`KEPT`]) of the
/// bytes from the start up to `at`, which the scan back passes over: a
/// token read backwards needs them, and need not be read again forwards.
fn token_start(text: &str, floor: usize, at: usize) -> (usize, u8) {
    let bytes = text.as_bytes();
    let mut start = at;
    let mut marks = 0;
    while start > floor {
        let byte = bytes[start - 1];
        if byte.is_ascii() {
            let class = CLASSES[usize::from(byte)];
            if class & SPACE != 0 {
                break;
            }
            marks |= class;
            start -= 1;
            continue;
        }
        let mut lead = start - 1;
        while !text.is_char_boundary(lead) {
            lead -= 1;
        }
        if unicode_space(text, lead) {
            break;
        }
        // Every byte of a character outside ASCII is one.
        marks |= NON_ASCII;
        start = lead;
    }
    (start, marks & KEPT)
}

/// The end of the token starting at `start`, and the marks of its bytes.
/// Reads bytes, decoding only the characters outside ASCII (rare in most
/// articles).
fn token_end(text: &str, start: usize) -> (usize, u8) {
    let mut end = start;
    let mut marks = 0;
    for &byte in &text.as_bytes()[start..] {
        let class = CLASSES[usize::from(byte)];
        if class & (SPACE | LEAD) != 0 && (class & SPACE != 0 || unicode_space(text, end)) {
            break;
        }
        marks |= class;
        end += 1;
    }
    (end, marks & KEPT)
}

/// Whether the token starting at `start` is the first on its line: only
/// whitespace holding a line break, or none at all, comes before it.
fn line_start(text: &str, start: usize) -> bool {
    let previous = space_start(text, start);
    previous == 0 || text[previous..start].contains('\n')
}

/// Where the whitespace that ends at `at` starts. Most gaps between tokens
/// are ASCII spaces, read byte by byte; from a character outside ASCII on,
/// characters are decoded.
fn space_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > 0 && CLASSES[usize::from(bytes[start - 1])] & SPACE != 0 {
        start -= 1;
    }
    if start > 0 && !bytes[start - 1].is_ascii() {
        start = text[..start].trim_end_matches(char::is_whitespace).len();
    }
    start
}

/// Where the whitespace that starts at `at` ends (see [`space_start`]).
fn space_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() && CLASSES[usize::from(bytes[end])] & SPACE != 0 {
        end += 1;
    }
    if end < bytes.len() && !bytes[end].is_ascii() {
        end = text.len() - text[end..].trim_start_matches(char::is_whitespace).len();
    }
    end
}

/// The index the tests see for the token they look at; its neighbours are
/// the indexes either side, so "the token before" is `i - 1` as in a list.
/// Far more than any test looks back, so no index goes below zero.
const CENTER: usize = 64;

/// A token a test may match, and its neighbours, cut out of the text only
/// when a test asks for one.
struct Around<'t, 's> {
    text: &'t str,
    center: Token,
    /// The token at the centre is the first on its line.
    line_start: bool,
    /// The tokens read so far either side of the centre, which tests read
    /// several times and walk along (a score looks six tokens back): each
    /// is cut out of the text once.
    sides: &'s Sides,
    /// In the tests that run the slow way: every token of the text, and the
    /// index of the centre among them.
    #[cfg(test)]
    listed: Option<(&'t [Token], usize)>,
}

/// The tokens before and after a centre, nearest first, as far as they
/// have been read. Kept from one centre to the next for their buffers.
#[derive(Default)]
struct Sides {
    before: std::cell::RefCell<Side>,
    after: std::cell::RefCell<Side>,
}

#[derive(Default)]
struct Side {
    tokens: Vec<Token>,
    /// The text has no token past the last one read.
    ended: bool,
}

impl<'t, 's> Around<'t, 's> {
    /// The tokens around `center`, none read yet; `sides` lends its
    /// buffers, which the last centre may have filled.
    fn new(text: &'t str, center: Token, line_start: bool, sides: &'s Sides) -> Around<'t, 's> {
        for side in [&sides.before, &sides.after] {
            let mut side = side.borrow_mut();
            side.tokens.clear();
            side.ended = false;
        }
        Around {
            text,
            center,
            line_start,
            sides,
            #[cfg(test)]
            listed: None,
        }
    }

    /// The token at index `j` (the centre is at `CENTER`), if the text has
    /// one there.
    fn get(&self, j: usize) -> Option<Token> {
        #[cfg(test)]
        if let Some((tokens, at)) = self.listed {
            return (at + j)
                .checked_sub(CENTER)
                .and_then(|k| tokens.get(k))
                .cloned();
        }
        if j == CENTER {
            return Some(self.center.clone());
        }
        let (side, distance, step): (_, _, fn(&Self, &Token) -> Option<Token>) = if j < CENTER {
            (&self.sides.before, CENTER - j, Self::previous)
        } else {
            (&self.sides.after, j - CENTER, Self::next)
        };
        let mut side = side.borrow_mut();
        while side.tokens.len() < distance && !side.ended {
            match step(self, side.tokens.last().unwrap_or(&self.center)) {
                Some(token) => side.tokens.push(token),
                None => side.ended = true,
            }
        }
        side.tokens.get(distance - 1).cloned()
    }

    /// The token at index `j`, which a test knows is there.
    fn at(&self, j: usize) -> Token {
        self.get(j).expect("a test reads only tokens it has seen")
    }

    fn next(&self, token: &Token) -> Option<Token> {
        let text = self.text;
        let start = space_end(text, token.range.end);
        if start == text.len() {
            return None;
        }
        let (end, marks) = token_end(text, start);
        Some(make_token(text, start..end, marks))
    }

    fn previous(&self, token: &Token) -> Option<Token> {
        let text = self.text;
        let end = space_start(text, token.range.start);
        if end == 0 {
            return None;
        }
        let (start, marks) = token_start(text, 0, end - 1);
        let last = CLASSES[usize::from(text.as_bytes()[end - 1])];
        Some(make_token(text, start..end, (marks | last) & KEPT))
    }
}

/// Every whitespace-separated token of the text, and whether each is the
/// first on its line: the list the pass made before it skipped plain words,
/// for the tests that compare the two.
#[cfg(test)]
fn every_token(text: &str) -> (Vec<Token>, Vec<bool>) {
    let mut tokens = Vec::new();
    let mut starts = Vec::new();
    let mut line_start = true;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if c.is_whitespace() {
            line_start |= c == '\n';
            i += c.len_utf8();
            continue;
        }
        let end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |n| i + n);
        let marks = text[i..end]
            .bytes()
            .fold(0, |marks, b| marks | CLASSES[usize::from(b)]);
        tokens.push(make_token(text, i..end, marks & KEPT));
        starts.push(line_start);
        line_start = false;
        i = end;
    }
    (tokens, starts)
}

fn make_token(text: &str, range: Range<usize>, marks: u8) -> Token {
    // Most tokens are plain words, with nothing to trim.
    let bytes = text.as_bytes();
    if bytes[range.start].is_ascii_alphanumeric() && bytes[range.end - 1].is_ascii_alphanumeric() {
        return Token {
            core: range.clone(),
            range,
            marks,
        };
    }
    let slice = &text[range.clone()];
    let opening = |c: char| matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘' | '{');
    let closing = |c: char| {
        matches!(
            c,
            ',' | '.' | ';' | ':' | ')' | ']' | '"' | '\'' | '”' | '’' | '!' | '?' | '}'
        )
    };
    let trimmed_start = slice.trim_start_matches(opening);
    let trimmed = trimmed_start.trim_end_matches(closing);
    let start = range.start + (slice.len() - trimmed_start.len());
    Token {
        core: start..start + trimmed.len(),
        range,
        marks,
    }
}

/// The lower-cased core of token `i`, if there is one.
fn word<'t>(text: &'t str, tokens: &Around, i: usize) -> Option<Cow<'t, str>> {
    tokens.get(i).map(|t| lower_case(t.core(text)))
}

/// Whether the lower-cased core of a token at one of `indexes` is in a
/// word list, given with its filter.
fn any_listed(
    text: &str,
    tokens: &Around,
    indexes: impl IntoIterator<Item = usize>,
    (filter, words): (&WordFilter, &rustc_hash::FxHashSet<String>),
) -> bool {
    indexes.into_iter().any(|j| {
        tokens.get(j).is_some_and(|token| {
            let core = token.core(text);
            (filter.may_hold(core) || taken(SlowPath::EveryTest))
                && words.contains(lower_case(core).as_ref())
        })
    })
}

/// Filters before the word lists of rules/numbers.toml that the tests look
/// tokens up in, which turn down nearly every token next to a figure with a
/// multiply and a load, where the list itself takes a hash of the word and
/// often a lower-cased copy first.
struct ListFilters {
    /// The name words and the reference nouns.
    names: WordFilter,
    name_numbers: WordFilter,
    score_words: WordFilter,
    phone_words: WordFilter,
}

/// Built through the lexicon, so that a pack's added words pass.
fn list_filters() -> &'static ListFilters {
    static CELL: std::sync::OnceLock<ListFilters> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&CELL, || {
        let data = numbers();
        ListFilters {
            names: WordFilter::new(data.name_words.iter().chain(&data.reference_nouns)),
            name_numbers: WordFilter::new(&data.name_numbers),
            score_words: WordFilter::new(&data.score_words),
            phone_words: WordFilter::new(&data.phone_words),
        }
    })
}

/// A Bloom filter of words folded to ASCII lower case (see
/// [`folded_key`]). The lists are matched exactly, in lower case or in ASCII
/// lower case, and each of these makes two words equal only when their
/// folded keys are: a word whose key the filter lacks is in no list. A
/// listed word with no folded key (outside ASCII, longer than 16 bytes) can
/// only equal a word that has none either, and such a word always passes.
struct WordFilter(PackedFilter);

impl WordFilter {
    fn new<'w>(words: impl IntoIterator<Item = &'w String>) -> WordFilter {
        let mut filter = PackedFilter::default();
        for key in words.into_iter().filter_map(|word| folded_key(word)) {
            filter.insert(key);
        }
        WordFilter(filter)
    }

    /// False when `word` surely is in none of the filter's lists.
    fn may_hold(&self, word: &str) -> bool {
        folded_key(word).is_none_or(|key| self.0.may_contain(key))
    }
}

/// URLs (with a scheme or "www.") and e-mail addresses.
fn url_or_email(text: &str, token: &Token) -> Option<Range<usize>> {
    let core = token.core(text);
    // A "://" or an "@" marks the token (its core is part of it).
    let signed = token.marks & URL_SIGN != 0;
    let is_url = signed && core.contains("://") || starts_www(core);
    let is_email = signed
        && core.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        });
    (is_url || is_email).then(|| token.core.clone())
}

/// Footnote markers: "[1]", "[2,3]", "[4–6]" anywhere in a token, "(11)"
/// and "(3,5)" opening a token; superscript digits right after punctuation
/// ("said.¹"); digits glued after a closing bracket, which are subscripts
/// or identifiers ("Mg(OH)2").
fn brackets_and_superscripts(text: &str, token: &Token) -> Vec<Range<usize>> {
    let slice = &text[token.range.clone()];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut previous: Option<char> = None;
    let mut superscript_start: Option<usize> = None;
    let mut glued_start: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        match c {
            '[' | '(' | '{' => open = Some(i),
            ']' | ')' | '}' => {
                if let Some(o) = open.take() {
                    let inner = &slice[o + 1..i];
                    let digit_groups = inner.split([',', '-', '–']).all(|g| {
                        let g = g.trim();
                        !g.is_empty() && g.len() <= 3 && g.bytes().all(|b| b.is_ascii_digit())
                    });
                    // "(11)" only opening a token: "f(2)" is an argument
                    let standalone = c != ')' || o == 0;
                    if digit_groups && standalone {
                        out.push(token.range.start + o..token.range.start + i + 1);
                    }
                }
            }
            c if !(c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' ')) => open = None,
            _ => {}
        }
        if c.is_ascii_digit() || c == '.' && glued_start.is_some() {
            // after a closing bracket ("Mg(OH)2"), or an opening one glued
            // to a letter: a function's argument ("t(24)", "F(2,")
            let glued = previous.is_some_and(|p| matches!(p, ')' | ']'))
                || previous == Some('(') && i >= 2 && slice[..i - 1].ends_with(char::is_alphabetic);
            if glued_start.is_none() && glued {
                glued_start = Some(i);
            }
        } else if let Some(s) = glued_start.take() {
            out.push(token.range.start + s..token.range.start + i);
        }
        let superscript = matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹');
        if superscript {
            if superscript_start.is_none()
                && previous
                    .is_some_and(|p| matches!(p, '.' | ',' | ';' | ':' | ')' | '"' | '”' | '’'))
            {
                superscript_start = Some(i);
            }
        } else if let Some(s) = superscript_start.take() {
            out.push(token.range.start + s..token.range.start + i);
        }
        previous = Some(c);
    }
    if let Some(s) = superscript_start {
        out.push(token.range.start + s..token.range.end);
    }
    if let Some(s) = glued_start {
        out.push(token.range.start + s..token.range.end);
    }
    out
}

/// "9:30", "14:00 GMT", "9:30 a.m.", "10pm", "10 p.m.", "9.30am".
fn time_of_day(text: &str, tokens: &Around, i: usize) -> Option<Range<usize>> {
    let token = &tokens.at(i);
    let core = token.core(text);
    let digits_end = core.bytes().take_while(u8::is_ascii_digit).count();
    let hour_text = &core[..digits_end];
    if hour_text.is_empty() || hour_text.len() > 2 {
        return None;
    }
    let hour: u32 = hour_text.parse().ok()?;
    let rest = &core[digits_end..];
    let (clock, suffix) = match rest.as_bytes() {
        [b':' | b'.', m1, m2, ..] if m1.is_ascii_digit() && m2.is_ascii_digit() => {
            let minute = u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0');
            let mut tail = &rest[3..];
            if let Some(seconds) = tail.strip_prefix(':') {
                if seconds.len() >= 2 && seconds.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
                    tail = &seconds[2..];
                }
            }
            if minute >= 60 || hour > 24 || tail.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            (rest.starts_with(':'), tail)
        }
        _ => (false, rest),
    };
    let attached_meridiem = is_meridiem(suffix);
    // only a token that touches: "9:30 a.m.", not "at 9:30. GMT"
    let open_end = token.core.end == token.range.end;
    // The next word is read only when it could be the meridiem.
    // is_meridiem ignores ASCII case: only a word outside ASCII is lowered
    // first (the Kelvin sign lowers to "k").
    let next_meridiem = open_end
        && suffix.is_empty()
        && tokens.get(i + 1).is_some_and(|t| {
            let core = t.core(text);
            is_meridiem(core) || !core.is_ascii() && is_meridiem(&lower_case(core))
        });
    // A zone counts only after a clock ("14:00 GMT"): it is read only then.
    let next_zone = clock
        && open_end
        && suffix.is_empty()
        && tokens
            .get(i + 1)
            .is_some_and(|t| numbers().time_zones.contains(t.core(text)));
    if !(clock && suffix.is_empty() || attached_meridiem || next_meridiem || next_zone && clock) {
        return None;
    }
    if hour > 24 || (attached_meridiem || next_meridiem) && hour > 12 {
        return None;
    }
    let end = if next_meridiem || next_zone {
        let next_token = &tokens.at(i + 1);
        // "a.m." keeps its final stop
        let core_end = next_token.core.end;
        let full = &text[next_token.core.start..next_token.range.end];
        if full.to_ascii_lowercase().starts_with("a.m.")
            || full.to_ascii_lowercase().starts_with("p.m.")
        {
            next_token.core.start + 4
        } else {
            core_end
        }
    } else {
        token.core.end
    };
    Some(token.core.start..end)
}

fn is_meridiem(s: &str) -> bool {
    // Compared ignoring ASCII case rather than lowered into a new string:
    // this runs for most figures.
    ["am", "pm", "a.m", "p.m", "a.m.", "p.m.", "o'clock"]
        .iter()
        .any(|meridiem| s.eq_ignore_ascii_case(meridiem))
}

/// Phone numbers: "+44 20 7946 0958", "(555) 123-4567", "555-123-4567",
/// "020 7946 0958".
fn phone_number(text: &str, tokens: &Around, i: usize) -> Option<Range<usize>> {
    let token = &tokens.at(i);
    let raw = &text[token.range.clone()];
    let core = token.core(text);
    // Every shape below has 8, 12 or 14 bytes, or opens with "0", "+" or
    // "(": most figures have none of these.
    let may_be_phone =
        matches!(core.len(), 8 | 12 | 14) || core.starts_with('0') || raw.starts_with(['+', '(']);
    if !may_be_phone && !taken(SlowPath::EveryTest) {
        return None;
    }
    let is_group = |s: &str| {
        !s.is_empty()
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')' | '+'))
    };
    let digit_count = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    // one token: 555-123-4567, 555.123.4567, 1-800-555-0199. The groups'
    // lengths are kept for up to four groups (no shape tested has more),
    // without collecting them: this runs for every figure.
    let (mut groups, mut lens, mut all_digits) = (0, [0; 4], true);
    for group in core.split(['-', '.']) {
        if let Some(len) = lens.get_mut(groups) {
            *len = group.len();
        }
        groups += 1;
        all_digits &= !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit());
    }
    let lens: &[usize] = lens.get(..groups).unwrap_or(&[]);
    if all_digits && (lens == [3, 3, 4] || lens == [1, 3, 3, 4]) {
        return Some(token.core.clone());
    }
    // "call 555-1234": a short form only after a phone word
    if all_digits && lens == [3, 4] {
        let phone_words = (&list_filters().phone_words, &numbers().phone_words);
        if any_listed(text, tokens, i.saturating_sub(3)..i, phone_words) {
            return Some(token.core.clone());
        }
    }
    // "010-6850 2114": a number with a leading zero and a dash is a dialling code.
    let dialling_code = all_digits && groups >= 2 && core.starts_with('0');
    let opens = dialling_code
        || raw.starts_with('+') && raw[1..].starts_with(|c: char| c.is_ascii_digit())
        || raw.starts_with('(') && core.len() == 3 && raw.get(4..5) == Some(")")
        || core.starts_with('0')
            && core.len() >= 2
            && core.len() <= 5
            && core.bytes().all(|b| b.is_ascii_digit());
    if !opens || !is_group(raw.trim_end_matches([',', '.', ';'])) {
        return None;
    }
    let mut end = token.core.end;
    let mut digits = digit_count(raw);
    let mut j = i + 1;
    while let Some(next) = tokens.get(j) {
        // a group that ends in punctuation ends the number ("7946. 0958")
        let before = tokens.at(j - 1);
        if before.core.end != before.range.end && j > i + 1 {
            break;
        }
        let next_core = next.core(text);
        if !is_group(next_core) || digits + digit_count(next_core) > 15 {
            break;
        }
        digits += digit_count(next_core);
        end = next.core.end;
        j += 1;
    }
    let min_digits = if raw.starts_with('+') || raw.starts_with('(') {
        7
    } else {
        9
    };
    (digits >= min_digits && j > i + 1).then_some(token.range.start..end)
}

/// A score: two small numbers joined by a dash ("3-1", "88–79") with a score
/// word within a few tokens, unless a noun follows ("won 10-20 seats").
fn score(text: &str, tokens: &Around, i: usize) -> Option<Range<usize>> {
    let token = &tokens.at(i);
    let core = token.core(text);
    // A small number before the dash puts it at byte 1, 2 or 3 ("–" and
    // "—" open with 0xE2).
    let dash_near = core.bytes().take(4).skip(1).any(|b| b == b'-' || b == 0xE2);
    if !dash_near && !taken(SlowPath::EveryTest) {
        return None;
    }
    let (left, right) = core.split_once(['-', '–', '—'])?;
    let small = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if !small(left) || !small(right) {
        return None;
    }
    let data = numbers();
    let is_score_word = |w: &str| data.score_words.contains(w);
    let score_words = (&list_filters().score_words, &data.score_words);
    let from = i.saturating_sub(SCORE_WINDOW_BEFORE);
    let near_before = any_listed(text, tokens, from..i, score_words);
    let near_after = any_listed(text, tokens, i + 1..=i + SCORE_WINDOW_AFTER, score_words);
    if !near_before && !near_after {
        return None;
    }
    // a noun right after makes it a range of a quantity
    let punctuated = text[token.core.end..token.range.end].starts_with([',', '.', ';', ':', ')']);
    if !punctuated {
        if let Some(next) = word(text, tokens, i + 1) {
            let alphabetic = next.chars().all(char::is_alphabetic);
            if alphabetic && !is_score_word(&next) && !data.noun_stop_words.contains(next.as_ref())
            {
                return None;
            }
        }
    }
    Some(token.core.clone())
}

/// List numbering at the start of a line: "1. ", "2) ", "(3)".
fn list_number(text: &str, tokens: &Around, i: usize) -> Option<Range<usize>> {
    let token = &tokens.at(i);
    if !tokens.line_start {
        return None;
    }
    let raw = &text[token.range.clone()];
    let inner = raw.strip_prefix('(').unwrap_or(raw);
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    let marker = &inner[digits..];
    (digits > 0 && digits <= 3 && matches!(marker, "." | ")")).then(|| token.range.clone())
}

/// Numbers that belong to names: after a name word ("Route 66", "Boeing
/// 737", "Article 5", "No. 10"); letter-and-digit identifiers ("G20",
/// "F-16", "COVID-19", "MH370"); whole name numbers ("24/7", "9/11").
fn name_number(text: &str, tokens: &Around, i: usize) -> Option<Range<usize>> {
    let token = &tokens.at(i);
    let core = token.core(text);
    let data = numbers();
    let listed = list_filters().name_numbers.may_hold(core) || taken(SlowPath::EveryTest);
    if listed && data.name_numbers.contains(core) {
        return Some(token.core.clone());
    }
    // only the identifier itself, never punctuation glued after it
    // ("Section 4.2.1.•Next" excludes "4.2.1"); found only for a match
    let identifier_stop = || identifier_end(text, token.core.start).min(token.core.end);
    if core.starts_with(|c: char| c.is_ascii_digit()) {
        // "Route 66", "(Fig. 2"; not "Mount (400 K"
        let touches = token.range.start == token.core.start;
        let previous = i.checked_sub(1).and_then(|j| tokens.get(j));
        let after_name = touches
            && (previous.is_some_and(|p| is_name_word(text, &p))
                || ends_list_item(text, tokens, i) && continues_name_list(text, tokens, i)
                || house_number(text, tokens, i));
        return after_name.then(|| token.core.start..identifier_stop());
    }
    // letters then digits: "G20", "F-16", "COVID-19", "A320", "MH370"
    let letters = core.chars().take_while(|c| c.is_alphabetic()).count();
    let letter_bytes: usize = core.chars().take(letters).map(char::len_utf8).sum();
    let prefix = &core[..letter_bytes];
    let hyphened = core[letter_bytes..].starts_with('-');
    let rest = core[letter_bytes..]
        .strip_prefix('-')
        .unwrap_or(&core[letter_bytes..]);
    if letters == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let has_capital = prefix.chars().any(char::is_uppercase);
    let temporal = matches!(prefix, "Q" | "H" | "FY" | "CY");
    if has_capital && letters <= 6 && !temporal {
        return Some(token.core.start..identifier_stop());
    }
    // "caspase-3", "interleukin-6", "day-14": a lower-case word of three or
    // more letters hyphened to digits; not "mid-2019", "pre-1990", "top-10",
    // "under-21", which the other parsers read
    let open_word = matches!(
        prefix,
        "mid"
            | "pre"
            | "post"
            | "early"
            | "late"
            | "end"
            | "top"
            | "under"
            | "over"
            | "circa"
            | "since"
            | "from"
            | "around"
            | "about"
            | "nearly"
            | "almost"
            | "some"
            | "than"
    );
    if hyphened && letters >= 3 && !has_capital && !open_word {
        let digits_start = token.core.start + letter_bytes + 1;
        return Some(digits_start..identifier_end(text, digits_start).min(token.core.end));
    }
    None
}

/// A name word that makes the number after it part of a name; it must touch
/// the number ("Route 66", not "Route, 66"; "(Fig. 2" counts).
fn is_name_word(text: &str, token: &Token) -> bool {
    let (core_end, end) = (token.core.end, token.range.end);
    if !(end == core_end || end == core_end + 1 && text.as_bytes()[core_end] == b'.') {
        return false;
    }
    let with_stop = &text[token.core.start..end];
    // Most words before a figure ("in", "the", "than") are turned down here,
    // without hashing or lowering them.
    let names = &list_filters().names;
    // Without a full stop after it the core is the same word.
    let stopped = end != core_end;
    let may_hold = names.may_hold(with_stop) || stopped && names.may_hold(token.core(text));
    if !(may_hold || taken(SlowPath::EveryTest)) {
        return false;
    }
    let data = numbers();
    data.name_words.contains(with_stop)
        || data.name_words.contains(token.core(text))
        || contains_lower(&data.reference_nouns, with_stop)
}

/// Whether `set` holds `word` in lower case. A short ASCII word (nearly
/// every word before a number) is lowered on the stack, not into a new
/// string: this runs for most figures.
fn contains_lower(set: &rustc_hash::FxHashSet<String>, word: &str) -> bool {
    let mut lowered = [0u8; 32];
    match lowered.get_mut(..word.len()) {
        Some(lowered) if word.is_ascii() => {
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            std::str::from_utf8(lowered).is_ok_and(|lowered| set.contains(lowered))
        }
        _ => set.contains(lower_case(word).as_ref()),
    }
}

/// "10 Downing Street", "221B Baker St": a number before up to three
/// capitalised words ending in a street word.
fn house_number(text: &str, tokens: &Around, i: usize) -> bool {
    let data = numbers();
    for j in i + 1..=i + 3 {
        let Some(token) = tokens.get(j) else {
            return false;
        };
        let core = token.core(text);
        if !core.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let with_stop = &text[token.core.start..token.range.end];
        if data.address_words.contains(core) || data.address_words.contains(with_stop) {
            return j > i + 1;
        }
        // punctuation inside the name ends it
        if token.core.end != token.range.end {
            return false;
        }
    }
    false
}

/// True when number token `i` reads as an item of a list of references: a
/// joiner, punctuation or nothing follows it ("Figs. 7 and 8;"), not a noun
/// ("Fig. 4, 120 samples").
fn ends_list_item(text: &str, tokens: &Around, i: usize) -> bool {
    let token = &tokens.at(i);
    if token.core.end < token.range.end {
        return true;
    }
    match tokens.get(i + 1) {
        None => true,
        Some(next) => matches!(next.core(text), "and" | "or" | "to" | "&" | "–" | "-"),
    }
}

/// "Figs. 7 and 8", "Tables 2, 3 and 5", "Sections 4 to 6": a number joined
/// to a name word through earlier numbers of the same list. Looks back at
/// most eight tokens.
fn continues_name_list(text: &str, tokens: &Around, i: usize) -> bool {
    let mut j = i;
    for _ in 0..8 {
        let Some(prev) = j.checked_sub(1) else {
            return false;
        };
        let Some(token) = tokens.get(prev) else {
            return false;
        };
        let core = token.core(text);
        let joiner = matches!(core, "and" | "or" | "to" | "&" | "–" | "-");
        let listed_number = core.starts_with(|c: char| c.is_ascii_digit());
        // The list must have run through at least one joiner or comma: a
        // name word right before the number ends it with a no, as does any
        // other word that is no joiner or number; so the token right before
        // is looked up as a name word only when it may continue the list.
        if !(joiner || listed_number) {
            return j < i && is_name_word(text, &token);
        }
        if is_name_word(text, &token) {
            return j < i;
        }
        j = prev;
    }
    false
}

/// The end of an identifier starting at `start`: letters and digits, joined
/// by single "-", ".", "/" or "–" between them.
fn identifier_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + i + c.len_utf8();
        } else if matches!(c, '-' | '.' | '/' | '–')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Sorts and merges ranges into a non-overlapping list.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excluded texts, with the pieces cut at sentence ends joined again.
    fn excluded(text: &str) -> Vec<&str> {
        let mut joined: Vec<Range<usize>> = Vec::new();
        for r in excluded_ranges(text) {
            match joined.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => joined.push(r),
            }
        }
        joined.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn ranges_stop_at_sentence_ends() {
        let text = "G20.Next and A0.A";
        let ranges = excluded_ranges(text);
        assert!(ranges
            .iter()
            .all(|r| !text[r.clone()][..r.len() - 1].contains('.')));
    }

    #[test]
    fn whitespace_outside_ascii_separates_tokens() {
        // no-break and thin spaces, as some articles have them
        assert_eq!(excluded("on Route\u{a0}66 and"), vec!["66"]);
        assert_eq!(excluded("at\u{2009}9:30\u{a0}GMT"), vec!["9:30\u{a0}GMT"]);
        assert_eq!(excluded("s\u{e9}e the G20\u{3000}summit"), vec!["G20"]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            excluded("See https://example.org/a/2019/5 now."),
            vec!["https://example.org/a/2019/5"]
        );
        assert_eq!(
            excluded("Mail desk42@example.com today"),
            vec!["desk42@example.com"]
        );
        assert_eq!(excluded("Visit www.site20.com."), vec!["www.site20.com"]);
    }

    #[test]
    fn times_of_day() {
        assert_eq!(excluded("at 9:30 a.m. on"), vec!["9:30 a.m."]);
        assert_eq!(excluded("by 10pm,"), vec!["10pm"]);
        assert_eq!(excluded("at 14:00 GMT"), vec!["14:00 GMT"]);
        assert_eq!(excluded("at 10 p.m. sharp"), vec!["10 p.m."]);
        assert_eq!(excluded("at 9:30."), vec!["9:30"]);
        assert!(excluded("a 3:1 ratio").is_empty());
        assert!(excluded("rose 10 percent").is_empty());
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(
            excluded("call +44 20 7946 0958 now"),
            vec!["+44 20 7946 0958"]
        );
        assert_eq!(excluded("call (555) 123-4567."), vec!["(555) 123-4567"]);
        assert_eq!(excluded("call 555-123-4567."), vec!["555-123-4567"]);
        assert_eq!(excluded("call 020 7946 0958."), vec!["020 7946 0958"]);
        assert!(excluded("some 200 300 people").is_empty());
        assert_eq!(excluded("or call 555-1234 today"), vec!["555-1234"]);
        assert!(excluded("between 100-1000 people").is_empty());
        assert_eq!(excluded("on 010-6850 2114."), vec!["010-6850 2114"]);
    }

    #[test]
    fn scores_but_not_ranges() {
        assert_eq!(excluded("City beat United 3-1 on Sunday."), vec!["3-1"]);
        assert_eq!(excluded("a 88–79 victory"), vec!["88–79"]);
        assert!(excluded("Labour won 10-20 seats").is_empty());
        assert!(excluded("between 2014-17 prices").is_empty());
        assert!(excluded("costs rose 10-20 per cent").is_empty());
    }

    #[test]
    fn list_numbers_and_footnotes() {
        assert_eq!(excluded("1. First point\n2) Second"), vec!["1.", "2)"]);
        assert_eq!(excluded("as reported.[12] Then"), vec!["[12]"]);
        assert_eq!(excluded("as reported.¹ Then 5 km²"), vec!["¹"]);
        assert!(excluded("He has 2. Not a list").is_empty());
    }

    #[test]
    fn names_and_identifiers() {
        assert_eq!(excluded("on Route 66 and Article 5"), vec!["66", "5"]);
        assert_eq!(
            excluded("the G20 and G7, F-16 jets, COVID-19"),
            vec!["G20", "G7", "F-16", "COVID-19"]
        );
        assert_eq!(
            excluded("a Boeing 737-800 and an Airbus A320"),
            vec!["737-800", "A320"]
        );
        assert_eq!(excluded("open 24/7 since 9/11"), vec!["24/7", "9/11"]);
        assert_eq!(
            excluded("Windows 10 on iPhone 15; see Section 230"),
            vec!["10", "15", "230"]
        );
        assert_eq!(excluded("Flight MH370 and No. 10"), vec!["MH370", "10"]);
        assert!(excluded("in Q3 and 5G and 10km").is_empty());
        assert_eq!(
            excluded("at 10 Downing Street and 221B Baker Street"),
            vec!["10", "221B"]
        );
        assert_eq!(
            excluded("the FTSE 100 and Fortune 500 firms"),
            vec!["100", "500"]
        );
        assert!(excluded("some 10 Street Children").is_empty());
        assert_eq!(excluded("see Section 4.2.1.•Next"), vec!["4.2.1"]);
        assert_eq!(
            excluded("(Figs. 7 and 8; Table 2, 3)"),
            vec!["7", "8", "2", "3"]
        );
        assert_eq!(excluded("In Fig. 4, 120 samples"), vec!["4"]);
        assert!(excluded("on Route (400 K)").is_empty());
        assert_eq!(
            excluded("at phases 3, 5 and 7; type 2 diabetes"),
            vec!["3", "5", "7", "2"]
        );
        assert!(excluded("it killed 12 people").is_empty());
        assert_eq!(excluded("made of Mg(OH)2 and caspase-3"), vec!["2", "3"]);
        assert_eq!(
            excluded("t(24) = 2.05 and {110} faces"),
            vec!["24", "{110}"]
        );
        assert!(excluded("in mid-2019 a top-10 hit").is_empty());
        assert_eq!(
            excluded("as shown (11) and (3,5) but f(2) = 4"),
            vec!["(11)", "(3,5)", "2"]
        );
        assert!(excluded("rose (5%) and 20 (20) people").len() == 1);
    }

    /// The first mark after any place: classing sixteen bytes at once and
    /// searching for the URL signs apart finds what reading every byte
    /// finds, for every byte in every place of a block and of the bytes
    /// after the last block.
    #[test]
    fn the_block_search_finds_every_mark_where_reading_byte_by_byte_does() {
        let plain = *b"ab Z-,.!xy(q)\t;?=>~$ ab";
        for byte in 0..=255u8 {
            for place in 0..plain.len() {
                let mut bytes = plain;
                bytes[place] = byte;
                for from in 0..bytes.len() {
                    let expected =
                        (from..bytes.len()).find(|&j| CLASSES[usize::from(bytes[j])] & MARKS != 0);
                    let found = [
                        next_digit_or_non_ascii(&bytes, from),
                        next_url_sign(&bytes, from),
                    ]
                    .into_iter()
                    .flatten()
                    .min();
                    assert_eq!(found, expected, "{byte:#x} at {place} from {from}");
                }
            }
        }
    }

    /// Lowering a short ASCII word on the stack finds in a list what
    /// lowering a copy finds, for every reference noun in several cases,
    /// one too long for the stack and one with the Kelvin sign.
    #[test]
    fn lowering_on_the_stack_finds_what_lowering_a_copy_finds() {
        let set = &numbers().reference_nouns;
        assert!(!set.is_empty());
        for noun in set {
            let capitalised = noun
                .char_indices()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect::<String>();
            let variants = [
                noun.clone(),
                noun.to_uppercase(),
                capitalised,
                format!("{noun}x"),
                format!("{}{noun}", "a".repeat(40)),
                noun.replace('k', "\u{212A}"),
            ];
            for variant in variants {
                assert_eq!(
                    contains_lower(set, &variant),
                    set.contains(lower_case(&variant).as_ref()),
                    "{variant:?}"
                );
            }
        }
        assert_eq!(
            excluded("at 9 o'cloc\u{212A} sharp"),
            vec!["9 o'cloc\u{212A}"]
        );
    }

    /// Pieces of generated tokens: letters, capitals, digits, the signs of
    /// URLs, e-mails and identifiers, brackets, characters outside ASCII, and
    /// the words some tests look for next to a number.
    const PIECES: &[&str] = &[
        "a", "x", "w", "W", "www", "G", "MH", "Q", "caspase", "mid", "Route", "Fig", "Figs", "No",
        "Street", "Baker", "and", "to", "am", "p.m.", "GMT", "call", "beat", "seats", "0", "1",
        "7", "12", "30", "555", "2019", "4567", ".", ",", ";", "@", "/", ":", "://", "-", "–", "_",
        "(", ")", "[", "]", "{", "}", "\"", "“", "’", "+", "¹", "²", "é", "Radio", "phase",
        "PHASE", "Fig.", "no.", "Prop.", "S&P", "FTSE", "won", "Victory", "seats", "Tel", "text",
        "020", "+44", "3", "1", "88", "79", "—", "24/7", "9/11", "x", "GMT", "\u{212A}", "\u{130}",
    ];
    const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", "\u{a0}", "\u{2009}", " \n "];

    /// Texts of up to 14 tokens, each of one to four pieces.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            (
                proptest::collection::vec(proptest::sample::select(PIECES), 1..5),
                proptest::sample::select(SEPARATORS),
            ),
            1..14,
        )
        .prop_map(|tokens| {
            tokens
                .iter()
                .map(|(pieces, separator)| pieces.concat() + separator)
                .collect()
        })
    }

    proptest::proptest! {
        /// Jumping between the bytes a match needs and reading neighbours
        /// from the text finds the same ranges as running every test on every
        /// token of a full list.
        #[test]
        fn skipping_plain_words_changes_no_range(text in texts()) {
            let fast = excluded_ranges(&text);
            let every = crate::slow_path::run(SlowPath::EveryToken, true, || excluded_ranges(&text));
            proptest::prop_assert_eq!(fast, every, "{:?}", text);
        }

        /// Running only the tests a token's bytes allow, and looking up
        /// only the neighbours the lists' filters pass, finds the same
        /// ranges as running every test and every look-up.
        #[test]
        fn gates_and_filters_change_no_range(text in texts()) {
            let fast = excluded_ranges(&text);
            let every = crate::slow_path::run(SlowPath::EveryTest, true, || excluded_ranges(&text));
            proptest::prop_assert_eq!(fast, every, "{:?}", text);
        }
    }

    /// Every word of the lists passes its filter, also in upper case, and
    /// most common words before a figure do not.
    #[test]
    fn list_words_pass_their_filters() {
        let (data, filters) = (numbers(), list_filters());
        let lists = [
            (&filters.names, &data.name_words),
            (&filters.names, &data.reference_nouns),
            (&filters.name_numbers, &data.name_numbers),
            (&filters.score_words, &data.score_words),
            (&filters.phone_words, &data.phone_words),
        ];
        for (filter, words) in lists {
            for word in words {
                assert!(filter.may_hold(word), "{word}");
                assert!(filter.may_hold(&word.to_ascii_uppercase()), "{word}");
            }
        }
        let plain = ["in", "the", "of", "to", "than", "about", "from", "by"];
        let passed = plain.iter().filter(|w| filters.names.may_hold(w)).count();
        assert!(passed <= 2, "{passed} of {plain:?} pass");
    }
}
