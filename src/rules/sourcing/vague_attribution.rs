//! sourcing/vague-attribution: a statement attributed to nobody in particular.

use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A sentence whose only attribution is a vague cue from the pack: "it is
    /// reported that", "reportedly", "experts say", "sources said", "studies show".
    ///
    /// ## Why it matters
    /// A vague cue sounds sourced but cannot be checked; the desk needs the name
    /// behind it, or a decision to cut the claim.
    ///
    /// ## Fires on
    /// "It is reported that 40 people were hurt."
    ///
    /// ## Does not fire on
    /// "Forty people were hurt, the fire service said." A sentence that also
    /// names its source ("reportedly, the ministry said") is not flagged.
    pub(crate) struct VagueAttribution => "sourcing/vague-attribution", Severity::Warning
}

impl Rule for VagueAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for attribution in crate::extract::vague_attributions(cx.doc) {
            let claims = cx
                .claims
                .iter()
                .filter(|c| {
                    c.attribution
                        .as_ref()
                        .is_some_and(|a| a.span == attribution.span)
                })
                .map(|c| c.id.clone())
                .collect();
            findings.push(Finding {
                rule: Self::META.id.to_string(),
                severity: Self::META.default_severity,
                message: format!(
                    "\"{}\" names no source: say who",
                    attribution.cue.to_lowercase()
                ),
                span: attribution.span,
                related: Vec::new(),
                claims,
                suggestion: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings_of;

    const ID: &str = "sourcing/vague-attribution";

    #[test]
    fn fires_on_vague_cues() {
        assert_eq!(
            findings_of(
                ID,
                "Title\n\nIt is reported that 40 people were hurt.",
                None
            ),
            vec!["\"it is reported\" names no source: say who"]
        );
        assert_eq!(
            findings_of(ID, "Title\n\nThe plan will fail, experts say.", None),
            vec!["\"experts say\" names no source: say who"]
        );
    }

    #[test]
    fn silent_when_a_source_is_named() {
        for text in [
            "Title\n\nForty people were hurt, the fire service said.",
            "Title\n\nReportedly 40 were hurt, the ministry said.",
        ] {
            assert!(findings_of(ID, text, None).is_empty(), "{text}");
        }
    }
}
