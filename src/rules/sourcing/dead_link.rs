//! sourcing/dead-link: a cited link that does not answer (with `--check-links`).

use crate::lookup::LinkOutcome;
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A link the article cites that does not answer when checked with
    /// `--check-links`: an HTTP error (4xx, 5xx), a host that does not exist,
    /// a refused connection, a timeout, a redirect loop. Without
    /// `--check-links` it finds nothing.
    ///
    /// ## Why it matters
    /// A reader who follows a dead link cannot see the source a figure rests
    /// on. The finding gives the web archive's list of copies, which often
    /// holds the page as it was cited.
    ///
    /// ## Fires on
    /// "The figures are at https://stats.example/2019/report." when that page
    /// answers 404 Not Found.
    ///
    /// ## Does not fire on
    /// The same sentence when the page answers 200, or redirects within its
    /// own site; a link on a private address that was not checked.
    pub(crate) struct DeadLink => "sourcing/dead-link", Severity::Warning
}

impl Rule for DeadLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for link in &cx.online.links {
            if let LinkOutcome::Dead { reason } = &link.outcome {
                findings.push(Self::META.finding(
                    format!(
                        "cited link does not answer ({reason}): {}; archived copies: {}",
                        link.url, link.archive
                    ),
                    link.span,
                    Vec::new(),
                    Vec::new(),
                ));
            }
        }
    }
}
