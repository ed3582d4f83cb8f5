//! consistency/change-mismatch: a stated change that its own endpoints deny.

use crate::extract::{Claim, ClaimKind};
use crate::rules::figures::{between, interval, same_measure, show, Interval};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A change stated with both endpoints in the same sentence — "from A to
    /// B", "to B from A" — where the percentage change, the direction, or the
    /// multiple ("doubled", "tripled", "halved", "five times") does not match
    /// A and B within the precision stated.
    ///
    /// ## Why it matters
    /// Percentage changes are the figures most often miscalculated in copy:
    /// a 25% fall reverses to a 33% rise, and "doubled" is used for any growth.
    ///
    /// ## Fires on
    /// "Sales rose 20% from 40 million to 60 million." (that is a 50% rise)
    /// "Fares doubled from £40 to £100." (that is 2.5 times)
    ///
    /// ## Does not fire on
    /// "Sales rose 50% from 40 million to 60 million." "Fares roughly doubled
    /// from £40 to £83."
    pub(crate) struct ChangeMismatch => "consistency/change-mismatch", Severity::Error
}

const RISE: &[&str] = &[
    "rise",
    "rose",
    "risen",
    "rising",
    "increase",
    "increased",
    "up",
    "grew",
    "grown",
    "growth",
    "gain",
    "gained",
    "jump",
    "jumped",
    "climb",
    "climbed",
    "surge",
    "surged",
    "higher",
    "more",
];
const FALL: &[&str] = &[
    "fall",
    "fell",
    "fallen",
    "falling",
    "decrease",
    "decreased",
    "down",
    "drop",
    "dropped",
    "decline",
    "declined",
    "cut",
    "lower",
    "less",
    "shrank",
    "slump",
    "slumped",
    "plunged",
];
const MULTIPLES: &[(&str, f64)] = &[
    ("doubled", 2.0),
    ("doubling", 2.0),
    ("tripled", 3.0),
    ("trebled", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
];

/// The two endpoints of a change, as (from, to), when `a` and `b` are
/// written "from a to b" or "to a from b".
fn endpoints<'a>(text: &str, a: &'a Claim, b: &'a Claim) -> Option<(&'a Claim, &'a Claim)> {
    let gap = between(text, a.span.end, b.span.start);
    let gap = gap.trim();
    let before = between(text, a.span.start.saturating_sub(6), a.span.start);
    if gap == "to" && before.trim_end().ends_with("from") {
        Some((a, b))
    } else if gap == "from" && before.trim_end().ends_with("to") {
        Some((b, a))
    } else {
        None
    }
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Rule for ChangeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        let text = cx.doc.text();
        for pair in cx.claims.windows(2) {
            let [a, b] = pair else { continue };
            if a.sentence != b.sentence || !same_measure(a, b) {
                continue;
            }
            let Some((from, to)) = endpoints(text, a, b) else {
                continue;
            };
            let (Some(f), Some(t), Some(fv), Some(tv)) = (
                interval(from, approximate),
                interval(to, approximate),
                from.number(),
                to.number(),
            ) else {
                continue;
            };
            if f.low <= 0.0 {
                continue;
            }
            let sentence = &cx.doc.sentences[a.sentence];
            let words = words_of(&text[sentence.span.clone()]);
            let change = Interval {
                low: (t.low - f.high) / f.high * 100.0,
                high: (t.high - f.low) / f.low * 100.0,
            };
            let actual = (tv.number - fv.number) / fv.number * 100.0;
            let endpoints_words = format!("from {} to {}", show(fv.number), show(tv.number));
            let mut report = |message: String, related: &Claim| {
                findings.push(Self::META.finding(
                    message,
                    related.span,
                    vec![from.span, to.span],
                    vec![from.id.clone(), to.id.clone(), related.id.clone()],
                ));
            };
            // A multiple: "doubled from A to B". The multiple must govern
            // this change: "doubled from A to B", not "doubling X while
            // cutting Y from A to B".
            let lead_in = words_of(&between(
                text,
                sentence.span.start,
                from.span.start.min(to.span.start),
            ));
            if let Some((word, factor)) = MULTIPLES
                .iter()
                .find(|(word, _)| lead_in.iter().rev().take(4).any(|w| w == word))
            {
                let Some(ratio) = t.ratio(f) else { continue };
                let slack = if words.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "about" | "roughly" | "nearly" | "almost" | "more" | "than"
                    )
                }) {
                    0.1
                } else {
                    0.05
                };
                let allowed = Interval {
                    low: factor * (1.0 - slack),
                    high: factor * (1.0 + slack),
                };
                if !ratio.overlaps(allowed) {
                    report(
                        format!(
                            "{endpoints_words} is {} times, not {word}",
                            show(tv.number / fv.number)
                        ),
                        to,
                    );
                }
                continue;
            }
            // A percentage change elsewhere in the sentence.
            let percents: Vec<&Claim> = cx
                .in_sentence(a.sentence)
                .iter()
                .filter(|c| {
                    c.kind == ClaimKind::Percent
                        && c.id != from.id
                        && c.id != to.id
                        && c.number().is_some_and(|n| n.unit.as_deref() == Some("%"))
                })
                .collect();
            // The percentage must sit in the same clause as the endpoints.
            let near = |c: &&Claim| {
                let first = c.span.end.min(from.span.start.min(to.span.start));
                let last = c.span.start.max(from.span.end.max(to.span.end));
                words_of(&between(text, first, last)).len() <= 10
            };
            let percents: Vec<&Claim> = percents.into_iter().filter(near).collect();
            let [percent] = percents.as_slice() else {
                continue;
            };
            if from.kind == ClaimKind::Percent {
                // Between two percentages a "%" change is ambiguous with points.
                continue;
            }
            let (Some(x), Some(xv)) = (interval(percent, approximate), percent.number()) else {
                continue;
            };
            let rises = words.iter().any(|w| RISE.contains(&w.as_str()));
            let falls = words.iter().any(|w| FALL.contains(&w.as_str()));
            if rises == falls {
                continue;
            }
            let stated_direction = if rises { "rise" } else { "fall" };
            let actual_direction = if actual >= 0.0 { "rise" } else { "fall" };
            if (rises && change.high < 0.0) || (falls && change.low > 0.0) {
                report(
                    format!(
                        "{endpoints_words} is a {actual_direction} of {}%, not a {stated_direction}",
                        show(actual.abs())
                    ),
                    percent,
                );
                continue;
            }
            let magnitude = Interval {
                low: if rises { change.low } else { -change.high },
                high: if rises { change.high } else { -change.low },
            };
            if !magnitude.overlaps(x) {
                report(
                    format!(
                        "{endpoints_words} is a {}% {actual_direction}, not {}%",
                        show(actual.abs()),
                        show(xv.number)
                    ),
                    percent,
                );
            }
        }
    }
}
