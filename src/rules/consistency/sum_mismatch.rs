//! consistency/sum-mismatch: listed amounts that do not add up to their
//! stated total.

use crate::extract::Claim;
use crate::rules::figures::{between, has_cue, interval, same_measure, show, Edge, Interval};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// Amounts listed in one sentence with a total stated beside them
    /// ("totalling", "a total of", "in all", "combined", "altogether") where
    /// the amounts, within their stated precision, cannot add up to the total.
    ///
    /// ## Why it matters
    /// A total that its own parts contradict means a part or the total is
    /// wrong, and the reader can prove it with a pencil.
    ///
    /// ## Fires on
    /// "The three schools received $2m, $3m and $4m, totalling $10m." ($9m)
    ///
    /// ## Does not fire on
    /// "The three schools received $2m, $3m and $4m, totalling $9m."
    /// "About $2m, $3m and $4m went out, some $10m in all." (qualifiers count)
    pub(crate) struct SumMismatch => "consistency/sum-mismatch", Severity::Error
}

const BEFORE_TOTAL: &[&str] = &[
    "totalling",
    "totaling",
    "a total of",
    "in total",
    "total of",
    "combined total of",
    "totalled",
    "totaled",
    "altogether",
    "together",
];
const AFTER_TOTAL: &[&str] = &["in all", "in total", "combined", "altogether", "together"];

fn is_total(text: &str, claim: &Claim) -> bool {
    let (start, end) = (claim.span.start, claim.span.end);
    has_cue(
        text,
        start.saturating_sub(24),
        start,
        Edge::End,
        BEFORE_TOTAL,
    ) || has_cue(text, end, end + 12, Edge::Start, AFTER_TOTAL)
}

/// The parts are one list ("$2m, $3m and $4m", "120, 85 and 40 beds") of
/// the thing the total counts: nothing but commas and "and" between them,
/// and no noun of their own that differs from the total's.
fn is_list(text: &str, parts: &[&Claim], total: &Claim) -> bool {
    let total_subject = total.number().and_then(|n| n.subject.as_deref());
    let same_thing = parts.iter().all(|p| {
        let subject = p.number().and_then(|n| n.subject.as_deref());
        subject.is_none() || total_subject.is_none() || subject == total_subject
    });
    let joined = parts.windows(2).all(|pair| {
        let gap = between(text, pair[0].span.end, pair[1].span.start);
        let words: Vec<&str> = gap
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|w| !w.is_empty())
            .collect();
        words.is_empty() || words == ["and"] || words == ["or"] || words == ["plus"]
    });
    same_thing && joined
}

impl Rule for SumMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        let text = cx.doc.text();
        for (i, total) in cx.claims.iter().enumerate() {
            // The parts are the amounts of the same measure listed before the
            // total in its sentence.
            let earlier_parts = || {
                cx.claims[..i]
                    .iter()
                    .rev()
                    .take_while(|c| c.sentence == total.sentence)
                    .filter(|c| {
                        same_measure(c, total) && c.number().is_some_and(|n| n.part_of.is_none())
                    })
            };
            // Fewer than two parts is the common case, and cheaper to see
            // than the words around a total.
            if earlier_parts().nth(1).is_none() || !is_total(text, total) {
                continue;
            }
            let parts: Vec<&Claim> = earlier_parts()
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if parts.len() < 2 || !is_list(text, &parts, total) {
                continue;
            }
            let intervals: Option<Vec<Interval>> =
                parts.iter().map(|p| interval(p, approximate)).collect();
            let (Some(intervals), Some(t)) = (intervals, interval(total, approximate)) else {
                continue;
            };
            let sum = intervals.iter().fold(
                Interval {
                    low: 0.0,
                    high: 0.0,
                },
                |acc, i| acc.add(*i),
            );
            if sum.overlaps(t) {
                continue;
            }
            let values: Vec<f64> = parts
                .iter()
                .filter_map(|p| p.number())
                .map(|n| n.number)
                .collect();
            let Some(stated) = total.number() else {
                continue;
            };
            findings.push(
                Self::META.finding(
                    format!(
                        "{} = {}, not {}",
                        values
                            .iter()
                            .map(|v| show(*v))
                            .collect::<Vec<_>>()
                            .join(" + "),
                        show(values.iter().sum()),
                        show(stated.number)
                    ),
                    total.span,
                    parts.iter().map(|p| p.span).collect(),
                    parts
                        .iter()
                        .map(|p| p.id.clone())
                        .chain([total.id.clone()])
                        .collect(),
                ),
            );
        }
    }
}
