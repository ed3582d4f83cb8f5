//! consistency/timeline: dates in an impossible order.

use jiff::civil::Date;

use crate::extract::{describe_date, Claim, ClaimKind, Tense};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A range that ends before it starts ("2017–2014"); an event told in the
    /// past tense but dated after the publication date; an event told in the
    /// future tense but dated before it.
    ///
    /// ## Why it matters
    /// A wrong year is the commonest date error in copy, and tense exposes it:
    /// "the plant closed in 2019" in a 2017 story cannot be right.
    ///
    /// ## Fires on
    /// "The plant closed in March 2019." (published 5 November 2017)
    /// "The works will finish in 2016." (published 5 November 2017)
    ///
    /// ## Does not fire on
    /// "The plant will close in March 2019." A month or day with no year is
    /// read as its last occurrence before publication in the past tense and
    /// its next one in the future tense, so it never fires; without a
    /// publication date only ranges are checked.
    pub(crate) struct Timeline => "consistency/timeline", Severity::Error
}

/// The first and last day a TIMEX3 date value can mean ("2017" → 1 Jan to
/// 31 Dec 2017, "2017-11" → 1 to 30 Nov 2017).
fn bounds(timex: &str) -> Option<(Date, Date)> {
    let mut parts = timex.split('-');
    let year: i16 = parts.next()?.parse().ok()?;
    if !(1000..=2200).contains(&year) {
        return None;
    }
    let month: Option<i8> = match parts.next() {
        None => None,
        Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
    };
    let day: Option<i8> = match parts.next() {
        None => None,
        Some(d) => Some(d.parse().ok()?),
    };
    match (month, day) {
        (None, _) => Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?)),
        (Some(m), None) => {
            let first = Date::new(year, m, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        (Some(m), Some(d)) => {
            let date = Date::new(year, m, d).ok()?;
            Some((date, date))
        }
    }
}

fn finding(claim: &Claim, message: String) -> Finding {
    Timeline::META.finding(message, claim.span, Vec::new(), vec![claim.id.clone()])
}

impl Rule for Timeline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for claim in cx.claims.iter().filter(|c| c.kind == ClaimKind::Date) {
            let Some(value) = claim.temporal() else {
                continue;
            };
            let Some((start, start_last)) = bounds(&value.timex) else {
                continue;
            };
            if let Some((_, end_last)) = value.end.as_deref().and_then(bounds) {
                if end_last < start {
                    findings.push(finding(
                        claim,
                        format!("the range \"{}\" ends before it starts", claim.text),
                    ));
                }
                continue;
            }
            let (Some(published), Some(tense), false) =
                (cx.doc.published, value.tense, value.year_inferred)
            else {
                continue;
            };
            // "the 1969 landing": a year that names an event rather than
            // dating the sentence's verb.
            let before = crate::rules::figures::between(
                cx.doc.text(),
                claim.span.start.saturating_sub(8),
                claim.span.start,
            );
            let determiner = before.split_whitespace().next_back().is_some_and(|w| {
                matches!(
                    w,
                    "the" | "its" | "their" | "his" | "her" | "our" | "a" | "an"
                ) || w.ends_with("'s")
                    || w.ends_with("’s")
            });
            if value.timex.len() == 4 && determiner && before.ends_with(' ') {
                continue;
            }
            let on = describe_date(published);
            match tense {
                Tense::Past if start > published => findings.push(finding(
                    claim,
                    format!(
                        "\"{}\" is after the publication date ({on}) but told in the past tense",
                        claim.text
                    ),
                )),
                Tense::Future if start_last < published => findings.push(finding(
                    claim,
                    format!(
                        "\"{}\" is before the publication date ({on}) but told in the future tense",
                        claim.text
                    ),
                )),
                _ => {}
            }
        }
    }
}
