//! TIMEX3 values: how dates, months, weeks, quarters, seasons, decades and
//! durations are written ("2017-11-01", "2017-W44", "2017-Q3", "199", "P4Y"),
//! and the calendar arithmetic that resolves a mention against the
//! publication date.

use jiff::civil::{Date, Weekday};

use super::words::Unit;
use crate::extract::TemporalValue;

// The values are written with `push_padded` rather than `format!`: the
// grammars make one for nearly every reading they try, and the formatting
// machinery cost several times the few digits it writes.

/// `n` as `format!("{n:0width$}")` writes it (zero-padded to `width`
/// characters, a minus sign counted in them), pushed onto `out`.
pub(super) fn push_padded(out: &mut String, n: i64, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n.unsigned_abs());
    let sign = usize::from(n < 0);
    if n < 0 {
        out.push('-');
    }
    for _ in digits.len() + sign..width {
        out.push('0');
    }
    out.push_str(digits);
}

/// A value that starts with a year, "2017-", or "XXXX-" without one, with
/// room for a full date after it.
fn year_dash(year: Option<i32>) -> String {
    let mut timex = String::with_capacity(16);
    match year {
        Some(y) => push_padded(&mut timex, y.into(), 4),
        None => timex.push_str("XXXX"),
    }
    timex.push('-');
    timex
}

/// A day of a month: "2017-11-01", or "XXXX-11-01" without the year.
pub(super) fn month_day(year: Option<i32>, month: i8, day: i8) -> String {
    let mut timex = year_dash(year);
    push_padded(&mut timex, month.into(), 2);
    timex.push('-');
    push_padded(&mut timex, day.into(), 2);
    timex
}

/// A month: "2017-11", or "XXXX-11" without the year.
pub(super) fn year_month(year: Option<i32>, month: i8) -> String {
    let mut timex = year_dash(year);
    push_padded(&mut timex, month.into(), 2);
    timex
}

/// A part of a year: `part` and the number `n`, if any, after the year or
/// "XXXX" ("2017-SU", "2017-Q3", "XXXX-H1", "XXXX-WXX-5").
pub(super) fn year_part(year: Option<i32>, part: &str, n: Option<i8>) -> String {
    let mut timex = year_dash(year);
    timex.push_str(part);
    if let Some(n) = n {
        push_padded(&mut timex, n.into(), 0);
    }
    timex
}

/// A day as TIMEX3 writes it: "2017-11-01".
pub(crate) fn date(d: Date) -> String {
    month_day(Some(d.year().into()), d.month(), d.day())
}

pub(super) fn month(year: i32, month: i8) -> String {
    year_month(Some(year), month)
}

pub(super) fn year(year: i32) -> String {
    padded(year.into(), 4)
}

/// The ISO week of a date ("2017-W44").
pub(super) fn week(d: Date) -> String {
    let iso = d.iso_week_date();
    year_week(iso.year().into(), iso.week())
}

/// "2017-W44" for the week 44 of 2017.
fn year_week(year: i32, week: i8) -> String {
    let mut timex = year_part(Some(year), "W", None);
    push_padded(&mut timex, week.into(), 2);
    timex
}

pub(super) fn quarter_of(month: i8) -> i8 {
    (month - 1) / 3 + 1
}

pub(super) fn quarter(year: i32, quarter: i8) -> String {
    year_part(Some(year), "Q", Some(quarter))
}

/// The decade of a year as TIMEX3 writes it: the 1990s are "199".
pub(super) fn decade(year: i32) -> String {
    padded(year.div_euclid(10).into(), 3)
}

/// The century of a year: 1901–2000 is the 20th century, written "19".
pub(super) fn century(year: i32) -> String {
    padded(year.div_euclid(100).into(), 2)
}

/// `n` as `format!("{n:0width$}")` writes it.
pub(super) fn padded(n: i64, width: usize) -> String {
    let mut timex = String::with_capacity(width.max(4));
    push_padded(&mut timex, n, width);
    timex
}

/// `d` moved by `n` units (negative into the past).
pub(super) fn shift(d: Date, n: i64, unit: Unit) -> Option<Date> {
    let span = jiff::Span::new();
    let span = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => return Some(d),
        Unit::Day => span.try_days(n),
        Unit::Week | Unit::Weekend => span.try_weeks(n),
        Unit::Month => span.try_months(n),
        Unit::Quarter => span.try_months(n.checked_mul(3)?),
        Unit::Year | Unit::Season => span.try_years(n),
        Unit::Decade => span.try_years(n.checked_mul(10)?),
        Unit::Century => span.try_years(n.checked_mul(100)?),
    }
    .ok()?;
    d.checked_add(span).ok()
}

/// The value of the period of `unit` that contains `d` ("2017" for a year,
/// "2017-W44" for a week).
pub(super) fn period(d: Date, unit: Unit) -> String {
    let y = i32::from(d.year());
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => date(d),
        Unit::Week => week(d),
        Unit::Weekend => {
            let mut timex = week(d);
            timex.push_str("-WE");
            timex
        }
        Unit::Month => month(y, d.month()),
        Unit::Quarter => quarter(y, quarter_of(d.month())),
        Unit::Season | Unit::Year => year(y),
        Unit::Decade => decade(y),
        Unit::Century => century(y),
    }
}

/// The TIMEX3 value of a period of `unit` that cannot be placed ("XXXX").
pub(super) fn unknown(unit: Unit) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Season | Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
    .to_string()
}

/// A number as a duration writes it ("4", "2.5"), pushed onto `out`.
fn push_amount(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        push_padded(out, n as i64, 0);
    } else {
        out.push_str(&n.to_string());
    }
}

/// A TIMEX3 duration: "P4Y", "PT2H", "P10Y" for a decade; "PXY" when the
/// amount is not stated.
pub(super) fn duration(n: Option<f64>, unit: Unit) -> String {
    let mut timex = String::with_capacity(8);
    push_duration(&mut timex, n, unit);
    timex
}

/// [`duration`] pushed onto `out`.
fn push_duration(out: &mut String, n: Option<f64>, unit: Unit) {
    let (scale, code, time) = match unit {
        Unit::Second => (1.0, 'S', true),
        Unit::Minute => (1.0, 'M', true),
        Unit::Hour => (1.0, 'H', true),
        Unit::Day => (1.0, 'D', false),
        Unit::Week => (1.0, 'W', false),
        Unit::Weekend => (2.0, 'D', false),
        Unit::Month => (1.0, 'M', false),
        Unit::Quarter => (1.0, 'Q', false),
        Unit::Season | Unit::Year => (1.0, 'Y', false),
        Unit::Decade => (10.0, 'Y', false),
        Unit::Century => (100.0, 'Y', false),
    };
    match (n, unit) {
        (None, Unit::Decade) => out.push_str("PXDE"),
        (None, Unit::Century) => out.push_str("PXCE"),
        _ => {
            out.push('P');
            if time {
                out.push('T');
            }
            match n {
                Some(n) => push_amount(out, n * scale),
                None => out.push('X'),
            }
            out.push(code);
        }
    }
}

/// A signed offset from the anchor: "-P17Y", "+P2W".
pub(super) fn offset(sign: i64, n: Option<f64>, unit: Unit) -> String {
    let mut timex = String::with_capacity(8);
    timex.push(if sign < 0 { '-' } else { '+' });
    push_duration(&mut timex, n, unit);
    timex
}

/// Which occurrence of a recurring day or month to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// The latest on or before the anchor (a past-tense mention).
    OnOrBefore,
    /// The latest strictly before ("last Friday").
    Before,
    /// The earliest on or after (a future-tense mention).
    OnOrAfter,
    /// The earliest strictly after ("next Friday").
    After,
}

/// The weekday `wd` nearest `as_of` in `direction`.
pub(super) fn weekday_near(as_of: Date, wd: Weekday, direction: Direction) -> Date {
    let today = as_of.weekday();
    let back =
        i64::from((today.to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7));
    let forward =
        i64::from((wd.to_monday_zero_offset() - today.to_monday_zero_offset()).rem_euclid(7));
    let days = match direction {
        Direction::OnOrBefore => -back,
        Direction::Before => -(if back == 0 { 7 } else { back }),
        Direction::OnOrAfter => forward,
        Direction::After => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
    };
    shift(as_of, days, Unit::Day).unwrap_or(as_of)
}

/// The year of the occurrence of month/day (day 0 for "the whole month")
/// nearest `as_of` in `direction`.
pub(super) fn year_near(as_of: Date, month: i8, day: i8, direction: Direction) -> i32 {
    let y = i32::from(as_of.year());
    let this = (month, day);
    let now = if day == 0 {
        (as_of.month(), 0)
    } else {
        (as_of.month(), as_of.day())
    };
    match direction {
        Direction::OnOrBefore if this <= now => y,
        Direction::Before if this < now => y,
        Direction::OnOrBefore | Direction::Before => y - 1,
        Direction::OnOrAfter if this >= now => y,
        Direction::After if this > now => y,
        Direction::OnOrAfter | Direction::After => y + 1,
    }
}

/// The start month of a season code, and its year for a date (winter that
/// starts in December runs into the next year).
fn season_start(code: &str) -> i8 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The year of the season `code` nearest `as_of` in `direction`; `None`
/// direction means the season of the current year ("this summer").
pub(super) fn season_year(as_of: Date, code: &str, direction: Option<Direction>) -> i32 {
    let y = i32::from(as_of.year());
    let start = season_start(code);
    // The season running now, as (year, start month).
    let month = as_of.month();
    let current = if month <= 2 {
        (y - 1, 12)
    } else {
        (y, (month / 3) * 3)
    };
    let this_year = if code == "WI" && month <= 2 { y - 1 } else { y };
    match direction {
        None => this_year,
        Some(Direction::OnOrBefore) => {
            if (this_year, start) <= current {
                this_year
            } else {
                this_year - 1
            }
        }
        Some(Direction::Before) => {
            if (this_year, start) < current {
                this_year
            } else {
                this_year - 1
            }
        }
        Some(Direction::OnOrAfter) => {
            if (this_year, start) >= current {
                this_year
            } else {
                this_year + 1
            }
        }
        Some(Direction::After) => {
            if (this_year, start) > current {
                this_year
            } else {
                this_year + 1
            }
        }
    }
}

/// A value with only its TIMEX3 set.
pub(super) fn value(timex: impl Into<String>) -> TemporalValue {
    TemporalValue {
        timex: timex.into(),
        ..TemporalValue::default()
    }
}

/// A value for a full date, with its parts.
pub(super) fn date_value(d: Date) -> TemporalValue {
    TemporalValue {
        timex: date(d),
        year: Some(i32::from(d.year())),
        month: Some(d.month()),
        day: Some(d.day()),
        ..TemporalValue::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn formats() {
        assert_eq!(week(d(2017, 11, 5)), "2017-W44");
        assert_eq!(period(d(2017, 11, 5), Unit::Quarter), "2017-Q4");
        assert_eq!(period(d(1995, 1, 1), Unit::Decade), "199");
        assert_eq!(duration(Some(4.0), Unit::Year), "P4Y");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Some(2.0), Unit::Hour), "PT2H");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(Some(1.5), Unit::Year), "P1.5Y");
        assert_eq!(offset(-1, Some(17.0), Unit::Year), "-P17Y");
        assert_eq!(offset(1, None, Unit::Decade), "+PXDE");
        assert_eq!(duration(None, Unit::Minute), "PTXM");
        assert_eq!(duration(Some(1.5), Unit::Weekend), "P3D");
        assert_eq!(month_day(Some(2017), 3, 5), "2017-03-05");
        assert_eq!(month_day(None, 11, 25), "XXXX-11-25");
        assert_eq!(year_month(Some(987), 1), "0987-01");
        assert_eq!(year_part(None, "WXX-", Some(5)), "XXXX-WXX-5");
        assert_eq!(year_part(Some(2017), "SU", None), "2017-SU");
        assert_eq!(period(d(2017, 11, 5), Unit::Weekend), "2017-W44-WE");
        assert_eq!(century(1995), "19");
    }

    proptest::proptest! {
        /// The digits are written as `format!` pads them, sign included.
        #[test]
        fn pads_as_format_does(n in proptest::num::i64::ANY, width in 0usize..8) {
            let mut padded = String::new();
            push_padded(&mut padded, n, width);
            proptest::prop_assert_eq!(padded, format!("{n:0width$}"));
        }
    }

    #[test]
    fn resolves_weekdays_and_years() {
        let sunday = d(2017, 11, 5);
        assert_eq!(
            weekday_near(sunday, Weekday::Saturday, Direction::OnOrBefore),
            d(2017, 11, 4)
        );
        assert_eq!(
            weekday_near(sunday, Weekday::Sunday, Direction::OnOrBefore),
            sunday
        );
        assert_eq!(
            weekday_near(sunday, Weekday::Sunday, Direction::Before),
            d(2017, 10, 29)
        );
        assert_eq!(
            weekday_near(sunday, Weekday::Saturday, Direction::OnOrAfter),
            d(2017, 11, 11)
        );
        assert_eq!(year_near(sunday, 11, 1, Direction::OnOrBefore), 2017);
        assert_eq!(year_near(sunday, 12, 1, Direction::OnOrBefore), 2016);
        assert_eq!(year_near(sunday, 3, 0, Direction::OnOrAfter), 2018);
        assert_eq!(year_near(sunday, 11, 0, Direction::Before), 2016);
        assert_eq!(season_year(sunday, "SU", Some(Direction::OnOrBefore)), 2017);
        assert_eq!(season_year(sunday, "WI", Some(Direction::Before)), 2016);
        assert_eq!(season_year(sunday, "SU", Some(Direction::After)), 2018);
        assert_eq!(season_year(d(2017, 1, 10), "WI", None), 2016);
    }
}
