//! Vocabulary shared by the temporal grammar: small nom parsers for keywords,
//! spacing, numbers in digits or words and time units, plus the word lists
//! kept in rules/temporal.toml.

use std::collections::HashMap;

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while1, take_while_m_n},
    combinator::opt,
    error::{Error, ErrorKind},
    IResult, Parser,
};
use serde::Deserialize;

pub(super) type PResult<'a, T> = IResult<&'a str, T>;

/// A recoverable failure at `input`.
pub(super) fn fail<T>(input: &str) -> PResult<'_, T> {
    Err(err(input))
}

/// True when `rest` does not continue the word just read.
pub(super) fn is_word_end(rest: &str) -> bool {
    !rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// One case-insensitive word (or fixed phrase), ending at a word boundary.
/// The vocabulary is ASCII, so an ASCII comparison does (nom's
/// `tag_no_case` folds every character to lower case, which costs more at
/// every word of an article).
pub(super) fn kw<'a>(word: &'static str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| match input.get(..word.len()) {
        Some(head) if head.eq_ignore_ascii_case(word) && is_word_end(&input[word.len()..]) => {
            Ok((&input[word.len()..], head))
        }
        _ => fail(input),
    }
}

/// The first of `words` that `input` starts with, as a whole word. The
/// words are lower-case ASCII letters (at most 16), so the input's first
/// word is read once and compared with each, rather than each being tried
/// as a [`kw`].
pub(super) fn one_of<'a>(input: &'a str, words: &[&'static str]) -> PResult<'a, &'static str> {
    debug_assert!(words
        .iter()
        .all(|w| w.len() <= 16 && w.bytes().all(|b| b.is_ascii_lowercase())));
    let mut buffer = [0u8; 16];
    let Some((first, rest)) = whole_first_word(input, &mut buffer) else {
        return fail(input);
    };
    match words.iter().find(|w| **w == first) {
        Some(word) => Ok((rest, word)),
        None => fail(input),
    }
}

/// A phrase from a word list (single spaces in the list match any run of
/// spaces in the text).
#[inline]
pub(super) fn phrase<'a>(input: &'a str, phrase: &str) -> PResult<'a, ()> {
    // Most calls fail on the first letter: test it before splitting the
    // phrase, inlined at the call, since the grammars try phrase lists in
    // loops of up to dozens.
    match (input.as_bytes().first(), phrase.as_bytes().first()) {
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => phrase_after_first(input, phrase),
        _ => fail(input),
    }
}

/// [`phrase`] once the first letter matches: the phrase's bytes are
/// compared with the input's in one pass, where cutting the phrase into
/// its words first cost more than the comparison itself (most calls fail
/// on the second or third letter, or on the word after "the").
fn phrase_after_first<'a>(input: &'a str, phrase: &str) -> PResult<'a, ()> {
    let bytes = input.as_bytes();
    let mut at = 0;
    for &wanted in phrase.as_bytes() {
        if wanted == b' ' {
            at = input.len() - sp(&input[at..])?.0.len();
            continue;
        }
        // Both sides are ASCII-case-folded byte by byte, so a match ends on
        // a character boundary of the input whenever the phrase is whole
        // UTF-8 (as a `&str` is).
        if !bytes
            .get(at)
            .is_some_and(|b| b.eq_ignore_ascii_case(&wanted))
        {
            return fail(input);
        }
        at += 1;
    }
    let rest = &input[at..];
    if is_word_end(rest) {
        Ok((rest, ()))
    } else {
        fail(input)
    }
}

/// The error a grammar rule returns when `input` does not match.
pub(super) fn err(input: &str) -> nom::Err<Error<&str>> {
    nom::Err::Error(Error::new(input, ErrorKind::Tag))
}

/// Spacing between two words of one expression (a line break counts, since
/// wrapped lines stay in one sentence).
pub(super) fn sp(input: &str) -> PResult<'_, &str> {
    // Byte by byte: the spaces are ASCII but for the no-break space.
    let bytes = input.as_bytes();
    let mut len = 0;
    loop {
        match bytes.get(len) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => len += 1,
            Some(0xC2) if bytes.get(len + 1) == Some(&0xA0) => len += 2,
            _ => break,
        }
    }
    if len == 0 {
        return Err(nom::Err::Error(Error::new(input, ErrorKind::TakeWhile1)));
    }
    Ok((&input[len..], &input[..len]))
}

/// A hyphen (or en dash) joining the parts of a compound ("three-year").
pub(super) fn hyphen(input: &str) -> PResult<'_, &str> {
    nom::branch::alt((tag("-"), tag("\u{2010}"), tag("\u{2011}"))).parse(input)
}

/// Either a space or a hyphen ("mid-1991", "mid 1991").
pub(super) fn sp_or_hyphen(input: &str) -> PResult<'_, &str> {
    nom::branch::alt((sp, hyphen)).parse(input)
}

/// The first word of `input` as [`leading_word_lower`] reads it (at most
/// 16 bytes), with the
/// text after it, when it is a whole word (no digit or other letter runs
/// on).
fn whole_first_word<'a: 'b, 'b>(
    input: &'a str,
    buffer: &'b mut [u8; 16],
) -> Option<(&'b str, &'a str)> {
    let word = crate::extract::leading_word_lower(input, buffer)?;
    let rest = &input[word.len()..];
    is_word_end(rest).then_some((word, rest))
}

/// The word (letters, digits and apostrophes) that ends `text`, trailing
/// spaces aside; None when `text` ends in punctuation, since then the word
/// is not next to what follows.
pub(super) fn last_word(text: &str) -> Option<&str> {
    let trimmed = text.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[start..];
    (!word.is_empty()).then_some(word)
}

/// Plural nouns that do not end in "s".
pub(super) const IRREGULAR_PLURALS: [&str; 9] = [
    "people", "men", "women", "children", "police", "staff", "feet", "cattle", "troops",
];

/// True when the first character is an upper-case letter.
pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

// ---------------------------------------------------------------------------
// Numbers

/// How many of a unit: a number, or unspecified ("several", "a few").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Count {
    pub n: Option<f64>,
    /// "a couple of" is about two.
    pub approx: bool,
    /// Written "a" or "an" (the count of "a year"), which reads as a rate
    /// after a figure ("$5 a year").
    pub article: bool,
}

// The number words both families read, shared so they agree.
use crate::extract::number_words::{ONES, TENS as ALL_TENS};

/// "twenty" to "ninety".
const TENS: &[&str] = ALL_TENS.split_at(2).1;

/// Ordinal words and their numbers, for quarters, halves and centuries.
pub(super) fn ordinal(input: &str) -> PResult<'_, u32> {
    const WORDS: [(&str, u32); 8] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
    ];
    for (word, n) in WORDS {
        if let Ok((rest, _)) = kw(word)(input) {
            return Ok((rest, n));
        }
    }
    fail(input)
}

/// A number written in words below a thousand ("four", "twenty-four",
/// "twenty four", "a hundred").
fn word_number(input: &str) -> PResult<'_, f64> {
    let (mut rest, mut value) = if let Ok((rest, tens)) = one_of(input, TENS) {
        let tens_value = (TENS.iter().position(|t| *t == tens).unwrap_or(0) as f64 + 2.0) * 10.0;
        match nom::sequence::preceded(sp_or_hyphen, |i| one_of(i, &ONES[1..10])).parse(rest) {
            Ok((after, unit)) => (
                after,
                tens_value + ONES.iter().position(|o| *o == unit).unwrap_or(0) as f64,
            ),
            Err(_) => (rest, tens_value),
        }
    } else if let Ok((rest, word)) = one_of(input, &ONES) {
        (
            rest,
            ONES.iter().position(|o| *o == word).unwrap_or(0) as f64,
        )
    } else if let Ok((rest, _)) = (one_of_article, sp, kw("hundred")).parse(input) {
        return Ok((rest, 100.0));
    } else if let Ok((rest, _)) = (one_of_article, sp, kw("dozen")).parse(input) {
        return Ok((rest, 12.0));
    } else {
        return fail(input);
    };
    if let Ok((after, _)) = (sp, kw("hundred")).parse(rest) {
        value *= 100.0;
        rest = after;
    }
    Ok((rest, value))
}

/// A year read out in words, as broadcast transcripts write it:
/// "nineteen ninety-six" (1996), "twenty ten", "two thousand (and) one".
pub(super) fn spoken_year(input: &str) -> PResult<'_, i32> {
    let tens_number = |i| -> PResult<'_, i32> {
        let (rest, tens) = one_of(i, TENS)?;
        let tens_value = (TENS.iter().position(|t| *t == tens).unwrap_or(0) as i32 + 2) * 10;
        match nom::sequence::preceded(sp_or_hyphen, |i| one_of(i, &ONES[1..10])).parse(rest) {
            Ok((after, unit)) => Ok((
                after,
                tens_value + ONES.iter().position(|o| *o == unit).unwrap_or(0) as i32,
            )),
            Err(_) => Ok((rest, tens_value)),
        }
    };
    if let Ok((rest, century)) = one_of(input, &["eighteen", "nineteen", "twenty"]) {
        let hundreds = match century {
            "eighteen" => 1800,
            "nineteen" => 1900,
            _ => 2000,
        };
        let (rest, _) = sp(rest)?;
        let (rest, n) = alt((tens_number, |i| {
            one_of(i, &ONES[10..])
                .map(|(r, w)| (r, ONES.iter().position(|o| *o == w).unwrap_or(0) as i32))
        }))
        .parse(rest)?;
        // "eighteen twenty-year-olds" counts people.
        if rest.starts_with('-') {
            return fail(input);
        }
        return Ok((rest, hundreds + n));
    }
    let (rest, _) = (kw("two"), sp, kw("thousand")).parse(input)?;
    let small = opt(nom::sequence::preceded(
        (sp, opt((kw("and"), sp))),
        alt((tens_number, |i| {
            one_of(i, &ONES[1..])
                .map(|(r, w)| (r, ONES.iter().position(|o| *o == w).unwrap_or(0) as i32))
        })),
    ))
    .parse(rest)?;
    Ok((small.0, 2000 + small.1.unwrap_or(0)))
}

fn one_of_article(input: &str) -> PResult<'_, &'static str> {
    one_of(input, &["a", "an"])
}

/// A number in digits: "17", "1,000", "2.5". Not a time ("9:30"), a
/// fraction or date ("9/11"), nor glued to letters ("F16").
pub(super) fn digit_number(input: &str) -> PResult<'_, f64> {
    let (mut rest, _) = take_while_m_n(1, 4, |c: char| c.is_ascii_digit())(input)?;
    // Groups of thousands: the figure is read without its commas, which
    // needs a copy only when it has some.
    let mut grouped: Option<String> = None;
    while let Ok((after, (_, group))) = (
        tag::<_, _, Error<&str>>(","),
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
    )
        .parse(rest)
    {
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        grouped
            .get_or_insert_with(|| input[..input.len() - rest.len()].to_string())
            .push_str(group);
        rest = after;
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(input);
    }
    if let Ok((after, _)) = (
        tag::<_, _, Error<&str>>("."),
        take_while1(|c: char| c.is_ascii_digit()),
    )
        .parse(rest)
    {
        if let Some(text) = grouped.as_mut() {
            text.push_str(&rest[..rest.len() - after.len()]);
        }
        rest = after;
    }
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(':' | '/' | '.' | ','), Some(c)) if c.is_ascii_digit() => return fail(input),
        (Some(c), _) if c.is_alphanumeric() => return fail(input),
        _ => {}
    }
    let text = match &grouped {
        Some(text) => text.as_str(),
        None => &input[..input.len() - rest.len()],
    };
    match text.parse::<f64>() {
        Ok(value) => Ok((rest, value)),
        Err(_) => fail(input),
    }
}

/// How many: digits, number words, "a"/"an", "a couple of", or a vague
/// amount ("several", "a few", "many").
pub(super) fn count(input: &str) -> PResult<'_, Count> {
    let exact = |n: f64| Count {
        n: Some(n),
        approx: false,
        article: false,
    };
    if let Ok((rest, n)) = digit_number(input) {
        return Ok((rest, exact(n)));
    }
    if let Ok((rest, n)) = word_number(input) {
        if let Ok((after, _)) = (sp, kw("and"), sp, kw("a"), sp, kw("half")).parse(rest) {
            return Ok((after, exact(n + 0.5)));
        }
        return Ok((rest, exact(n)));
    }
    if let Ok((rest, _)) = (opt((kw("a"), sp)), kw("couple"), opt((sp, kw("of")))).parse(input) {
        return Ok((
            rest,
            Count {
                n: Some(2.0),
                approx: true,
                article: false,
            },
        ));
    }
    let vague = Count {
        n: None,
        approx: false,
        article: false,
    };
    for phrase_text in [
        "a few",
        "several",
        "many",
        "a number of",
        "dozens of",
        "hundreds of",
        "thousands of",
        "few",
    ] {
        if let Ok((rest, ())) = phrase(input, phrase_text) {
            return Ok((rest, vague));
        }
    }
    if let Ok((rest, _)) = one_of_article(input) {
        return Ok((
            rest,
            Count {
                n: Some(1.0),
                approx: false,
                article: true,
            },
        ));
    }
    fail(input)
}

/// The words that can open a [`count`] besides the number words, for the
/// trigger check.
pub(super) const COUNT_OPENERS: [&str; 9] = [
    "a",
    "an",
    "several",
    "many",
    "few",
    "couple",
    "dozens",
    "hundreds",
    "thousands",
];

/// Every word that can open a [`count`]: the number words and
/// [`COUNT_OPENERS`].
pub(super) fn count_words() -> impl Iterator<Item = &'static str> {
    ONES.iter().chain(TENS).chain(&COUNT_OPENERS).copied()
}

// ---------------------------------------------------------------------------
// Units

/// A unit of time as the text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
}

const UNITS: [(&str, &str, Unit); 12] = [
    ("second", "seconds", Unit::Second),
    ("minute", "minutes", Unit::Minute),
    ("hour", "hours", Unit::Hour),
    ("day", "days", Unit::Day),
    ("week", "weeks", Unit::Week),
    ("weekend", "weekends", Unit::Weekend),
    ("month", "months", Unit::Month),
    ("quarter", "quarters", Unit::Quarter),
    ("season", "seasons", Unit::Season),
    ("year", "years", Unit::Year),
    ("decade", "decades", Unit::Decade),
    ("century", "centuries", Unit::Century),
];

/// A unit word, singular or plural; returns the unit and whether it was plural.
pub(super) fn unit(input: &str) -> PResult<'_, (Unit, bool)> {
    // A unit word is a whole word, so only the input's first word (its run
    // of letters, which must end the word) can be one: read it once and
    // compare it with each unit, rather than trying each unit in turn.
    let mut buffer = [0u8; 16];
    let Some((word, rest)) = whole_first_word(input, &mut buffer) else {
        return fail(input);
    };
    for &(singular, plural, unit) in &UNITS {
        if word == plural {
            return Ok((rest, (unit, true)));
        }
        if word == singular {
            return Ok((rest, (unit, false)));
        }
    }
    for (abbreviation, unit) in [("yrs", Unit::Year), ("yr", Unit::Year), ("hrs", Unit::Hour)] {
        if word == abbreviation {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, (unit, true)));
        }
    }
    fail(input)
}

/// Every unit word of [`unit`] spelled out, singular and plural (not the
/// abbreviations "yrs", "hrs").
pub(super) fn unit_words() -> impl Iterator<Item = &'static str> {
    UNITS
        .iter()
        .flat_map(|(singular, plural, _)| [*singular, *plural])
}

// ---------------------------------------------------------------------------
// Word lists from rules/temporal.toml

#[derive(Debug, Deserialize)]
pub(crate) struct Lexicon {
    pub tense: TenseWords,
    pub context: ContextWords,
    pub seasons: HashMap<String, String>,
    pub references: HashMap<String, Vec<String>>,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TenseWords {
    pub future: Vec<String>,
    pub past: Vec<String>,
    pub not_past: Vec<String>,
}

/// Words that make the next number a year, or the next month name a month.
#[derive(Debug, Deserialize)]
pub(crate) struct ContextWords {
    pub year_cues: Vec<String>,
    pub month_cues: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Holiday {
    pub name: String,
    pub month: i8,
    pub day: i8,
}

crate::lexicon::builtin!(lexicon, Lexicon, "temporal");

/// The TIMEX3 season code ("SU") of a season word.
pub(super) fn season_code(word: &str) -> Option<&'static str> {
    let code = lexicon().seasons.get(&word.to_ascii_lowercase())?;
    ["SP", "SU", "FA", "WI"].into_iter().find(|c| *c == code)
}

/// What a byte is to the passes that cut a sentence into words by table:
/// part of an ASCII word, any other ASCII character, or part of a character
/// outside ASCII (which those passes decode).
pub(super) const GAP_BYTE: u8 = 0;
pub(super) const WORD_BYTE: u8 = 1;
pub(super) const OUTSIDE_ASCII: u8 = 2;

/// The kind of each of the 256 bytes: ASCII letters and digits are word
/// bytes, and the apostrophe too when `apostrophe_in_words` (the tense cues
/// read "won't" and "they'll" as one word; the look-ahead after an opener
/// stops at it).
pub(super) const fn byte_kinds(apostrophe_in_words: bool) -> [u8; 256] {
    let mut table = [OUTSIDE_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_alphanumeric() || (apostrophe_in_words && b == b'\'') {
            WORD_BYTE
        } else {
            GAP_BYTE
        };
        byte += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`phrase_after_first`] as it cut the phrase into words, each matched
    /// after the spacing before it.
    fn phrase_by_words<'a>(input: &'a str, phrase: &str) -> PResult<'a, ()> {
        let mut rest = input;
        for (index, word) in phrase.as_bytes().split(|&b| b == b' ').enumerate() {
            if index > 0 {
                rest = sp(rest)?.0;
            }
            let head = rest
                .as_bytes()
                .get(..word.len())
                .ok_or_else(|| err(input))?;
            if !head.eq_ignore_ascii_case(word) || !rest.is_char_boundary(word.len()) {
                return fail(input);
            }
            rest = &rest[word.len()..];
        }
        if is_word_end(rest) {
            Ok((rest, ()))
        } else {
            fail(input)
        }
    }

    proptest::proptest! {
        /// One pass over the phrase's bytes reads what matching it word by
        /// word read, and fails with the same error.
        #[test]
        fn phrase_in_one_pass_matches_word_by_word(
            input in "(The|the|tHe|thE|a|é|end|of|\\d|[ \t\n]|\u{a0}|year|'s|-|x){0,8}",
            phrase in proptest::sample::select(vec![
                "the", "the end of the", "the  end", "the ", " the", "a", "the year",
                "year's end", "year’s end", "é", "end of", "theend",
            ]),
        ) {
            proptest::prop_assert_eq!(
                phrase_after_first(&input, phrase),
                phrase_by_words(&input, phrase),
                "{:?} {:?}", input, phrase
            );
        }
    }

    #[test]
    fn reads_counts() {
        assert_eq!(count("four years").unwrap().1.n, Some(4.0));
        assert_eq!(count("twenty-four hours").unwrap().1.n, Some(24.0));
        assert_eq!(count("twenty four hours").unwrap().1.n, Some(24.0));
        assert_eq!(count("1,000 days").unwrap().1.n, Some(1000.0));
        assert_eq!(count("2.5 years").unwrap().1.n, Some(2.5));
        assert_eq!(count("a hundred years").unwrap().1.n, Some(100.0));
        assert_eq!(count("two and a half years").unwrap().1.n, Some(2.5));
        assert_eq!(count("several years").unwrap().1.n, None);
        assert!(count("a couple of weeks").unwrap().1.approx);
        assert!(count("9:30").is_err());
        assert!(count("9/11").is_err());
        assert!(count("F16").is_err());
        assert!(count("oneself").is_err());
    }

    #[test]
    fn reads_units_and_words() {
        assert_eq!(unit("years ago").unwrap().1, (Unit::Year, true));
        assert_eq!(unit("weekend").unwrap().1, (Unit::Weekend, false));
        assert!(unit("yearly").is_err());
        assert_eq!(
            phrase("the  near future.", "the near future").unwrap().0,
            "."
        );
        assert!(phrase("the nearest", "the near").is_err());
        assert_eq!(last_word("in the "), Some("the"));
        assert_eq!(last_word("in the, "), None);
        assert_eq!(season_code("Summer"), Some("SU"));
        let mut buffer = [0; 16];
        assert_eq!(
            crate::extract::leading_word_lower("Nov. 5", &mut buffer),
            Some("nov")
        );
    }

    #[test]
    fn lexicon_parses() {
        assert!(!lexicon().tense.future.is_empty());
        assert!(lexicon().references.contains_key("PAST_REF"));
    }
}
