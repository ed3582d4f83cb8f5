//! Calendar vocabulary and nom parsers for calendar dates ("5 November 2017",
//! "Nov. 5, 2017", "2017-11-05", "Sunday, Nov. 5"). Shared by the document
//! stage (datelines) and the extract stage (date claims), so both read dates
//! the same way.

use jiff::civil::{Date, Weekday};
use nom::{
    branch::alt,
    bytes::complete::{tag_no_case, take_while_m_n},
    character::complete::{char, space1},
    combinator::{map_res, opt, verify},
    sequence::terminated,
    IResult, Parser,
};

use crate::slow_path::{self, SlowPath};

/// A date as written: any part may be missing ("November 5" has no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    pub weekday: Option<Weekday>,
}

impl PartialDate {
    /// The full date, when year, month and day are all known and valid.
    pub fn to_date(self) -> Option<Date> {
        Date::new(self.year? as i16, self.month?, self.day?).ok()
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Abbreviations accepted for each month, with or without a full stop.
const MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["jan"],
    &["feb"],
    &["mar"],
    &["apr"],
    &[],
    &[],
    &[],
    &["aug"],
    &["sept", "sep"],
    &["oct"],
    &["nov"],
    &["dec"],
];

const WEEKDAYS: [(&str, &str, Weekday); 7] = [
    ("monday", "mon", Weekday::Monday),
    ("tuesday", "tue", Weekday::Tuesday),
    ("wednesday", "wed", Weekday::Wednesday),
    ("thursday", "thu", Weekday::Thursday),
    ("friday", "fri", Weekday::Friday),
    ("saturday", "sat", Weekday::Saturday),
    ("sunday", "sun", Weekday::Sunday),
];

/// The English name of a weekday ("Tuesday").
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The English name of a month, 1-based ("November").
pub fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

fn is_word_end(rest: &str) -> bool {
    !rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// The rest of `input` after `word` (lower-case ASCII), matched without
/// regard to case and ending at a word boundary. It allocates nothing, as
/// the extractor tries it at many words of an article.
fn word_prefix<'a>(input: &'a str, word: &str) -> Option<&'a str> {
    let head = input.get(..word.len())?;
    let rest = &input[word.len()..];
    (head.eq_ignore_ascii_case(word) && is_word_end(rest)).then_some(rest)
}

/// The first byte of `input` lower-cased (0 when it is empty), for
/// [`may_open`].
fn first_lower(input: &str) -> u8 {
    input.as_bytes().first().map_or(0, u8::to_ascii_lowercase)
}

/// Whether `name` (lower-case ASCII) can open a text whose first byte,
/// lower-cased, is `first`. [`word_prefix`] fails for every name this turns
/// away, so the name lists below skip them unread; the extractor tries the
/// lists at thousands of figures and words that open no date.
fn may_open(first: u8, name: &str) -> bool {
    name.as_bytes().first() == Some(&first) || slow_path::taken(SlowPath::EveryName)
}

/// Whether no name can open a text whose first byte, lower-cased, is
/// `first`: every name starts with an ASCII letter, so a figure ends the
/// search before the lists are read.
fn no_name_opens(first: u8) -> bool {
    !first.is_ascii_lowercase() && !slow_path::taken(SlowPath::EveryName)
}

/// A month name or abbreviation ("November", "Nov.", "Sept"), as 1..=12.
pub fn month(input: &str) -> IResult<&str, i8> {
    let first = first_lower(input);
    for (index, name) in MONTHS.iter().enumerate() {
        if no_name_opens(first) {
            break;
        }
        // Every abbreviation starts with its month's first letter.
        if !may_open(first, name) {
            continue;
        }
        let month = index as i8 + 1;
        if let Some(rest) = word_prefix(input, name) {
            return Ok((rest, month));
        }
        for abbreviation in MONTH_ABBREVIATIONS[index] {
            if let Some(rest) = word_prefix(input, abbreviation) {
                let rest = rest.strip_prefix('.').unwrap_or(rest);
                return Ok((rest, month));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// A weekday name or abbreviation ("Sunday", "Sun.").
pub fn weekday(input: &str) -> IResult<&str, Weekday> {
    let first = first_lower(input);
    // By reference: a copy of the table per call costs a memcpy.
    for &(name, abbreviation, day) in &WEEKDAYS {
        if no_name_opens(first) {
            break;
        }
        if !may_open(first, name) {
            continue;
        }
        for word in [name, abbreviation] {
            if let Some(rest) = word_prefix(input, word) {
                let rest = if word == abbreviation {
                    rest.strip_prefix('.').unwrap_or(rest)
                } else {
                    rest
                };
                return Ok((rest, day));
            }
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

fn digits(min: usize, max: usize) -> impl FnMut(&str) -> IResult<&str, &str> {
    move |input: &str| {
        let (rest, found) = take_while_m_n(min, max, |c: char| c.is_ascii_digit())(input)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Digit,
            )));
        }
        Ok((rest, found))
    }
}

/// A four-digit year from 1000 to 2199, not followed by more digits or letters.
pub fn year(input: &str) -> IResult<&str, i32> {
    let (rest, y) = verify(map_res(digits(4, 4), str::parse::<i32>), |y| {
        (1000..2200).contains(y)
    })
    .parse(input)?;
    if !is_word_end(rest) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, y))
}

/// A day of the month, 1..=31, with an optional ordinal suffix ("5th").
/// Read byte by byte rather than with nom's combinators: the extractor tries
/// it at every figure that might open a date, and most are not days.
pub fn day_of_month(input: &str) -> IResult<&str, i8> {
    let error = |kind| Err(nom::Err::Error(nom::error::Error::new(input, kind)));
    let bytes = input.as_bytes();
    let len = bytes
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let day = match (len, bytes) {
        (1, [d, ..]) => (d - b'0') as i8,
        (2, [t, d, ..]) => ((t - b'0') * 10 + (d - b'0')) as i8,
        _ => return error(nom::error::ErrorKind::Digit),
    };
    if !(1..=31).contains(&day) {
        return error(nom::error::ErrorKind::Verify);
    }
    let rest = &input[len..];
    let suffix = rest.as_bytes().get(..2).is_some_and(|s| {
        ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| s.eq_ignore_ascii_case(x.as_bytes()))
    });
    let rest = if suffix { &rest[2..] } else { rest };
    if !is_word_end(rest) {
        return error(nom::error::ErrorKind::Verify);
    }
    Ok((rest, day))
}

/// "5 November 2017", "5th of November", "5 Nov."
fn day_month_year(input: &str) -> IResult<&str, PartialDate> {
    let (rest, day) = day_of_month(input)?;
    let (rest, _) = space1(rest)?;
    let (rest, _) = opt(terminated(tag_no_case("of"), space1)).parse(rest)?;
    let (rest, month) = month(rest)?;
    let (rest, year) = opt(preceded_comma_space(year)).parse(rest)?;
    Ok((
        rest,
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
            weekday: None,
        },
    ))
}

/// "November 5, 2017", "Nov. 5 2017", "November 5"
fn month_day_year(input: &str) -> IResult<&str, PartialDate> {
    let (rest, month) = month(input)?;
    let (rest, _) = space1(rest)?;
    let (rest, day) = day_of_month(rest)?;
    let (rest, year) = opt(preceded_comma_space(year)).parse(rest)?;
    Ok((
        rest,
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
            weekday: None,
        },
    ))
}

fn preceded_comma_space<'a, O>(
    parser: impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
) -> impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>> {
    nom::sequence::preceded((opt(char(',')), space1), parser)
}

/// "2017-11-05"
fn iso_date(input: &str) -> IResult<&str, PartialDate> {
    let (rest, (y, _, m, _, d)) = (
        year_digits,
        char('-'),
        map_res(digits(2, 2), str::parse::<i8>),
        char('-'),
        map_res(digits(2, 2), str::parse::<i8>),
    )
        .parse(input)?;
    let date = PartialDate {
        year: Some(y),
        month: Some(m),
        day: Some(d),
        weekday: None,
    };
    if date.to_date().is_none() || !is_word_end(rest) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, date))
}

fn year_digits(input: &str) -> IResult<&str, i32> {
    verify(map_res(digits(4, 4), str::parse::<i32>), |y| {
        (1000..2200).contains(y)
    })
    .parse(input)
}

/// A calendar date with day and month (year optional), optionally opened by a
/// weekday: "Sunday, 5 November 2017", "Nov. 5, 2017", "2017-11-05".
pub fn calendar_date(input: &str) -> IResult<&str, PartialDate> {
    let (rest, weekday) = opt(terminated(
        weekday,
        (
            opt(char(',')),
            space1,
            opt(terminated(tag_no_case("the"), space1)),
        ),
    ))
    .parse(input)?;
    let (rest, mut date) = alt((iso_date, day_month_year, month_day_year)).parse(rest)?;
    date.weekday = weekday;
    Ok((rest, date))
}

/// The text a parser consumed, for callers that need the matched slice.
pub fn consumed<'a>(input: &'a str, rest: &'a str) -> &'a str {
    &input[..input.len() - rest.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (PartialDate, &str) {
        let (rest, date) = calendar_date(s).expect(s);
        (date, rest)
    }

    #[test]
    fn reads_common_forms() {
        let full = PartialDate {
            year: Some(2017),
            month: Some(11),
            day: Some(5),
            weekday: None,
        };
        assert_eq!(parse("5 November 2017 in").0, full);
        assert_eq!(parse("Nov. 5, 2017.").0, full);
        assert_eq!(parse("November 5th, 2017").0, full);
        assert_eq!(parse("2017-11-05").0, full);
        assert_eq!(parse("Sunday, Nov. 5").0.weekday, Some(Weekday::Sunday));
        assert_eq!(parse("Sunday, Nov. 5").0.year, None);
        assert_eq!(parse("Nov. 5 (Xinhua)").1, " (Xinhua)");
    }

    #[test]
    fn rejects_non_dates() {
        assert!(calendar_date("May I").is_err());
        assert!(calendar_date("32 May").is_err());
        assert!(calendar_date("Novel 5").is_err());
        assert!(calendar_date("2017-13-01").is_err());
    }

    /// [`day_of_month`] as it was written with nom's combinators, which the
    /// byte-by-byte reading replaced.
    fn day_of_month_nom(input: &str) -> Option<(&str, i8)> {
        let (rest, day) = verify(map_res(digits(1, 2), str::parse::<i8>), |d| {
            (1..=31).contains(d)
        })
        .parse(input)
        .ok()?;
        let (rest, _) = opt(alt((
            tag_no_case::<_, _, nom::error::Error<&str>>("st"),
            tag_no_case("nd"),
            tag_no_case("rd"),
            tag_no_case("th"),
        )))
        .parse(rest)
        .ok()?;
        is_word_end(rest).then_some((rest, day))
    }

    proptest::proptest! {
        /// The byte-by-byte day reads what the nom reading read.
        #[test]
        fn day_of_month_reads_as_nom_did(input in "[0-9]{0,4}(st|ND|rd|Th|s|t)?[ a-z.\u{e9}0-9]{0,3}") {
            proptest::prop_assert_eq!(day_of_month(&input).ok(), day_of_month_nom(&input), "{:?}", input);
        }
    }

    /// Words the calendar grammar reads, and words that look like them.
    const DATE_PARTS: [&str; 26] = [
        "5",
        "15th",
        "31",
        "2017",
        "2,000",
        "of",
        "the",
        ",",
        "November",
        "Nov.",
        "nov",
        "Novel",
        "MAY",
        "may",
        "Mar",
        "March",
        "Sept",
        "sun",
        "Sunday",
        "Sat.",
        "Saturn",
        "june",
        "J",
        "",
        "\u{e9}t\u{e9}",
        "-",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Trying only the names that start with the first letter finds
        /// what trying every name finds.
        #[test]
        fn first_letter_skips_change_no_reading(
            words in proptest::collection::vec(proptest::sample::select(&DATE_PARTS[..]), 1..5),
            space in proptest::sample::select(&[" ", "  ", ", ", ""][..])
        ) {
            let input = words.join(space);
            let read = || (
                calendar_date(&input).ok(),
                month(&input).ok(),
                weekday(&input).ok(),
            );
            let every = slow_path::run(SlowPath::EveryName, true, read);
            proptest::prop_assert_eq!(read(), every, "{:?}", input);
        }
    }
}
