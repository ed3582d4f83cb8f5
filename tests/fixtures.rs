//! Fixture articles against their expected claims.
//!
//! Every `fixtures/articles/NAME.txt` is an article written for the project;
//! beside it, `NAME.expected.toml` lists its publication date, its headline,
//! every claim it holds (in text order, with the value fields the contract
//! fixes) and text that must not be read as a claim. The sidecar format is
//! described in `fixtures/README.md`.
//!
//! One test per article runs [`figcheck::check`] and reports every difference
//! at once: claims the tool found that the sidecar does not list, claims it
//! missed, and wrong values, attributions or links between claims. A separate
//! test checks that the sidecars themselves are well formed, so a typo in a
//! fixture fails loudly instead of weakening a test.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use figcheck::extract::{Attribution, NumberValue, Partitive, Qualifier, Span, TemporalValue};
use figcheck::{Claim, ClaimKind, DocumentReport, Options, Value};
use serde::Deserialize;

const KINDS: [&str; 8] = [
    "date",
    "relative-date",
    "duration",
    "count",
    "quantity",
    "money",
    "percent",
    "ordinal",
];

const QUALIFIERS: [&str; 7] = [
    "exact",
    "about",
    "more-than",
    "at-least",
    "less-than",
    "at-most",
    "up-to",
];

/// A sidecar: `NAME.expected.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// The publication date the article states; absent when it states none.
    as_of: Option<String>,
    /// The headline line; absent when the article has none.
    headline: Option<String>,
    #[serde(default)]
    claim: Vec<ExpectedClaim>,
    #[serde(default)]
    absent: Vec<Absent>,
    /// When present (even empty), the findings the article must raise,
    /// exactly: every rule's finding as (rule, message).
    finding: Option<Vec<ExpectedFinding>>,
}

/// One expected finding of the rules.
#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    message: String,
}

/// One expected claim. `kind` and `text` are always checked; every other
/// field is checked only when present.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedClaim {
    kind: String,
    text: String,
    number: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    /// `true`: the interval has no lower bound (`low` is null).
    low_open: Option<bool>,
    /// `true`: the interval has no upper bound (`high` is null).
    high_open: Option<bool>,
    qualifier: Option<String>,
    unit: Option<String>,
    /// The counted noun phrase, or for an age the person it belongs to.
    subject: Option<String>,
    /// For a partitive count: the text of the claim it is a part of.
    part_of_text: Option<String>,
    timex: Option<String>,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    end: Option<String>,
    year_inferred: Option<bool>,
    /// The attribution's source.
    source: Option<String>,
    /// `true`: attributed, to whoever the cue names (a pronoun such as "she").
    attributed: Option<bool>,
    /// `true`: attributed, but to nobody in particular ("experts say").
    vague: Option<bool>,
    /// `true`: no attribution at all.
    unattributed: Option<bool>,
}

/// Text that no claim may overlap.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    text: String,
}

/// An article with its sidecar, the expected claims located in its text.
struct Fixture {
    name: String,
    text: String,
    expected: Expected,
    /// Byte range of each expected claim, parallel to `expected.claim`.
    spans: Vec<(usize, usize)>,
}

fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles")
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The first occurrence of `needle` in `text` at or after byte `from` that
/// does not start or end inside a word ("20" is not found in "G20").
fn find_word(text: &str, needle: &str, from: usize) -> Option<usize> {
    let mut from = from;
    while let Some(found) = text[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        let clean_start = !(is_word_char(before) && is_word_char(first));
        let clean_end = !(is_word_char(after) && is_word_char(last));
        if clean_start && clean_end {
            return Some(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..pos].chars().count() + 1)
}

/// Reads a fixture and locates its expected claims in text order: each claim
/// is the first whole-word occurrence of its text after the previous claim.
/// Panics with every defect of the sidecar.
fn load(name: &str) -> Fixture {
    let dir = articles_dir();
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt")))
        .unwrap_or_else(|e| panic!("{name}.txt: {e}"));
    let sidecar = std::fs::read_to_string(dir.join(format!("{name}.expected.toml")))
        .unwrap_or_else(|e| panic!("{name}.expected.toml: {e}"));
    let expected: Expected =
        toml::from_str(&sidecar).unwrap_or_else(|e| panic!("{name}.expected.toml: {e}"));

    let mut problems = Vec::new();
    let mut spans = Vec::new();
    let mut cursor = 0;
    for (i, claim) in expected.claim.iter().enumerate() {
        let label = format!("claim #{} {:?}", i + 1, claim.text);
        if !KINDS.contains(&claim.kind.as_str()) {
            problems.push(format!("{label}: unknown kind {:?}", claim.kind));
        }
        if let Some(q) = &claim.qualifier {
            if !QUALIFIERS.contains(&q.as_str()) {
                problems.push(format!("{label}: unknown qualifier {q:?}"));
            }
        }
        if claim.low.is_some() && claim.low_open == Some(true) {
            problems.push(format!("{label}: both low and low_open"));
        }
        if claim.high.is_some() && claim.high_open == Some(true) {
            problems.push(format!("{label}: both high and high_open"));
        }
        let says_attributed =
            claim.source.is_some() || claim.vague.is_some() || claim.attributed.is_some();
        if claim.attributed == Some(false) || claim.unattributed == Some(false) {
            problems.push(format!(
                "{label}: write `unattributed = true` or `attributed = true`, never false"
            ));
        }
        if claim.unattributed == Some(true) && says_attributed {
            problems.push(format!("{label}: unattributed with a source"));
        }
        if claim.text.is_empty() || claim.text.trim() != claim.text {
            problems.push(format!("{label}: empty or padded text"));
        }
        match find_word(&text, &claim.text, cursor) {
            Some(start) => {
                let end = start + claim.text.len();
                spans.push((start, end));
                cursor = end;
            }
            None => {
                problems.push(format!(
                    "{label}: not found after byte {cursor} (claims must be listed in text order)"
                ));
                spans.push((0, 0));
            }
        }
    }
    for (i, claim) in expected.claim.iter().enumerate() {
        if let Some(whole) = &claim.part_of_text {
            if !expected.claim.iter().any(|c| &c.text == whole) {
                problems.push(format!(
                    "claim #{} {:?}: part_of_text {whole:?} is not an expected claim",
                    i + 1,
                    claim.text
                ));
            }
        }
    }
    for absent in &expected.absent {
        if !text.contains(&absent.text) {
            problems.push(format!("absent {:?}: not in the article", absent.text));
        }
        for (claim, &(start, end)) in expected.claim.iter().zip(&spans) {
            let overlaps = text
                .match_indices(absent.text.as_str())
                .any(|(s, _)| s < end && start < s + absent.text.len());
            if overlaps {
                problems.push(format!(
                    "absent {:?}: overlaps the expected claim {:?}",
                    absent.text, claim.text
                ));
            }
        }
    }
    if let Some(headline) = &expected.headline {
        if !text.starts_with(headline.as_str()) {
            problems.push(format!(
                "headline {headline:?}: the article does not start with it"
            ));
        }
    }
    if let Some(as_of) = &expected.as_of {
        if as_of.parse::<jiff::civil::Date>().is_err() {
            problems.push(format!("as_of {as_of:?}: not a YYYY-MM-DD date"));
        }
    }
    assert!(
        problems.is_empty(),
        "fixture {name} is malformed:\n  {}",
        problems.join("\n  ")
    );
    Fixture {
        name: name.to_string(),
        text,
        expected,
        spans,
    }
}

fn describe(text: &str, kind: &str, start: usize, end: usize) -> String {
    let (line, column) = line_column(text, start);
    format!("{kind:<13} {:?} at {line}:{column}", &text[start..end])
}

fn float_matches(actual: f64, expected: f64) -> bool {
    actual == expected || (actual - expected).abs() <= 1e-9 * expected.abs().max(actual.abs())
}

fn check_f64(problems: &mut Vec<String>, field: &str, actual: Option<f64>, expected: Option<f64>) {
    if let Some(want) = expected {
        match actual {
            Some(got) if float_matches(got, want) => {}
            got => problems.push(format!("{field}: expected {want:?}, got {got:?}")),
        }
    }
}

fn check_eq<T: PartialEq + std::fmt::Debug>(
    problems: &mut Vec<String>,
    field: &str,
    actual: Option<T>,
    expected: Option<T>,
) {
    if let Some(want) = expected {
        if actual.as_ref() != Some(&want) {
            problems.push(format!("{field}: expected {want:?}, got {actual:?}"));
        }
    }
}

/// The value and attribution differences of one matched claim.
fn value_problems(report: &DocumentReport, claim: &Claim, want: &ExpectedClaim) -> Vec<String> {
    let mut problems = Vec::new();
    let wants_number = want.number.is_some()
        || want.low.is_some()
        || want.high.is_some()
        || want.low_open.is_some()
        || want.high_open.is_some()
        || want.qualifier.is_some()
        || want.unit.is_some()
        || want.part_of_text.is_some();
    let wants_temporal = want.timex.is_some()
        || want.modifier.is_some()
        || want.end.is_some()
        || want.year_inferred.is_some();
    match &claim.value {
        Value::Number(n) => {
            if wants_temporal {
                problems.push("expected a temporal value, got a number value".to_string());
            }
            check_f64(&mut problems, "number", Some(n.number), want.number);
            check_f64(&mut problems, "low", n.low, want.low);
            check_f64(&mut problems, "high", n.high, want.high);
            if want.low_open == Some(true) && n.low.is_some() {
                problems.push(format!("low: expected none (open), got {:?}", n.low));
            }
            if want.high_open == Some(true) && n.high.is_some() {
                problems.push(format!("high: expected none (open), got {:?}", n.high));
            }
            let qualifier = serde_json::to_value(n.qualifier)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            check_eq(
                &mut problems,
                "qualifier",
                qualifier.as_deref(),
                want.qualifier.as_deref(),
            );
            check_eq(
                &mut problems,
                "unit",
                n.unit.as_deref(),
                want.unit.as_deref(),
            );
            check_eq(
                &mut problems,
                "subject",
                n.subject.as_deref(),
                want.subject.as_deref(),
            );
            if let Some(whole) = &want.part_of_text {
                let linked = n
                    .part_of
                    .as_ref()
                    .and_then(|id| report.claims.iter().find(|c| &c.id == id));
                match (&n.part_of, linked) {
                    (_, Some(c)) if &c.text == whole => {}
                    (_, Some(c)) => problems.push(format!(
                        "part_of: expected the claim {whole:?}, got {} {:?}",
                        c.id, c.text
                    )),
                    (Some(id), None) => {
                        problems.push(format!("part_of: {id:?} names no claim in the report"))
                    }
                    (None, None) => {
                        problems.push(format!("part_of: expected the claim {whole:?}, got none"))
                    }
                }
            }
        }
        Value::Temporal(t) => {
            if wants_number {
                problems.push("expected a number value, got a temporal value".to_string());
            }
            check_eq(
                &mut problems,
                "timex",
                Some(t.timex.as_str()),
                want.timex.as_deref(),
            );
            check_eq(
                &mut problems,
                "mod",
                t.modifier.as_deref(),
                want.modifier.as_deref(),
            );
            check_eq(&mut problems, "end", t.end.as_deref(), want.end.as_deref());
            check_eq(
                &mut problems,
                "year_inferred",
                Some(t.year_inferred),
                want.year_inferred,
            );
            check_eq(
                &mut problems,
                "subject",
                t.subject.as_deref(),
                want.subject.as_deref(),
            );
        }
    }
    match (&claim.attribution, want.unattributed) {
        (Some(a), Some(true)) => problems.push(format!(
            "attribution: expected none, got {:?} (cue {:?})",
            a.source, a.cue
        )),
        (Some(a), _) => {
            check_eq(
                &mut problems,
                "source",
                Some(a.source.as_str()),
                want.source.as_deref(),
            );
            check_eq(&mut problems, "vague", Some(a.vague), want.vague);
        }
        (None, _) => {
            if want.source.is_some() || want.vague.is_some() || want.attributed == Some(true) {
                problems.push(format!(
                    "attribution: expected {}, got none",
                    want.source.as_deref().unwrap_or("a vague one")
                ));
            }
        }
    }
    problems
}

/// Runs the extractor on one fixture and panics with every difference.
fn check_fixture(name: &str) {
    let fixture = load(name);
    let text = &fixture.text;
    let report = figcheck::check(&format!("{name}.txt"), text, &Options::default());
    let document = figcheck::Document::parse(text, None);
    let mut out = String::new();

    let headline = document.headline.clone().map(|r| &text[r]);
    if headline != fixture.expected.headline.as_deref() {
        let _ = writeln!(
            out,
            "headline: expected {:?}, got {headline:?}",
            fixture.expected.headline
        );
    }
    out.push_str(&compare(&fixture, &report, document.dateline.clone()));
    if let Some(expected) = &fixture.expected.finding {
        let mut want = expected.clone();
        let mut got: Vec<ExpectedFinding> = report
            .findings
            .iter()
            .map(|f| ExpectedFinding {
                rule: f.rule.clone(),
                message: f.message.clone(),
            })
            .collect();
        want.sort();
        got.sort();
        for missing in want.iter().filter(|w| !got.contains(w)) {
            let _ = writeln!(
                out,
                "finding expected but not raised: {}: {}",
                missing.rule, missing.message
            );
        }
        for extra in got.iter().filter(|g| !want.contains(g)) {
            let _ = writeln!(
                out,
                "finding raised but not expected: {}: {}",
                extra.rule, extra.message
            );
        }
    }

    assert!(
        out.is_empty(),
        "fixture {} ({} claims expected, {} found):\n{out}",
        fixture.name,
        fixture.expected.claim.len(),
        report.claims.len()
    );
}

/// Every difference between a report and a fixture's expectations, one per
/// line; empty when they agree. `dateline` is the byte range of the
/// article's dateline, where the publication date itself is not a claim.
fn compare(fixture: &Fixture, report: &DocumentReport, dateline: Option<Range<usize>>) -> String {
    let text = &fixture.text;
    let mut out = String::new();

    if report.as_of != fixture.expected.as_of {
        let _ = writeln!(
            out,
            "publication date: expected {:?}, got {:?}",
            fixture.expected.as_of, report.as_of
        );
    }

    // Claims keyed by (start, end, kind), so duplicates of one text are kept
    // apart and a kind mismatch shows as one extra and one miss.
    let expected: BTreeMap<(usize, usize, &str), &ExpectedClaim> = fixture
        .expected
        .claim
        .iter()
        .zip(&fixture.spans)
        .map(|(c, &(s, e))| ((s, e, c.kind.as_str()), c))
        .collect();
    let actual: BTreeMap<(usize, usize, &str), &Claim> = report
        .claims
        .iter()
        .map(|c| ((c.span.start, c.span.end, c.kind.as_str()), c))
        .collect();

    // The publication date in the dateline is metadata, not a claim the
    // article makes: a date claim inside the dateline whose value is the
    // publication date is neither required nor reported as an extra.
    let is_publication_date = |c: &Claim| {
        c.kind.as_str() == "date"
            && dateline
                .as_ref()
                .is_some_and(|r| r.start <= c.span.start && c.span.end <= r.end)
            && c.temporal().map(|t| t.timex.as_str()) == report.as_of.as_deref()
    };
    let extras: Vec<String> = actual
        .iter()
        .filter(|(key, c)| !expected.contains_key(key) && !is_publication_date(c))
        .map(|(&(s, e, k), _)| describe(text, k, s, e))
        .collect();
    let misses: Vec<String> = expected
        .keys()
        .filter(|key| !actual.contains_key(key))
        .map(|&(s, e, k)| describe(text, k, s, e))
        .collect();
    if !extras.is_empty() {
        let _ = writeln!(out, "claims found but not expected ({}):", extras.len());
        for extra in &extras {
            let _ = writeln!(out, "  + {extra}");
        }
    }
    if !misses.is_empty() {
        let _ = writeln!(out, "claims expected but not found ({}):", misses.len());
        for miss in &misses {
            let _ = writeln!(out, "  - {miss}");
        }
    }

    for (key, want) in &expected {
        if let Some(claim) = actual.get(key) {
            let problems = value_problems(report, claim, want);
            if !problems.is_empty() {
                let _ = writeln!(out, "{}:", describe(text, key.2, key.0, key.1));
                for problem in problems {
                    let _ = writeln!(out, "    {problem}");
                }
            }
        }
    }

    for absent in &fixture.expected.absent {
        for (start, _) in text.match_indices(absent.text.as_str()) {
            let end = start + absent.text.len();
            for claim in &report.claims {
                if claim.span.start < end && start < claim.span.end {
                    let _ = writeln!(
                        out,
                        "not a claim: {:?} is overlapped by {}",
                        absent.text,
                        describe(text, claim.kind.as_str(), claim.span.start, claim.span.end)
                    );
                }
            }
        }
    }

    out
}

/// The names of the articles in fixtures/articles, sorted.
fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(articles_dir())
        .expect("fixtures/articles exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_fixture(stringify!($name));
            }
        )*

        const TESTED: &[&str] = &[$(stringify!($name)),*];
    };
}

fixtures!(
    business_earnings,
    demo_harbour,
    economy_inflation,
    energy_wind,
    health_measles,
    international_xinhua,
    local_bridge,
    politics_budget,
    science_moon,
    sport_football,
);

#[test]
fn every_article_has_a_test() {
    let names = fixture_names();
    let mut tested: Vec<String> = TESTED.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(
        names, tested,
        "fixtures/articles/*.txt and the fixtures! list differ"
    );
}

#[test]
fn sidecars_are_well_formed() {
    let names = fixture_names();
    assert!(names.len() >= 9, "only {} fixture articles", names.len());
    for name in names {
        let fixture = load(&name);
        let words = fixture.text.split_whitespace().count();
        assert!(
            (100..=400).contains(&words),
            "{name}: {words} words, expected 100 to 400"
        );
        assert!(
            fixture.expected.claim.len() >= 10,
            "{name}: only {} claims listed",
            fixture.expected.claim.len()
        );
    }
}

#[test]
fn find_word_skips_matches_inside_words() {
    assert_eq!(find_word("G20 and 20", "20", 0), Some(8));
    assert_eq!(find_word("2017-11-01", "2017", 0), Some(0));
    assert_eq!(find_word("about 20 km", "20 km", 0), Some(6));
    assert_eq!(find_word("1920", "20", 0), None);
    assert_eq!(find_word("$3.5m", "$3.5m", 0), Some(0));
    assert_eq!(line_column("ab\ncé d", 7), (2, 4));
}

// The harness itself: a report built from a sidecar must pass, and every
// kind of difference must show in the message. Without these, a harness bug
// could make the fixture tests pass or fail for the wrong reason.

fn kind_from(name: &str) -> ClaimKind {
    match name {
        "date" => ClaimKind::Date,
        "relative-date" => ClaimKind::RelativeDate,
        "duration" => ClaimKind::Duration,
        "count" => ClaimKind::Count,
        "quantity" => ClaimKind::Quantity,
        "money" => ClaimKind::Money,
        "percent" => ClaimKind::Percent,
        "ordinal" => ClaimKind::Ordinal,
        other => panic!("unknown kind {other}"),
    }
}

fn qualifier_from(name: Option<&str>) -> Qualifier {
    match name.unwrap_or("exact") {
        "exact" => Qualifier::Exact,
        "about" => Qualifier::About,
        "more-than" => Qualifier::MoreThan,
        "at-least" => Qualifier::AtLeast,
        "less-than" => Qualifier::LessThan,
        "at-most" => Qualifier::AtMost,
        "up-to" => Qualifier::UpTo,
        other => panic!("unknown qualifier {other}"),
    }
}

fn span_of(text: &str, start: usize, end: usize) -> Span {
    let (line, column) = line_column(text, start);
    Span {
        start,
        end,
        line,
        column,
    }
}

/// The report a perfect extractor would give for a fixture: every expected
/// claim with exactly the asserted fields (and arbitrary others).
fn synthetic_report(fixture: &Fixture) -> DocumentReport {
    let text = &fixture.text;
    let expected = &fixture.expected.claim;
    let claims = expected
        .iter()
        .zip(&fixture.spans)
        .enumerate()
        .map(|(i, (want, &(start, end)))| {
            let kind = kind_from(&want.kind);
            let span = span_of(text, start, end);
            let value = if want.timex.is_some() || (kind.is_temporal() && want.number.is_none()) {
                Value::Temporal(TemporalValue {
                    timex: want.timex.clone().unwrap_or_else(|| "PAST_REF".into()),
                    modifier: want.modifier.clone(),
                    end: want.end.clone(),
                    year_inferred: want.year_inferred.unwrap_or(false),
                    subject: want.subject.clone(),
                    ..TemporalValue::default()
                })
            } else {
                let part_of = want.part_of_text.as_ref().map(|whole| {
                    let j = expected.iter().position(|c| &c.text == whole).unwrap();
                    format!("c{}", j + 1)
                });
                Value::Number(NumberValue {
                    number: want.number.or(want.low).unwrap_or(1.0),
                    low: want.low,
                    high: want.high,
                    qualifier: qualifier_from(want.qualifier.as_deref()),
                    unit: want.unit.clone(),
                    subject: want.subject.clone(),
                    part_of,
                    partitive: Partitive::None,
                })
            };
            let attributed =
                want.source.is_some() || want.vague.is_some() || want.attributed == Some(true);
            let attribution = attributed.then(|| Attribution {
                source: want.source.clone().unwrap_or_else(|| "someone".into()),
                cue: "said".into(),
                span,
                vague: want.vague.unwrap_or(false),
            });
            let mut claim = Claim::new(
                format!("c{}", i + 1),
                kind,
                text[start..end].to_string(),
                span,
                value,
                0,
            );
            claim.attribution = attribution;
            claim
        })
        .collect();
    DocumentReport {
        source: fixture.name.clone(),
        as_of: fixture.expected.as_of.clone(),
        claims,
        findings: Vec::new(),
        links: Vec::new(),
        contexts: Vec::new(),
        text: text.clone(),
        plain: Default::default(),
        notes: Vec::new(),
    }
}

#[test]
fn harness_accepts_a_report_that_meets_every_sidecar() {
    for name in fixture_names() {
        let fixture = load(&name);
        let report = synthetic_report(&fixture);
        let out = compare(&fixture, &report, None);
        assert!(out.is_empty(), "{name}:\n{out}");
    }
}

#[test]
fn harness_reports_every_difference_at_once() {
    let fixture = load("international_xinhua");
    let mut report = synthetic_report(&fixture);
    report.as_of = None;
    // A miss: the first claim is gone.
    report.claims.remove(0);
    // A wrong value and a wrong attribution.
    for claim in &mut report.claims {
        match claim.text.as_str() {
            "US$181 billion" => {
                if let Value::Number(n) = &mut claim.value {
                    n.number = 1.81e10;
                    n.unit = Some("CNY".into());
                }
            }
            "15 projects" => {
                claim.attribution = Some(Attribution {
                    source: "Officials".into(),
                    cue: "said".into(),
                    span: claim.span,
                    vague: false,
                })
            }
            "next month" => {
                if let Value::Temporal(t) = &mut claim.value {
                    t.timex = "2017-11".into();
                }
            }
            _ => {}
        }
    }
    // An extra that is also a number inside a name.
    let start = fixture.text.find("G20").unwrap() + 1;
    let mut extra = report.claims[0].clone();
    extra.kind = ClaimKind::Count;
    extra.text = "20".into();
    extra.span = span_of(&fixture.text, start, start + 2);
    report.claims.push(extra);

    let out = compare(&fixture, &report, None);
    for needle in [
        "publication date: expected Some(\"2017-11-05\"), got None",
        "claims expected but not found (1)",
        "- count         \"more than 70 high priority projects\" at 1:60",
        "claims found but not expected (1)",
        "+ count         \"20\"",
        "number: expected 181000000000.0, got Some(18100000000.0)",
        "unit: expected \"USD\", got Some(\"CNY\")",
        "attribution: expected none, got \"Officials\"",
        "timex: expected \"2017-12\", got Some(\"2017-11\")",
        "not a claim: \"G20\" is overlapped by count",
        // The partitive's whole is gone, so its link names no claim.
        "part_of: \"c1\" names no claim in the report",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
}

#[test]
fn harness_tolerates_only_the_publication_date_in_the_dateline() {
    let fixture = load("international_xinhua");
    let dateline_end = fixture.text.find(" --").unwrap();
    let start = fixture.text.find("Nov. 5").unwrap();
    let mut report = synthetic_report(&fixture);
    let mut date = report.claims[1].clone();
    date.text = "Nov. 5".into();
    date.span = span_of(&fixture.text, start, start + 6);
    date.value = Value::Temporal(TemporalValue {
        timex: "2017-11-05".into(),
        ..TemporalValue::default()
    });
    report.claims.insert(0, date.clone());
    assert_eq!(compare(&fixture, &report, Some(0..dateline_end)), "");
    // Outside a dateline, or with another value, it is an extra claim.
    assert!(compare(&fixture, &report, None).contains("+ date          \"Nov. 5\""));
    report.claims[0].value = Value::Temporal(TemporalValue {
        timex: "2017-11-04".into(),
        ..TemporalValue::default()
    });
    assert!(compare(&fixture, &report, Some(0..dateline_end)).contains("\"Nov. 5\""));
}
