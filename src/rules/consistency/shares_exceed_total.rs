//! consistency/shares-exceed-total: shares of one whole that add up to more
//! than all of it.

use crate::extract::{Claim, ClaimKind};
use crate::rules::figures::{between, interval, show, CHANGE_WORDS};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// Percentages given as one breakdown of the same whole in one sentence —
    /// a list such as "48% voted yes, 39% no and 18% did not vote" — whose
    /// smallest possible values add up to more than 100%.
    ///
    /// ## Why it matters
    /// A breakdown that sums past 100% has a wrong figure in it, and it is the
    /// kind of error readers write in about.
    ///
    /// ## Fires on
    /// "Of the members, 48% voted yes, 39% voted no and 18% abstained." (105%)
    ///
    /// ## Does not fire on
    /// "61% of men and 58% of women backed the plan." (different wholes)
    /// "Prices rose 60% in 2021 and 70% in 2022." (changes, not shares)
    /// "47% backed it and 54% opposed it" (101%: within rounding)
    pub(crate) struct SharesExceedTotal => "consistency/shares-exceed-total", Severity::Error
}

/// Words besides [`CHANGE_WORDS`] that make a sentence's percentages
/// changes or rates, not shares.
const NOT_SHARES: &[&str] = &[
    "gain",
    "jumped",
    "dropped",
    "declined",
    "cut",
    "higher",
    "lower",
    "inflation",
    "rate",
    "rates",
    "interest",
    "margin",
    "yield",
    "respectively",
    "versus",
    "while",
    "whereas",
    "points",
    "probability",
    "chance",
    "likely",
    "return",
    "returns",
];

/// A percentage followed by "of <something>" names its own whole.
fn names_own_whole(text: &str, claim: &Claim, next_start: usize) -> bool {
    let after = between(text, claim.span.end, next_start.min(claim.span.end + 30));
    let after = after.trim_start();
    after.starts_with("of ") && !after.starts_with("of them") && !after.starts_with("of those")
}

impl Rule for SharesExceedTotal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        let text = cx.doc.text();
        let mut start = 0;
        while start < cx.claims.len() {
            let sentence = cx.claims[start].sentence;
            let end = start
                + cx.claims[start..]
                    .iter()
                    .take_while(|c| c.sentence == sentence)
                    .count();
            let in_sentence = &cx.claims[start..end];
            start = end;
            let shares: Vec<&Claim> = in_sentence
                .iter()
                .filter(|c| {
                    c.kind == ClaimKind::Percent
                        && c.number().is_some_and(|n| n.unit.as_deref() == Some("%"))
                })
                .collect();
            if shares.len() < 2 {
                continue;
            }
            let sentence_text = text[cx.doc.sentences[sentence].span.clone()].to_lowercase();
            let is_breakdown = !sentence_text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CHANGE_WORDS.contains(&w) || NOT_SHARES.contains(&w));
            let separate_wholes = shares.iter().enumerate().any(|(i, share)| {
                let next = shares
                    .get(i + 1)
                    .map_or(share.span.end + 30, |n| n.span.start);
                names_own_whole(text, share, next)
            });
            // A breakdown names its whole before the shares: "Of the members,
            // 48% voted yes...", "of those asked, 47%...".
            let opening = between(
                text,
                cx.doc.sentences[sentence].span.start,
                shares[0].span.start,
            );
            let names_whole = [" of the ", " of those ", " of all ", " among "]
                .iter()
                .any(|cue| format!(" {opening}").contains(cue))
                || opening.trim_start().starts_with("of ");
            // Three or more shares, or a ballot or survey, make a breakdown
            // too: "48% voted for, 39% against and 18% abstained".
            let poll = ["ballot", "poll", "survey", "referendum", "vote"]
                .iter()
                .any(|w| sentence_text.contains(w));
            let breakdown_shape = names_whole || shares.len() >= 3 || poll;
            if !is_breakdown || separate_wholes || !breakdown_shape {
                continue;
            }
            let intervals: Option<Vec<_>> =
                shares.iter().map(|s| interval(s, approximate)).collect();
            let Some(intervals) = intervals else { continue };
            let lowest_sum: f64 = intervals.iter().map(|i| i.low).sum();
            if lowest_sum > 100.0 {
                let stated: Vec<String> = shares
                    .iter()
                    .filter_map(|s| s.number())
                    .map(|n| format!("{}%", show(n.number)))
                    .collect();
                let total: f64 = shares
                    .iter()
                    .filter_map(|s| s.number())
                    .map(|n| n.number)
                    .sum();
                findings.push(Self::META.finding(
                    format!(
                        "shares of one whole add up to {}% ({}), more than 100%",
                        show(total),
                        stated.join(" + ")
                    ),
                    shares[0].span,
                    shares[1..].iter().map(|s| s.span).collect(),
                    shares.iter().map(|s| s.id.clone()).collect(),
                ));
            }
        }
    }
}
