//! Property tests for the whole pipeline: whatever the input, `check` does not
//! panic and every claim it reports has a valid span.
//!
//! Inputs are arbitrary strings and strings assembled from a news-like
//! vocabulary (figures, currency signs, month names, qualifiers, punctuation,
//! line breaks and multi-byte characters), which reach far more of the
//! parsers than random text does. For every claim the span must lie on char
//! boundaries inside the text and spell the claim's text; claims come in text
//! order without overlapping; line and column agree with a recount; ids run
//! c1, c2, ...; partitive links and attribution spans point at real things;
//! and two runs on the same text give the same report.

use figcheck::extract::Span;
use figcheck::{Claim, Options};
use proptest::prelude::*;

/// Pieces of news copy: numbers, signs, dates, qualifiers, units, punctuation
/// and multi-byte characters, joined at random.
const PIECES: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "17",
    "70",
    "1,200",
    "3.5",
    "2017",
    "1991",
    "99",
    "1990s",
    "22nd",
    "3rd",
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "%",
    " per cent",
    " percentage points",
    "m",
    "bn",
    " million",
    " billion",
    " crore",
    "Rs",
    " yuan",
    " km",
    " tonnes",
    " MW",
    "°C",
    "°",
    "January",
    "Nov.",
    "November",
    "Sept",
    "summer",
    "spring",
    "the third quarter of",
    "late",
    "early",
    "Saturday",
    "yesterday",
    "last year",
    "next month",
    " ago",
    " years",
    "-year",
    "since",
    "for",
    "in",
    "on",
    "the",
    "of",
    "which",
    "teams",
    "projects",
    "more than",
    "over",
    "almost",
    "nearly",
    "fewer than",
    "under",
    "about",
    "around",
    "some",
    "at least",
    "up to",
    "between",
    " and ",
    "half",
    "a third",
    "two-thirds",
    "two dozen",
    "seventeen",
    "nine",
    "she said",
    "according to",
    "experts say",
    "Route 66",
    "G20",
    "F-16",
    "COVID-19",
    "9/11",
    "24/7",
    "9:30 a.m.",
    "3-1",
    "[1]",
    "https://example.org/a?b=1",
    "desk@example.org",
    "+44 20 7946 0000",
    " ",
    " ",
    " ",
    ",",
    ".",
    "-",
    "–",
    "—",
    "/",
    ":",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "'",
    "\n",
    "\n\n",
    "é",
    "ß",
    "€5",
    "½",
    "٣",
    "🙂",
    "\u{00a0}",
    "\t",
    "\r\n",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

/// Recounts the 1-based line and column (in chars) of a byte offset.
fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..pos].chars().count() + 1)
}

fn check_span(text: &str, span: &Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start < span.end && span.end <= text.len(),
        "{what}: span {}..{} outside 0..{} or empty",
        span.start,
        span.end,
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on char boundaries",
        span.start,
        span.end
    );
    prop_assert_eq!(
        (span.line, span.column),
        line_column(text, span.start),
        "{}: line/column",
        what
    );
    Ok(())
}

/// Runs `check` with and without a publication date and checks every
/// invariant of the claims it returns.
fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let as_of = jiff::civil::date(2017, 11, 5);
    for options in [
        Options::default(),
        Options {
            as_of: Some(as_of),
            ..Options::default()
        },
    ] {
        let report = figcheck::check("prop.txt", text, &options);
        let again = figcheck::check("prop.txt", text, &options);
        prop_assert_eq!(
            serde_json::to_string(&report).unwrap(),
            serde_json::to_string(&again).unwrap(),
            "two runs on the same text differ"
        );
        if options.as_of.is_some() {
            prop_assert_eq!(report.as_of.as_deref(), Some("2017-11-05"));
        }
        check_claims(text, &report.claims)?;
    }
    Ok(())
}

/// The invariants every list of claims for `text` must keep.
fn check_claims(text: &str, claims: &[Claim]) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    let mut ids = std::collections::HashSet::new();
    for claim in claims {
        let what = format!("claim {} {:?}", claim.id, claim.text);
        check_span(text, &claim.span, &what)?;
        prop_assert_eq!(&text[claim.span.start..claim.span.end], claim.text.as_str());
        prop_assert!(
            claim.span.start >= previous_end,
            "{what} starts at {} before the previous claim ends at {previous_end}",
            claim.span.start
        );
        previous_end = claim.span.end;
        prop_assert!(ids.insert(claim.id.clone()), "duplicate id {}", claim.id);
        prop_assert_eq!(&claim.id, &format!("c{}", ids.len()), "ids run c1, c2, ...");
        prop_assert!(
            claim.text.trim() == claim.text,
            "{what}: span starts or ends with white space"
        );
        if let Some(attribution) = &claim.attribution {
            check_span(text, &attribution.span, &format!("{what} attribution"))?;
            prop_assert!(!attribution.source.is_empty(), "{what}: empty source");
        }
    }
    for claim in claims {
        if let Some(whole) = claim.number().and_then(|n| n.part_of.as_ref()) {
            prop_assert!(
                whole != &claim.id && ids.contains(whole),
                "claim {} is part of {whole}, which is not another claim",
                claim.id
            );
        }
        if let Some(n) = claim.number() {
            prop_assert!(
                n.number.is_finite(),
                "claim {}: number not finite",
                claim.id
            );
            if let (Some(low), Some(high)) = (n.low, n.high) {
                prop_assert!(low <= high, "claim {}: low {low} > high {high}", claim.id);
            }
        }
        if let Some(t) = claim.temporal() {
            prop_assert!(!t.timex.is_empty(), "claim {}: empty timex", claim.id);
        }
    }
    Ok(())
}

/// The fixture articles: real copy full of claims.
fn articles() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/articles exists")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture articles are UTF-8"))
        .collect()
}

/// A fixture article with news-like pieces spliced in and bytes cut out at
/// random char boundaries: real copy, slightly broken.
fn mutated_article() -> impl Strategy<Value = String> {
    let edits = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            prop::sample::select(PIECES),
            0..4usize,
        ),
        1..12,
    );
    (any::<prop::sample::Index>(), edits).prop_map(|(which, edits)| {
        let articles = articles();
        let mut text = articles[which.index(articles.len())].clone();
        for (at, piece, cut) in edits {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let i = at.index(boundaries.len().max(1));
            let start = boundaries.get(i).copied().unwrap_or(text.len());
            let end = boundaries.get(i + cut).copied().unwrap_or(text.len());
            text.replace_range(start..end, piece);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_invariants(&text)?;
    }

    #[test]
    fn printable_strings(text in "\\PC{0,300}") {
        check_invariants(&text)?;
    }

    #[test]
    fn news_like_strings(text in news_like()) {
        check_invariants(&text)?;
    }

    #[test]
    fn mutated_articles(text in mutated_article()) {
        check_invariants(&text)?;
    }

    #[test]
    fn news_like_paragraphs(paragraphs in prop::collection::vec(news_like(), 1..6)) {
        check_invariants(&paragraphs.join(".\n\n"))?;
    }
}

#[test]
fn fixture_articles_keep_invariants() {
    let articles = articles();
    assert!(articles.len() >= 9);
    for text in &articles {
        check_invariants(text).unwrap();
    }
}

/// A hand-written input that exercises the span checks with real claims once
/// the parsers are in, and at least runs the whole pipeline on copy now.
#[test]
fn sample_copy_keeps_invariants() {
    let text = "Prices rose 23 per cent\n\nAbout €4bn — more than 70 projects, 17 of which \
                began on 1 November 2017 at 9:30 a.m. near Route 66.\r\nNearly 400 km, at 5°C.";
    check_invariants(text).unwrap();
}

#[test]
fn line_column_counts_chars() {
    assert_eq!(line_column("a\n€b", 5), (2, 2));
    assert_eq!(line_column("abc", 0), (1, 1));
}

/// The checks themselves: a valid claim passes and each broken one fails, so
/// the properties above cannot pass for want of teeth.
#[test]
fn invariant_checks_catch_broken_claims() {
    use figcheck::extract::{NumberValue, Partitive, Qualifier};
    use figcheck::{ClaimKind, Value};

    let text = "Total:\n€4bn and 70 projects";
    let claim = |id: &str, start: usize, end: usize| {
        let (line, column) = line_column(text, start);
        Claim::new(
            id.to_string(),
            ClaimKind::Count,
            text.get(start..end).unwrap_or("").to_string(),
            Span {
                start,
                end,
                line,
                column,
            },
            Value::Number(NumberValue {
                number: 70.0,
                low: Some(70.0),
                high: Some(70.0),
                qualifier: Qualifier::Exact,
                unit: None,
                subject: None,
                part_of: None,
                partitive: Partitive::None,
            }),
            0,
        )
    };
    let money = claim("c1", 7, 13); // "€4bn"
    let count = claim("c2", 18, 29); // "70 projects"
    assert_eq!(&text[7..13], "€4bn");
    assert_eq!(&text[18..29], "70 projects");
    assert!(check_claims(text, &[money.clone(), count.clone()]).is_ok());

    let mut bad_column = count.clone();
    bad_column.span.column += 1;
    let mut inside_char = money.clone();
    inside_char.span.start = 8;
    let mut wrong_text = count.clone();
    wrong_text.text = "70".into();
    let mut beyond_end = count.clone();
    beyond_end.span.end = text.len() + 1;
    let mut dangling_part = count.clone();
    if let Value::Number(n) = &mut dangling_part.value {
        n.part_of = Some("c9".into());
    }
    let mut inverted = count.clone();
    if let Value::Number(n) = &mut inverted.value {
        n.low = Some(80.0);
    }
    let cases: Vec<(&str, Vec<Claim>)> = vec![
        ("out of order", vec![count.clone(), money.clone()]),
        ("overlapping", vec![money.clone(), claim("c2", 10, 13)]),
        ("bad column", vec![money.clone(), bad_column]),
        ("inside a char", vec![inside_char]),
        ("text differs", vec![money.clone(), wrong_text]),
        ("beyond the end", vec![money.clone(), beyond_end]),
        ("empty", vec![claim("c1", 7, 7)]),
        ("padded", vec![claim("c1", 17, 29)]),
        ("ids", vec![claim("c2", 7, 13)]),
        ("dangling part_of", vec![money.clone(), dangling_part]),
        ("low above high", vec![money.clone(), inverted]),
    ];
    for (what, claims) in cases {
        assert!(check_claims(text, &claims).is_err(), "{what} was accepted");
    }
}
