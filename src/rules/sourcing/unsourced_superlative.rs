//! sourcing/unsourced-superlative: "record", "largest", "unprecedented" with
//! nobody quoted for it.

use regex::Regex;

use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A superlative from the pack's word list ("unprecedented", "record high",
    /// "largest", "first ever", "most advanced", "historic") in the body of the
    /// article with no attribution in its sentence or the sentence before or
    /// after it in the same paragraph.
    ///
    /// ## Why it matters
    /// A superlative is a claim about every other case, and the easiest kind to
    /// get wrong; someone has to have measured it.
    ///
    /// ## Fires on
    /// "The port handled a record number of containers."
    ///
    /// ## Does not fire on
    /// "The port handled a record number of containers, its operator said."
    /// A superlative in the headline is not checked.
    pub(crate) struct UnsourcedSuperlative => "sourcing/unsourced-superlative", Severity::Warning
}

impl Rule for UnsourcedSuperlative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let words = cx.config.words(Self::META.id, "words");
        if words.is_empty() {
            return;
        }
        let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let Ok(pattern) = Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|"))) else {
            return;
        };
        let doc = cx.doc;
        let text = doc.text();
        for found in pattern.find_iter(text) {
            let Some(sentence) = doc.sentence_at(found.start()) else {
                continue;
            };
            if doc.in_front_matter(found.start()) {
                continue;
            }
            let paragraph = doc.sentences[sentence].paragraph;
            let attributed = [Some(sentence), sentence.checked_sub(1), Some(sentence + 1)]
                .into_iter()
                .flatten()
                .filter(|&s| {
                    doc.sentences
                        .get(s)
                        .is_some_and(|s| s.paragraph == paragraph)
                })
                .any(|s| crate::extract::sentence_attribution_at(doc, s).is_some());
            if attributed {
                continue;
            }
            findings.push(Finding {
                rule: Self::META.id.to_string(),
                severity: Self::META.default_severity,
                message: format!(
                    "\"{}\" is a superlative with no source in its sentence or the ones beside it",
                    found.as_str().to_lowercase()
                ),
                span: doc.span(found.start(), found.end()),
                related: Vec::new(),
                claims: Vec::new(),
                suggestion: None,
            });
        }
    }
}
