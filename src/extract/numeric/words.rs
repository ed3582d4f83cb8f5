//! Number words: cardinals ("seventeen", "twenty-one", "a hundred", "two
//! dozen", "one hundred and five", "two million"), ordinal words ("ninth",
//! "twenty-first") and fractions ("half", "a third", "two-thirds",
//! "three-quarters", "one in five").

use super::lexicon::numbers;
use super::number::Num;
use super::text::{at_boundary, skip_space, space1, word_ci};
use crate::extract::leading_word_lower;

use crate::extract::number_words::{ONES as UNITS, TENS};
use crate::extract::word_table::{key, PackedMap};
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORDINAL_TENS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// A word token of a spelled number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Unit(f64),
    Tens(f64),
    Hundred,
    Dozen,
    Scale(f64),
}

/// Where an ordinal word stands in a number: "ninth" (0 to 19) or
/// "ninetieth" (20 to 90, tens).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ordinal {
    Unit(f64),
    Tens(f64),
}

/// What a lower-case word is to [`number_words`]: the token it reads as
/// and the ordinal it names, as [`token`] and [`ordinal_of`] find them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct NumberWord {
    token: Option<Token>,
    ordinal: Option<Ordinal>,
}

/// [`NumberWord`] of `word`: one look-up of the packed word in a table of
/// every word either list holds, where reading the lists compared the word
/// with some fifty words and hashed it as a string, for every word of a
/// spelled number and the word after it. Words too long to pack are read
/// from the lists.
fn number_word(word: &str) -> NumberWord {
    #[cfg(test)]
    if crate::slow_path::taken(crate::slow_path::SlowPath::NumberWordLists) {
        return number_word_from_lists(word);
    }
    match key(word) {
        Some(packed) => number_word_table()
            .get(&packed)
            .copied()
            .unwrap_or_default(),
        None => number_word_from_lists(word),
    }
}

fn number_word_from_lists(word: &str) -> NumberWord {
    NumberWord {
        token: token(word),
        ordinal: ordinal_of(word),
    }
}

/// The packed words for [`number_word`], made once per word-list
/// configuration (a pack may add scale words): every word that reads as a
/// token or an ordinal, with what the lists say of it (a word outside the
/// table is neither).
fn number_word_table() -> &'static PackedMap<NumberWord> {
    static TABLE: std::sync::OnceLock<PackedMap<NumberWord>> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&TABLE, || {
        let scales = numbers().scale_words.keys().map(String::as_str);
        UNITS
            .iter()
            .chain(&TENS)
            .chain(&ORDINAL_UNITS)
            .chain(&ORDINAL_TENS)
            .chain(&["hundred", "dozen"])
            .copied()
            .chain(scales)
            .filter_map(|w| Some((key(w)?, number_word_from_lists(w))))
            .collect()
    })
}

fn token(word: &str) -> Option<Token> {
    if let Some(i) = UNITS.iter().position(|w| *w == word) {
        return Some(Token::Unit(i as f64));
    }
    if let Some(i) = TENS.iter().position(|w| !w.is_empty() && *w == word) {
        return Some(Token::Tens(i as f64 * 10.0));
    }
    match word {
        "hundred" => return Some(Token::Hundred),
        "dozen" => return Some(Token::Dozen),
        _ => {}
    }
    numbers()
        .scale_words
        .get(word)
        .filter(|&&f| f >= 1000.0)
        .map(|&f| Token::Scale(f))
}

/// Every lower-case word that can open a spelled number, fraction or
/// ordinal, for the scanner's cheap first test: the words [`token`] reads,
/// the ordinal words, "half" and the plural scales ("thousands"). "a" and
/// "an" open one only before a word of [`after_article`].
pub(super) fn opener_words() -> impl Iterator<Item = &'static str> {
    let numbers = numbers();
    let scales = numbers
        .scale_words
        .iter()
        .filter(|(_, &f)| f >= 1000.0)
        .map(|(w, _)| w.as_str());
    UNITS
        .iter()
        .chain(&TENS)
        .chain(&ORDINAL_UNITS)
        .chain(&ORDINAL_TENS)
        .chain(&["hundred", "dozen", "half"])
        .copied()
        .chain(scales)
        .chain(numbers.plural_scales.keys().map(String::as_str))
        .filter(|w| !w.is_empty())
}

/// Every lower-case word that can follow "a" or "an" in a figure: the
/// scale words and "hundred" and "dozen" ("a hundred", "a million") and the
/// fraction denominators ("a third", "an eighth"), singular and plural.
pub(super) fn after_article() -> impl Iterator<Item = &'static str> {
    const DENOMINATORS: [&str; 20] = [
        "half", "halve", "halfs", "halves", "third", "thirds", "quarter", "quarters", "fifth",
        "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths",
        "tenth", "tenths",
    ];
    numbers()
        .scale_words
        .keys()
        .map(String::as_str)
        .chain(["hundred", "dozen"])
        .chain(DENOMINATORS)
}

/// A spelled cardinal or ordinal at the start of `s`.
pub(super) fn number_words(s: &str) -> Option<Num> {
    let mut rest = s;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last: Option<Token> = None;
    let mut scale: Option<f64> = None;
    let mut consumed = 0;
    // "a hundred", "a dozen", "a million"
    if let Some(after) = word_ci(s, "a").and_then(space1) {
        let mut buf = [0u8; 24];
        let word = leading_word_lower(after, &mut buf)?;
        match number_word(word).token? {
            Token::Hundred | Token::Dozen | Token::Scale(_) => {
                current = 1.0;
                last = Some(Token::Unit(1.0));
                rest = after;
            }
            _ => return None,
        }
    }
    loop {
        let mut buf = [0u8; 24];
        let Some(word) = leading_word_lower(rest, &mut buf) else {
            break;
        };
        let after_word = &rest[word.len()..];
        let read = number_word(word);
        // ordinal word ends the number: "twenty-first", "hundredth"
        if let Some(ordinal) = read.ordinal.and_then(|o| ordinal_value(o, last)) {
            if at_boundary(after_word) {
                let value = total + current + ordinal;
                return Some(Num {
                    value,
                    len: s.len() - after_word.len(),
                    ordinal: true,
                    spelled: true,
                    year_like: false,
                    scale: None,
                });
            }
        }
        let Some(tok) = read.token else { break };
        if !at_boundary(after_word) {
            break;
        }
        let allowed = match (last, tok) {
            (None, _) => true,
            (Some(Token::Tens(_)), Token::Unit(u)) => (1.0..=9.0).contains(&u),
            (
                Some(Token::Unit(_) | Token::Tens(_)),
                Token::Hundred | Token::Dozen | Token::Scale(_),
            ) => true,
            (Some(Token::Hundred), Token::Unit(u)) => u >= 1.0,
            (Some(Token::Hundred), Token::Tens(_) | Token::Scale(_) | Token::Dozen) => true,
            (Some(Token::Scale(f)), Token::Unit(u)) => u >= 1.0 && f >= 1000.0,
            (Some(Token::Scale(_)), Token::Tens(_)) => true,
            (Some(Token::Scale(f)), Token::Scale(g)) => g < f,
            _ => false,
        };
        if !allowed {
            break;
        }
        match tok {
            Token::Unit(v) | Token::Tens(v) => current += v,
            Token::Hundred => current = current.max(1.0) * 100.0,
            Token::Dozen => current = current.max(1.0) * 12.0,
            Token::Scale(f) => {
                total += current.max(1.0) * f;
                current = 0.0;
                scale = Some(f);
            }
        }
        last = Some(tok);
        consumed = s.len() - after_word.len();
        rest = after_word;
        // joiners: "twenty-one", "one hundred and five", spaces
        let joined = if matches!(tok, Token::Tens(_)) {
            rest.strip_prefix('-')
                .filter(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
        } else {
            None
        };
        rest = match joined {
            Some(r) => r,
            None => {
                let Some(spaced) = space1(rest) else { break };
                match word_ci(spaced, "and").and_then(space1) {
                    Some(after_and) if matches!(tok, Token::Hundred | Token::Scale(_)) => after_and,
                    _ => spaced,
                }
            }
        };
    }
    if last.is_none() || consumed == 0 {
        return None;
    }
    Some(Num {
        value: total + current,
        len: consumed,
        ordinal: false,
        spelled: true,
        year_like: false,
        scale,
    })
}

/// The ordinal a word names ("first", "ninetieth"), if any.
fn ordinal_of(word: &str) -> Option<Ordinal> {
    if let Some(i) = ORDINAL_UNITS.iter().position(|w| *w == word) {
        return Some(Ordinal::Unit(i as f64));
    }
    ORDINAL_TENS
        .iter()
        .position(|w| !w.is_empty() && *w == word)
        .map(|i| Ordinal::Tens(i as f64 * 10.0))
}

/// The value of an ordinal word in a number after the token `last` ("first"
/// = 1; "hundredth" after "one" multiplies), None where it cannot stand.
fn ordinal_value(ordinal: Ordinal, last: Option<Token>) -> Option<f64> {
    match (ordinal, last) {
        (Ordinal::Unit(v), None | Some(Token::Tens(_) | Token::Hundred | Token::Scale(_))) => {
            Some(v)
        }
        (Ordinal::Tens(v), None | Some(Token::Hundred | Token::Scale(_))) => Some(v),
        _ => None,
    }
}

/// The denominator a fraction word names: "half" 2, "third(s)" 3,
/// "quarter(s)" 4, "fifth(s)" 5 ... "tenth(s)" 10.
fn denominator(word: &str) -> Option<f64> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    match singular {
        "half" | "halve" => Some(2.0),
        "third" => Some(3.0),
        "quarter" => Some(4.0),
        _ => ORDINAL_UNITS[5..=10]
            .iter()
            .position(|w| *w == singular)
            .map(|i| i as f64 + 5.0),
    }
}

/// A fraction at the start of `s`: its share (0.5 for "half") and length.
/// Forms that could be something else ("half", "a third", "a quarter")
/// count only before "of" or a determiner ("half the", "a third of"), or
/// when `lenient` (after "by": "rose by a third").
pub(super) fn fraction(s: &str, lenient: bool) -> Option<(f64, usize)> {
    let mut buf = [0u8; 24];
    let first = leading_word_lower(s, &mut buf)?;
    let after_first = &s[first.len()..];
    // "half" on its own
    if first == "half" {
        return (lenient || needs_of(after_first)).then_some((0.5, 4));
    }
    // numerator: "a", "an", "one", "two", ... "nine", or digits
    let numerator = match first {
        "a" | "an" => 1.0,
        _ => UNITS[1..10]
            .iter()
            .position(|w| *w == first)
            .map(|i| i as f64 + 1.0)?,
    };
    let (joined, rest) = match after_first.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, space1(after_first)?),
    };
    let mut buf2 = [0u8; 24];
    let word = leading_word_lower(rest, &mut buf2)?;
    let after = &rest[word.len()..];
    if !at_boundary(after) {
        return None;
    }
    let d = denominator(word)?;
    let plural = word.ends_with('s');
    if numerator > 1.0 && !plural || numerator == 1.0 && plural {
        return None;
    }
    // "a third of", "one quarter of the"; hyphenated and plural forms stand alone
    let ambiguous = !joined && !plural;
    if ambiguous && !lenient && !needs_of(after) {
        return None;
    }
    if numerator >= d {
        return None;
    }
    Some((numerator / d, s.len() - after.len()))
}

/// "one in five", "1 in 5", "nine out of ten", "one in every four": the
/// share and the length. `number` is the number at the start of `s` as
/// `number::number(s, false)` reads it (the caller reads it once for all
/// its readings).
pub(super) fn one_in(s: &str, number: Option<Num>) -> Option<(f64, usize)> {
    let (numerator, rest) = small(s, number?)?;
    let rest = space1(rest)?;
    let rest = word_ci(rest, "in").or_else(|| super::text::phrase_ci(rest, "out of"))?;
    let mut rest = space1(rest)?;
    if let Some(after) = word_ci(rest, "every").and_then(space1) {
        rest = after;
    }
    let (denominator, after) = small_number(rest)?;
    if denominator <= numerator || denominator < 2.0 {
        return None;
    }
    // "one in 10 years" is not a share; nor "1 in 2019"
    let next = skip_space(after);
    let mut buf = [0u8; 24];
    if leading_word_lower(next, &mut buf).is_some_and(|w| numbers().time_nouns.contains(w)) {
        return None;
    }
    Some((numerator / denominator, s.len() - after.len()))
}

/// A whole number under a million as digits or words, for shares.
fn small_number(s: &str) -> Option<(f64, &str)> {
    small(s, super::number::number(s, false)?)
}

/// `n`, read at the start of `s`, when it is a whole number under a
/// million, and the rest.
fn small(s: &str, n: Num) -> Option<(f64, &str)> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let ok = !n.ordinal && !n.year_like && n.value.fract() == 0.0 && n.value < 1e6;
        return ok.then(|| (n.value, &s[n.len..]));
    }
    (!n.ordinal && n.value < 1e6).then(|| (n.value, &s[n.len..]))
}

/// True when a fraction word is followed by "of" or a determiner.
fn needs_of(after: &str) -> bool {
    let Some(next) = space1(after) else {
        return false;
    };
    [
        "of", "the", "its", "their", "his", "her", "our", "all", "those", "these",
    ]
    .iter()
    .any(|w| word_ci(next, w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<(f64, usize)> {
        number_words(s).map(|n| (n.value, n.len))
    }

    #[test]
    fn cardinal_words() {
        assert_eq!(value("seventeen projects"), Some((17.0, 9)));
        assert_eq!(value("twenty-one people"), Some((21.0, 10)));
        assert_eq!(value("a hundred people"), Some((100.0, 9)));
        assert_eq!(value("two dozen eggs"), Some((24.0, 9)));
        assert_eq!(value("one hundred and five days"), Some((105.0, 20)));
        assert_eq!(value("two million people"), Some((2e6, 11)));
        assert_eq!(value("Three thousand five hundred"), Some((3500.0, 27)));
        assert_eq!(value("one two"), Some((1.0, 3)));
        assert_eq!(value("a man"), None);
        assert_eq!(value("nine and ten"), Some((9.0, 4)));
        assert_eq!(value("fiftyish"), None);
    }

    /// The packed table reads every word as the lists do: the words it
    /// holds, and words near them that it does not.
    #[test]
    fn packed_number_words_read_as_the_lists() {
        let listed: Vec<String> = UNITS
            .iter()
            .chain(&TENS)
            .chain(&ORDINAL_UNITS)
            .chain(&ORDINAL_TENS)
            .chain(&["hundred", "dozen", "half", "a", "an", "people", "thousands"])
            .map(|w| w.to_string())
            .chain(numbers().scale_words.keys().cloned())
            .collect();
        for word in &listed {
            for variant in [word.clone(), format!("{word}s"), word.to_uppercase()] {
                assert_eq!(
                    number_word(&variant),
                    number_word_from_lists(&variant),
                    "{variant:?}"
                );
            }
        }
        assert_eq!(number_word("seventeen").token, Some(Token::Unit(17.0)));
        assert_eq!(number_word("ninth").ordinal, Some(Ordinal::Unit(9.0)));
        assert_eq!(number_word("projects"), NumberWord::default());
    }

    /// Spelled numbers read the same with the word lists as with the table.
    #[test]
    fn number_words_read_alike_from_the_lists() {
        for text in [
            "seventeen projects",
            "twenty-first century",
            "a hundred people",
            "one hundred and five days",
            "two million people",
            "Three thousand five hundred",
            "ninety-ninth",
            "one hundredth",
            "a dozen",
            "fiftyish",
        ] {
            let fast = number_words(text);
            let slow =
                crate::slow_path::run(crate::slow_path::SlowPath::NumberWordLists, true, || {
                    number_words(text)
                });
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn ordinal_words() {
        let n = number_words("twenty-first century").unwrap();
        assert!(n.ordinal && n.value == 21.0);
        let n = number_words("ninth of 12").unwrap();
        assert!(n.ordinal && n.value == 9.0 && n.len == 5);
    }

    fn fraction_strict(s: &str) -> Option<(f64, usize)> {
        fraction(s, false)
    }

    #[test]
    fn fractions_and_shares() {
        assert_eq!(
            fraction_strict("two-thirds of voters"),
            Some((2.0 / 3.0, 10))
        );
        assert_eq!(fraction_strict("a third of the"), Some((1.0 / 3.0, 7)));
        assert_eq!(fraction_strict("a third time"), None);
        assert_eq!(fraction_strict("three-quarters"), Some((0.75, 14)));
        assert_eq!(fraction_strict("half of them"), Some((0.5, 4)));
        assert_eq!(fraction_strict("half-time"), None);
        assert_eq!(fraction_strict("two thirds"), Some((2.0 / 3.0, 10)));
        let one_in = |s| one_in(s, crate::extract::numeric::number::number(s, false));
        assert_eq!(one_in("one in five adults"), Some((0.2, 11)));
        assert_eq!(one_in("1 in 5"), Some((0.2, 6)));
        assert_eq!(one_in("nine out of ten"), Some((0.9, 15)));
        assert_eq!(one_in("one in 10 years"), None);
    }
}
