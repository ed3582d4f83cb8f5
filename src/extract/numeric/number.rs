//! The core number grammar: digits with thousands separators, decimals,
//! scientific notation, attached or spelled scales ("1.2bn", "2 million",
//! "5 lakh"), digit ordinals ("22nd"), and number words through words.rs.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{opt, recognize};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::lexicon::numbers;
use super::text::{self, at_boundary, skip_space, word_ci};
use super::words;
use crate::extract::word_table::{leading_word_key, PackedFilter};

/// A number as written, before any unit or noun.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Num {
    pub value: f64,
    /// Bytes of the input the number takes.
    pub len: usize,
    /// "22nd", "ninth".
    pub ordinal: bool,
    /// Spelled out ("seventeen").
    pub spelled: bool,
    /// A bare four-digit integer that reads as a year ("2014").
    pub year_like: bool,
    /// A scale word or suffix multiplied it ("1.2bn", "two million").
    pub scale: Option<f64>,
}

/// The number at the start of `s` (digits or words). `money` allows the
/// money-only scale letters ("$3.5m").
pub(super) fn number(s: &str, money: bool) -> Option<Num> {
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        digits_number(s, money)
    } else {
        words::number_words(s)
    }
}

fn digits_number(s: &str, money: bool) -> Option<Num> {
    let (mantissa, mut rest) = plain_number(s)?;
    let mut value = mantissa;
    let plain_len = s.len() - rest.len();
    let integer_text = &s[..plain_len];
    let is_integer = integer_text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',');
    if let Ok((after, exponent)) = times_ten(rest) {
        value *= 10f64.powi(exponent);
        rest = after;
    } else if integer_text == "10" {
        if let Ok((after, exponent)) = bare_power(rest) {
            value = 10f64.powi(exponent);
            rest = after;
        }
    }
    let mut num = Num {
        value,
        len: 0,
        ordinal: false,
        spelled: false,
        year_like: is_integer && integer_text.len() == 4 && (1700.0..=2100.0).contains(&mantissa),
        scale: None,
    };
    if is_integer {
        if let Some(after) = ordinal_suffix(rest) {
            num.ordinal = true;
            num.year_like = false;
            num.len = s.len() - after.len();
            return Some(num);
        }
    }
    if let Some((factor, after)) = scale(rest, money) {
        num.value *= factor;
        num.scale = Some(factor);
        num.year_like = false;
        rest = after;
    }
    num.len = s.len() - rest.len();
    Some(num)
}

/// Digits with separators and a decimal part; returns the value and the rest.
fn plain_number(s: &str) -> Option<(f64, &str)> {
    let (mut rest, first) = digit1::<_, nom::error::Error<&str>>(s).ok()?;
    // Thousands groups: "1,200,000", Indian "1,20,000", "1 200" (thin or
    // no-break space always; a plain space only before exactly three digits),
    // "1.200.000" (two or more dot groups).
    let mut grouped = Groups::default();
    if first.len() <= 3 {
        if let Some((found, after)) = groups(rest, first.len()) {
            grouped = found;
            rest = after;
        }
    }
    let digits_len = first.len() + grouped.digits().map(str::len).sum::<usize>();
    let mut fraction = None;
    if let Ok((after, digits)) = decimal(rest) {
        fraction = Some(digits);
        rest = after;
        // a standard uncertainty in the last digits: "5.4307(2)"
        if let Ok((after, _)) = uncertainty(rest) {
            rest = after;
        }
    } else if let Some((after, denominator)) = (digits_len <= 3)
        .then(|| slash_fraction(rest).ok())
        .flatten()
    {
        // "1/100", "3/4"; not "3/4/2020", which is a date
        let numerator: f64 = first.parse().ok()?;
        return Some((numerator / denominator, after));
    }
    let exact = exact_decimal(
        std::iter::once(first)
            .chain(grouped.digits())
            .chain(fraction),
        fraction.map_or(0, str::len),
    );
    let value = if let Some(value) = exact {
        value
    } else if grouped.count == 0 {
        // the digits and decimal part as written, with nothing to strip
        let end = first.len() + fraction.map_or(0, |f| 1 + f.len());
        s[..end].parse::<f64>().ok()?
    } else {
        // the digits without their separators, on the stack when they fit
        let mut text = TextBuf::default();
        text.push(first);
        for group in grouped.digits() {
            text.push(group);
        }
        if let Some(fraction) = fraction {
            text.push(".");
            text.push(fraction);
        }
        text.as_str().parse::<f64>().ok()?
    };
    Some((value, rest))
}

/// The value of the decimal number whose digits are `parts` joined, the
/// last `decimals` of them after the point, when its digits fit in an
/// integer of at most 15 digits: that integer and the power of ten are then
/// exact as `f64`, so their quotient is the correctly rounded value, the
/// one parsing the text gives (most figures take this way, which costs a
/// fraction of the parse). None for longer numbers.
fn exact_decimal<'a>(parts: impl Iterator<Item = &'a str>, decimals: usize) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    #[cfg(test)]
    if crate::slow_path::taken(crate::slow_path::SlowPath::ParsedDecimals) {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    for part in parts {
        for byte in part.bytes() {
            digits += 1;
            if digits > 15 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(byte - b'0');
        }
    }
    Some(mantissa as f64 / POWERS[decimals])
}

/// The digit groups of a grouped number ("1,200,000": "200", "000").
#[derive(Default)]
struct Groups<'a> {
    parts: [&'a str; MAX_GROUPS],
    count: usize,
}

/// More groups than any number has: the search stops after this many.
const MAX_GROUPS: usize = 9;

impl<'a> Groups<'a> {
    fn digits(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts[..self.count].iter().copied()
    }
}

/// A number's text rebuilt without separators: on the stack, or on the
/// heap for an absurdly long decimal part.
#[derive(Default)]
struct TextBuf {
    stack: [u8; 32],
    len: usize,
    heap: Option<String>,
}

impl TextBuf {
    fn push(&mut self, part: &str) {
        if let Some(heap) = &mut self.heap {
            heap.push_str(part);
        } else if self.len + part.len() <= self.stack.len() {
            self.stack[self.len..self.len + part.len()].copy_from_slice(part.as_bytes());
            self.len += part.len();
        } else {
            let mut heap = self.as_str().to_string();
            heap.push_str(part);
            self.heap = Some(heap);
        }
    }

    fn as_str(&self) -> &str {
        match &self.heap {
            Some(heap) => heap,
            // only whole ASCII strs are pushed
            None => std::str::from_utf8(&self.stack[..self.len]).unwrap_or_default(),
        }
    }
}

/// Thousands groups after a lead of `lead_len` digits; the groups and the rest.
fn groups(s: &str, lead_len: usize) -> Option<(Groups<'_>, &str)> {
    // (separator, digits, rest after)
    let mut parsed: [(char, &str, &str); MAX_GROUPS] = [(' ', "", ""); MAX_GROUPS];
    let mut count = 0;
    let mut rest = s;
    while let Ok((after, (sep, group))) = group(rest) {
        parsed[count] = (sep, group, after);
        count += 1;
        rest = after;
        if count == MAX_GROUPS {
            break;
        }
    }
    let parsed = &parsed[..count];
    let first = parsed.first()?;
    let sep = first.0;
    let same_len = parsed.iter().take_while(|g| g.0 == sep).count();
    let same = &parsed[..same_len];
    let take = match sep {
        ',' => {
            if same.iter().all(|g| g.1.len() == 3) {
                same.len()
            } else {
                // Indian grouping: pairs, then a final three.
                let pairs = same.iter().take_while(|g| g.1.len() == 2).count();
                if pairs > 0 && lead_len <= 2 && same.get(pairs).is_some_and(|g| g.1.len() == 3) {
                    pairs + 1
                } else {
                    same.iter().take_while(|g| g.1.len() == 3).count()
                }
            }
        }
        '.' => {
            let threes = same.iter().take_while(|g| g.1.len() == 3).count();
            if threes >= 2 {
                threes
            } else {
                0
            }
        }
        _ => same.iter().take_while(|g| g.1.len() == 3).count(),
    };
    if take == 0 {
        return None;
    }
    let mut found = Groups {
        count: take,
        ..Groups::default()
    };
    for (slot, group) in found.parts.iter_mut().zip(parsed) {
        *slot = group.1;
    }
    Some((found, parsed[take - 1].2))
}

/// One separator and digit group; the group must end the digits.
fn group(s: &str) -> IResult<&str, (char, &str)> {
    let (rest, sep) = one_of(",. \u{2009}\u{202F}\u{00A0}").parse(s)?;
    let (after, digits) = digit1(rest)?;
    // A plain space groups only a free-standing group of three ("1 200
    // people", not "3 100m races").
    let plain_space_ok = sep != ' ' || (at_boundary(after) && !after.starts_with('-'));
    if (digits.len() != 3 && sep != ',') || !plain_space_ok {
        return Err(verify_error(s));
    }
    Ok((after, (sep, digits)))
}

fn uncertainty(s: &str) -> IResult<&str, &str> {
    let (rest, digits) = delimited(char('('), digit1, char(')')).parse(s)?;
    if digits.len() > 3 || !at_boundary(rest) {
        return Err(verify_error(s));
    }
    Ok((rest, digits))
}

fn slash_fraction(s: &str) -> IResult<&str, f64> {
    let (rest, digits) = preceded(char('/'), digit1).parse(s)?;
    let denominator: f64 = digits.parse().map_err(|_| verify_error(s))?;
    if digits.len() > 4
        || denominator == 0.0
        || rest.starts_with(['/', '.', ',']) && !at_boundary(&rest[1..])
        || !at_boundary(rest)
    {
        return Err(verify_error(s));
    }
    Ok((rest, denominator))
}

fn decimal(s: &str) -> IResult<&str, &str> {
    let (rest, _) = char('.').parse(s)?;
    digit1(rest)
}

/// "× 10^3", "x 10−3", "×10³", "e-3". Plain exponent digits ("× 103", a
/// superscript lost in copying) only after a true multiplication sign.
fn times_ten(s: &str) -> IResult<&str, i32> {
    // Most numbers are followed by neither form's opening: a sign after
    // spaces and tabs (`space0`), or "e" right after the digits.
    let marker_next = s
        .trim_start_matches([' ', '\t'])
        .starts_with(['×', 'x', 'X', '*', '·']);
    #[cfg(test)]
    let gated = !super::gates_off();
    #[cfg(not(test))]
    let gated = true;
    if gated && !marker_next && !s.starts_with(['e', 'E']) {
        return Err(verify_error(s));
    }
    let (rest, marker) = alt((
        recognize((space0, one_of("×xX*·"), space0, tag("10"))),
        recognize(one_of("eE")),
    ))
    .parse(s)?;
    exponent(
        rest,
        marker.contains('×') || marker.eq_ignore_ascii_case("e"),
    )
}

fn verify_error(s: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Verify))
}

/// "10^-3", "10−3", "10⁻³" written on its own.
fn bare_power(s: &str) -> IResult<&str, i32> {
    let starts_power = s.starts_with(['^', '−', '⁻']) || s.starts_with(is_superscript_digit);
    if !starts_power {
        return Err(verify_error(s));
    }
    exponent(s, false)
}

/// An exponent: optional caret, optional sign, ASCII or superscript digits.
/// Unmarked ASCII digits (no caret, no sign) only when `plain_digits`.
pub(super) fn exponent(s: &str, plain_digits: bool) -> IResult<&str, i32> {
    let (rest, caret) = opt(alt((tag("^"), tag("**")))).parse(s)?;
    let (rest, sign) = opt(one_of("-−–+⁻⁺")).parse(rest)?;
    // "g− 1": a space that copying put after the sign
    let rest = match sign {
        Some('−') => rest
            .strip_prefix(' ')
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(rest),
        _ => rest,
    };
    let marked = caret.is_some() || sign.is_some() || rest.starts_with(is_superscript_digit);
    if !marked && !plain_digits {
        return Err(verify_error(s));
    }
    let negative = matches!(sign, Some('-' | '−' | '–' | '⁻'));
    let (rest, digits) = alt((digit1, take_while1(is_superscript_digit))).parse(rest)?;
    if digits.chars().count() > 3 || !at_boundary(rest) {
        return Err(verify_error(s));
    }
    let magnitude: i32 = digits
        .chars()
        .filter_map(superscript_value)
        .fold(0, |acc, d| acc * 10 + d as i32);
    Ok((rest, if negative { -magnitude } else { magnitude }))
}

pub(super) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// The value of an ASCII or superscript digit.
pub(super) fn superscript_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// "st", "nd", "rd", "th" attached to an integer.
fn ordinal_suffix(s: &str) -> Option<&str> {
    ["st", "nd", "rd", "th"].into_iter().find_map(|suffix| {
        let rest = s.strip_prefix(suffix)?;
        at_boundary(rest).then_some(rest)
    })
}

/// A scale after digits: attached letters ("1.2bn", "50k", "$3.5m"), or a
/// scale word after a space or hyphen ("2 million", "5-billion").
pub(super) fn scale(s: &str, money: bool) -> Option<(f64, &str)> {
    let data = numbers();
    // Attached letters: the longest that ends at a boundary.
    let letters = text::ascii_letters(s);
    if letters > 0 && letters <= 3 && at_boundary(&s[letters..]) && may_be_scale(s) {
        let attached = &s[..letters];
        let found = data
            .scale_suffixes
            .get(attached)
            .or_else(|| data.attached_suffixes.get(attached))
            .or_else(|| money.then(|| data.money_suffixes.get(attached)).flatten());
        if let Some(&factor) = found {
            return Some((factor, &s[letters..]));
        }
    }
    let spaced = skip_space(s);
    let spaced = if spaced.len() == s.len() {
        s.strip_prefix('-')?
    } else {
        spaced
    };
    if !may_be_scale(spaced) {
        return None;
    }
    let letters = text::ascii_letters(spaced);
    let word = &spaced[..letters];
    if let Some(&factor) = data.scale_suffixes.get(word) {
        if at_boundary(&spaced[letters..]) {
            return Some((factor, &spaced[letters..]));
        }
    }
    let mut buf = [0u8; 24];
    let lower = crate::extract::leading_word_lower(spaced, &mut buf)?;
    let &factor = data.scale_words.get(lower)?;
    let mut rest = word_ci(spaced, lower)?;
    let mut total = factor;
    // "hundred thousand", "lakh crore"
    if let Some(after) = space1_then_scale(rest) {
        total *= after.0;
        rest = after.1;
    }
    Some((total, rest))
}

/// False when the leading ASCII letters of `s` are, in any case, none of
/// the scale words and suffixes: most numbers are followed by a plain word
/// ("people", "in"), which this rules out without the four table look-ups.
fn may_be_scale(s: &str) -> bool {
    #[cfg(test)]
    if super::gates_off() {
        return true;
    }
    match leading_word_key(s) {
        Some(packed) => scale_filter().may_contain(packed),
        // no letters, or too many to pack: let the tables decide
        None => true,
    }
}

/// The scale words and suffixes of every table, lower-cased and packed
/// (a word of letters only can equal only a key of letters only, and such
/// a key packs as its lower case).
fn scale_filter() -> &'static PackedFilter {
    static FILTER: std::sync::OnceLock<PackedFilter> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&FILTER, || {
        let data = numbers();
        let mut filter = PackedFilter::default();
        let tables = [
            &data.scale_words,
            &data.scale_suffixes,
            &data.attached_suffixes,
            &data.money_suffixes,
        ];
        for word in tables.iter().flat_map(|table| table.keys()) {
            if let Some(packed) = leading_word_key(word) {
                filter.insert(packed);
            }
        }
        filter
    })
}

fn space1_then_scale(s: &str) -> Option<(f64, &str)> {
    let spaced = super::text::space1(s)?;
    let mut buf = [0u8; 24];
    let lower = crate::extract::leading_word_lower(spaced, &mut buf)?;
    let &factor = numbers().scale_words.get(lower)?;
    Some((factor, word_ci(spaced, lower)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Reading a number's digits as an integer gives the value the
        /// standard parse gives, for plain, grouped and decimal numbers of
        /// every length.
        #[test]
        fn integer_reading_agrees_with_the_parse(
            lead in "[0-9]{1,18}",
            groups in prop::collection::vec("[0-9]{2,3}", 0..4),
            separator in prop::sample::select(&[",", ".", " ", "\u{2009}"][..]),
            fraction in prop::option::of("[0-9]{1,18}"),
            after in prop::sample::select(&["", " people", "%", "m", "bn", "th", " x 10^3"][..]),
        ) {
            let mut text = lead;
            for group in &groups {
                text.push_str(separator);
                text.push_str(group);
            }
            if let Some(fraction) = &fraction {
                text.push('.');
                text.push_str(fraction);
            }
            text.push_str(after);
            let read = |slow| {
                crate::slow_path::run(crate::slow_path::SlowPath::ParsedDecimals, slow, || {
                    number(&text, false)
                })
            };
            let fast = read(false);
            let slow = read(true);
            prop_assert_eq!(
                fast.map(|n| (n.value.to_bits(), n.len)),
                slow.map(|n| (n.value.to_bits(), n.len)),
                "{:?}", text
            );
        }
    }

    fn value(s: &str) -> Option<(f64, usize)> {
        number(s, false).map(|n| (n.value, n.len))
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(value("1,200 people"), Some((1200.0, 5)));
        assert_eq!(value("3.5 tonnes"), Some((3.5, 3)));
        assert_eq!(value("1,20,000 rupees"), Some((120000.0, 8)));
        assert_eq!(value("1 200 people"), Some((1200.0, 5)));
        assert_eq!(value("1.200.000"), Some((1_200_000.0, 9)));
        assert_eq!(value("5, 6 and 7"), Some((5.0, 1)));
        assert_eq!(value("1,2"), Some((1.0, 1)));
        assert_eq!(value("17."), Some((17.0, 2)));
        assert_eq!(value("1/100 of"), Some((0.01, 5)));
        assert_eq!(value("3/4/2020"), Some((3.0, 1)));
        assert_eq!(value("5.4307(2) Å"), Some((5.4307, 9)));
    }

    #[test]
    fn scales() {
        assert_eq!(value("1.2bn"), Some((1.2e9, 5)));
        assert_eq!(value("2 million"), Some((2e6, 9)));
        assert_eq!(value("5 lakh"), Some((5e5, 6)));
        assert_eq!(value("2 crore"), Some((2e7, 7)));
        assert_eq!(value("3 bn"), Some((3e9, 4)));
        assert_eq!(value("50k"), Some((50e3, 3)));
        assert_eq!(value("5m"), Some((5.0, 1)));
        assert_eq!(number("3.5m", true).map(|n| n.value), Some(3.5e6));
    }

    #[test]
    fn scientific_notation_and_ordinals() {
        assert_eq!(value("1.5 × 10−3 M"), Some((1.5e-3, 13)));
        assert_eq!(value("2e5"), Some((2e5, 3)));
        assert_eq!(value("10⁻³"), Some((1e-3, 7)));
        let n = number("22nd meeting", false).unwrap();
        assert!(n.ordinal && n.value == 22.0 && n.len == 4);
        assert!(number("2014", false).unwrap().year_like);
        assert!(!number("2,014", false).unwrap().year_like);
    }
}
