//! Absolute and partial dates: calendar dates ("1 November 2017",
//! "Nov. 1"), numeric dates where unambiguous, months ("March 2017"),
//! years where the context makes a number a year ("in 2014"), year ranges,
//! decades ("the 1990s"), centuries, seasons, quarters and halves, fiscal
//! years and fixed holidays. A year-less date takes its year from the
//! publication date and the tense of the sentence.

use jiff::civil::Date;
use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while_m_n},
    combinator::opt,
    Parser,
};

use super::dispatch::{
    BARE_MONTH, CALENDAR_DATE, CENTURY, DECADE, FISCAL, HALF, HOLIDAY, MONTH_OF_RELATIVE_YEAR,
    MONTH_YEAR, NUMERIC_DATE, QUARTER, SEASON, YEAR, YEAR_RANGE,
};
use super::timex::{self, Direction};
use super::words::{self, fail, is_capitalised, is_word_end, kw, one_of, sp, PResult};
use super::{Env, Longest, Parsed};
use crate::calendar::{self, weekday_name};
use crate::extract::{ClaimKind, TemporalValue};

/// Offers `best` the readings of this grammar's alternatives at the
/// position of `env`, in their order.
pub(super) fn parse(env: &Env, best: &mut Longest) {
    let input = env.input();
    let Some(first) = input.as_bytes().first() else {
        return;
    };
    let can = env.can;
    if first.is_ascii_digit() {
        best.run(can, CALENDAR_DATE, input, |i| calendar_date(env, i));
        best.run(can, NUMERIC_DATE, input, numeric_date);
        best.run(can, YEAR_RANGE, input, |i| year_range(env, i));
        best.run(can, YEAR, input, |i| year(env, i));
        best.run(can, DECADE, input, decade);
        best.run(can, CENTURY, input, century);
        best.run(can, QUARTER, input, |i| quarter(env, i));
        return;
    }
    best.run(can, CALENDAR_DATE, input, |i| calendar_date(env, i));
    best.run(can, MONTH_YEAR, input, month_year);
    best.run(can, YEAR, input, |i| year(env, i));
    best.run(can, BARE_MONTH, input, |i| bare_month(env, i));
    best.run(can, MONTH_OF_RELATIVE_YEAR, input, |i| {
        month_of_relative_year(env, i)
    });
    best.run(can, YEAR_RANGE, input, |i| year_range(env, i));
    best.run(can, DECADE, input, decade);
    best.run(can, CENTURY, input, century);
    best.run(can, SEASON, input, |i| season(env, i));
    best.run(can, QUARTER, input, |i| quarter(env, i));
    best.run(can, HALF, input, |i| half(env, i));
    best.run(can, FISCAL, input, fiscal);
    best.run(can, HOLIDAY, input, |i| holiday(env, i));
}

/// True when `word` (lower case) makes a following four-digit number a
/// year ("in 2014"); the list is in rules/temporal.toml.
fn is_year_cue(word: &str) -> bool {
    words::lexicon().context.year_cues.iter().any(|c| c == word)
}

/// True when `word` (lower case) makes a following month name a month
/// ("in May"); the list is in rules/temporal.toml.
fn is_month_cue(word: &str) -> bool {
    words::lexicon()
        .context
        .month_cues
        .iter()
        .any(|c| c == word)
}

fn month_day_value(
    env: &Env,
    len: usize,
    year: Option<i32>,
    month: i8,
    day: i8,
) -> Option<TemporalValue> {
    let mut value = TemporalValue {
        month: Some(month),
        day: Some(day),
        ..TemporalValue::default()
    };
    match (year, env.as_of) {
        (Some(y), _) => {
            Date::new(i16::try_from(y).ok()?, month, day).ok()?;
            value.year = Some(y);
            value.timex = timex::month_day(Some(y), month, day);
        }
        (None, Some(_)) => {
            let y = env.choose_year(len, (month, day), (month, day), true)?;
            value.year = Some(y);
            value.year_inferred = true;
            value.anchor = env.anchor();
            value.timex = timex::month_day(Some(y), month, day);
        }
        (None, None) => value.timex = timex::month_day(None, month, day),
    }
    Some(value)
}

/// "Tuesday, 31 March 2015", "Nov. 1", "2017-11-01" (through the shared
/// [`calendar::calendar_date`]), with month names capitalised.
fn calendar_date<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, date) = calendar::calendar_date(input)?;
    let consumed = calendar::consumed(input, rest);
    // Month and weekday names are capitalised; "of" and "the" may join them.
    let lower_word = consumed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic()))
        .any(|w| !is_capitalised(w) && w != "of" && w != "the");
    if lower_word {
        return fail(input);
    }
    let (Some(month), Some(day)) = (date.month, date.day) else {
        return fail(input);
    };
    let Some(mut value) = month_day_value(env, consumed.len(), date.year, month, day) else {
        return fail(input);
    };
    // Where a word shows the tense, the year of "Saturday, April 25" comes
    // from it like any year-less date's, and the stated weekday is left for
    // consistency/weekday-mismatch to check. Where none does, the weekday
    // picks the year nearest publication in which the day is a Saturday.
    // (The cue is looked for only where it can matter.)
    if let (Some(weekday), None, Some(as_of)) = (date.weekday, date.year, env.as_of) {
        let inferred = match env.cue(consumed.len()) {
            None => year_with_weekday(as_of, month, day, weekday),
            Some(_) => None,
        };
        if let Some(y) = inferred {
            value.year = Some(y);
            value.timex = timex::month_day(Some(y), month, day);
        }
    }
    value.weekday = date.weekday.map(|w| weekday_name(w).to_string());
    Ok((rest, (ClaimKind::Date, value)))
}

/// The year next to publication (this one, the one before or after) in
/// which month/day falls on `weekday`, the nearest one if several do.
fn year_with_weekday(
    as_of: Date,
    month: i8,
    day: i8,
    weekday: jiff::civil::Weekday,
) -> Option<i32> {
    let y = i32::from(as_of.year());
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(|year| {
            let date = Date::new(i16::try_from(year).ok()?, month, day).ok()?;
            let distance = (date - as_of).get_days().abs();
            (date.weekday() == weekday).then_some((distance, year))
        })
        .min()
        .map(|(_, year)| year)
}

fn one_or_two_digits(input: &str) -> PResult<'_, i8> {
    let (rest, digits) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(input)?;
    match digits.parse() {
        Ok(n) => Ok((rest, n)),
        Err(_) => fail(input),
    }
}

/// "01/11/2017", "25.12.2017": only where day and month cannot be confused
/// (one part above 12, or both equal).
fn numeric_date(input: &str) -> PResult<'_, Parsed> {
    let (rest, (a, separator, b)) = (
        one_or_two_digits,
        alt((tag("/"), tag("."), tag("-"))),
        one_or_two_digits,
    )
        .parse(input)?;
    let (rest, (_, y)) = (tag(separator), calendar::year).parse(rest)?;
    let (day, month) = match (a, b) {
        (a, b) if a == b => (a, b),
        (a, b) if a > 12 && b <= 12 => (a, b),
        (a, b) if b > 12 && a <= 12 => (b, a),
        _ => return fail(input),
    };
    let Ok(date) = Date::new(y as i16, month, day) else {
        return fail(input);
    };
    Ok((rest, (ClaimKind::Date, timex::date_value(date))))
}

/// A month name with a capital ("March"), returning its number and whether
/// it was written in full.
fn capital_month(input: &str) -> PResult<'_, (i8, bool)> {
    if !is_capitalised(input) {
        return fail(input);
    }
    let (rest, month) = calendar::month(input)?;
    let consumed = calendar::consumed(input, rest);
    let full = consumed.eq_ignore_ascii_case(calendar::month_name(month));
    Ok((rest, (month, full)))
}

/// "March 2017", "March of 2017", "Nov. 2017".
fn month_year(input: &str) -> PResult<'_, Parsed> {
    let (rest, (month, _)) = capital_month(input)?;
    let (rest, _) = (opt(tag(",")), sp, opt((kw("of"), sp))).parse(rest)?;
    let (rest, y) = alt((calendar::year, words::spoken_year)).parse(rest)?;
    let value = TemporalValue {
        timex: timex::month(y, month),
        year: Some(y),
        month: Some(month),
        ..TemporalValue::default()
    };
    Ok((rest, (ClaimKind::Date, value)))
}

/// "January this year", "June last year", "March next year".
fn month_of_relative_year<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, ((month, full), _, which, _, _)) = (
        capital_month,
        sp,
        alt((kw("this"), kw("last"), kw("next"))),
        sp,
        kw("year"),
    )
        .parse(input)?;
    if !full {
        return fail(input);
    }
    let step = match which.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let value = match env.as_of {
        Some(as_of) => {
            let y = i32::from(as_of.year()) + step;
            TemporalValue {
                timex: timex::month(y, month),
                year: Some(y),
                month: Some(month),
                anchor: env.anchor(),
                ..TemporalValue::default()
            }
        }
        None => timex::value(timex::year_month(None, month)),
    };
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

/// A month standing alone, written in full with a capital: after a cue
/// word ("in March", "since October"); without one only a month that is
/// not also a common word or name (not March, April, May, June or August),
/// not opening the sentence and with no capitalised word beside it (not
/// "Theresa May", "October Films"). "last November" is relative.
fn bare_month<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (month, full)) = capital_month(input)?;
    if !full {
        return fail(input);
    }
    let previous = env.previous_word();
    let cued = previous.as_deref().is_some_and(is_month_cue);
    let before_is_name = words::last_word(env.before()).is_some_and(is_capitalised);
    let next_is_name = sp(rest)
        .ok()
        .is_some_and(|(after, _)| is_capitalised(after));
    let risky = matches!(month, 3 | 4 | 5 | 6 | 8);
    if !cued && (risky || before_is_name || next_is_name || previous.is_none()) {
        return fail(input);
    }
    let len = input.len() - rest.len();
    let mut value = TemporalValue {
        month: Some(month),
        ..TemporalValue::default()
    };
    match env.as_of {
        Some(_) => {
            let Some(y) = env.choose_year(len, (month, 1), (month, 31), false) else {
                return fail(input);
            };
            value.year = Some(y);
            value.year_inferred = true;
            value.anchor = env.anchor();
            value.timex = timex::month(y, month);
        }
        None => value.timex = timex::year_month(None, month),
    }
    Ok((rest, (ClaimKind::Date, value)))
}

/// A bare four-digit year, 1000–2199, where the context says it is one:
/// after a cue word ("in 2014", "since 2014"), before a possessive
/// ("2014's"), or as the year of an event ("the 1988 election").
fn year<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    if let Ok((rest, y)) = words::spoken_year(input) {
        // "nineteen ninety-six" is a year anywhere; "two thousand" only
        // where a year is expected.
        let cued = input.len() - rest.len() > "two thousand".len()
            || !input.to_ascii_lowercase().starts_with("two")
            || env.previous_word().as_deref().is_some_and(is_year_cue);
        if cued && !counts_something(rest) {
            return Ok((rest, (ClaimKind::Date, year_value(y))));
        }
        return fail(input);
    }
    let (rest, y) = calendar::year(input)?;
    let joined = env
        .before()
        .chars()
        .next_back()
        .is_some_and(|c| !(c.is_whitespace() || matches!(c, '(' | '"' | '“' | '[' | '—')));
    let previous = env.previous_word();
    if joined && !(env.before().ends_with('-') && previous.as_deref() == Some("mid")) {
        return fail(input);
    }
    let cued = previous.as_deref().is_some_and(is_year_cue)
        || rest.starts_with("'s")
        || rest.starts_with("’s")
        || event_year(y, rest)
        || starts_sentence_clause(env, rest);
    // "in 2014 people ...", "of 2000 employees": a plural noun makes a count.
    if !cued || counts_something(rest) {
        return fail(input);
    }
    Ok((rest, (ClaimKind::Date, year_value(y))))
}

/// "the 1988 election", "his unsuccessful 1996 campaign", "1990 BellSouth
/// earnings": a year between 1900 and 2100 used as an adjective, that is
/// followed by a singular word (a count would be followed by a plural).
fn event_year(y: i32, rest: &str) -> bool {
    if !(1900..=2100).contains(&y) {
        return false;
    }
    let Ok((after, _)) = sp(rest) else {
        return false;
    };
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    const NOT_NOUNS: [&str; 16] = [
        "of", "more", "to", "and", "or", "per", "square", "metric", "cubic", "million", "billion",
        "thousand", "a", "the", "than", "times",
    ];
    !next.is_empty()
        && !next.ends_with('s')
        && !NOT_NOUNS.contains(&next.to_ascii_lowercase().as_str())
}

/// True when a plural noun follows the number ("2000 people").
fn counts_something(rest: &str) -> bool {
    let Ok((after, _)) = sp(rest) else {
        return false;
    };
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    words::IRREGULAR_PLURALS.contains(&next.as_str())
        || next.len() > 3
            && next.ends_with('s')
            && next.chars().next().is_some_and(char::is_lowercase)
            && !matches!(next.as_str(), "was" | "has" | "this" | "its" | "as")
}

/// "1998 was a hard year.", "2014, the year ...": a year opening the
/// sentence and followed by a comma or a verb of being.
fn starts_sentence_clause(env: &Env, rest: &str) -> bool {
    if !env.before().trim().is_empty() {
        return false;
    }
    rest.starts_with(',')
        || sp(rest)
            .ok()
            .is_some_and(|(after, _)| one_of(after, &["was", "is", "will", "saw", "has"]).is_ok())
}

fn year_value(y: i32) -> TemporalValue {
    TemporalValue {
        timex: timex::year(y),
        year: Some(y),
        ..TemporalValue::default()
    }
}

/// "2014–2017", "2014-17", "2014/15", "from 2014 to 2017", "between 2014
/// and 2016".
fn year_range<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, opener) = opt((alt((kw("from"), kw("between"))), sp)).parse(input)?;
    let (rest, first) = calendar::year(rest)?;
    let between = opener.is_some_and(|(w, _)| w.eq_ignore_ascii_case("between"));
    let dash = |i| -> PResult<'_, &str> {
        let (i, _) = opt(sp).parse(i)?;
        let (i, d) = alt((tag("-"), tag("–"), tag("—"), tag("/"))).parse(i)?;
        let (i, _) = opt(sp).parse(i)?;
        Ok((i, d))
    };
    let word = |i| -> PResult<'_, &str> {
        let (i, _) = sp(i)?;
        let (i, w) = if between {
            kw("and")(i)?
        } else {
            alt((kw("to"), kw("through"), kw("until"), kw("till"))).parse(i)?
        };
        let (i, _) = sp(i)?;
        Ok((i, w))
    };
    let (rest, connector) = alt((dash, word)).parse(rest)?;
    let is_dash = !connector.chars().next().is_some_and(char::is_alphabetic);
    // The end: a full year, or after a dash its last two digits ("2014-17").
    let (rest, last) = match calendar::year(rest) {
        Ok(found) => found,
        Err(_) if is_dash => {
            let (after, digits) = take_while_m_n(2, 2, |c: char| c.is_ascii_digit())(rest)?;
            if !is_word_end(after) {
                return fail(input);
            }
            let short: i32 = digits.parse().map_err(|_| words::err(input))?;
            (after, first - first.rem_euclid(100) + short)
        }
        Err(e) => return Err(e),
    };
    // A reversed range of full years after "from" or "between" is kept as
    // written: consistency/timeline reports it.
    let reversed_but_explicit = last < first && opener.is_some() && !is_dash;
    if (last <= first && !reversed_but_explicit) || (last - first).abs() > 100 {
        return fail(input);
    }
    if opener.is_none() {
        // Without "from"/"between" the first number needs the year context
        // (or a dash, which joins years but rarely other numbers).
        let cued = env.previous_word().as_deref().is_some_and(is_year_cue);
        if !cued && !is_dash {
            return fail(input);
        }
    }
    let mut value = year_value(first);
    value.end = Some(timex::year(last));
    Ok((rest, (ClaimKind::Date, value)))
}

/// The decades of a century by name, from the twenties.
pub(super) const DECADE_NAMES: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// "the 1990s", "1980s", "the '80s", "the 1990's", "the nineties":
/// TIMEX3 "199".
fn decade(input: &str) -> PResult<'_, Parsed> {
    let (rest, the) = opt((kw("the"), sp)).parse(input)?;
    if the.is_some() {
        if let Ok((after, name)) = one_of(rest, &DECADE_NAMES) {
            let index = DECADE_NAMES.iter().position(|n| *n == name).unwrap_or(0) as i32;
            let value = TemporalValue {
                timex: timex::decade(1920 + 10 * index),
                ..TemporalValue::default()
            };
            return Ok((after, (ClaimKind::Date, value)));
        }
    }
    let (rest, y) = if let Ok((rest, digits)) =
        take_while_m_n::<_, &str, nom::error::Error<&str>>(4, 4, |c: char| c.is_ascii_digit())(rest)
    {
        let y: i32 = digits.parse().unwrap_or(0);
        (rest, y)
    } else if the.is_some() {
        let (rest, _) = opt(alt((tag("'"), tag("’")))).parse(rest)?;
        let (rest, digits) = take_while_m_n(2, 2, |c: char| c.is_ascii_digit())(rest)?;
        let yy: i32 = digits.parse().unwrap_or(1);
        (rest, if yy < 20 { 2000 + yy } else { 1900 + yy })
    } else {
        return fail(input);
    };
    if y % 10 != 0 || !(1000..2200).contains(&y) {
        return fail(input);
    }
    let (rest, _) = opt(alt((tag("'"), tag("’")))).parse(rest)?;
    let (rest, _) = tag("s")(rest)?;
    if !is_word_end(rest) {
        return fail(input);
    }
    let value = TemporalValue {
        timex: timex::decade(y),
        ..TemporalValue::default()
    };
    Ok((rest, (ClaimKind::Date, value)))
}

/// "the 20th century", "the nineteenth century": TIMEX3 "19".
fn century(input: &str) -> PResult<'_, Parsed> {
    let (rest, _) = opt((kw("the"), sp)).parse(input)?;
    let (rest, n) = if let Ok((rest, (digits, _))) = (
        take_while_m_n::<_, &str, nom::error::Error<&str>>(1, 2, |c: char| c.is_ascii_digit()),
        alt((
            tag_no_case("st"),
            tag_no_case("nd"),
            tag_no_case("rd"),
            tag_no_case("th"),
        )),
    )
        .parse(rest)
    {
        (rest, digits.parse::<i32>().unwrap_or(0))
    } else {
        const WORDS: [(&str, i32); 5] = [
            ("eighteenth", 18),
            ("nineteenth", 19),
            ("twentieth", 20),
            ("twenty-first", 21),
            ("twenty first", 21),
        ];
        let mut found = None;
        for (word, n) in WORDS {
            if let Ok((rest, ())) = words::phrase(rest, word) {
                found = Some((rest, n));
                break;
            }
        }
        found.ok_or_else(|| words::err(input))?
    };
    let (rest, _) = (alt((sp, words::hyphen)), kw("century")).parse(rest)?;
    if !(1..=30).contains(&n) {
        return fail(input);
    }
    let value = TemporalValue {
        timex: timex::padded((n - 1).into(), 2),
        ..TemporalValue::default()
    };
    Ok((rest, (ClaimKind::Date, value)))
}

/// A season word ("summer"), with its TIMEX3 code.
fn season_word(input: &str) -> PResult<'_, (&str, &'static str)> {
    for word in words::lexicon().seasons.keys() {
        if let Ok((rest, ())) = words::phrase(input, word) {
            if let Some(code) = words::season_code(word) {
                return Ok((rest, (calendar::consumed(input, rest), code)));
            }
        }
    }
    fail(input)
}

/// "summer 2017", "the summer of 2017", "this summer", "last winter",
/// "the summer", "in autumn". "fall" and "spring" are also a verb and a
/// noun, so alone they need a year or a word such as "last" or "this".
fn season<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    const RELATIVE: [(&str, Option<Direction>); 7] = [
        ("this past", Some(Direction::Before)),
        ("this coming", Some(Direction::After)),
        ("last", Some(Direction::Before)),
        ("next", Some(Direction::After)),
        ("this", None),
        ("the coming", Some(Direction::After)),
        ("the", None),
    ];
    let mut relative = None;
    let mut rest = input;
    for (phrase, direction) in RELATIVE {
        if let Ok((after, ())) = words::phrase(input, phrase) {
            if let Ok((after, _)) = sp(after) {
                relative = Some((phrase, direction));
                rest = after;
                break;
            }
        }
    }
    let (rest, (word, code)) = season_word(rest)?;
    let ambiguous = matches!(word.to_ascii_lowercase().as_str(), "fall" | "spring");
    let explicit = (opt(tag(",")), sp, opt((kw("of"), sp)), calendar::year).parse(rest);
    if let Ok((rest, (_, _, _, y))) = explicit {
        if relative.is_some_and(|(p, _)| p != "the") {
            return fail(input);
        }
        let value = TemporalValue {
            timex: timex::year_part(Some(y), code, None),
            year: Some(y),
            ..TemporalValue::default()
        };
        return Ok((rest, (ClaimKind::Date, value)));
    }
    let len = input.len() - rest.len();
    let direction = match relative {
        Some(("the", _)) => {
            // "the summer" but not "the fall of the city".
            if ambiguous || sp(rest).is_ok_and(|(after, _)| kw("of")(after).is_ok()) {
                return fail(input);
            }
            Some(env.direction(len))
        }
        Some((_, direction)) => direction,
        None => {
            let cued = env.previous_word().as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "in" | "during"
                        | "until"
                        | "by"
                        | "since"
                        | "through"
                        | "over"
                        | "this"
                        | "early"
                        | "late"
                        | "mid"
                )
            });
            if ambiguous || !cued {
                return fail(input);
            }
            Some(env.direction(len))
        }
    };
    let kind = if relative.is_some_and(|(p, _)| p != "the") {
        ClaimKind::RelativeDate
    } else {
        ClaimKind::Date
    };
    let value = match env.as_of {
        Some(as_of) => {
            let y = timex::season_year(as_of, code, direction);
            TemporalValue {
                timex: timex::year_part(Some(y), code, None),
                year: Some(y),
                year_inferred: true,
                anchor: env.anchor(),
                ..TemporalValue::default()
            }
        }
        None => timex::value(timex::year_part(None, code, None)),
    };
    Ok((rest, (kind, value)))
}

/// The year for a quarter or half numbered `n` of `per_year` parts, when
/// the text gives none.
fn part_value(env: &Env, len: usize, n: i8, per_year: i8, letter: char) -> TemporalValue {
    let months = 12 / per_year;
    let first = ((n - 1) * months + 1, 1);
    let last = (n * months, 31);
    match env.choose_year(len, first, last, false) {
        Some(y) => TemporalValue {
            timex: timex::year_part(Some(y), letter.encode_utf8(&mut [0; 4]), Some(n)),
            year: Some(y),
            year_inferred: true,
            anchor: env.anchor(),
            ..TemporalValue::default()
        },
        None => timex::value(timex::year_part(
            None,
            letter.encode_utf8(&mut [0; 4]),
            Some(n),
        )),
    }
}

/// An optional year after a quarter or half: "of 2017", " 2017", "of fiscal 2017".
fn trailing_year(input: &str) -> PResult<'_, Option<i32>> {
    opt(nom::sequence::preceded(
        (
            opt(tag(",")),
            sp,
            opt((kw("of"), sp)),
            opt((kw("fiscal"), sp)),
            opt((kw("year"), sp)),
        ),
        calendar::year,
    ))
    .parse(input)
}

/// "the third quarter (of 2017)", "third-quarter", "fiscal second-quarter",
/// "Q3 2017", "the latest quarter", "the year-ago quarter".
fn quarter<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    if let Ok(found) = relative_quarter(env, input) {
        return Ok(found);
    }
    // "the 1988 second quarter", "this year's third quarter".
    let (input_after_year, stated_year) = quarter_year_prefix(env, input);
    let (rest, (_, prefix, n)) = alt((
        (
            opt((kw("the"), sp)),
            opt(alt((
                (kw("fiscal"), words::sp_or_hyphen),
                (kw("year-ago"), sp),
                (kw("year-earlier"), sp),
            ))),
            nom::sequence::terminated(words::ordinal, (words::sp_or_hyphen, kw("quarter"))),
        ),
        (
            nom::combinator::success(None),
            nom::combinator::success(None),
            nom::sequence::preceded(
                tag_no_case("q"),
                nom::combinator::map_res(
                    take_while_m_n(1, 1, |c: char| c.is_ascii_digit()),
                    |d: &str| d.parse::<u32>(),
                ),
            ),
        ),
    ))
    .parse(input_after_year)?;
    if !(1..=4).contains(&n) || !is_word_end(rest) {
        return fail(input);
    }
    // "the third-quarter loss": the hyphenated form is an adjective and
    // "the" belongs to the noun it qualifies.
    let consumed = calendar::consumed(input, rest);
    if consumed.contains('-') && words::phrase(input, "the").is_ok() && stated_year.is_none() {
        let joined = consumed.to_ascii_lowercase().contains("-quarter");
        if joined {
            return fail(input);
        }
    }
    let n = n as i8;
    let year_ago = prefix.is_some_and(|(w, _)| w.to_ascii_lowercase().starts_with("year-"));
    let (rest, explicit) = trailing_year(rest)?;
    let mut value = match explicit.or(stated_year) {
        Some(y) => TemporalValue {
            timex: timex::quarter(y, n),
            year: Some(y),
            ..TemporalValue::default()
        },
        None => part_value(env, input.len() - rest.len(), n, 4, 'Q'),
    };
    if year_ago {
        if let Some(y) = value.year {
            value.year = Some(y - 1);
            value.timex = timex::quarter(y - 1, n);
        }
    }
    Ok((rest, (ClaimKind::Date, value)))
}

/// A year before an ordinal quarter: "the 1988", "this year's", "next
/// year's". Returns the input after it and the year, or the input as is.
fn quarter_year_prefix<'a>(env: &Env, input: &'a str) -> (&'a str, Option<i32>) {
    let stated = (opt((kw("the"), sp)), calendar::year, sp)
        .parse(input)
        .map(|(rest, (_, y, _))| (rest, Some(y)));
    if let Ok(found) = stated {
        return found;
    }
    let relative = (
        alt((kw("this"), kw("last"), kw("next"))),
        sp,
        alt((tag_no_case("year's"), tag_no_case("year’s"))),
        sp,
    )
        .parse(input);
    match (relative, env.as_of) {
        (Ok((rest, (which, _, _, _))), Some(as_of)) => {
            let step = match which.to_ascii_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            (rest, Some(i32::from(as_of.year()) + step))
        }
        _ => (input, None),
    }
}

/// "the latest quarter", "the current quarter", "the year-ago quarter",
/// "the quarter": quarters named by their place relative to publication.
fn relative_quarter<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, _) = (kw("the"), sp).parse(input)?;
    let (rest, which) = opt(nom::sequence::terminated(
        alt((
            kw("latest"),
            kw("current"),
            kw("previous"),
            kw("past"),
            kw("last"),
            kw("next"),
            kw("coming"),
            kw("year-ago"),
            kw("year-earlier"),
            kw("fiscal"),
            kw("same"),
        )),
        sp,
    ))
    .parse(rest)?;
    let period_word = matches!(
        which.map(str::to_ascii_lowercase).as_deref(),
        Some("latest" | "year-ago" | "year-earlier")
    );
    let (rest, _) = if period_word {
        alt((kw("quarter"), kw("period"))).parse(rest)?
    } else {
        kw("quarter")(rest)?
    };
    // "the quarter of the vote", "the quarter-final", "the French Quarter".
    if rest.starts_with('-') || sp(rest).is_ok_and(|(after, _)| kw("of")(after).is_ok()) {
        return fail(input);
    }
    let Some(as_of) = env.as_of else {
        return Ok((rest, (ClaimKind::RelativeDate, timex::value("XXXX-QX"))));
    };
    let len = input.len() - rest.len();
    let current = timex::shift(as_of, 0, words::Unit::Quarter).unwrap_or(as_of);
    let previous = timex::shift(as_of, -1, words::Unit::Quarter).unwrap_or(as_of);
    let which = which.map(str::to_ascii_lowercase);
    let reference = match which.as_deref() {
        Some("current") | Some("coming") => current,
        Some("next") => timex::shift(as_of, 1, words::Unit::Quarter).unwrap_or(as_of),
        Some("year-ago") | Some("year-earlier") => {
            timex::shift(previous, -1, words::Unit::Year).unwrap_or(as_of)
        }
        Some("same") => return fail(input),
        Some("previous") => timex::shift(as_of, -2, words::Unit::Quarter).unwrap_or(as_of),
        _ => match env.direction(len) {
            Direction::OnOrAfter | Direction::After => current,
            _ => previous,
        },
    };
    let mut value = timex::value(timex::period(reference, words::Unit::Quarter));
    value.year = Some(i32::from(reference.year()));
    value.anchor = env.anchor();
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

/// "the first half (of 2017)", "the second half": TIMEX3 "2017-H1".
fn half<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (_, n, _, _)) = (
        opt((kw("the"), sp)),
        alt((words::ordinal, |i| kw("last")(i).map(|(r, _)| (r, 2)))),
        words::sp_or_hyphen,
        kw("half"),
    )
        .parse(input)?;
    if !(1..=2).contains(&n) {
        return fail(input);
    }
    let (rest, explicit) = trailing_year(rest)?;
    if explicit.is_none() && sp(rest).is_ok_and(|(after, _)| kw("of")(after).is_ok()) {
        // "the first half of the match".
        return fail(input);
    }
    let n = n as i8;
    let value = match explicit {
        Some(y) => TemporalValue {
            timex: timex::year_part(Some(y), "H", Some(n)),
            year: Some(y),
            ..TemporalValue::default()
        },
        None => part_value(env, input.len() - rest.len(), n, 2, 'H'),
    };
    Ok((rest, (ClaimKind::Date, value)))
}

/// "fiscal 2016", "fiscal year 2016", "FY2016", "FY 2016".
fn fiscal(input: &str) -> PResult<'_, Parsed> {
    let (rest, y) = alt((
        nom::sequence::preceded((kw("fiscal"), sp, opt((kw("year"), sp))), calendar::year),
        nom::sequence::preceded((tag("FY"), opt(sp)), calendar::year),
    ))
    .parse(input)?;
    Ok((rest, (ClaimKind::Date, year_value(y))))
}

/// Holidays on a fixed day ("Christmas", "New Year's Day"), from
/// rules/temporal.toml, resolved like a year-less date.
fn holiday<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    if !is_capitalised(input) {
        return fail(input);
    }
    let mut best: Option<(&'a str, i8, i8)> = None;
    for holiday in &words::lexicon().holidays {
        if let Ok((rest, ())) = words::phrase(input, &holiday.name) {
            if best.is_none_or(|(r, _, _)| rest.len() < r.len()) {
                best = Some((rest, holiday.month, holiday.day));
            }
        }
    }
    let Some((rest, month, day)) = best else {
        return fail(input);
    };
    let (rest, explicit) = trailing_year(rest)?;
    let Some(value) = month_day_value(env, input.len() - rest.len(), explicit, month, day) else {
        return fail(input);
    };
    Ok((rest, (ClaimKind::Date, value)))
}
