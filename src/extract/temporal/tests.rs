//! Tests of the temporal grammar through the whole scanner, on sentences
//! written for these tests. The publication date is Sunday 5 November 2017
//! unless a test says otherwise.

use jiff::civil::Date;

use crate::extract::{scan, ClaimKind, TemporalValue};
use crate::Document;

const AS_OF: &str = "2017-11-05";

/// The temporal claims of `text`: (claim text, kind, value).
fn claims(text: &str, as_of: Option<&str>) -> Vec<(String, ClaimKind, TemporalValue)> {
    let as_of: Option<Date> = as_of.map(|d| d.parse().expect("test date"));
    let doc = Document::parse(text, as_of);
    scan(&doc)
        .into_iter()
        .filter(|c| c.kind.is_temporal())
        .map(|c| {
            let value = c.temporal().cloned().expect("temporal value");
            (c.text, c.kind, value)
        })
        .collect()
}

/// The single temporal claim of `text`, published on [`AS_OF`].
fn one(text: &str) -> (String, ClaimKind, TemporalValue) {
    one_as_of(text, Some(AS_OF))
}

fn one_as_of(text: &str, as_of: Option<&str>) -> (String, ClaimKind, TemporalValue) {
    let mut found = claims(text, as_of);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    found.remove(0)
}

/// Asserts the single claim's text and TIMEX3 value.
#[track_caller]
fn check(text: &str, claim: &str, timex: &str) -> TemporalValue {
    let (found, _, value) = one(text);
    assert_eq!(found, claim, "claim text in {text:?}");
    assert_eq!(value.timex, timex, "timex of {claim:?} in {text:?}");
    value
}

#[track_caller]
fn none(text: &str) {
    let found = claims(text, Some(AS_OF));
    assert!(found.is_empty(), "{text:?} gave {found:#?}");
}

#[test]
fn absolute_dates() {
    let v = check(
        "The bridge opened on 1 November 2017.",
        "1 November 2017",
        "2017-11-01",
    );
    assert_eq!((v.year, v.month, v.day), (Some(2017), Some(11), Some(1)));
    assert!(!v.year_inferred);
    check(
        "It opened on Nov. 1, 2017, to traffic.",
        "Nov. 1, 2017",
        "2017-11-01",
    );
    check(
        "The filing is dated 2017-11-01 in the archive.",
        "2017-11-01",
        "2017-11-01",
    );
    let v = check(
        "The deal was signed on Tuesday, 31 March 2015.",
        "Tuesday, 31 March 2015",
        "2015-03-31",
    );
    assert_eq!(v.weekday.as_deref(), Some("Tuesday"));
    // The stated weekday picks the year: 6 November 2017 is a Monday.
    let v = check(
        "They said the vote is on Monday, Nov. 6.",
        "Monday, Nov. 6",
        "2017-11-06",
    );
    assert!(v.year_inferred);
    check(
        "They said it was on Sunday, Nov. 6.",
        "Sunday, Nov. 6",
        "2016-11-06",
    );
}

#[test]
fn numeric_dates_only_when_unambiguous() {
    check("Filed on 25/12/2017 at noon.", "25/12/2017", "2017-12-25");
    check("Filed on 12/25/2017 at noon.", "12/25/2017", "2017-12-25");
    check("Filed on 11/11/2017 at noon.", "11/11/2017", "2017-11-11");
    none("Filed on 01/11/2017 at noon.");
    none("The shop is open 24/7 for customers.");
    none("They remembered 9/11 in silence.");
}

#[test]
fn year_less_dates_follow_tense() {
    let v = check(
        "The museum reopened on November 1.",
        "November 1",
        "2017-11-01",
    );
    assert!(v.year_inferred);
    assert_eq!(v.anchor.as_deref(), Some("2017-11-05"));
    check(
        "The museum reopened on December 1.",
        "December 1",
        "2016-12-01",
    );
    check(
        "The museum will reopen on November 1.",
        "November 1",
        "2018-11-01",
    );
    check(
        "The museum will reopen on November 20.",
        "November 20",
        "2017-11-20",
    );
    // No cue: the nearer occurrence.
    check("Results on Nov. 9 are the focus.", "Nov. 9", "2017-11-09");
    let (text, _, v) = one_as_of("The museum reopened on November 1.", None);
    assert_eq!(text, "November 1");
    assert_eq!(v.timex, "XXXX-11-01");
    assert_eq!(v.year, None);
}

#[test]
fn months_and_years() {
    check("Prices rose in March 2017 again.", "March 2017", "2017-03");
    check("Prices rose in 2014 and fell later.", "2014", "2014");
    check("Membership grew since 2014 steadily.", "2014", "2014");
    check("Prices rose in October.", "October", "2017-10");
    check("The plan takes effect in January.", "January", "2018-01");
    check(
        "The council met in January this year.",
        "January this year",
        "2017-01",
    );
    check("He lost the 1998 election badly.", "1998", "1998");
    none("Officials counted 2014 people at the rally.");
    none("The hall holds 1,200 guests.");
    none("Theresa May said so.");
    none("May I ask a question?");
}

#[test]
fn modified_periods() {
    let v = check("The war ended in late 1991.", "late 1991", "1991");
    assert_eq!(v.modifier.as_deref(), Some("END"));
    let v = check("It began in early 1991.", "early 1991", "1991");
    assert_eq!(v.modifier.as_deref(), Some("START"));
    let v = check("It began in mid-1991.", "mid-1991", "1991");
    assert_eq!(v.modifier.as_deref(), Some("MID"));
    let v = check("Talks resume in mid-November.", "mid-November", "2017-11");
    assert_eq!(v.modifier.as_deref(), Some("MID"));
    let v = check("Rents soared in the early 1980s.", "the early 1980s", "198");
    assert_eq!(v.modifier.as_deref(), Some("START"));
}

#[test]
fn decades_seasons_quarters() {
    check("Crime fell during the 1990s.", "the 1990s", "199");
    check("Music from the '80s played.", "the '80s", "198");
    check("The store opened in summer 2017.", "summer 2017", "2017-SU");
    check(
        "It rained in the summer of 2016.",
        "the summer of 2016",
        "2016-SU",
    );
    check("Sales fell last winter.", "last winter", "2016-WI");
    check(
        "Sales fell in the third quarter of 2017.",
        "the third quarter of 2017",
        "2017-Q3",
    );
    check("Sales fell in Q3 2017.", "Q3 2017", "2017-Q3");
    check("Third-quarter profit rose.", "Third-quarter", "2017-Q3");
    check("Profit rose in fiscal 2016.", "fiscal 2016", "2016");
    check(
        "It was built in the 19th century.",
        "the 19th century",
        "18",
    );
    check(
        "Profit doubled in the first half.",
        "the first half",
        "2017-H1",
    );
    check(
        "Profit fell in the last half of 2016.",
        "the last half of 2016",
        "2016-H2",
    );
    check("Rents soared in the nineties.", "the nineties", "199");
    none("The fall of the city was swift.");
    none("Prices fall in spring markets.");
    none("A quarter of the voters stayed home.");
}

#[test]
fn weekdays_and_deictic_days() {
    // 5 November 2017 is a Sunday.
    let v = check(
        "Police said the fire started on Saturday.",
        "Saturday",
        "2017-11-04",
    );
    assert_eq!(v.weekday.as_deref(), Some("Saturday"));
    assert!(v.year_inferred);
    check(
        "The council will vote on Saturday.",
        "Saturday",
        "2017-11-11",
    );
    check("The council voted on Sunday.", "Sunday", "2017-11-05");
    check(
        "Fans gathered on Friday night.",
        "Friday night",
        "2017-11-03TNI",
    );
    check("The team plays today.", "today", "2017-11-05");
    check("The team plays tonight.", "tonight", "2017-11-05TNI");
    check("The team lost yesterday.", "yesterday", "2017-11-04");
    check("The team plays tomorrow.", "tomorrow", "2017-11-06");
    check("The team trains this week.", "this week", "2017-W44");
    check("The team travels next week.", "next week", "2017-W45");
    check("The team lost last week.", "last week", "2017-W43");
    check("The team lost this year.", "this year", "2017");
    check("The team lost last year.", "last year", "2016");
    check("The team plays next month.", "next month", "2017-12");
    check("The team lost last Friday.", "last Friday", "2017-11-03");
    check(
        "Crowds gathered over the weekend.",
        "the weekend",
        "2017-W44-WE",
    );
    // An earliest time or a deadline lies ahead.
    check(
        "The team could leave as soon as Tuesday.",
        "Tuesday",
        "2017-11-07",
    );
    check(
        "Officials will wait until Tuesday to decide.",
        "Tuesday",
        "2017-11-07",
    );
    check(
        "Until Thursday, they had not named him.",
        "Thursday",
        "2017-11-02",
    );
    let (_, _, v) = one_as_of("The council will vote on Saturday.", None);
    assert_eq!(v.timex, "XXXX-WXX-6");
}

#[test]
fn relative_dates() {
    let v = check("The mill closed 17 years ago.", "17 years ago", "2000");
    assert_eq!(v.offset.as_deref(), Some("-P17Y"));
    assert_eq!(v.anchor.as_deref(), Some("2017-11-05"));
    check(
        "They won the title two seasons ago.",
        "two seasons ago",
        "2015",
    );
    check(
        "The mill closed three months ago.",
        "three months ago",
        "2017-08",
    );
    check("Sales were lower a year earlier.", "a year earlier", "2016");
    check(
        "Sales were lower the previous year.",
        "the previous year",
        "2016",
    );
    check(
        "The mill reopened earlier this year.",
        "earlier this year",
        "2017",
    );
    check("The mill reopened recently.", "recently", "PAST_REF");
    check("The mill is now closed.", "now", "PRESENT_REF");
    check("The mill is currently closed.", "currently", "PRESENT_REF");
    check(
        "The mill may reopen in the future.",
        "the future",
        "FUTURE_REF",
    );
    let v = check(
        "The mill closed about two years ago.",
        "about two years ago",
        "2015",
    );
    assert_eq!(v.modifier.as_deref(), Some("APPROX"));
    let (_, _, v) = one_as_of("The mill closed 17 years ago.", None);
    assert_eq!(v.timex, "PAST_REF");
    assert_eq!(v.offset.as_deref(), Some("-P17Y"));
    none("The former mayor spoke.");
    none("The past president spoke.");
    none("Call as soon as possible.");
}

#[test]
fn durations() {
    let (text, kind, v) = one("She served for four years.");
    assert_eq!(
        (text.as_str(), kind, v.timex.as_str()),
        ("four years", ClaimKind::Duration, "P4Y")
    );
    check("He led the club for a decade.", "a decade", "P10Y");
    check("He signed a three-year contract.", "three-year", "P3Y");
    check("The trial lasted six months.", "six months", "P6M");
    check("The strike lasted two weeks.", "two weeks", "P2W");
    check("The permit is valid for 90 days.", "90 days", "P90D");
    check("The talks took several years.", "several years", "PXY");
    check("Rescuers searched for hours.", "hours", "PTXH");
    check("The flight took 2 hours.", "2 hours", "PT2H");
    check(
        "Prices rose over the past four years.",
        "the past four years",
        "P4Y",
    );
    check("Crime fell in the past decade.", "the past decade", "P10Y");
    let v = check(
        "The siege lasted nearly forty years.",
        "nearly forty years",
        "P40Y",
    );
    assert_eq!(v.modifier.as_deref(), Some("EQUAL_OR_LESS"));
    let v = check(
        "Repairs take two to three weeks.",
        "two to three weeks",
        "P2W",
    );
    assert_eq!(v.end.as_deref(), Some("P3W"));
    none("He earns $50,000 a year.");
    none("Buses run four times a day.");
    none("The ferry carried 1,200 people a day.");
}

#[test]
fn ages() {
    let (text, kind, v) = one("Anna Berg, 39, runs the bakery.");
    assert_eq!(text, "39");
    assert_eq!(kind, ClaimKind::Duration);
    assert_eq!(v.timex, "P39Y");
    assert_eq!(v.subject.as_deref(), Some("Anna Berg"));
    let v = check("The winner, Tom Hale, aged 39, smiled.", "aged 39", "P39Y");
    assert_eq!(v.subject.as_deref(), Some("Tom Hale"));
    let v = check(
        "Anna Berg, a 39-year-old baker, smiled.",
        "39-year-old",
        "P39Y",
    );
    assert_eq!(v.subject.as_deref(), Some("Anna Berg"));
    let v = check("The 39-year-old Anna Berg smiled.", "39-year-old", "P39Y");
    assert_eq!(v.subject.as_deref(), Some("Anna Berg"));
    let v = check(
        "The 39-year-old Anna Berg, a baker, smiled.",
        "39-year-old",
        "P39Y",
    );
    assert_eq!(v.subject.as_deref(), Some("Anna Berg"));
    let v = check("A 39-year-old British baker smiled.", "39-year-old", "P39Y");
    assert_eq!(v.subject, None);
    none("In Paris, 39 people were hurt.");
}

#[test]
fn ranges() {
    let v = check("He served 2014–2017 as mayor.", "2014–2017", "2014");
    assert_eq!(v.end.as_deref(), Some("2017"));
    let v = check("He served 2014-17 as mayor.", "2014-17", "2014");
    assert_eq!(v.end.as_deref(), Some("2017"));
    let v = check("Their 2016/17 season was poor.", "2016/17", "2016");
    assert_eq!(v.end.as_deref(), Some("2017"));
    let v = check(
        "He served from 2014 to 2017 as mayor.",
        "from 2014 to 2017",
        "2014",
    );
    assert_eq!(v.end.as_deref(), Some("2017"));
    let v = check(
        "It grew between 2014 and 2016 fast.",
        "between 2014 and 2016",
        "2014",
    );
    assert_eq!(v.end.as_deref(), Some("2016"));
}

#[test]
fn spoken_years_and_period_edges() {
    check(
        "He was convicted in nineteen ninety-one.",
        "nineteen ninety-one",
        "1991",
    );
    check(
        "It happened in January nineteen ninety-seven.",
        "January nineteen ninety-seven",
        "1997-01",
    );
    check(
        "Unemployment will fall by the year two thousand.",
        "two thousand",
        "2000",
    );
    none("They hired two thousand workers.");
    let v = check("The sale should close by year-end.", "year-end", "2017");
    assert_eq!(v.modifier.as_deref(), Some("END"));
    let v = check(
        "Cuts are due by the end of the month.",
        "the end of the month",
        "2017-11",
    );
    assert_eq!(v.modifier.as_deref(), Some("END"));
    check(
        "Sales rose in the current year.",
        "the current year",
        "2017",
    );
    check(
        "Rain delayed work earlier in the year.",
        "earlier in the year",
        "2017",
    );
    check(
        "Sales fell in this year's third quarter.",
        "this year's third quarter",
        "2017-Q3",
    );
    check(
        "Sales fell in the year-ago third quarter.",
        "the year-ago third quarter",
        "2016-Q3",
    );
    check(
        "Earnings fell for the fiscal year.",
        "the fiscal year",
        "P1Y",
    );
}

/// The timeline rule reads a claim's tense only for a date of a document
/// with a publication date; nothing else carries one.
#[test]
fn tense_is_read_for_the_dates_of_a_dated_document_only() {
    use super::Tense;
    let text = "The plant will open on March 3 and will run for 40 years.";
    let dated = claims(text, Some(AS_OF));
    let tense_of = |found: &[(String, ClaimKind, TemporalValue)], kind: ClaimKind| {
        let (_, _, value) = found
            .iter()
            .find(|(_, k, _)| *k == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {found:#?}"));
        value.tense
    };
    assert_eq!(tense_of(&dated, ClaimKind::Date), Some(Tense::Future));
    assert_eq!(tense_of(&dated, ClaimKind::Duration), None);
    let undated = claims(text, None);
    assert_eq!(undated.len(), dated.len(), "{undated:#?}");
    assert_eq!(tense_of(&undated, ClaimKind::Date), None);
}

#[test]
fn goal_dates_and_adjectives_do_not_set_tense() {
    // A date the offer was moved to lies ahead, though "extended" is past.
    check(
        "The bank extended its offer to Nov. 20.",
        "Nov. 20",
        "2017-11-20",
    );
    // "preferred" qualifies "shares" here; no past cue, so the nearer date.
    check(
        "It will redeem preferred shares on Nov. 9.",
        "Nov. 9",
        "2017-11-09",
    );
    check("A day earlier, profit rose.", "A day earlier", "2017-11-04");
}

#[test]
fn year_ago_follows_the_reported_quarter() {
    let found = claims(
        "Profit rose in the third quarter. It earned $5 million a year earlier.",
        Some(AS_OF),
    );
    let (text, _, value) = &found[1];
    assert_eq!(text, "a year earlier");
    assert_eq!(value.timex, "2016-Q3");
    // With no quarter in view it is the year before.
    check(
        "It earned $5 million a year earlier.",
        "a year earlier",
        "2016",
    );
}

#[test]
fn titles_are_not_claims() {
    none("He said on ABC's This Week that talks would go on.");
    none("He spoke to 60 Minutes about it.");
}

#[test]
fn not_claims() {
    none("The meeting starts at 9:30 a.m. sharp.");
    none("They won 3-1 at home.");
    none("Drive along Route 66 west.");
    none("The COVID-19 ward reopened.");
    none("The agency approved 70 projects.");
    none("She read the March issue.");
}

#[test]
fn spans_are_valid_on_any_text() {
    let inputs = [
        "ünïcödé 2014–2017 “in 2014” — Nov. 5, ’80s, mid-1991é",
        "In 2014\u{a0}people ... the past\u{2011}year, aged ９ 39-year-old",
        "Friday's ‘today’s’ ago ago years years-old 0000s 9999 the 10s",
        "a",
        "",
        "Q",
        "the",
        "mid-",
        "from 2014 to",
        "between 2014 and",
    ];
    for text in inputs {
        for as_of in [None, Some(AS_OF)] {
            let as_of_date: Option<Date> = as_of.map(|d| d.parse().expect("date"));
            let doc = Document::parse(text, as_of_date);
            for claim in scan(&doc) {
                assert!(text.is_char_boundary(claim.span.start));
                assert!(text.is_char_boundary(claim.span.end));
                assert_eq!(&text[claim.span.start..claim.span.end], claim.text);
            }
        }
    }
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    let text = "On Saturday, 17 years ago, last week, next year, in January, on Nov. 5, \
                the third quarter, this summer, the weekend, tomorrow, a year ago, \
                year-end, the end of the month, Christmas, 5 days later, the 1990s.";
    for as_of in ["9999-12-31", "0001-01-01"] {
        let found = claims(text, Some(as_of));
        assert!(found.len() > 10, "{as_of}: {found:#?}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words the temporal grammars open with or read after their first
    /// word, and a few that only look like them.
    const DATE_WORDS: &[&str] = &[
        "the",
        "The",
        "a",
        "an",
        "last",
        "next",
        "this",
        "past",
        "coming",
        "ago",
        "later",
        "earlier",
        "since",
        "for",
        "in",
        "on",
        "at",
        "by",
        "of",
        "from",
        "to",
        "until",
        "between",
        "and",
        "about",
        "nearly",
        "almost",
        "some",
        "more",
        "than",
        "early",
        "mid",
        "mid-",
        "late",
        "end",
        "start",
        "year",
        "years",
        "year-end",
        "month",
        "months",
        "week",
        "weeks",
        "weekend",
        "day",
        "days",
        "decade",
        "decades",
        "century",
        "centuries",
        "quarter",
        "half",
        "first",
        "second",
        "third",
        "fourth",
        "two",
        "three",
        "ten",
        "twenty",
        "dozen",
        "hundreds",
        "5",
        "17",
        "05",
        "123",
        "12345",
        "2,000",
        "5.5",
        "39,",
        "(39)",
        "9th",
        "1st",
        "4TH",
        "21st",
        "3rd",
        "1990s",
        "'80s",
        "2014",
        "2017-18",
        "2016/17",
        "1999–2003",
        "5/11/2017",
        "Q3",
        "FY2016",
        "fiscal",
        "financial",
        "January",
        "Jan",
        "March",
        "May",
        "June",
        "Sept.",
        "November",
        "Monday",
        "Tuesday",
        "Sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "recently",
        "currently",
        "now",
        "then",
        "future",
        "Christmas",
        "Easter",
        "summer",
        "spring",
        "autumn",
        "winter",
        "season",
        "company",
        "novel",
        "said",
        ",",
        "-",
        "–",
        "'s",
        "old",
        "aged",
        "born",
        "period",
        "year-ago",
        "latest",
        "least",
        "just",
        "under",
        "up",
        "hence",
        "middle",
        "beginning",
        "full",
    ];

    /// Every claim of `text` with all its fields, as the scanner gives them.
    fn scanned(text: &str) -> String {
        let doc = Document::parse(text, Some(jiff::civil::date(2017, 11, 5)));
        format!("{:?}", scan(&doc))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The first-word dispatch only skips alternatives that would fail:
        /// the claims are the same as when every alternative runs.
        #[test]
        fn dispatch_changes_no_claim(
            words in prop::collection::vec(prop::sample::select(DATE_WORDS), 1..7)
        ) {
            let text = format!("{}.", words.join(" "));
            let dispatched = scanned(&text);
            let every = crate::slow_path::run(crate::slow_path::SlowPath::EveryAlternative, true, || scanned(&text));
            prop_assert_eq!(dispatched, every, "{}", text);
        }
    }

    /// The words of the qualifiers, and words that look like them.
    fn qualifier_words() -> Vec<&'static str> {
        let look_alike = [
            "About", "ABOUT", "At", "a", "abouts", "at-least", "5", "two", "years", ",", "-",
        ];
        super::super::relative::QUALIFIERS
            .iter()
            .flat_map(|(text, _)| text.split(' '))
            .chain(look_alike)
            .collect()
    }

    proptest! {
        /// The qualifiers tried by their first word are those the list
        /// finds when every one is tried in turn.
        #[test]
        fn qualifier_index_finds_what_the_list_finds(
            words in prop::collection::vec(prop::sample::select(qualifier_words()), 1..5),
            space in prop::sample::select(&[" ", "  ", "\u{a0}", ""][..])
        ) {
            use super::super::{relative, words::{phrase, sp}};
            let input = words.join(space);
            let every = relative::QUALIFIERS.iter().find_map(|(text, modifier)| {
                let (rest, ()) = phrase(&input, text).ok()?;
                let (rest, _) = sp(rest).ok()?;
                Some((rest, *modifier))
            });
            prop_assert_eq!(relative::qualifier(&input).ok(), every, "{:?}", input);
        }
    }

    /// Words that show or hide a tense, for the per-sentence shortcuts, and
    /// words that are cut oddly (apostrophes, letters outside ASCII).
    const TENSE_WORDS: &[&str] = &[
        "will",
        "Will",
        "shall",
        "goodwill",
        "would",
        "said",
        "says",
        "told",
        "was",
        "had",
        "be",
        "been",
        "is",
        "are",
        "to",
        "going",
        "about",
        "expected",
        "reopened",
        "limited",
        "preferred",
        "scheduled",
        "they'll",
        "they’ll",
        "Café",
        "naïve",
        "’90s",
        "'80s",
        "O'Neill",
        "ÉTÉ",
        ",",
        ";",
        "(",
        ")",
    ];

    /// A sentence of `words` as the extract stage scans it, with the state
    /// the per-sentence shortcuts keep, for `check` to read.
    fn with_sentence(text: &str, check: impl FnOnce(&crate::extract::Ctx)) {
        let doc = Document::parse(text, Some(jiff::civil::date(2017, 11, 5)));
        let cache = super::super::SentenceCache::default();
        let Some(sentence) = doc.sentences.first() else {
            return;
        };
        let ctx = crate::extract::Ctx {
            text: doc.text(),
            doc: &doc,
            sentence,
            as_of: doc.published,
            temporal: &cache,
        };
        check(&ctx);
    }

    /// The character boundaries of the first sentence of `ctx`.
    fn boundaries(ctx: &crate::extract::Ctx) -> Vec<usize> {
        let span = ctx.sentence.span.clone();
        span.clone()
            .filter(|&i| ctx.text.is_char_boundary(i))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The tense cues read once per sentence change no claim.
        #[test]
        fn per_sentence_cues_change_no_claim(
            words in prop::collection::vec(
                prop::sample::select([DATE_WORDS, TENSE_WORDS].concat()), 1..16)
        ) {
            let text = format!("{}.", words.join(" "));
            let shortcut = scanned(&text);
            let slow = crate::slow_path::run(crate::slow_path::SlowPath::CuesAroundEachDate, true, || scanned(&text));
            prop_assert_eq!(shortcut, slow, "{}", text);
        }
    }

    proptest! {
        /// The one-pass step to the next word finds what the gap and word
        /// searches find, from every position.
        #[test]
        fn next_run_is_the_gap_then_the_word(text in "([a-zA-Z0-9éÉ'’,. -]|ǅ|²){0,30}") {
            let find = super::super::find_alphanumeric;
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let rest = &text[at..];
                let expected = find(rest, false)
                    .and_then(|gap| find(&rest[gap..], true).map(|next| at + gap + next));
                prop_assert_eq!(super::super::next_run(&text, at), expected, "{:?} at {}", text, at);
            }
        }
    }

    /// Whether one of the next four words is a digit or a temporal word,
    /// read by packing every word: what `next_words_temporal` did before
    /// its two-letter test.
    fn next_words_temporal_by_packing(input: &str) -> bool {
        let mut at = 0;
        for _ in 0..4 {
            let Some(next) = super::super::next_run(input, at) else {
                return false;
            };
            let rest = &input[next..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
            let key = crate::extract::word_table::leading_word_key(rest);
            if key.and_then(super::super::trigger::class_of)
                == Some(super::super::trigger::Class::Temporal)
            {
                return true;
            }
            at = next + key.map_or(0, |k| 16 - (k.trailing_zeros() / 8) as usize);
        }
        false
    }

    proptest! {
        /// The two-letter test on the words after an opener turns away only
        /// words that are not temporal.
        #[test]
        fn next_words_test_matches_packing(
            words in prop::collection::vec(
                prop::sample::select([DATE_WORDS, TENSE_WORDS].concat()), 1..8),
            joins in prop::collection::vec(prop::sample::select(vec![" ", "  ", "-", "", "'", "é"]), 8)
        ) {
            let mut text = String::new();
            for (word, join) in words.iter().zip(&joins) {
                text.push_str(word);
                text.push_str(join);
            }
            for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let rest = &text[at..];
                prop_assert_eq!(
                    super::super::next_words_temporal(rest, 0),
                    next_words_temporal_by_packing(rest),
                    "{:?}", rest
                );
                // Skipping the letters of the first word, packed already.
                if let Some(key) = crate::extract::word_table::leading_word_key(rest) {
                    prop_assert_eq!(
                        super::super::next_words_temporal(rest, super::super::packed_len(key)),
                        next_words_temporal_by_packing(rest),
                        "{:?} after its first word", rest
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// For every mention, the tense cue read from the sentence's words
        /// is the one read from the text around it.
        #[test]
        fn tense_cues_match_the_text(
            words in prop::collection::vec(
                prop::sample::select([DATE_WORDS, TENSE_WORDS].concat()), 1..14),
            joins in prop::collection::vec(prop::sample::select(vec![" ", "  ", "-", "", "'"]), 14)
        ) {
            let mut text = String::new();
            for (word, join) in words.iter().zip(&joins) {
                text.push_str(word);
                text.push_str(join);
            }
            with_sentence(&text, |ctx| {
                let positions = boundaries(ctx);
                // Every start, and the ends near it (mentions are short).
                for (i, &start) in positions.iter().enumerate() {
                    let near = positions[i + 1..].iter().take(12);
                    for &end in near.chain([&ctx.sentence.span.end]) {
                        let expected = super::super::tense::cue_near(
                            ctx.before(start),
                            &ctx.text[end..ctx.sentence.span.end],
                        );
                        assert_eq!(
                            super::super::sentence::cue_near(ctx, start, end),
                            expected,
                            "{text:?} from {start} to {end}"
                        );
                    }
                }
            });
        }
    }

    proptest! {
        /// The look-ahead's step to the next word, eight ASCII bytes at a
        /// time, finds the word reading character by character finds, from
        /// every character boundary.
        #[test]
        fn next_run_matches_reading_by_characters(
            text in "([a-zA-Z0-9]{1,12}|[ ,.'\\-]{1,3}|[é’—€ü]|\\PC){0,24}"
        ) {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                prop_assert_eq!(
                    super::super::next_run(&text, at),
                    super::super::next_run_by_chars(&text, at),
                    "{:?} from {}", text, at
                );
            }
        }

        #[test]
        fn never_panics_and_spans_are_boundaries(text in "\\PC{0,80}") {
            let doc = Document::parse(&text, Some(jiff::civil::date(2017, 11, 5)));
            for claim in scan(&doc) {
                prop_assert!(text.is_char_boundary(claim.span.start));
                prop_assert!(text.is_char_boundary(claim.span.end));
            }
        }

        #[test]
        fn never_panics_on_date_like_text(
            text in "(in |the |last |next |mid-|early |aged |from |between )?[0-9]{1,4}([-/–][0-9]{1,4}){0,2}( (years?|days?|ago|to|and|s|'s) ?){0,3}"
        ) {
            let doc = Document::parse(&text, Some(jiff::civil::date(2017, 11, 5)));
            for claim in scan(&doc) {
                prop_assert!(text.is_char_boundary(claim.span.end));
            }
        }
    }
}
