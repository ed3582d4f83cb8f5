//! consistency/fraction-mismatch: "N (X%) of M" where N/M is not X%.

use crate::extract::{Claim, ClaimKind};
use crate::rules::figures::{between, interval, same_measure, show};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A part given both as a number and as a percentage of a whole, where
    /// the number divided by the whole is not the percentage within the
    /// precision stated: "N (X%) of M", "N of M, or X%", "X% of M, or N".
    ///
    /// ## Why it matters
    /// The arithmetic is on the page, and a reader who does it finds the
    /// error; usually one of the three figures was updated and the others not.
    ///
    /// ## Fires on
    /// "24 (57%) of the 32 clubs voted yes." (24 of 32 is 75%)
    ///
    /// ## Does not fire on
    /// "24 (75%) of the 32 clubs voted yes." "About a third of the 100 seats,
    /// or 31, went to the party." (rounding and qualifiers count)
    pub(crate) struct FractionMismatch => "consistency/fraction-mismatch", Severity::Error
}

/// The part, the whole and the percentage of one "N (X%) of M" statement.
struct Triple<'a> {
    part: &'a Claim,
    whole: &'a Claim,
    percent: &'a Claim,
}

fn is_percent(claim: &Claim) -> bool {
    claim.kind == ClaimKind::Percent
        && claim
            .number()
            .is_some_and(|n| n.unit.as_deref() != Some("pp"))
}

/// Punctuation and "or" only: the two claims restate one another.
fn restates(gap: &str) -> bool {
    let words = gap.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '(' | ')' | '—' | '–' | '-')
    });
    words.is_empty() || words == "or" || words == "or about" || words == "that is"
}

/// ") of", ") of the": the gap after the percentage of "N (X%) of M".
fn closes_before_of(closes: &str) -> bool {
    let of = closes.trim_start_matches([')', ' ']);
    closes.trim_start().starts_with(')')
        && matches!(of.trim_end(), "of" | "of the" | "of its" | "of their")
}

fn triples<'a>(cx: &RuleContext<'a>) -> Vec<Triple<'a>> {
    let text = cx.doc.text();
    let claims = cx.claims;
    let mut found = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        // "N (X%) of M" and "N of M, or X%": a linked partitive with a percentage beside it.
        if let Some(whole_id) = claim.number().and_then(|n| n.part_of.as_ref()) {
            let Some(whole) = cx.claim(whole_id) else {
                continue;
            };
            let neighbours = [claims.get(i + 1), claims.get(i + 2)];
            let percent = neighbours.into_iter().flatten().find(|p| {
                is_percent(p)
                    && p.sentence == claim.sentence
                    && (restates(&between(text, claim.span.end, p.span.start))
                        || restates(&between(text, whole.span.end, p.span.start)))
            });
            if let Some(percent) = percent {
                found.push(Triple {
                    part: claim,
                    whole,
                    percent,
                });
            }
            continue;
        }
        // "N (X%) of M" where the part is not linked as a partitive.
        if let (Some(percent), Some(whole)) = (claims.get(i + 1), claims.get(i + 2)) {
            // The cheap tests first: the gaps may be long when the claims
            // are far apart.
            if !is_percent(claim)
                && is_percent(percent)
                && whole.sentence == claim.sentence
                && same_measure(claim, whole)
                && between(text, claim.span.end, percent.span.start).trim() == "("
                && closes_before_of(&between(text, percent.span.end, whole.span.start))
            {
                found.push(Triple {
                    part: claim,
                    whole,
                    percent,
                });
                continue;
            }
        }
        // "X% of M, or N"
        if is_percent(claim) {
            let (Some(whole), Some(part)) = (claims.get(i + 1), claims.get(i + 2)) else {
                continue;
            };
            if whole.sentence == claim.sentence
                && part.sentence == claim.sentence
                && matches!(
                    between(text, claim.span.end, whole.span.start).trim(),
                    "of" | "of the" | "of its" | "of their"
                )
                && restates(&between(text, whole.span.end, part.span.start))
                && same_measure(part, whole)
            {
                found.push(Triple {
                    part,
                    whole,
                    percent: claim,
                });
            }
        }
    }
    found
}

impl Rule for FractionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        for Triple {
            part,
            whole,
            percent,
        } in triples(cx)
        {
            let (Some(p), Some(w), Some(x)) = (
                interval(part, approximate),
                interval(whole, approximate),
                interval(percent, approximate),
            ) else {
                continue;
            };
            let Some(share) = p.ratio(w) else { continue };
            let share = crate::rules::figures::Interval {
                low: share.low * 100.0,
                high: share.high * 100.0,
            };
            if share.overlaps(x) {
                continue;
            }
            let (Some(pn), Some(wn), Some(xn)) = (part.number(), whole.number(), percent.number())
            else {
                continue;
            };
            findings.push(Self::META.finding(
                format!(
                    "{} of {} is {}%, not {}%",
                    show(pn.number),
                    show(wn.number),
                    show(pn.number / wn.number * 100.0),
                    show(xn.number)
                ),
                percent.span,
                vec![part.span, whole.span],
                vec![part.id.clone(), whole.id.clone(), percent.id.clone()],
            ));
        }
    }
}
