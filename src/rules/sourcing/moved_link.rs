//! sourcing/moved-link: a cited link that now ends on another site (with `--check-links`).

use crate::lookup::LinkOutcome;
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A link the article cites that redirects to a different site when
    /// checked with `--check-links` (http to https, or example.org to
    /// www.example.org, is the same site). Without `--check-links` it finds
    /// nothing.
    ///
    /// ## Why it matters
    /// A page that moved to another site may no longer say what the article
    /// cites it for: a domain that lapsed and was bought, a report folded into
    /// a new agency's site. Someone should look at where it lands.
    ///
    /// ## Fires on
    /// "The report is at https://old-agency.example/report." when that
    /// address redirects to https://new-agency.example/archive.
    ///
    /// ## Does not fire on
    /// A link that answers where it is, or redirects within its own site.
    pub(crate) struct MovedLink => "sourcing/moved-link", Severity::Info
}

impl Rule for MovedLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for link in &cx.online.links {
            if let LinkOutcome::Moved { to, .. } = &link.outcome {
                findings.push(Self::META.finding(
                    format!(
                        "cited link now leads to another site: {to}; check it still says what the article cites it for (archived copies: {})",
                        link.archive
                    ),
                    link.span,
                    Vec::new(),
                    Vec::new(),
                ));
            }
        }
    }
}
