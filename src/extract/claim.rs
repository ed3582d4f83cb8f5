//! The claim: one checkable figure or date, with its place in the text and its
//! normalised value. This is the type the extract stage hands to the rules and
//! the report; its serialised form is the JSON contract in DESIGN.md.

use std::sync::Arc;

use serde::{Deserialize, Serialize, Serializer};

/// What sort of figure a claim is. Packs name kinds the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Date,
    RelativeDate,
    Duration,
    Count,
    Quantity,
    Money,
    Percent,
    Ordinal,
}

impl ClaimKind {
    /// The contract's name for the kind ("relative-date").
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::RelativeDate => "relative-date",
            ClaimKind::Duration => "duration",
            ClaimKind::Count => "count",
            ClaimKind::Quantity => "quantity",
            ClaimKind::Money => "money",
            ClaimKind::Percent => "percent",
            ClaimKind::Ordinal => "ordinal",
        }
    }

    pub fn is_temporal(self) -> bool {
        matches!(
            self,
            ClaimKind::Date | ClaimKind::RelativeDate | ClaimKind::Duration
        )
    }
}

/// How a stated figure bounds the true one ("more than 70" is `MoreThan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Exact,
    About,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    UpTo,
}

/// A byte range with the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// The value of a count, quantity, money, percent or ordinal claim.
///
/// `low` and `high` give the interval the wording allows: "more than 70" has
/// low 70 and no high; "between 10 and 20" has low 10 and high 20.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberValue {
    pub number: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// ISO 4217 code for money, "%" or "pp" for percentages, the unit symbol
    /// from rules/units.toml for quantities, None for counts and ordinals.
    pub unit: Option<String>,
    /// The noun phrase counted or measured ("high priority projects").
    pub subject: Option<String>,
    /// For a partitive count ("17 of which", "nine of the 12 teams"): the id
    /// of the claim it is a part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Set by the parser for a partitive count before it is linked.
    #[serde(skip)]
    pub partitive: Partitive,
}

/// How a partitive count names its whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Partitive {
    /// Not a partitive count.
    #[default]
    None,
    /// "17 of which", "two of them": the whole is an earlier claim.
    Anaphoric,
    /// "nine of the 12 teams": the whole is the next claim in the text.
    Explicit,
}

/// The value of a date, relative-date or duration claim.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct TemporalValue {
    /// The ISO-TimeML TIMEX3 value: "2017-11-01", "2017-Q3", "199", "P4Y", "PAST_REF".
    pub timex: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<i8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<i8>,
    /// The weekday the text states ("Tuesday, 31 March 2015"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
    /// For a relative date, the signed ISO 8601 duration from the anchor ("-P17Y").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// The date a relative or year-less date was resolved against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// True when the year was not stated but taken from the publication date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    /// The TIMEX3 `mod` ("START" for "early 1991", "APPROX", "MORE_THAN").
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// For a range ("2014–2017"), the TIMEX3 value of its end; `timex` is its start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// For an age ("Anna Berg, 39,"), the person it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The tense of the clause around the claim, where a word shows it
    /// ("will", "said"); None when nothing does. Read only for a date
    /// (`ClaimKind::Date`) in a document with a publication date: the
    /// timeline rule, its one reader, judges nothing else.
    #[serde(skip)]
    pub tense: Option<Tense>,
}

/// Whether a clause tells of the past or the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// A claim's normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(NumberValue),
    Temporal(TemporalValue),
}

/// Who a claim is attributed to, and the word that says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub source: String,
    pub cue: String,
    pub span: Span,
    /// "it is reported", "experts say": an attribution that names nobody.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
}

/// A look-up link for a claim (filled by a later stage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The template's title, shared by all the links made from it (most
    /// claims get one from each general template: a copy each would be an
    /// allocation each). Serialised as the string it is.
    #[serde(serialize_with = "shared_str")]
    pub title: Arc<str>,
    pub url: LinkUrl,
}

fn shared_str<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

/// A link's URL, read as the string it is. The links of one document keep
/// their URLs in one shared text, each URL a range of it: a claim gets a
/// dozen links, and a string each would be an allocation each, made and
/// later freed.
#[derive(Clone)]
pub struct LinkUrl {
    text: Arc<str>,
    range: std::ops::Range<usize>,
}

impl LinkUrl {
    /// The URL at `range` in a text shared with other links; `range` must
    /// lie on character boundaries of `text`.
    pub(crate) fn shared(text: &Arc<str>, range: std::ops::Range<usize>) -> LinkUrl {
        debug_assert!(text.get(range.clone()).is_some());
        LinkUrl {
            text: Arc::clone(text),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        // Checked: a range off the text's boundaries reads as nothing, never a panic.
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

impl std::ops::Deref for LinkUrl {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for LinkUrl {
    fn from(url: &str) -> LinkUrl {
        LinkUrl {
            range: 0..url.len(),
            text: Arc::from(url),
        }
    }
}

impl From<String> for LinkUrl {
    fn from(url: String) -> LinkUrl {
        LinkUrl::from(url.as_str())
    }
}

impl PartialEq for LinkUrl {
    fn eq(&self, other: &LinkUrl) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for LinkUrl {}

impl PartialEq<str> for LinkUrl {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LinkUrl {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for LinkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for LinkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for LinkUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An earlier fact-check of a claim (filled by `--lookup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub publisher: String,
    /// The verdict in the publisher's words ("False", "Mostly true").
    pub rating: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The claim as the fact-checker worded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Reference data that agrees with a claim (filled by `--lookup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    /// "wikidata".
    pub source: String,
    /// What the reference gives: "a population of 522,250 in 2021".
    pub value: String,
    /// The reference item.
    pub url: String,
}

/// One checkable figure or date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub id: String,
    pub kind: ClaimKind,
    pub text: String,
    pub span: Span,
    pub value: Value,
    pub attribution: Option<Attribution>,
    pub links: Vec<Link>,
    /// Earlier fact-checks of the claim's sentence; left out of the JSON when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Set when reference data agrees with the claim; left out when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Confirmation>,
    /// Index of the claim's sentence in `Document::sentences`.
    #[serde(skip)]
    pub sentence: usize,
}

impl Claim {
    /// A claim as the extractor finds it: what the later stages add
    /// (attribution, look-up links, reviews, confirmation) starts empty, so
    /// a new field of theirs touches only this constructor.
    pub fn new(
        id: String,
        kind: ClaimKind,
        text: String,
        span: Span,
        value: Value,
        sentence: usize,
    ) -> Claim {
        Claim {
            id,
            kind,
            text,
            span,
            value,
            attribution: None,
            links: Vec::new(),
            reviews: Vec::new(),
            confirmed: None,
            sentence,
        }
    }

    pub fn number(&self) -> Option<&NumberValue> {
        match &self.value {
            Value::Number(n) => Some(n),
            Value::Temporal(_) => None,
        }
    }

    pub fn temporal(&self) -> Option<&TemporalValue> {
        match &self.value {
            Value::Temporal(t) => Some(t),
            Value::Number(_) => None,
        }
    }
}
