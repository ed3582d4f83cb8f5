//! Relative dates, resolved against the publication date: "today",
//! "yesterday", "last night", weekdays ("on Saturday"), "last year", "next
//! month", "this week", "the weekend", "17 years ago", "a year earlier",
//! "earlier this year", the "year-ago" period, and references that name no
//! date ("recently" is PAST_REF, "now" PRESENT_REF, "the future"
//! FUTURE_REF).

use jiff::civil::{Date, Weekday};
use nom::{branch::alt, combinator::opt, Parser};

use super::dispatch::{
    AGO, CURRENT_YEAR, DEICTIC_DAY, EARLIER_THIS, PERIOD_EDGE, REFERENCE, RELATIVE_UNIT, WEEKDAY,
    YEAR_EARLIER,
};
use super::timex::{self, Direction};
use super::words::{self, fail, is_capitalised, kw, one_of, phrase, sp, Count, PResult, Unit};
use super::{Env, Longest, Parsed};
use crate::calendar::{self, weekday_name};
use crate::extract::word_table::{leading_word_key, PackedMap};
use crate::extract::{ClaimKind, TemporalValue};

/// Offers `best` the readings of this grammar's alternatives at the
/// position of `env`, in their order.
pub(super) fn parse(env: &Env, best: &mut Longest) {
    let input = env.input();
    let can = env.can;
    best.run(can, DEICTIC_DAY, input, |i| deictic_day(env, i));
    best.run(can, REFERENCE, input, |i| reference(env, i));
    best.run(can, WEEKDAY, input, |i| weekday(env, i));
    best.run(can, RELATIVE_UNIT, input, |i| relative_unit(env, i));
    best.run(can, AGO, input, |i| ago(env, i));
    best.run(can, EARLIER_THIS, input, |i| earlier_this(env, i));
    best.run(can, YEAR_EARLIER, input, |i| year_earlier(env, i));
    best.run(can, PERIOD_EDGE, input, |i| period_edge(env, i));
    best.run(can, CURRENT_YEAR, input, |i| current_year(env, i));
}

/// "morning" and friends, with their TIMEX3 codes.
fn part_of_day(input: &str) -> PResult<'_, &'static str> {
    let (rest, word) = one_of(input, &["morning", "afternoon", "evening", "night"])?;
    let code = match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    };
    Ok((rest, code))
}

/// An optional part of the day after a day: " morning" gives "TMO".
fn day_part_suffix(input: &str) -> PResult<'_, Option<&'static str>> {
    opt(nom::sequence::preceded(sp, part_of_day)).parse(input)
}

/// A relative value: a date `days` away from the publication date, with an
/// optional part of the day.
fn day_value(env: &Env, days: i64, part: Option<&str>) -> TemporalValue {
    match env.as_of.and_then(|a| timex::shift(a, days, Unit::Day)) {
        Some(d) => {
            let mut value = timex::date_value(d);
            if let Some(part) = part {
                value.timex.push('T');
                value.timex.push_str(part);
            }
            value.anchor = env.anchor();
            if days != 0 {
                value.offset = Some(timex::offset(days, Some(days.abs() as f64), Unit::Day));
            }
            value
        }
        None => {
            let mut value = timex::value(reference_for(days));
            if days != 0 {
                value.offset = Some(timex::offset(days, Some(days.abs() as f64), Unit::Day));
            }
            value
        }
    }
}

fn reference_for(sign: i64) -> &'static str {
    match sign.signum() {
        -1 => "PAST_REF",
        1 => "FUTURE_REF",
        _ => "PRESENT_REF",
    }
}

/// "today", "tonight", "yesterday", "tomorrow morning", "last night",
/// "this morning", "the day before yesterday".
fn deictic_day<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (days, part)) = alt((
        |i| phrase(i, "the day before yesterday").map(|(r, ())| (r, (-2, None))),
        |i| phrase(i, "the day after tomorrow").map(|(r, ())| (r, (2, None))),
        |i| kw("tonight")(i).map(|(r, _)| (r, (0, Some("NI")))),
        |i| phrase(i, "last night").map(|(r, ())| (r, (-1, Some("NI")))),
        |i| {
            let (r, (_, _, part)) = (kw("this"), sp, part_of_day).parse(i)?;
            Ok((r, (0, Some(part))))
        },
        |i| {
            let (r, w) = one_of(i, &["today", "yesterday", "tomorrow"])?;
            let days = match w {
                "today" => 0,
                "yesterday" => -1,
                _ => 1,
            };
            let (r, part) = if days == 0 {
                (r, None)
            } else {
                day_part_suffix(r)?
            };
            Ok((r, (days, part)))
        },
    ))
    .parse(input)?;
    Ok((rest, (ClaimKind::RelativeDate, day_value(env, days, part))))
}

/// Words that may follow "the past" or "the future" without making them
/// an adjective ("the past decade" is handled elsewhere; "the past
/// president" is no claim).
const FUNCTION_WORDS: [&str; 40] = [
    "and", "or", "but", "of", "is", "was", "will", "to", "in", "on", "for", "as", "with", "that",
    "than", "when", "where", "has", "had", "have", "are", "were", "be", "could", "would", "may",
    "might", "can", "not", "so", "at", "by", "from", "it", "he", "she", "they", "we", "there",
    "remains",
];

/// "recently", "now", "the future", ...: phrases from rules/temporal.toml
/// whose value is PAST_REF, PRESENT_REF or FUTURE_REF.
fn reference<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let mut best: Option<(&'a str, &'static str)> = None;
    let first = input.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    for &(text, timex) in &references_by_first_byte()[usize::from(first)] {
        let Ok((rest, ())) = phrase(input, text) else {
            continue;
        };
        if text.starts_with("the ") && !ends_noun_phrase(rest) {
            continue;
        }
        if best.is_none_or(|(r, _)| rest.len() < r.len()) {
            best = Some((rest, timex));
        }
    }
    let Some((rest, timex)) = best else {
        return fail(input);
    };
    // "as soon as" is a conjunction; "now-defunct" an adjective.
    let previous = env.previous_word();
    if (timex == "FUTURE_REF" && previous.as_deref() == Some("as")) || rest.starts_with('-') {
        return fail(input);
    }
    // "soon after the vote" is relative to the vote; "a previously announced
    // plan" qualifies an adjective, not a time.
    let next = sp(rest).map_or("", |(after, _)| after);
    let mut buffer = [0u8; 16];
    let next_word = crate::extract::leading_word_lower(next, &mut buffer).unwrap_or("");
    let after_determiner = previous.as_deref().is_some_and(|w| {
        matches!(
            w,
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our"
        )
    });
    if matches!(
        next_word,
        "after" | "before" | "afterward" | "afterwards" | "thereafter"
    ) || (after_determiner && next_word.len() > 4 && next_word.ends_with("ed"))
    {
        return fail(input);
    }
    Ok((rest, (ClaimKind::RelativeDate, timex::value(timex))))
}

/// The reference phrases of rules/temporal.toml with their TIMEX3 value,
/// by their first byte in lower case (a phrase can only match a text that
/// starts with that letter), in the order the lexicon lists them.
fn references_by_first_byte() -> &'static [Vec<(&'static str, &'static str)>] {
    static INDEX: std::sync::OnceLock<Vec<Vec<(&'static str, &'static str)>>> =
        std::sync::OnceLock::new();
    crate::lexicon::resolve(&INDEX, || index_references(&words::lexicon().references)).as_slice()
}

fn index_references(
    references: &'static std::collections::HashMap<String, Vec<String>>,
) -> Vec<Vec<(&'static str, &'static str)>> {
    let mut index = vec![Vec::new(); 256];
    for (timex, phrases) in references {
        let timex: &'static str = match timex.as_str() {
            "PAST_REF" => "PAST_REF",
            "PRESENT_REF" => "PRESENT_REF",
            "FUTURE_REF" => "FUTURE_REF",
            _ => continue,
        };
        for text in phrases {
            if let Some(first) = text.as_bytes().first() {
                index[usize::from(first.to_ascii_lowercase())].push((text.as_str(), timex));
            }
        }
    }
    index
}

/// True when no lower-case content word follows (so the phrase before is a
/// whole noun phrase).
fn ends_noun_phrase(rest: &str) -> bool {
    let Ok((after, _)) = sp(rest) else {
        return !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-');
    };
    let mut buffer = [0u8; 16];
    match crate::extract::leading_word_lower(after, &mut buffer) {
        None => true,
        Some(_) if is_capitalised(after) => true,
        Some(word) => FUNCTION_WORDS.contains(&word),
    }
}

/// A weekday written in full, capitalised ("Saturday", "Friday's").
fn weekday_name_word(input: &str) -> PResult<'_, Weekday> {
    if !is_capitalised(input) {
        return fail(input);
    }
    let (rest, day) = calendar::weekday(input)?;
    if calendar::consumed(input, rest).len() < 6 {
        return fail(input);
    }
    Ok((rest, day))
}

/// The value of the weekday `day` (at the day part `part`), the occurrence
/// `direction` gives. The direction is read only against a publication
/// date: without one the value is a placeholder, and the tense around the
/// mention is not looked for.
fn weekday_value(
    env: &Env,
    day: Weekday,
    direction: impl FnOnce() -> Direction,
    part: Option<&str>,
) -> TemporalValue {
    let mut value = match env.as_of {
        Some(as_of) => {
            let d = timex::weekday_near(as_of, day, direction());
            let mut value = timex::date_value(d);
            value.year_inferred = true;
            value.anchor = env.anchor();
            value
        }
        None => timex::value(timex::year_part(
            None,
            "WXX-",
            Some(day.to_monday_one_offset()),
        )),
    };
    if let Some(part) = part {
        value.timex.push('T');
        value.timex.push_str(part);
    }
    value.weekday = Some(weekday_name(day).to_string());
    value
}

/// "Saturday", "Friday night": the day resolved by the tense around it.
fn weekday<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, day) = weekday_name_word(input)?;
    let (rest, part) = day_part_suffix(rest)?;
    let len = input.len() - rest.len();
    let direction = || match is_deadline(env.before()) {
        // "as soon as Tuesday"; "until Tuesday" unless the sentence is
        // past ("until Thursday they had not ...").
        Some(true) => Direction::OnOrAfter,
        Some(false) if env.tense(len) == super::Tense::Future => Direction::OnOrAfter,
        _ => env.direction(len),
    };
    let value = weekday_value(env, day, direction, part);
    Ok((rest, (ClaimKind::Date, value)))
}

/// "as soon as Tuesday", "as early as Friday" (Some(true)): the earliest
/// time for something still to come. "until 9 a.m. Tuesday" (Some(false)):
/// a deadline, ahead of publication in a sentence about the future.
fn is_deadline(before: &str) -> Option<bool> {
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter(|w| !w.is_empty())
        .rev()
        .take(5)
        .collect();
    let opener = |i: usize| -> Option<bool> {
        let word = words.get(i)?.to_ascii_lowercase();
        if matches!(word.as_str(), "until" | "till") {
            return Some(false);
        }
        let next = words.get(i + 1)?.to_ascii_lowercase();
        (word == "as" && matches!(next.as_str(), "soon" | "early")).then_some(true)
    };
    // The opener next to the weekday, or before a clock time ("until 9
    // a.m. EST Tuesday").
    (0..words.len()).take(4).find_map(|i| {
        let only_clock = words[..i]
            .iter()
            .all(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('.') || w.len() <= 3);
        if only_clock {
            opener(i)
        } else {
            None
        }
    })
}

/// What a relative phrase points at: a unit, a weekday or a month.
enum Target {
    Unit(Unit),
    Weekday(Weekday),
    Month(i8),
}

fn target(input: &str) -> PResult<'_, Target> {
    if let Ok((rest, day)) = weekday_name_word(input) {
        return Ok((rest, Target::Weekday(day)));
    }
    if is_capitalised(input) {
        if let Ok((rest, month)) = calendar::month(input) {
            if calendar::consumed(input, rest).eq_ignore_ascii_case(calendar::month_name(month)) {
                return Ok((rest, Target::Month(month)));
            }
        }
    }
    let (rest, (unit, plural)) = words::unit(input)?;
    if plural
        || matches!(
            unit,
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Season
        )
    {
        return fail(input);
    }
    Ok((rest, Target::Unit(unit)))
}

/// "last year", "next month", "this week", "last Friday", "next March",
/// "the previous year", "the weekend", "this coming Sunday".
fn relative_unit<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    // The step: -1 last, 0 this, +1 next; None when it depends on tense.
    const OPENERS: [(&str, Option<i64>); 10] = [
        ("this past", Some(-1)),
        ("this coming", Some(1)),
        ("the previous", Some(-1)),
        ("the preceding", Some(-1)),
        ("the following", Some(1)),
        ("the coming", Some(1)),
        ("last", Some(-1)),
        ("next", Some(1)),
        ("this", Some(0)),
        ("the", None),
    ];
    for (opener, step) in OPENERS {
        let Ok((after, ())) = phrase(input, opener) else {
            continue;
        };
        let Ok((after, _)) = sp(after) else { continue };
        let Ok((rest, target)) = target(after) else {
            continue;
        };
        // "ABC's This Week": a capitalised phrase inside a sentence is a title.
        let title =
            is_capitalised(input) && is_capitalised(after) && !env.before().trim().is_empty();
        if title && matches!(target, Target::Unit(_)) {
            return fail(input);
        }
        // "the last week of the campaign": "last" as "final".
        if matches!(opener, "last" | "next")
            && env
                .previous_word()
                .as_deref()
                .is_some_and(|w| matches!(w, "the" | "its" | "his" | "her" | "their"))
        {
            return fail(input);
        }
        let len = input.len() - rest.len();
        let value = match (target, step) {
            (Target::Unit(Unit::Weekend), step) => weekend_value(env, step, len),
            (Target::Unit(_), None) => return fail(input),
            (Target::Unit(unit), Some(step)) => {
                // "the following year" in a past narrative counts from an
                // event, not from publication.
                if opener == "the following" && env.tense(len) == super::Tense::Past {
                    let mut value = timex::value(timex::unknown(unit));
                    value.offset = Some(timex::offset(1, Some(1.0), unit));
                    value
                } else {
                    unit_value(env, step, unit)
                }
            }
            (Target::Weekday(_), None) => return fail(input),
            (Target::Weekday(day), step) => {
                let direction = || match step {
                    Some(-1) => Direction::Before,
                    Some(1) => Direction::After,
                    _ => env.direction(len),
                };
                weekday_value(env, day, direction, None)
            }
            (Target::Month(month), step) => {
                if opener.starts_with("the") {
                    return fail(input);
                }
                month_value(env, month, step)
            }
        };
        return Ok((rest, (ClaimKind::RelativeDate, value)));
    }
    fail(input)
}

/// The period `step` units from publication ("last year" is step -1).
fn unit_value(env: &Env, step: i64, unit: Unit) -> TemporalValue {
    let mut value = match env.as_of.and_then(|a| timex::shift(a, step, unit)) {
        Some(d) => {
            let mut value = timex::value(timex::period(d, unit));
            if matches!(unit, Unit::Year | Unit::Month | Unit::Quarter) {
                value.year = Some(i32::from(d.year()));
            }
            if unit == Unit::Month {
                value.month = Some(d.month());
            }
            value.anchor = env.anchor();
            value
        }
        None => timex::value(reference_for(step)),
    };
    if step != 0 {
        value.offset = Some(timex::offset(step, Some(step.abs() as f64), unit));
    }
    value
}

/// "last November", "next March", "this April".
fn month_value(env: &Env, month: i8, step: Option<i64>) -> TemporalValue {
    let mut value = TemporalValue {
        month: Some(month),
        ..TemporalValue::default()
    };
    match env.as_of {
        Some(as_of) => {
            let y = match step {
                Some(-1) => timex::year_near(as_of, month, 0, Direction::Before),
                Some(1) => timex::year_near(as_of, month, 0, Direction::After),
                _ => i32::from(as_of.year()),
            };
            value.timex = timex::month(y, month);
            value.year = Some(y);
            value.year_inferred = true;
            value.anchor = env.anchor();
        }
        None => value.timex = timex::year_month(None, month),
    }
    value
}

/// "the weekend", "last weekend", "this weekend": the ISO week of its
/// Saturday with "-WE".
fn weekend_value(env: &Env, step: Option<i64>, len: usize) -> TemporalValue {
    let Some(as_of) = env.as_of else {
        return timex::value("XXXX-WXX-WE");
    };
    let saturday = match step {
        Some(-1) => timex::weekday_near(as_of, Weekday::Saturday, Direction::Before),
        Some(1) => timex::shift(
            timex::weekday_near(as_of, Weekday::Saturday, Direction::OnOrAfter),
            7,
            Unit::Day,
        )
        .unwrap_or(as_of),
        _ => {
            // On a Sunday, "this weekend" is the one now ending.
            let direction = match env.direction(len) {
                Direction::OnOrAfter | Direction::After if as_of.weekday() != Weekday::Sunday => {
                    Direction::OnOrAfter
                }
                _ => Direction::OnOrBefore,
            };
            timex::weekday_near(as_of, Weekday::Saturday, direction)
        }
    };
    let mut value = timex::value(timex::period(saturday, Unit::Weekend));
    value.anchor = env.anchor();
    value
}

/// The qualifiers [`qualifier`] reads, with their TIMEX3 `mod`.
pub(super) const QUALIFIERS: [(&str, &str); 21] = [
    ("about", "APPROX"),
    ("around", "APPROX"),
    ("approximately", "APPROX"),
    ("roughly", "APPROX"),
    ("some", "APPROX"),
    ("nearly", "EQUAL_OR_LESS"),
    ("almost", "EQUAL_OR_LESS"),
    ("just under", "LESS_THAN"),
    ("just over", "MORE_THAN"),
    ("more than", "MORE_THAN"),
    ("over", "MORE_THAN"),
    ("upwards of", "MORE_THAN"),
    ("less than", "LESS_THAN"),
    ("fewer than", "LESS_THAN"),
    ("under", "LESS_THAN"),
    ("at least", "EQUAL_OR_MORE"),
    ("at most", "EQUAL_OR_LESS"),
    ("up to", "EQUAL_OR_LESS"),
    ("no more than", "EQUAL_OR_LESS"),
    ("no less than", "EQUAL_OR_MORE"),
    ("close to", "APPROX"),
];

/// The TIMEX3 `mod` of a qualifier before an amount of time.
pub(super) fn qualifier(input: &str) -> PResult<'_, &'static str> {
    // A qualifier's first word is followed by a space or ends the phrase,
    // so it is the input's leading letters: only the qualifiers that start
    // with those are tried, in their order.
    let Some(&(mut candidates)) = leading_word_key(input).and_then(|k| qualifier_index().get(&k))
    else {
        return fail(input);
    };
    while candidates != 0 {
        let (text, modifier) = QUALIFIERS[candidates.trailing_zeros() as usize];
        candidates &= candidates - 1;
        if let Ok((rest, ())) = phrase(input, text) {
            if let Ok((rest, _)) = sp(rest) {
                return Ok((rest, modifier));
            }
        }
    }
    fail(input)
}

/// The [`QUALIFIERS`] by their first word, packed: a bit for each, by its
/// place in the list.
fn qualifier_index() -> &'static PackedMap<u32> {
    static INDEX: std::sync::OnceLock<PackedMap<u32>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = PackedMap::default();
        for (place, (text, _)) in QUALIFIERS.iter().enumerate() {
            if let Some(key) = leading_word_key(text) {
                *index.entry(key).or_default() |= 1 << place;
            }
        }
        index
    })
}

/// "17 years ago", "about two weeks ago", "a year earlier", "two days
/// later", "three months from now", "years ago".
fn ago<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, modifier) = opt(qualifier).parse(input)?;
    let (rest, amount) = opt(nom::sequence::terminated(words::count, sp)).parse(rest)?;
    let (rest, (unit, plural)) = words::unit(rest)?;
    let (rest, _) = sp(rest)?;
    let (rest, sign) = alt((
        |i| kw("ago")(i).map(|(r, _)| (r, -1i64)),
        |i| kw("earlier")(i).map(|(r, _)| (r, -1)),
        |i| phrase(i, "from now").map(|(r, ())| (r, 1)),
        |i| kw("hence")(i).map(|(r, _)| (r, 1)),
        |i| kw("later")(i).map(|(r, _)| (r, 2)),
    ))
    .parse(rest)?;
    let amount = match amount {
        Some(count) => count,
        None if plural => Count {
            n: None,
            approx: false,
            article: false,
        },
        None => return fail(input),
    };
    let len = input.len() - rest.len();
    // "later" counts forward from publication only in a future sentence.
    let (sign, anchored) = match sign {
        2 => (1, env.tense(len) == super::Tense::Future),
        s => (s, true),
    };
    let granularity = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Unit::Day,
        Unit::Season | Unit::Decade | Unit::Century => Unit::Year,
        other => other,
    };
    let year_before_quarter = (unit == Unit::Year && amount.n == Some(1.0) && sign == -1)
        .then(|| env.reported_quarter())
        .flatten();
    let mut value = match (amount.n, env.as_of) {
        (Some(_), Some(_)) if year_before_quarter.is_some() => {
            let quarter = year_before_quarter.and_then(|q| timex::shift(q, -1, Unit::Year));
            let Some(quarter) = quarter else {
                return fail(input);
            };
            let mut value = timex::value(timex::period(quarter, Unit::Quarter));
            value.anchor = env.anchor();
            value
        }
        (Some(n), Some(as_of)) if anchored => {
            let steps = (n * scale(unit)).round() as i64;
            let unit_step = if matches!(unit, Unit::Decade | Unit::Century | Unit::Season) {
                Unit::Year
            } else {
                unit
            };
            match timex::shift(as_of, sign * steps, unit_step) {
                Some(d) => {
                    let mut value = timex::value(timex::period(d, granularity));
                    value.anchor = env.anchor();
                    value
                }
                None => return fail(input),
            }
        }
        (None, _) => timex::value(reference_for(sign)),
        (Some(_), Some(_)) => timex::value(timex::unknown(granularity)),
        (Some(_), None) => timex::value(reference_for(sign)),
    };
    value.offset = Some(timex::offset(sign, amount.n, unit));
    value.modifier = modifier
        .map(str::to_string)
        .or_else(|| amount.approx.then(|| "APPROX".to_string()));
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

/// How many steps of `shift`'s unit one `unit` is (a decade is 10 years).
fn scale(unit: Unit) -> f64 {
    match unit {
        Unit::Decade => 10.0,
        Unit::Century => 100.0,
        _ => 1.0,
    }
}

/// "earlier this year", "later this month", "earlier in the week".
fn earlier_this<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (_, _, which, _, (unit, plural))) = (
        alt((kw("earlier"), kw("later"))),
        sp,
        alt((kw("this"), kw("that"), kw("last"), kw("next"), |i| {
            phrase(i, "in the").map(|(r, ())| (r, "this"))
        })),
        sp,
        words::unit,
    )
        .parse(input)?;
    if plural
        || !matches!(
            unit,
            Unit::Week | Unit::Month | Unit::Year | Unit::Quarter | Unit::Decade
        )
    {
        return fail(input);
    }
    let value = match which.to_ascii_lowercase().as_str() {
        "this" => unit_value(env, 0, unit),
        "last" => unit_value(env, -1, unit),
        "next" => unit_value(env, 1, unit),
        _ => timex::value(timex::unknown(unit)),
    };
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

/// "year-end", "the end of the year", "the start of the month": the
/// current period with a TIMEX3 `mod`.
fn period_edge<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let edge = |i| -> PResult<'_, (&'static str, Unit)> {
        let (i, modifier) = alt((
            |i| phrase(i, "the end of the").map(|(r, ())| (r, "END")),
            |i| phrase(i, "the start of the").map(|(r, ())| (r, "START")),
            |i| phrase(i, "the beginning of the").map(|(r, ())| (r, "START")),
            |i| phrase(i, "the middle of the").map(|(r, ())| (r, "MID")),
        ))
        .parse(i)?;
        let (i, (_, (unit, plural))) = (sp, words::unit).parse(i)?;
        if plural
            || !matches!(
                unit,
                Unit::Week | Unit::Month | Unit::Year | Unit::Quarter | Unit::Decade
            )
        {
            return fail(i);
        }
        Ok((i, (modifier, unit)))
    };
    let year_end = |i| -> PResult<'_, (&'static str, Unit)> {
        let (i, _) = alt((
            kw("year-end"),
            |i| phrase(i, "year end").map(|(r, ())| (r, "")),
            |i| phrase(i, "year's end").map(|(r, ())| (r, "")),
            |i| phrase(i, "year’s end").map(|(r, ())| (r, "")),
        ))
        .parse(i)?;
        Ok((i, ("END", Unit::Year)))
    };
    let (rest, (modifier, unit)) = alt((edge, year_end)).parse(input)?;
    let mut value = unit_value(env, 0, unit);
    value.modifier = Some(modifier.to_string());
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

/// "the current year", "the full year", "the current month".
fn current_year<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (_, _, _, _, (unit, plural))) = (
        kw("the"),
        sp,
        alt((kw("current"), kw("full"), kw("present"))),
        sp,
        words::unit,
    )
        .parse(input)?;
    if plural
        || !matches!(
            unit,
            Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century
        )
    {
        return fail(input);
    }
    Ok((rest, (ClaimKind::RelativeDate, unit_value(env, 0, unit))))
}

/// "year-earlier", "the year-ago period": the year before publication's.
fn year_earlier<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, _) = (
        opt((kw("the"), sp)),
        opt((alt((kw("comparable"), kw("same"))), sp)),
        alt((kw("year-earlier"), kw("year-ago"))),
        opt((sp, kw("period"))),
    )
        .parse(input)?;
    let value = match (env.as_of, env.reported_quarter()) {
        (Some(_), Some(quarter)) => {
            let quarter = timex::shift(quarter, -1, Unit::Year).unwrap_or(quarter);
            let mut value = timex::value(timex::period(quarter, Unit::Quarter));
            value.offset = Some("-P1Y".to_string());
            value.anchor = env.anchor();
            value
        }
        (Some(as_of), None) => previous_year(env, as_of),
        (None, _) => timex::value("PAST_REF"),
    };
    Ok((rest, (ClaimKind::RelativeDate, value)))
}

fn previous_year(env: &Env, as_of: Date) -> TemporalValue {
    let y = i32::from(as_of.year()) - 1;
    TemporalValue {
        timex: timex::year(y),
        year: Some(y),
        offset: Some("-P1Y".to_string()),
        anchor: env.anchor(),
        ..TemporalValue::default()
    }
}
