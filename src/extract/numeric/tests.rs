//! Tests of the numeric family through the whole scanner, on sentences
//! written for these tests.

use crate::document::Document;
use crate::extract::{scan, Claim, ClaimKind, Partitive, Qualifier};

fn claims(text: &str) -> Vec<Claim> {
    scan(&Document::parse(text, None))
}

/// (kind, text, number, unit, subject) of one numeric claim.
type Summary = (ClaimKind, String, f64, Option<String>, Option<String>);

fn summary(text: &str) -> Vec<Summary> {
    claims(text)
        .into_iter()
        .filter_map(|c| {
            let n = c.number()?.clone();
            Some((c.kind, c.text, n.number, n.unit, n.subject))
        })
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    summary(text).into_iter().map(|s| s.1).collect()
}

/// The one numeric claim of a sentence (temporal claims beside it are not
/// this family's).
fn one(text: &str) -> Claim {
    let all: Vec<Claim> = claims(text)
        .into_iter()
        .filter(|c| !c.kind.is_temporal())
        .collect();
    assert_eq!(all.len(), 1, "{text}: {all:#?}");
    all.into_iter().next().unwrap()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn counts_with_their_nouns() {
    let c = one("The plan lists more than 70 high priority projects, officials said.");
    assert_eq!(c.text, "more than 70 high priority projects");
    let n = c.number().unwrap();
    assert_eq!((n.number, n.low, n.high), (70.0, Some(70.0), None));
    assert_eq!(n.qualifier, Qualifier::MoreThan);
    assert_eq!(n.subject, s("high priority projects"));
    assert_eq!(
        summary("They held 22 Prime Ministers' regular meetings."),
        vec![(
            ClaimKind::Count,
            "22 Prime Ministers' regular meetings".into(),
            22.0,
            None,
            s("Prime Ministers' regular meetings")
        )]
    );
    assert_eq!(summary("About 3,000 people marched.")[0].2, 3000.0);
    assert_eq!(summary("About 3,000 people marched.")[0].4, s("people"));
    let bare = one("The total rose to 17.");
    assert_eq!((bare.kind, bare.text.as_str()), (ClaimKind::Count, "17"));
    assert_eq!(bare.number().unwrap().subject, None);
}

#[test]
fn number_words_and_scales() {
    assert_eq!(summary("Seventeen candidates stood.")[0].2, 17.0);
    assert_eq!(summary("It hired twenty-one nurses.")[0].2, 21.0);
    assert_eq!(summary("A hundred volunteers came.")[0].2, 100.0);
    assert_eq!(summary("She bought two dozen eggs.")[0].2, 24.0);
    assert_eq!(summary("It has one hundred and five members.")[0].2, 105.0);
    assert_eq!(summary("The fund holds 1.2bn shares.")[0].2, 1.2e9);
    assert_eq!(summary("Some 1,200 homes were lost.")[0].2, 1200.0);
    let open = one("Thousands of people fled.");
    let n = open.number().unwrap();
    assert_eq!(open.text, "Thousands of people");
    assert_eq!(
        (n.low, n.high, n.qualifier),
        (Some(2000.0), None, Qualifier::AtLeast)
    );
    assert_eq!(n.subject, s("people"));
    let money = one("It cost billions of dollars.");
    assert_eq!(money.kind, ClaimKind::Money);
    assert_eq!(money.number().unwrap().low, Some(2e9));
    assert_eq!(summary("Tens of thousands of fans came.")[0].2, 20000.0);
}

#[test]
fn money() {
    let cases = [
        ("It paid US$2 billion.", "US$2 billion", 2e9, "USD"),
        ("A $3.5m grant.", "$3.5m", 3.5e6, "USD"),
        ("It raised €4bn.", "€4bn", 4e9, "EUR"),
        ("Tickets cost £12.", "£12", 12.0, "GBP"),
        ("It lent 40 million yuan.", "40 million yuan", 4e7, "CNY"),
        ("Fines of 5bn roubles.", "5bn roubles", 5e9, "RUB"),
        ("He got Rs 2 crore.", "Rs 2 crore", 2e7, "INR"),
        ("Tea costs ¥100 here.", "¥100", 100.0, "JPY"),
        ("It costs 10 euros.", "10 euros", 10.0, "EUR"),
        ("A stamp is 3 pence.", "3 pence", 0.03, "GBP"),
        ("A ₹5 lakh prize.", "₹5 lakh", 5e5, "INR"),
    ];
    for (text, claim, value, code) in cases {
        let c = one(text);
        assert_eq!(c.kind, ClaimKind::Money, "{text}");
        assert_eq!(c.text, claim, "{text}");
        let n = c.number().unwrap();
        assert!(
            (n.number - value).abs() < 1e-9 * value.max(1.0),
            "{text}: {}",
            n.number
        );
        assert_eq!(n.unit.as_deref(), Some(code), "{text}");
    }
}

#[test]
fn percentages_and_points() {
    for text in [
        "Turnout was 23%.",
        "Turnout was 23 per cent.",
        "Turnout was 23 percent.",
        "Turnout was 23pc.",
    ] {
        let c = one(text);
        assert_eq!(c.kind, ClaimKind::Percent, "{text}");
        assert_eq!(c.number().unwrap().unit, s("%"));
        assert_eq!(c.number().unwrap().number, 23.0);
    }
    let all = summary("Support rose to 45% from 40%, a gain of 5 points.");
    assert_eq!(all[2].3, s("pp"));
    assert_eq!(summary("Rates rose 5 percentage points.")[0].3, s("pp"));
    assert_eq!(summary("The team scored 5 points.")[0].0, ClaimKind::Count);
}

#[test]
fn shares_are_percentages() {
    let cases = [
        ("Half of the 70 projects stalled.", "Half", 50.0),
        ("A third of voters stayed home.", "A third", 100.0 / 3.0),
        ("Two-thirds backed it.", "Two-thirds", 200.0 / 3.0),
        ("A quarter of the staff left.", "A quarter", 25.0),
        ("Three-quarters agreed.", "Three-quarters", 75.0),
        ("One in five adults smoke.", "One in five", 20.0),
    ];
    for (text, claim, value) in cases {
        let first = &summary(text)[0];
        assert_eq!(
            (first.0, first.1.as_str()),
            (ClaimKind::Percent, claim),
            "{text}"
        );
        assert!((first.2 - value).abs() < 1e-9, "{text}");
    }
    let kinds: Vec<ClaimKind> = summary("He came a third time in the second half.")
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert!(!kinds.contains(&ClaimKind::Percent), "{kinds:?}");
}

#[test]
fn quantities_with_units() {
    let cases = [
        ("The road is 12 km long.", "12 km", "km"),
        ("A 10-kilometre walk.", "10-kilometre", "km"),
        ("It weighs 3.5 tonnes.", "3.5 tonnes", "t"),
        (
            "It pumps 200,000 barrels a day.",
            "200,000 barrels a day",
            "bpd",
        ),
        ("A 500 MW plant.", "500 MW", "MW"),
        ("They farm 40 hectares.", "40 hectares", "ha"),
        (
            "It covers 9 square kilometres.",
            "9 square kilometres",
            "km²",
        ),
        ("It hit 41.5°C on Monday.", "41.5°C", "°C"),
        ("Temperatures hit 41.5C on Sunday.", "41.5C", "°C"),
        (
            "Water boils at 212 degrees Fahrenheit.",
            "212 degrees Fahrenheit",
            "°F",
        ),
        ("A dose of 5 mg/kg was given.", "5 mg/kg", "mg/kg"),
        (
            "Flux was 12 µmol m−2 s−1 at noon.",
            "12 µmol m−2 s−1",
            "µmol·m⁻²·s⁻¹",
        ),
        ("Speeds reach 80 mph.", "80 mph", "mph"),
    ];
    for (text, claim, unit) in cases {
        let c = one(text);
        assert_eq!(
            (c.kind, c.text.as_str()),
            (ClaimKind::Quantity, claim),
            "{text}"
        );
        assert_eq!(c.number().unwrap().unit.as_deref(), Some(unit), "{text}");
    }
    assert!(texts("The 18O/16O ratio of 14C-dated wood.").is_empty());
    let sci = one("The rate was 1.5 × 10−3 mol per litre.");
    assert!((sci.number().unwrap().number - 1.5e-3).abs() < 1e-12);
    let cold = one("It fell to −5 °C overnight.");
    assert_eq!(cold.number().unwrap().number, -5.0);
}

#[test]
fn durations_are_left_to_the_temporal_family() {
    assert!(texts("He served four years and signed a three-year contract.").is_empty());
    assert!(texts("It happened 17 years ago.").is_empty());
    assert!(texts("In 2014 the plan began.").is_empty());
    assert_eq!(
        texts("More than 2000 people came."),
        vec!["More than 2000 people"]
    );
    assert!(
        texts("On day 3 and on days 5-7 it rained.").is_empty(),
        "{:?}",
        texts("On day 3 and on days 5-7 it rained.")
    );
    assert!(texts("It ran from 2014 to 2017 and in 2018-2019.").is_empty());
    assert!(texts("A 10-point plan.").is_empty());
    assert!(texts("It was popular in the 1990s and 80s.").is_empty());
    assert!(texts("It is open to under 18s.").is_empty());
    assert_eq!(texts("It took 2.5s."), vec!["2.5s"]);
}

#[test]
fn ranges_and_tolerances() {
    let c = one("Between 10 and 20 people were hurt.");
    let n = c.number().unwrap();
    assert_eq!((n.low, n.high), (Some(10.0), Some(20.0)));
    let c = one("It takes 10-20 km.");
    assert_eq!(
        (c.text.as_str(), c.number().unwrap().high),
        ("10-20 km", Some(20.0))
    );
    let c = one("Costs of $10–20 million.");
    assert_eq!(c.number().unwrap().low, Some(1e7));
    let c = one("Doses of 5 to 10 mg daily.");
    assert_eq!(c.number().unwrap().unit, s("mg"));
    assert_eq!(c.number().unwrap().low, Some(5.0));
    // "from 40 to 100" is two figures, for the change rules
    assert_eq!(texts("Staff rose from 40 to 100."), vec!["40", "100"]);
    let c = one("The mass was 5.2 ± 0.3 mg.");
    let n = c.number().unwrap();
    assert_eq!(c.text, "5.2 ± 0.3 mg");
    assert!((n.low.unwrap() - 4.9).abs() < 1e-9 && (n.high.unwrap() - 5.5).abs() < 1e-9);
}

#[test]
fn qualifiers_as_intervals() {
    let q = |text: &str| {
        let c = one(text);
        let n = c.number().unwrap().clone();
        (n.qualifier, n.low, n.high)
    };
    assert_eq!(
        q("Almost 20 ships sank."),
        (Qualifier::LessThan, None, Some(20.0))
    );
    assert_eq!(
        q("Nearly 20 ships sank."),
        (Qualifier::LessThan, None, Some(20.0))
    );
    assert_eq!(
        q("Fewer than 20 ships sank."),
        (Qualifier::LessThan, None, Some(20.0))
    );
    assert_eq!(
        q("Over 20 ships sank."),
        (Qualifier::MoreThan, Some(20.0), None)
    );
    assert_eq!(
        q("About 20 ships sank."),
        (Qualifier::About, Some(20.0), Some(20.0))
    );
    assert_eq!(
        q("Roughly 20 ships sank."),
        (Qualifier::About, Some(20.0), Some(20.0))
    );
    assert_eq!(
        q("An estimated 20 ships sank."),
        (Qualifier::About, Some(20.0), Some(20.0))
    );
    assert_eq!(
        q("It took ~20 ships."),
        (Qualifier::About, Some(20.0), Some(20.0))
    );
    assert_eq!(
        q("At least 20 ships sank."),
        (Qualifier::AtLeast, Some(20.0), None)
    );
    assert_eq!(
        q("No fewer than 20 ships sank."),
        (Qualifier::AtLeast, Some(20.0), None)
    );
    assert_eq!(
        q("Up to 20 ships sank."),
        (Qualifier::UpTo, None, Some(20.0))
    );
    assert_eq!(
        q("As many as 20 ships sank."),
        (Qualifier::UpTo, None, Some(20.0))
    );
    assert_eq!(
        q("No more than 20 ships sank."),
        (Qualifier::AtMost, None, Some(20.0))
    );
    assert_eq!(
        q("It sank 20 ships."),
        (Qualifier::Exact, Some(20.0), Some(20.0))
    );
    assert_eq!(
        q("It sank 70 or more ships."),
        (Qualifier::AtLeast, Some(70.0), None)
    );
}

#[test]
fn partitives_link_to_their_whole() {
    let all = claims("The plan lists more than 70 projects, 17 of which are done.");
    assert_eq!(all.len(), 2);
    let part = all[1].number().unwrap();
    assert_eq!(all[1].text, "17 of which");
    assert_eq!(part.partitive, Partitive::Anaphoric);
    assert_eq!(part.part_of.as_deref(), Some(all[0].id.as_str()));

    let all = claims("Nine of the 12 teams qualified.");
    assert_eq!(
        all.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        vec!["Nine", "12 teams"]
    );
    let part = all[0].number().unwrap();
    assert_eq!(part.partitive, Partitive::Explicit);
    assert_eq!(part.part_of.as_deref(), Some(all[1].id.as_str()));
    assert_eq!(part.subject, s("teams"));

    let all = claims("The club signed 30 players. Two of them left.");
    assert_eq!(
        all[1].number().unwrap().part_of.as_deref(),
        Some(all[0].id.as_str())
    );
}

#[test]
fn ordinals() {
    let c = one("It was the 22nd meeting of the group.");
    let n = c.number().unwrap();
    assert_eq!(
        (c.kind, c.text.as_str(), n.number),
        (ClaimKind::Ordinal, "22nd meeting", 22.0)
    );
    assert_eq!(n.subject, s("meeting"));
    let c = one("It is the third-largest city.");
    assert_eq!(
        (c.text.as_str(), c.number().unwrap().number),
        ("third-largest city", 3.0)
    );
    let all = claims("They finished ninth of 12 teams.");
    assert_eq!(all[0].kind, ClaimKind::Ordinal);
    assert_eq!(
        all[0].number().unwrap().part_of.as_deref(),
        Some(all[1].id.as_str())
    );
    assert_eq!(summary("It was their twentieth title.")[0].2, 20.0);
    assert!(texts("At first, nobody came.").is_empty());
}

#[test]
fn numbers_in_names_times_scores_are_not_claims() {
    for text in [
        "They drove Route 66 to the G20 summit.",
        "The F-16 and the Boeing 737 flew; COVID-19 spread.",
        "We meet at 9:30 a.m. on weekdays.",
        "City beat United 3-1 on Sunday.",
        "Call +44 20 7946 0958 for details.",
        "See https://example.com/2019/05/report for more.",
        "Write to desk2019@example.com today.",
        "Under Article 5, the Airbus A320 is open 24/7.",
    ] {
        assert!(texts(text).is_empty(), "{text}: {:?}", texts(text));
    }
}

#[test]
fn odd_inputs_never_panic_and_spans_stay_on_boundaries() {
    let inputs = [
        "",
        "$",
        "€ ",
        "~",
        "between",
        "between 5",
        "1,",
        "1.",
        "1e",
        "10^",
        "10−",
        "½ of €∼≈ 5 km²",
        "more than",
        "a",
        "one in",
        "5 ± ",
        "Rs.",
        "US$",
        "3 per",
        "12 µ",
        "٣ ١٢",
        "５ km",
        "2-",
        "-2",
        "thousands of",
        "the 1st",
        "99999999999999999999999999999 people",
        "1.2.3.4.5",
        "x²",
        "£5bn-£6bn",
        "5–",
        "3 ×10",
        "1 200 300 400",
        "twenty-",
        "a hundred and",
        "nine of the",
    ];
    for input in inputs {
        for c in claims(input) {
            assert!(input.is_char_boundary(c.span.start) && input.is_char_boundary(c.span.end));
            assert!(c.span.start < c.span.end && c.span.end <= input.len());
        }
    }
}

mod properties {
    use proptest::prelude::*;

    use super::claims;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// No input panics, and every claim's span lies on character
        /// boundaries inside the text.
        #[test]
        fn spans_are_valid(text in "[0-9a-zA-Z $€£~≈∼<>.,%:/()\\-–−±×⁻²µ°\n]{0,40}") {
            for c in claims(&text) {
                prop_assert!(c.span.start < c.span.end && c.span.end <= text.len());
                prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            }
        }

        /// Word-shaped input: number words, qualifiers, units and names.
        #[test]
        fn word_soup_is_safe(words in proptest::collection::vec(
            "(one|two|twenty|-|hundred|a|half|third|of|the|more|than|about|between|and|to|5|1,200|3.5|km|%|per|cent|\\$|bn|m|Route|G20|9:30|a\\.m\\.|3-1|won|years|\\.|,)",
            0..12,
        )) {
            let text = words.join(" ");
            for c in claims(&text) {
                prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            }
        }
    }
}

#[test]
fn more_forms_and_negatives() {
    // pronoun "one"
    assert!(texts("No one came, and the one who did left.").is_empty());
    assert_eq!(texts("One of them stayed."), vec!["One of them"]);
    // spaced thousands and currency ranges
    assert_eq!(summary("It employs 1 200 people.")[0].2, 1200.0);
    let c = one("Estimates run to £5bn-£6bn.");
    assert_eq!(
        (c.number().unwrap().low, c.number().unwrap().high),
        (Some(5e9), Some(6e9))
    );
    // times of day in other spellings
    assert!(texts("They met at 9.30am and again at 10 p.m.").is_empty());
    // decades, years and ages belong to the temporal family
    assert!(texts("A 2,000-year-old coin from the 1960s.").is_empty());
    // a bare decimal is still a figure
    assert_eq!(texts("The index stood at 1.25."), vec!["1.25"]);
    // millions with a currency name
    let c = one("Firms lost millions of pounds.");
    assert_eq!(
        (c.kind, c.number().unwrap().unit.as_deref()),
        (ClaimKind::Money, Some("GBP"))
    );
    // percentages written with a hyphen and in a range
    assert_eq!(summary("A 5-per-cent rise.")[0].3, s("%"));
    let c = one("Growth of 2-3% is likely.");
    assert_eq!(
        (c.text.as_str(), c.number().unwrap().high),
        ("2-3%", Some(3.0))
    );
    // a unit at the end of a list applies to every item
    let all = summary("Bags of 2.5, 4 and 9 kg were weighed.");
    assert_eq!(
        all.iter().map(|s| s.3.as_deref()).collect::<Vec<_>>(),
        vec![Some("kg"); 3]
    );
    assert_eq!(all[0].1, "2.5");
    assert_eq!(summary("Rates of 5, 10 or 15% apply.")[1].3, s("%"));
    assert_eq!(summary("It has 5, 10 and 15 staff.")[0].3, None);
    // an attached "m" is millions before a plural noun, else metres
    let all =
        summary("Some 200m people and 40m tonnes; he ran the 100m in 10 seconds by a 10m wall.");
    assert_eq!(
        all.iter()
            .map(|s| (s.2, s.3.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            (2e8, None),
            (4e7, Some("t")),
            (100.0, Some("m")),
            (10.0, Some("m"))
        ]
    );
    assert_eq!(summary("Sales rose by a fifth.")[0].2, 20.0);
    assert!(texts("The bill passed 52-48 in the Senate.").is_empty());
    // an appositive is no list; labels and ordinals with separators
    assert_eq!(
        summary("It has 1.4bn people, or 18% of the world.")[0].3,
        None
    );
    assert!(texts("A 4x4 vehicle.").is_empty());
    let c = one("The 1,000th customer.");
    assert_eq!(
        (c.kind, c.number().unwrap().number),
        (ClaimKind::Ordinal, 1000.0)
    );
    // scores and list numbers
    assert!(texts("1. The side won 2-0.").is_empty());
}

mod gates {
    use super::*;
    use proptest::prelude::*;

    /// Words and signs the numeric parsers read (number words, digits,
    /// units, currencies, qualifiers, articles, nouns a count counts) and
    /// plain words that only look like them.
    const FIGURE_WORDS: &[&str] = &[
        "one",
        "One",
        "two",
        "seven",
        "twenty",
        "twenty-one",
        "hundred",
        "thousand",
        "million",
        "billion",
        "bn",
        "m",
        "dozen",
        "half",
        "third",
        "thirds",
        "two-thirds",
        "quarter",
        "first",
        "ninth",
        "thousands",
        "millions",
        "tens",
        "of",
        "in",
        "every",
        "out",
        "a",
        "A",
        "an",
        "An",
        "the",
        "The",
        "and",
        "or",
        "to",
        "by",
        "from",
        "between",
        "more",
        "More",
        "than",
        "about",
        "About",
        "around",
        "some",
        "as",
        "As",
        "many",
        "much",
        "at",
        "least",
        "most",
        "up",
        "over",
        "under",
        "nearly",
        "almost",
        "just",
        "well",
        "no",
        "not",
        "fewer",
        "less",
        "an estimated",
        "approx.",
        "c.",
        "minimum",
        "so",
        "odd",
        "plus",
        "0",
        "1",
        "5",
        "10",
        "12",
        "3.5",
        "1,200",
        "2014",
        "1990s",
        "22nd",
        "40m",
        "5%",
        "10-20",
        "2-4",
        "5bn",
        "$",
        "$5",
        "£3m",
        "€",
        "US$",
        "US$2",
        "USD",
        "Rs",
        "Rs.5",
        "A$",
        "EUR",
        "US",
        "U.S.",
        "per",
        "cent",
        "percent",
        "percentage",
        "points",
        "km",
        "kilometres",
        "kg",
        "mg/kg",
        "°C",
        "tonnes",
        "miles",
        "yuan",
        "dollars",
        "pounds",
        "pence",
        "euros",
        "people",
        "jobs",
        "staff",
        "years",
        "days",
        "weeks",
        "company",
        "Company",
        "profits",
        "said",
        "rose",
        "fell",
        "which",
        "them",
        "day",
        "Route",
        "Boeing",
        "±",
        "~",
        "<",
        ">",
        "-",
        ",",
        "+",
        "x",
        "excess",
        "upwards",
        "maximum",
        "close",
        "short",
        "average",
        "In",
        "At",
        "high",
        "A-third",
        "eighth",
        "estimated",
        "×",
        "10^3",
        "2e6",
        "1.25",
        "12,500.75",
    ];

    /// The claims of `text`, with the gates on or off.
    fn scanned(text: &str, gates_off: bool) -> Vec<Claim> {
        crate::slow_path::run(crate::slow_path::SlowPath::NoGates, gates_off, || {
            claims(text)
        })
    }

    /// Pieces of the text after a number: spaces, hyphens, signs, the forms
    /// the percent, currency and unit readers take (in several cases, some
    /// with letters beyond ASCII) and words that only look like them.
    const SUFFIX_PIECES: &[&str] = &[
        " ",
        "  ",
        "-",
        "\u{a0}",
        "\n",
        "/",
        "·",
        "%",
        "％",
        "pc",
        "PC",
        "Pc",
        "per",
        "Per",
        "cent",
        "percent",
        "PERCENT",
        "percentage",
        "point",
        "points",
        "basis",
        "bps",
        "pp",
        "km",
        "Km",
        "KM",
        "kilometres",
        "Kilometre",
        "sq",
        "square",
        "m",
        "M",
        "m²",
        "mg",
        "kg",
        "hour",
        "a",
        "day",
        "°",
        "°C",
        "C",
        "K",
        "\u{212A}",
        "µg",
        "kΩ",
        "yuan",
        "US",
        "dollars",
        "Dollars",
        "pence",
        "p",
        "euros",
        "€",
        "year",
        "year-old",
        "people",
        "of",
        "the",
        ".",
        ",",
        "x",
        "5",
        "s",
        "in",
        "G",
        "GB",
        "megabytes",
        "barrels",
        "tonnes",
        "ft",
        "'",
        "é",
        "é",
        "Straße",
        "mph",
        "kWh",
        "l",
        "L",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The gate before the suffix readers only turns away texts they
        /// would all have read nothing from: every text reads the same as
        /// when all three readers try it.
        #[test]
        fn suffix_gate_changes_no_reading(
            pieces in prop::collection::vec(prop::sample::select(SUFFIX_PIECES), 0..6),
            speaks_of_percent in any::<bool>(),
        ) {
            let text: String = pieces.concat();
            let before = if speaks_of_percent { "rose 5% to 12 " } else { "scored 12 " };
            let gated = super::super::suffix(&text, before);
            let every = crate::slow_path::run(crate::slow_path::SlowPath::EverySuffix, true, || {
                super::super::suffix(&text, before)
            });
            prop_assert_eq!(gated, every, "{:?}", text);
        }

        /// The family's gates (the first-word test, the qualifier groups)
        /// only skip readings that would fail: the claims are the same as
        /// when every position is offered to every parser.
        #[test]
        fn gates_change_no_claim(
            words in prop::collection::vec(prop::sample::select(FIGURE_WORDS), 1..8),
            glue in prop::collection::vec(prop::sample::select(&[" ", " ", " ", "", "-", ", "][..]), 8)
        ) {
            let mut text = String::new();
            for (word, joiner) in words.iter().zip(&glue) {
                text.push_str(word);
                text.push_str(joiner);
            }
            text.push('.');
            let gated = scanned(&text, false);
            let every = scanned(&text, true);
            prop_assert_eq!(gated, every, "{}", text);
        }
    }
}
