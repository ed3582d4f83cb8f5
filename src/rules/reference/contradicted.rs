//! reference/contradicted: a figure Wikidata contradicts (with `--lookup`).

use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A figure that Wikidata contradicts at the publication date, when looked
    /// up with `--lookup`: a named person's age, birth or death year, a named
    /// place's population, an organisation's founding year. Only unambiguous
    /// pairings are looked up ("Anna Berg, 42,", "Lyon has a population of
    /// 1.2 million", "Acme, founded in 1998,"), and only a name that matches
    /// exactly one Wikidata item. Without `--lookup` it finds nothing.
    ///
    /// ## Why it matters
    /// An age, a population or a founding year is easy to get wrong and easy
    /// to check; reference data catches the slip before a reader does. The
    /// finding gives Wikidata's value, its date and the item, so the desk can
    /// judge which is right.
    ///
    /// ## Fires on
    /// "Lyon has a population of 1.2 million." when Wikidata gives Lyon a
    /// population of 522,250 in 2021.
    ///
    /// ## Does not fire on
    /// "Lyon has a population of about 520,000." (it agrees within the
    /// rounding, and the claim is marked confirmed); a name that matches
    /// several items; a figure within 10% of Wikidata's, which may be a
    /// different count (city or metropolitan area) rather than an error.
    pub(crate) struct Contradicted => "reference/contradicted", Severity::Warning
}

impl Rule for Contradicted {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        for check in cx.online.references.iter().filter(|c| !c.agrees) {
            findings.push(Self::META.finding(
                format!(
                    "wikidata gives {} {}, not {} ({})",
                    check.subject, check.reference, check.stated, check.item
                ),
                check.span,
                Vec::new(),
                vec![check.claim.clone()],
            ));
        }
    }
}
