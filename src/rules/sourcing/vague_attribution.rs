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
        let vague = cx.attributions.iter().enumerate().filter_map(|(s, a)| {
            let a = a.as_ref().filter(|a| a.vague)?;
            (!cx.doc.in_front_matter(cx.doc.sentences[s].span.start)).then_some((s, a))
        });
        for (sentence, attribution) in vague {
            // Claims carry an attribution from their own sentence or the one
            // before or after it.
            let claims = (sentence.saturating_sub(1)..=sentence + 1)
                .flat_map(|s| cx.in_sentence(s))
                .filter(|c| {
                    c.attribution
                        .as_ref()
                        .is_some_and(|a| a.span == attribution.span)
                })
                .map(|c| c.id.clone())
                .collect();
            findings.push(Self::META.finding(
                format!(
                    "\"{}\" names no source: say who",
                    attribution.cue.to_lowercase()
                ),
                attribution.span,
                Vec::new(),
                claims,
            ));
        }
    }
}
