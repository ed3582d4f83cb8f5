//! Durations and ages: "four years", "about six months", "a three-year
//! contract", "two to three weeks", "the past four years", "the past
//! decade", "several years", "for years", "recent months"; ages ("Anna
//! Berg, 39,", "aged 39", "a 39-year-old", "39 years old") as durations in
//! years with the person they belong to.

use nom::{
    branch::alt,
    bytes::complete::tag,
    combinator::opt,
    sequence::{preceded, terminated},
    Parser,
};

use super::dispatch::{AGED, AGE_AFTER_NAME, BARE_PLURAL, LEAD, REPORTING_YEAR, SPAN_OF_TIME};
use super::relative::qualifier;
use super::timex;
use super::words::{self, fail, hyphen, is_capitalised, kw, one_of, sp, Count, PResult, Unit};
use super::{Env, Longest, Parsed};
use crate::extract::{ClaimKind, TemporalValue};

/// Offers `best` the readings of this grammar's alternatives at the
/// position of `env`, in their order.
pub(super) fn parse(env: &Env, best: &mut Longest) {
    let input = env.input();
    let can = env.can;
    let lead = if can & LEAD != 0 { lead(input) } else { None };
    best.run(can, LEAD, input, |i| amount(env, i, lead));
    best.run(can, LEAD, input, |i| compound(env, i, lead));
    best.run(can, SPAN_OF_TIME, input, span_of_time);
    best.run(can, BARE_PLURAL, input, |i| bare_plural(env, i));
    best.run(can, REPORTING_YEAR, input, reporting_year);
    best.run(can, AGED, input, |i| aged(env, i));
    best.run(can, AGE_AFTER_NAME, input, |i| age_after_name(env, i));
}

fn duration_value(count: Count, unit: Unit, modifier: Option<&str>) -> TemporalValue {
    let mut value = timex::value(timex::duration(count.n, unit));
    value.modifier = modifier
        .map(str::to_string)
        .or_else(|| count.approx.then(|| "APPROX".to_string()));
    value
}

/// Units that read as a period of time after a count. "a second" is
/// usually an ordinal and "a quarter of" a fraction, so those need a number.
fn usable(count: Count, unit: Unit, rest: &str) -> bool {
    match unit {
        Unit::Second => !count.article,
        Unit::Quarter => {
            !count.article && !sp(rest).is_ok_and(|(after, _)| kw("of")(after).is_ok())
        }
        Unit::Season | Unit::Weekend => !count.article,
        _ => true,
    }
}

/// After a figure or "once", "a year" is a rate ("$5,000 a year"), not a
/// duration.
fn is_rate(env: &Env) -> bool {
    let before = env.before().trim_end();
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    last.is_ascii_digit()
        || last == '%'
        || words::last_word(before).is_some_and(|w| {
            let w = w.to_ascii_lowercase();
            // "four flights a week", "24 hours a day": a plural noun before.
            let plural_noun = w.len() > 3
                && w.ends_with('s')
                && !matches!(
                    w.as_str(),
                    "this"
                        | "was"
                        | "has"
                        | "his"
                        | "its"
                        | "does"
                        | "says"
                        | "perhaps"
                        | "across"
                        | "unless"
                        | "always"
                        | "is"
                        | "as"
                        | "takes"
                        | "lasts"
                        | "needs"
                        | "spends"
                );
            plural_noun
                || words::IRREGULAR_PLURALS.contains(&w.as_str())
                || matches!(
                    w.as_str(),
                    "once" | "twice" | "thrice" | "per" | "million" | "billion" | "percent"
                )
        })
}

/// The count that opens an amount or a compound, with its qualifier:
/// "about four" in "about four years" and "about four-year". Both grammars
/// start with it, so it is read once.
#[derive(Clone, Copy)]
struct Lead<'a> {
    modifier: Option<&'static str>,
    count: Count,
    /// Whether the count is written in digits.
    in_digits: bool,
    /// The text after the count.
    rest: &'a str,
}

fn lead(input: &str) -> Option<Lead<'_>> {
    let (rest, modifier) = opt(qualifier).parse(input).ok()?;
    let in_digits = rest.starts_with(|c: char| c.is_ascii_digit());
    let (rest, count) = words::count(rest).ok()?;
    Some(Lead {
        modifier,
        count,
        in_digits,
        rest,
    })
}

/// "four years", "about six months", "90 days", "a decade", "two to three
/// weeks", "39 years old".
fn amount<'a>(env: &Env, input: &'a str, lead: Option<Lead<'a>>) -> PResult<'a, Parsed> {
    let Some(Lead {
        modifier,
        count,
        in_digits,
        rest,
    }) = lead
    else {
        return fail(input);
    };
    // "two to three weeks", "12-18 months", "two or three days".
    let (rest, upper) = opt(preceded(
        alt((
            (sp, alt((kw("to"), kw("or"))), sp).map(|_| ()),
            (opt(sp), alt((tag("-"), tag("–"))), opt(sp)).map(|_| ()),
        )),
        words::count,
    ))
    .parse(rest)?;
    let (rest, _) = sp(rest)?;
    // "20 more years", "an additional year".
    let (rest, _) = opt((
        |i| one_of(i, &["more", "additional", "extra", "further"]),
        sp,
    ))
    .parse(rest)?;
    let unit_text = rest;
    let (rest, (unit, plural)) = words::unit(rest)?;
    // "60 Minutes" is a title.
    if is_capitalised(unit_text) {
        return fail(input);
    }
    if !usable(count, unit, rest) || (count.article && modifier.is_none() && is_rate(env)) {
        return fail(input);
    }
    // "the 1988 second quarter": a figure above one before a singular unit
    // is not its count; in words it is a compound ("a five year low").
    if !plural && upper.is_none() && count.n.is_some_and(|n| n > 1.0) && in_digits {
        return fail(input);
    }
    if let Ok((after, _)) = (sp, kw("old")).parse(rest) {
        let mut value = duration_value(count, unit, modifier);
        value.subject = name_before_comma(env.before(), true);
        return Ok((after, (ClaimKind::Duration, value)));
    }
    let (rest, _) = opt((hyphen, kw("long"))).parse(rest)?;
    let mut value = duration_value(count, unit, modifier);
    if let Some(upper) = upper {
        value.end = Some(timex::duration(upper.n, unit));
    }
    Ok((rest, (ClaimKind::Duration, value)))
}

/// "three-year", "10-year", "two-week-long", "39-year-old" (an age, with
/// the name next to it as subject).
fn compound<'a>(env: &Env, input: &'a str, lead: Option<Lead<'a>>) -> PResult<'a, Parsed> {
    let Some(Lead {
        modifier,
        count,
        rest,
        ..
    }) = lead
    else {
        return fail(input);
    };
    if count.article {
        return fail(input);
    }
    let (rest, (_, (unit, plural))) = (hyphen, words::unit).parse(rest)?;
    if plural || !usable(count, unit, rest) {
        return fail(input);
    }
    let mut value = duration_value(count, unit, modifier);
    if let Ok((after, _)) = (hyphen, kw("old")).parse(rest) {
        value.subject = name_after(after).or_else(|| name_before_comma(env.before(), true));
        return Ok((after, (ClaimKind::Duration, value)));
    }
    let (rest, _) = opt((hyphen, kw("long"))).parse(rest)?;
    Ok((rest, (ClaimKind::Duration, value)))
}

/// The words that place a [`span_of_time`]: "the past", "the first".
pub(super) const SPAN_WORDS: [&str; 11] = [
    "past",
    "last",
    "next",
    "coming",
    "first",
    "previous",
    "latest",
    "final",
    "remaining",
    "following",
    "preceding",
];

/// "the past four years", "the first nine months", "the next few days",
/// "past 20 years", "the past decade", "the last two weeks".
fn span_of_time(input: &str) -> PResult<'_, Parsed> {
    let (rest, the) = opt(terminated(kw("the"), sp)).parse(input)?;
    let (rest, which) = opt(terminated(|i| one_of(i, &SPAN_WORDS), sp)).parse(rest)?;
    if the.is_none() && which.is_none() {
        return fail(input);
    }
    let (rest, count) = opt(terminated(words::count, sp)).parse(rest)?;
    let (rest, (unit, plural)) = words::unit(rest)?;
    if matches!(unit, Unit::Weekend | Unit::Season) {
        return fail(input);
    }
    let count = match count {
        Some(count) if !count.article => count,
        Some(_) => return fail(input),
        // "the past decade": one unit; it needs "the past" or the like.
        None if !plural
            && the.is_some()
            && which.is_some_and(|w| matches!(w, "past" | "last" | "next" | "coming")) =>
        {
            Count {
                n: Some(1.0),
                approx: false,
                article: false,
            }
        }
        None => return fail(input),
    };
    if count.n.is_some_and(|n| n > 1.0) != plural && count.n.is_some() {
        return fail(input);
    }
    if !usable(count, unit, rest) {
        return fail(input);
    }
    // "past 20 years" and "the first nine months" are durations; "the four
    // days" too, but "the first two" of a list is not, so a count is needed.
    let (rest, _) =
        opt((sp, alt((kw("ahead"), (kw("or"), sp, kw("so")).map(|_| ""))))).parse(rest)?;
    Ok((
        rest,
        (ClaimKind::Duration, duration_value(count, unit, None)),
    ))
}

/// "the fiscal year", "the year ended June 30": a company's reporting
/// year, a period of one year.
fn reporting_year(input: &str) -> PResult<'_, Parsed> {
    let (rest, (_, _, fiscal, _)) = (
        kw("the"),
        sp,
        opt((
            opt((alt((kw("current"), kw("latest"), kw("previous"))), sp)),
            kw("fiscal"),
            sp,
        )),
        kw("year"),
    )
        .parse(input)?;
    let ended = (sp, alt((kw("ended"), kw("ending"), kw("ends"), kw("to"))))
        .parse(rest)
        .is_ok();
    if fiscal.is_none() && !ended {
        return fail(input);
    }
    let count = Count {
        n: Some(1.0),
        approx: false,
        article: false,
    };
    Ok((
        rest,
        (ClaimKind::Duration, duration_value(count, Unit::Year, None)),
    ))
}

/// "for years", "within hours", "recent months", "the coming weeks":
/// a plural unit with no number.
fn bare_plural<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, lead) = opt(terminated(
        alt((
            |i| words::phrase(i, "the coming").map(|(r, ())| (r, "coming")),
            |i| one_of(i, &["recent", "coming"]),
        )),
        sp,
    ))
    .parse(input)?;
    let (rest, (unit, plural)) = words::unit(rest)?;
    if !plural || matches!(unit, Unit::Weekend | Unit::Season | Unit::Quarter) && lead.is_none() {
        return fail(input);
    }
    if lead.is_none() {
        let cued = env.previous_word().as_deref().is_some_and(|w| {
            matches!(
                w,
                "for"
                    | "in"
                    | "within"
                    | "over"
                    | "after"
                    | "took"
                    | "spent"
                    | "lasted"
                    | "lasting"
                    | "last"
            )
        });
        if !cued {
            return fail(input);
        }
    }
    let count = Count {
        n: None,
        approx: false,
        article: false,
    };
    Ok((
        rest,
        (ClaimKind::Duration, duration_value(count, unit, None)),
    ))
}

/// "aged 39": an age, with "Name, aged 39" giving the subject.
fn aged<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    let (rest, (_, _, n)) = (kw("aged"), sp, words::digit_number).parse(input)?;
    if !(0.0..=130.0).contains(&n) || n.fract() != 0.0 {
        return fail(input);
    }
    let mut value = timex::value(timex::duration(Some(n), Unit::Year));
    value.subject = name_before_comma(env.before(), false);
    Ok((rest, (ClaimKind::Duration, value)))
}

/// "Anna Berg, 39, said": a small number set off by commas right after a
/// capitalised name is that person's age.
fn age_after_name<'a>(env: &Env, input: &'a str) -> PResult<'a, Parsed> {
    // The comma first: it is the cheapest test, and most figures the rule
    // is tried at have none before them, so their number is never read.
    let before = env.before();
    if !before.trim_end().ends_with(',') {
        return fail(input);
    }
    let (rest, n) = words::digit_number(input)?;
    if !(1.0..=120.0).contains(&n) || n.fract() != 0.0 || input.len() - rest.len() > 3 {
        return fail(input);
    }
    if !(rest.is_empty() || rest.starts_with([',', ')', ';']) || rest.trim() == ".") {
        return fail(input);
    }
    let Some(subject) = name_before_comma(before, false) else {
        return fail(input);
    };
    let mut value = timex::value(timex::duration(Some(n), Unit::Year));
    value.subject = Some(subject);
    Ok((rest, (ClaimKind::Duration, value)))
}

/// Capitalised words that open a sentence but are not names (the Wikidata
/// look-up reads names with the same list).
pub(crate) const NOT_NAMES: [&str; 24] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "When",
    "Meanwhile",
    "Yesterday",
    "Today",
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Mr",
];

/// The capitalised name (one to four words) that ends `before` followed by
/// a comma (and, when `article`, optionally "a"/"an": "Anna Berg, a").
fn name_before_comma(before: &str, article: bool) -> Option<String> {
    let mut text = before.trim_end();
    if article {
        for word in [" a", " an"] {
            if let Some(stripped) = text.strip_suffix(word) {
                text = stripped.trim_end();
                break;
            }
        }
    }
    let text = text.strip_suffix(',')?.trim_end();
    let mut start = text.len();
    let mut count = 0;
    for word in text.rsplit(' ') {
        let clean = word.trim_end_matches('.');
        if count == 4 || !is_capitalised(clean) || NOT_NAMES.contains(&clean) {
            break;
        }
        if clean
            .chars()
            .any(|c| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
        {
            break;
        }
        start -= word.len();
        count += 1;
        if start == 0 {
            break;
        }
        start -= 1;
    }
    if count == 0 {
        return None;
    }
    let name = text.get(start..)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Two or more capitalised words right after an age ("39-year-old Anna
/// Berg"); one word could be a nationality. A comma or full stop ends the
/// name.
fn name_after(rest: &str) -> Option<String> {
    let (after, _) = sp(rest).ok()?;
    let mut words: Vec<&str> = Vec::new();
    for word in after.split(' ').take(4) {
        let clean = word.trim_end_matches([',', '.', ';', ':', ')']);
        let is_name_word = is_capitalised(clean)
            && clean
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if !is_name_word {
            break;
        }
        words.push(clean);
        if clean.len() < word.len() {
            break;
        }
    }
    (words.len() >= 2).then(|| words.join(" "))
}
