//! consistency/part-exceeds-whole: a part larger than the whole it is part of.

use crate::rules::figures::{interval, same_measure, show};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A partitive figure ("17 of which", "nine of the 12 teams") whose
    /// smallest possible value is larger than the largest possible value of
    /// the whole it is part of.
    ///
    /// ## Why it matters
    /// One of the two figures is wrong; readers notice, and it undermines every
    /// other figure in the piece.
    ///
    /// ## Fires on
    /// "Of the 70 projects, 80 of them are finished."
    ///
    /// ## Does not fire on
    /// "More than 70 projects were signed, 72 of which are finished." (more
    /// than 70 allows 72)
    pub(crate) struct PartExceedsWhole => "consistency/part-exceeds-whole", Severity::Error
}

impl Rule for PartExceedsWhole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        for part in cx.claims {
            let Some(whole_id) = part.number().and_then(|n| n.part_of.as_ref()) else {
                continue;
            };
            let Some(whole) = cx.claim(whole_id) else {
                continue;
            };
            if !same_measure(part, whole) {
                continue;
            }
            let (Some(p), Some(w)) = (interval(part, approximate), interval(whole, approximate))
            else {
                continue;
            };
            let (Some(pn), Some(wn)) = (part.number(), whole.number()) else {
                continue;
            };
            if p.low > w.high {
                findings.push(Self::META.finding(
                    format!(
                        "\"{}\" cannot be part of \"{}\": {} is more than {}",
                        part.text,
                        whole.text,
                        show(pn.low.unwrap_or(pn.number)),
                        show(wn.high.unwrap_or(wn.number))
                    ),
                    part.span,
                    vec![whole.span],
                    vec![part.id.clone(), whole.id.clone()],
                ));
            }
        }
    }
}
