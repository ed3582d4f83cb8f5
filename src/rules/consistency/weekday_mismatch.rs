//! consistency/weekday-mismatch: a stated weekday that its date does not fall on.

use jiff::civil::Date;

use crate::calendar::{month_name, weekday_name};
use crate::extract::ClaimKind;
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A date given with a weekday that the date does not fall on.
    ///
    /// ## Why it matters
    /// One of the two is wrong, and a reader cannot tell which; the slip often
    /// comes from copy reused from another year.
    ///
    /// ## Fires on
    /// "The vote took place on Monday, 31 March 2015." (31 March 2015 was a Tuesday)
    ///
    /// ## Does not fire on
    /// "The vote took place on Tuesday, 31 March 2015." A date with no year
    /// and no publication date to take one from is not checked.
    pub(crate) struct WeekdayMismatch => "consistency/weekday-mismatch", Severity::Error
}

impl Rule for WeekdayMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for claim in cx.claims.iter().filter(|c| c.kind == ClaimKind::Date) {
            let Some(value) = claim.temporal() else {
                continue;
            };
            let (Some(stated), Some(year), Some(month), Some(day)) =
                (&value.weekday, value.year, value.month, value.day)
            else {
                continue;
            };
            let Ok(date) = Date::new(year as i16, month, day) else {
                continue;
            };
            let actual = weekday_name(date.weekday());
            if !actual.eq_ignore_ascii_case(stated) {
                let tense = match cx.doc.published {
                    Some(published) if date > published => "is",
                    _ => "was",
                };
                let inferred = if value.year_inferred {
                    " (year taken from the publication date)"
                } else {
                    ""
                };
                findings.push(Self::META.finding(
                    format!(
                        "{day} {} {year} {tense} a {actual}, not a {stated}{inferred}",
                        month_name(month)
                    ),
                    claim.span,
                    Vec::new(),
                    vec![claim.id.clone()],
                ));
            }
        }
    }
}
