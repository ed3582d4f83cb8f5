//! sourcing/unsourced-figure: a statistic nobody is quoted for.

use crate::extract::{Claim, ClaimKind};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A money, percentage or quantity figure, or a count of something, in the
    /// body of the article with no attribution in its sentence or in the
    /// sentence before or after it in the same paragraph.
    ///
    /// ## Why it matters
    /// A checker needs to know where a statistic comes from before checking
    /// it, and a reader deserves to know too.
    ///
    /// ## Fires on
    /// "Unemployment fell to 4.2% in March."
    ///
    /// ## Does not fire on
    /// "Unemployment fell to 4.2% in March, the statistics office said." A
    /// figure in the headline or dateline is not checked, nor a bare number
    /// that counts nothing named.
    pub(crate) struct UnsourcedFigure => "sourcing/unsourced-figure", Severity::Warning
}

fn is_statistic(claim: &Claim) -> bool {
    match claim.kind {
        ClaimKind::Money | ClaimKind::Percent | ClaimKind::Quantity => true,
        ClaimKind::Count => claim
            .number()
            .is_some_and(|n| n.subject.is_some() || n.part_of.is_some()),
        _ => false,
    }
}

impl Rule for UnsourcedFigure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for claim in cx.claims {
            if claim.attribution.is_some()
                || !is_statistic(claim)
                || cx.doc.in_front_matter(claim.span.start)
            {
                continue;
            }
            findings.push(Self::META.finding(
                format!(
                    "\"{}\" has no source in its sentence or the ones beside it",
                    claim.text
                ),
                claim.span,
                Vec::new(),
                vec![claim.id.clone()],
            ));
        }
    }
}
