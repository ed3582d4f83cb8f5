//! The two rule types a pack declares without Rust: phrase rules (a word
//! list or a regular expression over the text) and claim rules (a filter
//! over the claims with a message template).

use super::pack::AttributionFilter;
use super::{Finding, RuleContext};
use crate::extract::describe;
use crate::extract::{Claim, Value};

pub(super) fn run_phrase_rules(cx: &RuleContext, findings: &mut Vec<Finding>) {
    let text = cx.doc.text();
    for phrase in &cx.config.phrases {
        let rule = &phrase.rule;
        if !cx.config.runs(&rule.id, true) {
            continue;
        }
        let severity = cx.config.severity(&rule.id, rule.severity.into());
        for found in phrase.regex.find_iter(text) {
            let message = rule.message.replace("{match}", found.as_str());
            let claims = cx
                .claims
                .iter()
                .filter(|c| c.span.start < found.end() && found.start() < c.span.end)
                .map(|c| c.id.clone())
                .collect();
            findings.push(Finding {
                rule: rule.id.clone(),
                severity,
                message,
                span: cx.doc.span(found.start(), found.end()),
                related: Vec::new(),
                claims,
                suggestion: rule.replacement.clone(),
            });
        }
    }
}

pub(super) fn run_claim_rules(cx: &RuleContext, findings: &mut Vec<Finding>) {
    for rule in &cx.config.claim_rules {
        if !cx.config.runs(&rule.id, true) {
            continue;
        }
        let severity = cx.config.severity(&rule.id, rule.severity.into());
        for claim in cx.claims.iter().filter(|c| selects(rule, c)) {
            let source = claim
                .attribution
                .as_ref()
                .map_or("no source", |a| a.source.as_str());
            let message = rule
                .message
                .replace("{text}", &claim.text)
                .replace("{value}", &describe(claim))
                .replace("{source}", source);
            findings.push(Finding {
                rule: rule.id.clone(),
                severity,
                message,
                span: claim.span,
                related: Vec::new(),
                claims: vec![claim.id.clone()],
                suggestion: None,
            });
        }
    }
}

fn selects(rule: &super::pack::ClaimRule, claim: &Claim) -> bool {
    if !rule.kinds.is_empty() && !rule.kinds.contains(&claim.kind) {
        return false;
    }
    let number = match &claim.value {
        Value::Number(n) => Some(n),
        Value::Temporal(_) => None,
    };
    let value = number.map(|n| n.number);
    if rule.min.is_some_and(|min| value.is_none_or(|v| v < min))
        || rule.max.is_some_and(|max| value.is_none_or(|v| v > max))
    {
        return false;
    }
    let unit = number.and_then(|n| n.unit.as_deref());
    if !rule.units.is_empty() && !unit.is_some_and(|u| rule.units.iter().any(|r| r == u)) {
        return false;
    }
    if !rule.subject_words.is_empty() {
        let subject = number
            .and_then(|n| n.subject.as_deref())
            .unwrap_or("")
            .to_lowercase();
        let mentions = rule.subject_words.iter().any(|word| {
            subject
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word.to_lowercase())
        });
        if !mentions {
            return false;
        }
    }
    match rule.attribution {
        None => true,
        Some(AttributionFilter::Present) => claim.attribution.as_ref().is_some_and(|a| !a.vague),
        Some(AttributionFilter::Absent) => claim.attribution.is_none(),
        Some(AttributionFilter::Vague) => claim.attribution.as_ref().is_some_and(|a| a.vague),
    }
}
