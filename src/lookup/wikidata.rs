//! Figures checked against Wikidata: a named person's age, birth and death
//! years (P569, P570), a named place's population (P1082, at the publication
//! date through its P585 "point in time" qualifiers), an organisation's
//! founding year (P571).
//!
//! Precision first. A figure is looked up only in a few fixed wordings that
//! tie it to a name ("Anna Berg, 42,", "42-year-old Anna Berg", "Lyon has a
//! population of 1.2 million", "1.2 million people live in Lyon", "Lyon
//! (population 1.2 million)", "Acme, founded in 1998,", "Anna Berg was born
//! in 1981", "Anna Berg died in 2020"); the name is kept only when Wikidata's
//! label search gives exactly one item with exactly that label, and the item
//! has the property. A figure that agrees within its rounding is confirmed;
//! one that differs by more than 10% beyond its rounding (a population) or
//! at all (a year, an age) is contradicted; anything between is left alone.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value as Json;

use super::cache::Cache;
use super::http::{Client, FetchError};
use super::{ReferenceCheck, Services};
use crate::document::Document;
use crate::extract::{Claim, Qualifier};

/// What a wording ties a figure to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Age,
    Population,
    Founded,
    Born,
    Died,
}

impl Measure {
    fn property(self) -> &'static str {
        match self {
            Measure::Age | Measure::Born => "P569",
            Measure::Population => "P1082",
            Measure::Founded => "P571",
            Measure::Died => "P570",
        }
    }
}

/// A name and a figure the text ties together.
#[derive(Debug, Clone, PartialEq)]
struct Pairing {
    measure: Measure,
    name: String,
    /// Byte offset of the figure in the text.
    at: usize,
}

/// A run of one to four capitalised words: a name. Words are joined by
/// spaces only, so a name never runs across a line break.
const NAME: &str =
    r"\p{Lu}[\p{L}'’.\-]*(?:[ \u{a0}]+(?:of |de |van |von )?\p{Lu}[\p{L}'’.\-]*){0,3}";
const FIGURE: &str = r"(?:about |around |roughly |nearly |almost |some |more than |over |just over |just under |fewer than |less than )?\d[\d,.]*(?: (?:million|billion|thousand))?";

fn patterns() -> &'static [(Measure, Regex)] {
    static PATTERNS: OnceLock<Vec<(Measure, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile = |measure, pattern: String| {
            let regex = Regex::new(&pattern.replace("NAME", NAME).replace("FIGURE", FIGURE));
            (measure, regex.expect("the Wikidata wordings compile"))
        };
        vec![
            compile(
                Measure::Age,
                r"(?P<name>NAME), (?:aged )?(?P<n>\d{1,3})\b[,.;)]".into(),
            ),
            compile(
                Measure::Age,
                r"(?P<n>\d{1,3})-year-old (?P<name>NAME)".into(),
            ),
            compile(
                Measure::Population,
                r"(?P<name>NAME) has a population of (?P<n>FIGURE)".into(),
            ),
            compile(
                Measure::Population,
                r"(?P<n>FIGURE) (?:people|residents|inhabitants) live in (?P<name>NAME)".into(),
            ),
            compile(
                Measure::Population,
                r"(?P<name>NAME) \(population:? (?P<n>FIGURE)\)".into(),
            ),
            compile(
                Measure::Founded,
                r"(?P<name>NAME),? (?:which |that )?(?:was |is )?founded in (?P<n>\d{4})\b".into(),
            ),
            compile(
                Measure::Born,
                r"(?P<name>NAME),? (?:who )?(?:was )?born in (?P<n>\d{4})\b".into(),
            ),
            compile(
                Measure::Born,
                r"(?P<name>NAME) \(born (?P<n>\d{4})\)".into(),
            ),
            compile(
                Measure::Died,
                r"(?P<name>NAME),? (?:who )?died in (?P<n>\d{4})\b".into(),
            ),
        ]
    })
}

/// Whether a capitalised run is a sentence opener or a month or weekday
/// rather than a name ("In Lyon", "March").
fn not_a_name(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or(name);
    let whole = |rest: Result<&str, _>| rest.is_ok_and(str::is_empty);
    crate::extract::NOT_NAMES.contains(&first)
        || whole(crate::calendar::month(name).map(|(rest, _)| rest))
        || whole(crate::calendar::weekday(name).map(|(rest, _)| rest))
}

/// The name-figure pairings in a text, in text order.
fn pairings(text: &str) -> Vec<Pairing> {
    let mut found = Vec::new();
    for (measure, regex) in patterns() {
        for captures in regex.captures_iter(text) {
            let (Some(name), Some(figure)) = (captures.name("name"), captures.name("n")) else {
                continue;
            };
            // A name's own full stop ("St. Louis") stays; the sentence's goes.
            let name = name.as_str().trim().trim_end_matches('.');
            if not_a_name(name) {
                continue;
            }
            found.push(Pairing {
                measure: *measure,
                name: name.to_string(),
                at: figure.start() + leading_qualifier_len(figure.as_str()),
            });
        }
    }
    found.sort_by_key(|p| p.at);
    found.dedup_by(|a, b| a.at == b.at && a.measure == b.measure);
    found
}

/// The digits of a figure start after its qualifier words.
fn leading_qualifier_len(figure: &str) -> usize {
    figure.find(|c: char| c.is_ascii_digit()).unwrap_or(0)
}

/// Compares every pairing in the document with Wikidata.
pub(crate) fn compare(
    document: &Document,
    claims: &[Claim],
    client: &Client,
    cache: &Cache,
    services: &Services,
    notes: &mut Vec<String>,
) -> Vec<ReferenceCheck> {
    let mut items: HashMap<String, Option<Item>> = HashMap::new();
    let mut checks = Vec::new();
    for pairing in pairings(document.text()) {
        // The figure must be a claim the extractor found: the finding and the
        // confirmation belong to it.
        let Some(claim) = claims
            .iter()
            .find(|c| c.span.start <= pairing.at && pairing.at < c.span.end)
        else {
            continue;
        };
        let item = match items.get(&pairing.name) {
            Some(item) => item.clone(),
            None => {
                let item = match find_item(client, cache, services, &pairing.name) {
                    Ok(item) => item,
                    Err(error) => {
                        notes.push(format!(
                            "wikidata look-up of {} failed: {error}",
                            pairing.name
                        ));
                        None
                    }
                };
                items.insert(pairing.name.clone(), item.clone());
                item
            }
        };
        let Some(item) = item else { continue };
        if let Some(check) = judge(&pairing, claim, &item, document.published, services) {
            checks.push(check);
        }
    }
    checks
}

/// One Wikidata item's id and claims.
#[derive(Debug, Clone)]
struct Item {
    id: String,
    claims: Json,
}

fn api_url(services: &Services, params: &[(&str, &str)]) -> Result<String, FetchError> {
    reqwest::Url::parse_with_params(&format!("{}/w/api.php", services.wikidata), params)
        .map(String::from)
        .map_err(|e| FetchError::Other(format!("bad wikidata URL ({e})")))
}

/// The one item labelled exactly `name`, if there is exactly one.
fn find_item(
    client: &Client,
    cache: &Cache,
    services: &Services,
    name: &str,
) -> Result<Option<Item>, FetchError> {
    let url = api_url(
        services,
        &[
            ("action", "wbsearchentities"),
            ("search", name),
            ("language", "en"),
            ("uselang", "en"),
            ("type", "item"),
            ("limit", "10"),
            ("format", "json"),
        ],
    )?;
    let found = super::http::parse_json(&cache.get_json(client, &url, &url)?)?;
    let exact: Vec<&str> = found["search"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|hit| hit["label"].as_str() == Some(name))
        .filter_map(|hit| hit["id"].as_str())
        .collect();
    let [id] = exact[..] else {
        return Ok(None);
    };
    let url = api_url(
        services,
        &[
            ("action", "wbgetentities"),
            ("ids", id),
            ("props", "claims"),
            ("format", "json"),
        ],
    )?;
    let entities = super::http::parse_json(&cache.get_json(client, &url, &url)?)?;
    Ok(Some(Item {
        id: id.to_string(),
        claims: entities["entities"][id]["claims"].clone(),
    }))
}

/// A Wikidata time: year, and month and day where its precision gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Time {
    year: i32,
    month: Option<i8>,
    day: Option<i8>,
}

impl Time {
    /// "+1981-03-04T00:00:00Z" at precision 11 (day), 10 (month) or 9 (year).
    fn parse(value: &Json) -> Option<Time> {
        let text = value["time"].as_str()?;
        let precision = value["precision"].as_u64().unwrap_or(11);
        let (sign, rest) = match text.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, text.trim_start_matches('+')),
        };
        let mut parts = rest.split(['-', 'T']);
        let year: i32 = parts.next()?.parse().ok()?;
        let month: i8 = parts.next()?.parse().ok()?;
        let day: i8 = parts.next()?.parse().ok()?;
        Some(Time {
            year: sign * year,
            month: (precision >= 10 && month > 0).then_some(month),
            day: (precision >= 11 && day > 0).then_some(day),
        })
    }

    fn describe(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{}", self.year),
        }
    }

    /// Whether this time can be at or before `date`.
    fn not_after(self, date: jiff::civil::Date) -> bool {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            <= (date.year() as i32, date.month(), date.day())
    }
}

/// The statements of a property that are not deprecated.
fn statements<'j>(item: &'j Item, property: &str) -> impl Iterator<Item = &'j Json> {
    item.claims[property]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["rank"].as_str() != Some("deprecated"))
}

fn first_time(item: &Item, property: &str) -> Option<Time> {
    statements(item, property).find_map(|s| Time::parse(&s["mainsnak"]["datavalue"]["value"]))
}

/// The population at or before `as_of` (the latest dated value), else the
/// latest dated one, else an undated one.
fn population(item: &Item, as_of: Option<jiff::civil::Date>) -> Option<(f64, Option<Time>)> {
    let values: Vec<(f64, Option<Time>)> = statements(item, "P1082")
        .filter_map(|s| {
            let amount = s["mainsnak"]["datavalue"]["value"]["amount"].as_str()?;
            let amount: f64 = amount.trim_start_matches('+').parse().ok()?;
            let when = s["qualifiers"]["P585"]
                .as_array()
                .and_then(|q| q.first())
                .and_then(|q| Time::parse(&q["datavalue"]["value"]));
            Some((amount, when))
        })
        .collect();
    let dated = values.iter().filter(|(_, t)| t.is_some());
    let eligible = dated
        .clone()
        .filter(|(_, t)| as_of.is_none_or(|d| t.is_some_and(|t| t.not_after(d))));
    eligible
        .max_by_key(|(_, t)| *t)
        .or_else(|| {
            if as_of.is_none() {
                dated.max_by_key(|(_, t)| *t)
            } else {
                None
            }
        })
        .or_else(|| values.iter().find(|(_, t)| t.is_none()))
        .copied()
}

fn judge(
    pairing: &Pairing,
    claim: &Claim,
    item: &Item,
    published: Option<jiff::civil::Date>,
    services: &Services,
) -> Option<ReferenceCheck> {
    let stated_text = claim.text.clone();
    let (reference, date, agrees) = match pairing.measure {
        Measure::Population => {
            let stated = claim.number()?;
            let (value, when) = population(item, published)?;
            let verdict = compare_figure(
                value,
                stated.low,
                stated.high,
                stated.qualifier,
                stated.number,
                &claim.text,
            )?;
            let when_text = when.map(|t| format!(" in {}", t.year)).unwrap_or_default();
            (
                format!("a population of {}{when_text}", group_thousands(value)),
                when.map(Time::describe),
                verdict,
            )
        }
        Measure::Age => {
            let published = published?;
            // A person who has died has no present age to compare.
            if first_time(item, "P570").is_some() {
                return None;
            }
            let born = first_time(item, pairing.measure.property())?;
            let stated: i64 = digits_at(&claim.text)?;
            let ages = possible_ages(born, published);
            let shown = ages
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(" or ");
            (
                format!(
                    "a date of birth of {}, an age of {shown} on {published}",
                    born.describe()
                ),
                Some(born.describe()),
                ages.contains(&stated),
            )
        }
        Measure::Founded | Measure::Born | Measure::Died => {
            let time = first_time(item, pairing.measure.property())?;
            let stated = claim.temporal()?.year?;
            let what = match pairing.measure {
                Measure::Founded => "a founding (inception) year of",
                Measure::Born => "a birth year of",
                _ => "a death year of",
            };
            (
                format!("{what} {}", time.year),
                Some(time.describe()),
                time.year == stated,
            )
        }
    };
    Some(ReferenceCheck {
        claim: claim.id.clone(),
        span: claim.span,
        reference,
        subject: pairing.name.clone(),
        stated: stated_text,
        item: format!("{}/wiki/{}", services.wikidata, item.id),
        date,
        agrees,
    })
}

/// The ages a person born at `born` can have on `on`: one when the day is
/// known, two when only the year is.
fn possible_ages(born: Time, on: jiff::civil::Date) -> Vec<i64> {
    let years = i64::from(on.year()) - i64::from(born.year);
    match (born.month, born.day) {
        (Some(m), Some(d)) => {
            let had_birthday = (on.month(), on.day()) >= (m, d);
            vec![if had_birthday { years } else { years - 1 }]
        }
        _ => vec![years - 1, years],
    }
}

fn digits_at(text: &str) -> Option<i64> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Some(true) when `value` lies in the stated interval widened by the
/// figure's rounding; Some(false) when it lies more than 10% beyond that;
/// None in between.
fn compare_figure(
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Qualifier,
    number: f64,
    text: &str,
) -> Option<bool> {
    let mut slack = rounding(number, text);
    if qualifier == Qualifier::About {
        slack = slack.max(number * 0.05);
    }
    let low = low.unwrap_or(f64::NEG_INFINITY);
    let high = high.unwrap_or(f64::INFINITY);
    if value >= low - slack && value <= high + slack {
        return Some(true);
    }
    if value < low * 0.9 - slack || value > high * 1.1 + slack {
        return Some(false);
    }
    None
}

/// Half a unit of the last digit a figure states: "1.2 million" is rounded
/// to 100,000 either way, so 50,000; "520,000" to 10,000, so 5,000.
fn rounding(number: f64, text: &str) -> f64 {
    let Some(start) = text.find(|c: char| c.is_ascii_digit()) else {
        return 0.0;
    };
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 {
        return 0.0;
    }
    let scale = number / written;
    let unit = match digits.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => 10f64.powi(digits.len() as i32 - digits.trim_end_matches('0').len() as i32),
    };
    unit * scale / 2.0
}

/// 522250 as "522,250".
fn group_thousands(value: f64) -> String {
    let digits = format!("{}", value.round() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(Measure, String, String)> {
        pairings(text)
            .into_iter()
            .map(|p| {
                let figure: String = text[p.at..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let figure = figure.trim_end_matches('.').to_string();
                (p.measure, p.name, figure)
            })
            .collect()
    }

    #[test]
    fn the_fixed_wordings_pair_a_name_with_a_figure() {
        assert_eq!(
            pairs("Anna Berg, 42, said so."),
            vec![(Measure::Age, "Anna Berg".into(), "42".into())]
        );
        assert_eq!(
            pairs("The 42-year-old Anna Berg said so."),
            vec![(Measure::Age, "Anna Berg".into(), "42".into())]
        );
        assert_eq!(
            pairs("Lyon has a population of about 1.2 million."),
            vec![(Measure::Population, "Lyon".into(), "1.2".into())]
        );
        assert_eq!(
            pairs("Some 520,000 people live in Lyon."),
            vec![(Measure::Population, "Lyon".into(), "520".into())]
        );
        assert_eq!(
            pairs("Acme Group, founded in 1998, employs 40."),
            vec![(Measure::Founded, "Acme Group".into(), "1998".into())]
        );
        assert_eq!(
            pairs("Anna Berg was born in 1981."),
            vec![(Measure::Born, "Anna Berg".into(), "1981".into())]
        );
    }

    #[test]
    fn loose_wordings_are_not_paired() {
        assert!(pairs("On Monday, 42 people were hurt.").is_empty());
        assert!(pairs("The city has 1.2 million people.").is_empty());
        assert!(pairs("In March, 42, a record, were sold.").is_empty());
        assert!(pairs("The firm was founded in 1998.").is_empty());
    }

    #[test]
    fn rounding_follows_the_last_stated_digit() {
        assert_eq!(rounding(1.2e6, "1.2 million"), 50_000.0);
        assert_eq!(rounding(520_000.0, "520,000 people"), 5_000.0);
        assert_eq!(rounding(522_251.0, "522,251"), 0.5);
    }

    #[test]
    fn figures_agree_within_rounding_and_disagree_beyond_ten_percent() {
        let exact = Qualifier::Exact;
        assert_eq!(
            compare_figure(
                522_250.0,
                Some(520_000.0),
                Some(520_000.0),
                exact,
                520_000.0,
                "520,000"
            ),
            Some(true)
        );
        assert_eq!(
            compare_figure(
                522_250.0,
                Some(1.2e6),
                Some(1.2e6),
                exact,
                1.2e6,
                "1.2 million"
            ),
            Some(false)
        );
        // 5% off: neither confirmed nor contradicted.
        assert_eq!(
            compare_figure(
                550_000.0,
                Some(522_250.0),
                Some(522_250.0),
                exact,
                522_250.0,
                "522,250"
            ),
            None
        );
        // "more than 500,000" has no upper bound.
        assert_eq!(
            compare_figure(
                522_250.0,
                Some(500_000.0),
                None,
                Qualifier::MoreThan,
                500_000.0,
                "more than 500,000"
            ),
            Some(true)
        );
    }

    #[test]
    fn ages_come_from_the_birth_date_at_publication() {
        let born = Time {
            year: 1981,
            month: Some(3),
            day: Some(4),
        };
        let date = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(possible_ages(born, date("2023-03-03")), vec![41]);
        assert_eq!(possible_ages(born, date("2023-03-04")), vec![42]);
        let year_only = Time {
            year: 1981,
            month: None,
            day: None,
        };
        assert_eq!(possible_ages(year_only, date("2023-06-01")), vec![41, 42]);
    }

    #[test]
    fn wikidata_times_parse_with_their_precision() {
        let value = serde_json::json!({"time": "+1981-03-04T00:00:00Z", "precision": 11});
        assert_eq!(
            Time::parse(&value),
            Some(Time {
                year: 1981,
                month: Some(3),
                day: Some(4)
            })
        );
        let year = serde_json::json!({"time": "+1998-00-00T00:00:00Z", "precision": 9});
        assert_eq!(
            Time::parse(&year),
            Some(Time {
                year: 1998,
                month: None,
                day: None
            })
        );
        assert_eq!(group_thousands(522_250.0), "522,250");
    }
}
