//! Interval arithmetic on stated figures, shared by the consistency rules.
//!
//! A stated figure stands for every value that rounds to it: "19%" covers
//! 18.5–19.5%, "1.2bn" covers 1.15–1.25bn. Qualifiers widen or open the
//! interval: "about", "nearly", "almost", "roughly", "some" allow 5% either
//! way (nearly and almost only below), "more than 70" is 70 upwards, and a
//! fraction word is looser still ("about a third" covers 28–38%).

use std::borrow::Cow;

pub(crate) use crate::extract::lower_case;
use crate::extract::{Claim, ClaimKind, NumberValue, Qualifier};

/// A closed interval of values a stated figure allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn overlaps(self, other: Interval) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    pub fn add(self, other: Interval) -> Interval {
        Interval {
            low: self.low + other.low,
            high: self.high + other.high,
        }
    }

    /// The interval of a / b for positive intervals.
    pub fn ratio(self, denominator: Interval) -> Option<Interval> {
        (denominator.low > 0.0 && self.low >= 0.0).then(|| Interval {
            low: self.low / denominator.high,
            high: self.high / denominator.low,
        })
    }
}

/// Relative slack of "about", "nearly", "roughly" unless a pack sets the
/// rule's `approximate` parameter.
pub(crate) const DEFAULT_APPROXIMATE: f64 = 0.05;
/// Absolute slack, in percentage points, of a fraction word ("a third").
const FRACTION_WORD_POINTS: f64 = 2.5;

/// The number value of a claim, when it has one.
pub(crate) fn number(claim: &Claim) -> Option<&NumberValue> {
    claim.number()
}

/// Half a unit of the stated figure's last digit, in the value's own scale.
pub(crate) fn half_unit(claim: &Claim, value: f64) -> f64 {
    let token = first_numeral(&claim.text);
    let Some(token) = token else {
        // A number word: "seventeen", "two million", "a third".
        return if is_fraction_word(&claim.text) && claim.kind == ClaimKind::Percent {
            FRACTION_WORD_POINTS
        } else {
            0.5 * scale_of(value, 1.0)
        };
    };
    let digits: String = token
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let stated: f64 = digits.parse().unwrap_or(value);
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let scale = if stated > 0.0 { value / stated } else { 1.0 };
    let scale = if scale.is_finite() && scale >= 1.0 {
        scale.round()
    } else {
        1.0
    };
    0.5 * 10f64.powi(-decimals) * scale
}

fn scale_of(value: f64, default: f64) -> f64 {
    for scale in [1e12, 1e9, 1e6, 1e3] {
        if value.abs() >= scale && (value / scale).fract() == 0.0 {
            return scale;
        }
    }
    default
}

fn first_numeral(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || (matches!(c, '.' | ',')
                    && rest[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map_or(rest.len(), |(i, _)| i);
    Some(&rest[..end])
}

fn is_fraction_word(text: &str) -> bool {
    let lower = lower_case(text);
    ["half", "third", "quarter", "fifth", "tenth"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Words that make a less-than qualifier a close approximation from below.
fn is_near_below(text: &str) -> bool {
    let lower = lower_case(text.trim_start());
    ["almost", "nearly", "just under", "close to", "just below"]
        .iter()
        .any(|w| lower.starts_with(w))
}

/// The interval a claim's value allows, with rounding and qualifiers;
/// `approximate` is the relative slack of "about" and its kin.
pub(crate) fn interval(claim: &Claim, approximate: f64) -> Option<Interval> {
    let value = number(claim)?;
    let n = value.number;
    let h = half_unit(claim, n);
    let approx = |x: f64| (x * approximate).abs().max(h);
    let fraction = is_fraction_word(&claim.text) && claim.kind == ClaimKind::Percent;
    Some(match value.qualifier {
        Qualifier::Exact => match (value.low, value.high) {
            (Some(low), Some(high)) if low != high => Interval {
                low: low - h,
                high: high + h,
            },
            _ => Interval {
                low: n - h,
                high: n + h,
            },
        },
        Qualifier::About => {
            let slack = if fraction {
                2.0 * FRACTION_WORD_POINTS
            } else {
                approx(n)
            };
            Interval {
                low: n - slack,
                high: n + slack,
            }
        }
        Qualifier::MoreThan | Qualifier::AtLeast => Interval {
            low: value.low.unwrap_or(n),
            high: f64::INFINITY,
        },
        Qualifier::LessThan if is_near_below(&claim.text) => Interval {
            low: n - approx(n),
            high: n,
        },
        // Figures in news copy are not negative: a change is a word, not a sign.
        Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => Interval {
            low: 0.0,
            high: value.high.unwrap_or(n),
        },
    })
}

/// Whether two claims measure in the same unit, so their values compare.
pub(crate) fn same_measure(a: &Claim, b: &Claim) -> bool {
    let (Some(x), Some(y)) = (number(a), number(b)) else {
        return false;
    };
    let countable = |k: ClaimKind| matches!(k, ClaimKind::Count | ClaimKind::Ordinal);
    (a.kind == b.kind || countable(a.kind) && countable(b.kind)) && x.unit == y.unit
}

/// A figure for a message: "75%", "1,200", "56.3%".
pub(crate) fn show(x: f64) -> String {
    let decimals = if x.abs() >= 100.0 { 0 } else { 1 };
    let factor = 10f64.powi(decimals);
    crate::extract::format_amount((x * factor).round() / factor)
}

/// The text between two byte offsets of the document, lower-cased; offsets
/// inside a character move out to its edges. Borrowed when it is lower-case
/// ASCII already (most are): the rules call this for every claim.
pub(crate) fn between(text: &str, start: usize, end: usize) -> Cow<'_, str> {
    lower_case(raw_between(text, start, end))
}

/// The text [`between`] lowers: the offsets ordered, clamped to the text
/// and moved out to character edges.
fn raw_between(text: &str, start: usize, end: usize) -> &str {
    let (mut start, mut end) = (
        start.min(end).min(text.len()),
        end.max(start).min(text.len()),
    );
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// Which end of a stretch a cue is looked for at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    Start,
    End,
}

/// Whether `between(text, start, end)`, trimmed at `edge`, starts or ends
/// there with one of `cues` (lower-case ASCII). The rules ask this for
/// every claim: an ASCII stretch (nearly all) is compared ignoring ASCII
/// case instead of being lowered into a new string; lowering ASCII changes
/// nothing else, so the answer is the same.
pub(crate) fn has_cue(text: &str, start: usize, end: usize, edge: Edge, cues: &[&str]) -> bool {
    let raw = raw_between(text, start, end);
    let lowered;
    let stretch = if raw.is_ascii() {
        raw
    } else {
        lowered = lower_case(raw);
        &lowered
    };
    let stretch = match edge {
        Edge::Start => stretch.trim_start(),
        Edge::End => stretch.trim_end(),
    }
    .as_bytes();
    // The byte at the edge turns most cues away before the rest is compared.
    let edge_byte = match edge {
        Edge::Start => stretch.first(),
        Edge::End => stretch.last(),
    };
    let Some(edge_byte) = edge_byte.map(u8::to_ascii_lowercase) else {
        return cues.iter().any(|cue| cue.is_empty());
    };
    cues.iter().any(|cue| {
        let cue_edge = match edge {
            Edge::Start => cue.as_bytes().first(),
            Edge::End => cue.as_bytes().last(),
        };
        if cue_edge.is_some_and(|&b| b != edge_byte) {
            return false;
        }
        let part = match edge {
            Edge::Start => stretch.get(..cue.len()),
            Edge::End => stretch
                .len()
                .checked_sub(cue.len())
                .map(|from| &stretch[from..]),
        };
        part.is_some_and(|part| part.eq_ignore_ascii_case(cue.as_bytes()))
    })
}

/// Words of change and comparison ("rose", "fell", "compared", "than"):
/// a sentence holding one relates figures to each other rather than giving
/// one figure or one breakdown. Rules add their own words to these.
pub(crate) const CHANGE_WORDS: &[&str] = &[
    "rose",
    "rise",
    "risen",
    "fell",
    "fall",
    "fallen",
    "up",
    "down",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "grew",
    "growth",
    "each",
    "compared",
    "than",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_rounds_without_eating_zeros() {
        assert_eq!(show(100.0), "100");
        assert_eq!(show(2.5), "2.5");
        assert_eq!(show(56.25), "56.3");
        assert_eq!(show(1200.4), "1,200");
    }

    #[test]
    fn between_snaps_to_character_edges() {
        let text = "a £40 fee";
        assert_eq!(between(text, 3, 6), "£40");
    }

    /// Cues, their upper-case forms, spaces and characters whose lower case
    /// differs in length or leaves ASCII (the Kelvin sign lowers to "k").
    const PIECES: &[&str] = &[
        "in all", "IN ALL", "In", "all", "total", "TOTAL", "so far", " ", "  ", "\n", "\u{a0}",
        ",", "x", "É", "İ", "\u{212a}", "ß", "£", "7",
    ];
    const CUES: &[&str] = &["in all", "total", "so far", "k", "i"];

    proptest::proptest! {
        /// The cue tests answer what lowering the stretch and searching it
        /// answers, for any offsets (inside characters too).
        #[test]
        fn cue_tests_match_lowering_the_stretch(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
            start in 0usize..60,
            end in 0usize..60,
        ) {
            let text = pieces.concat();
            let lowered = between(&text, start, end);
            proptest::prop_assert_eq!(
                has_cue(&text, start, end, Edge::End, CUES),
                CUES.iter().any(|cue| lowered.trim_end().ends_with(cue))
            );
            proptest::prop_assert_eq!(
                has_cue(&text, start, end, Edge::Start, CUES),
                CUES.iter().any(|cue| lowered.trim_start().starts_with(cue))
            );
        }
    }
}
