//! A claim's value in the words an editor reads: "more than 70 high priority
//! projects", "Wed 1 Nov 2017", "≈ 2000 (17 years before 5 Nov 2017)". The
//! rules' messages and every renderer use the same words.

use jiff::civil::Date;

use super::{Claim, ClaimKind, NumberValue, Qualifier, TemporalValue, Value};
use crate::calendar::{month_name, weekday_name};

/// The claim's value, spelled out.
pub fn describe(claim: &Claim) -> String {
    match &claim.value {
        Value::Number(number) => describe_number(claim.kind, number),
        Value::Temporal(temporal) => describe_temporal(claim.kind, temporal),
    }
}

fn describe_number(kind: ClaimKind, value: &NumberValue) -> String {
    let amount = |x: f64| match kind {
        ClaimKind::Money => format!(
            "{} {}",
            value.unit.as_deref().unwrap_or("?"),
            format_amount(x)
        ),
        ClaimKind::Percent if value.unit.as_deref() == Some("pp") => {
            format!("{} percentage points", format_amount(x))
        }
        ClaimKind::Percent => format!("{}%", format_amount((x * 10.0).round() / 10.0)),
        ClaimKind::Quantity => match &value.unit {
            Some(unit) => format!("{} {unit}", format_amount(x)),
            None => format_amount(x),
        },
        ClaimKind::Ordinal => ordinal(x),
        _ => format_amount(x),
    };
    let mut words = match (value.qualifier, value.low, value.high) {
        (Qualifier::Exact, Some(low), Some(high)) if low != high => {
            format!("between {} and {}", amount(low), amount(high))
        }
        (qualifier, _, _) => format!("{}{}", qualifier_words(qualifier), amount(value.number)),
    };
    if let Some(subject) = &value.subject {
        words.push(' ');
        words.push_str(subject);
    }
    if let Some(whole) = &value.part_of {
        words.push_str(&format!(" (part of {whole})"));
    }
    words
}

fn qualifier_words(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
        Qualifier::AtLeast => "at least ",
        Qualifier::LessThan => "less than ",
        Qualifier::AtMost => "at most ",
        Qualifier::UpTo => "up to ",
    }
}

/// 2e9 → "2 billion", 1200 → "1,200", 0.5 → "0.5".
pub fn format_amount(x: f64) -> String {
    const SCALES: [(f64, &str); 3] = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (scale, word) in SCALES {
        if x.abs() >= scale {
            return format!("{} {word}", trim_decimals(x / scale));
        }
    }
    let text = trim_decimals(x);
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = integer
        .strip_prefix('-')
        .map_or(("", integer), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

fn trim_decimals(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A date in words: "Mon 20 May 2024".
pub fn describe_date(date: Date) -> String {
    timex_words(&date.to_string())
}

fn ordinal(x: f64) -> String {
    ordinal_words(x.round() as i64)
}

/// 1 → "1st", 22 → "22nd", 13 → "13th".
pub fn ordinal_words(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn describe_temporal(kind: ClaimKind, value: &TemporalValue) -> String {
    let mut words = timex_words(&value.timex);
    if let Some(modifier) = &value.modifier {
        words = match modifier.as_str() {
            "START" => format!("early {words}"),
            "MID" => format!("mid-{words}"),
            "END" => format!("late {words}"),
            "APPROX" => format!("about {words}"),
            "MORE_THAN" => format!("more than {words}"),
            "LESS_THAN" => format!("less than {words}"),
            _ => words,
        };
    }
    if let Some(end) = &value.end {
        words = format!("{words} to {}", timex_words(end));
    }
    if kind == ClaimKind::Duration {
        if let Some(person) = &value.subject {
            return format!("{words} old ({person})");
        }
    }
    if kind == ClaimKind::RelativeDate {
        if let (Some(offset), Some(anchor)) = (&value.offset, &value.anchor) {
            let coarse = value.month.is_none();
            let approx = if coarse && value.timex.len() == 4 {
                "≈ "
            } else {
                ""
            };
            let direction = if offset.starts_with('-') {
                "before"
            } else {
                "after"
            };
            let amount = timex_words(offset.trim_start_matches(['-', '+']));
            return format!(
                "{approx}{words} ({amount} {direction} {})",
                timex_words(anchor)
            );
        }
    }
    if value.year_inferred {
        words.push_str(" (year from publication date)");
    }
    words
}

/// A TIMEX3 value in words.
fn timex_words(timex: &str) -> String {
    match timex {
        "PAST_REF" => return "the past".to_string(),
        "PRESENT_REF" => return "now".to_string(),
        "FUTURE_REF" => return "the future".to_string(),
        _ => {}
    }
    if let Some(duration) = timex.strip_prefix('P') {
        return duration_words(duration);
    }
    let parts: Vec<&str> = timex.split('-').collect();
    let year = parts[0];
    let month = |part: &str| part.parse::<i8>().ok().filter(|m| (1..=12).contains(m));
    match parts.as_slice() {
        [decade] if decade.len() == 3 => format!("the {decade}0s"),
        [century] if century.len() == 2 => format!("the {century}00s"),
        [_] => year.to_string(),
        [_, season] if matches!(*season, "SP" | "SU" | "FA" | "WI") => {
            let name = match *season {
                "SP" => "spring",
                "SU" => "summer",
                "FA" => "autumn",
                _ => "winter",
            };
            format!("{name} {year}")
        }
        [_, quarter] if quarter.starts_with('Q') => format!("{quarter} {year}"),
        [_, half] if half.starts_with('H') => format!("{half} {year}"),
        [_, week] if week.starts_with('W') => {
            format!("week {} of {year}", week.trim_start_matches('W'))
        }
        [_, m] if month(m).is_some() => {
            format!("{} {year}", &month_name(month(m).unwrap_or(1))[..3])
        }
        [_, m, d] => {
            let (Some(m), Ok(d)) = (month(m), d.parse::<i8>()) else {
                return timex.to_string();
            };
            let short_month = &month_name(m)[..3];
            match year
                .parse::<i16>()
                .ok()
                .and_then(|y| Date::new(y, m, d).ok())
            {
                Some(date) => format!(
                    "{} {d} {short_month} {year}",
                    &weekday_name(date.weekday())[..3]
                ),
                None => format!("{d} {short_month} (year unknown)"),
            }
        }
        _ => timex.to_string(),
    }
}

/// "4Y" → "4 years", "6M" → "6 months", "T2H" → "2 hours", "XY" → "some years".
fn duration_words(duration: &str) -> String {
    let (time, units): (bool, &str) = match duration.strip_prefix('T') {
        Some(rest) => (true, rest),
        None => (false, duration),
    };
    let Some(unit) = units.chars().last() else {
        return format!("P{duration}");
    };
    let amount = &units[..units.len() - unit.len_utf8()];
    let name = match (time, unit) {
        (false, 'Y') => "year",
        (false, 'M') => "month",
        (false, 'W') => "week",
        (false, 'D') => "day",
        (true, 'H') => "hour",
        (true, 'M') => "minute",
        (true, 'S') => "second",
        _ => return format!("P{duration}"),
    };
    match amount {
        "X" => format!("some {name}s"),
        "1" => format!("1 {name}"),
        _ if amount.ends_with("DE") => format!("{} decades", amount.trim_end_matches("DE")),
        _ => format!("{amount} {name}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_copy() {
        assert_eq!(format_amount(2e9), "2 billion");
        assert_eq!(format_amount(3.5e6), "3.5 million");
        assert_eq!(format_amount(1200.0), "1,200");
        assert_eq!(format_amount(0.25), "0.25");
        assert_eq!(format_amount(-45000.0), "-45,000");
    }

    #[test]
    fn timex_values_read_as_words() {
        assert_eq!(timex_words("2017-11-01"), "Wed 1 Nov 2017");
        assert_eq!(timex_words("2017-11"), "Nov 2017");
        assert_eq!(timex_words("199"), "the 1990s");
        assert_eq!(timex_words("2017-SU"), "summer 2017");
        assert_eq!(timex_words("2017-Q3"), "Q3 2017");
        assert_eq!(timex_words("P4Y"), "4 years");
        assert_eq!(timex_words("XXXX-11-01"), "1 Nov (year unknown)");
    }

    #[test]
    fn relative_dates_show_their_arithmetic() {
        let value = TemporalValue {
            timex: "2000".into(),
            year: Some(2000),
            offset: Some("-P17Y".into()),
            anchor: Some("2017-11-05".into()),
            ..Default::default()
        };
        assert_eq!(
            describe_temporal(ClaimKind::RelativeDate, &value),
            "≈ 2000 (17 years before Sun 5 Nov 2017)"
        );
    }

    #[test]
    fn counts_read_with_their_qualifier_and_noun() {
        let value = NumberValue {
            number: 70.0,
            low: Some(70.0),
            high: None,
            qualifier: Qualifier::MoreThan,
            unit: None,
            subject: Some("high priority projects".into()),
            part_of: None,
            partitive: Default::default(),
        };
        assert_eq!(
            describe_number(ClaimKind::Count, &value),
            "more than 70 high priority projects"
        );
        let money = NumberValue {
            number: 2e9,
            low: Some(2e9),
            high: Some(2e9),
            qualifier: Qualifier::Exact,
            unit: Some("USD".into()),
            subject: None,
            ..value
        };
        assert_eq!(describe_number(ClaimKind::Money, &money), "USD 2 billion");
    }
}
