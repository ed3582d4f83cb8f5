//! consistency/date-arithmetic: "N years ago", "since YEAR", ages and
//! anniversaries that the article's own years contradict.

use crate::extract::{Claim, ClaimKind};
use crate::rules::figures::between;
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// Date arithmetic the article gets wrong against its own years or its
    /// publication date: an age against a stated birth year; "N years ago"
    /// against the year it names; "since YEAR" against a stated number of
    /// years; an Nth anniversary against the year of the event.
    ///
    /// ## Why it matters
    /// These figures are usually carried over from an older story and not
    /// updated; each one is checkable from the page alone.
    ///
    /// ## Fires on
    /// "Anna Berg, 39, was born in 1981." (published 20 May 2024: she is 42 or 43)
    /// "The mill closed 17 years ago, in 1998." (published 2017: that is 2000)
    ///
    /// ## Does not fire on
    /// "Anna Berg, 42, was born in 1981." Without a publication date (no
    /// dateline, no --as-of) only what the article states explicitly is checked.
    pub(crate) struct DateArithmetic => "consistency/date-arithmetic", Severity::Error
}

/// The whole number of years in a TIMEX3 duration ("P17Y" → 17).
fn years_of(timex: &str) -> Option<i32> {
    timex.strip_prefix('P')?.strip_suffix('Y')?.parse().ok()
}

/// The stated year of a date claim that is a plain year or a full date.
fn stated_year(claim: &Claim) -> Option<i32> {
    let value = claim.temporal()?;
    (claim.kind == ClaimKind::Date && !value.year_inferred && value.end.is_none())
        .then_some(value.year?)
}

fn finding(claim: &Claim, other: &Claim, message: String) -> Finding {
    DateArithmetic::META.finding(
        message,
        claim.span,
        vec![other.span],
        vec![claim.id.clone(), other.id.clone()],
    )
}

impl Rule for DateArithmetic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let Some(published) = cx.doc.published else {
            return;
        };
        let text = cx.doc.text();
        let now = i32::from(published.year());
        let on = crate::extract::describe_date(published);
        // The years the article gives as birth years ("born in 1981"),
        // found once so that each age is compared with a short list.
        let births: Vec<&Claim> = cx
            .claims
            .iter()
            .filter(|c| {
                stated_year(c).is_some()
                    && between(text, c.span.start.saturating_sub(12), c.span.start).contains("born")
            })
            .collect();
        for claim in cx.claims {
            let Some(value) = claim.temporal() else {
                continue;
            };
            let same_sentence = || cx.in_sentence(claim.sentence).iter();
            match claim.kind {
                // An age against "born in YEAR" about the same person.
                ClaimKind::Duration if value.subject.is_some() => {
                    let Some(age) = years_of(&value.timex) else {
                        continue;
                    };
                    let person = value.subject.as_deref().unwrap_or("");
                    let surname = person.rsplit(' ').next().unwrap_or(person);
                    let born = births.iter().find(|c| {
                        let sentence = &text[cx.doc.sentences[c.sentence].span.clone()];
                        c.sentence == claim.sentence || sentence.contains(surname)
                    });
                    let Some(born) = born.copied() else { continue };
                    let Some(birth_year) = stated_year(born) else {
                        continue;
                    };
                    let possible = [now - birth_year - 1, now - birth_year];
                    if !possible.contains(&age) {
                        findings.push(finding(
                            claim,
                            born,
                            format!(
                                "born in {birth_year}, so {} or {} on {on}, not {age}",
                                possible[0], possible[1]
                            ),
                        ));
                    }
                }
                // "17 years ago, in 1998"
                ClaimKind::RelativeDate => {
                    let Some(offset) = value.offset.as_deref() else {
                        continue;
                    };
                    let Some(years) = offset.strip_prefix('-').and_then(years_of) else {
                        continue;
                    };
                    let Some(named) = same_sentence().find(|c| {
                        let gap = between(text, claim.span.end, c.span.start);
                        stated_year(c).is_some()
                            && matches!(gap.trim(), ", in" | "in" | "(" | ", in the year")
                    }) else {
                        continue;
                    };
                    let Some(year) = stated_year(named) else {
                        continue;
                    };
                    if (now - years - year).abs() > 1 {
                        findings.push(finding(
                            claim,
                            named,
                            format!("{years} years before {now} is {}, not {year}", now - years),
                        ));
                    }
                }
                // "since 2009 ... for 12 years"
                ClaimKind::Date
                    if between(text, claim.span.start.saturating_sub(6), claim.span.start)
                        .trim_end()
                        .ends_with("since") =>
                {
                    let Some(since) = stated_year(claim) else {
                        continue;
                    };
                    let Some(duration) = same_sentence().find(|c| {
                        c.kind == ClaimKind::Duration
                            && c.temporal().is_some_and(|t| {
                                t.subject.is_none() && years_of(&t.timex).is_some()
                            })
                    }) else {
                        continue;
                    };
                    let Some(years) = duration.temporal().and_then(|t| years_of(&t.timex)) else {
                        continue;
                    };
                    let possible = [now - since - 1, now - since];
                    if !possible.contains(&years) && (years - possible[1]).abs() > 1 {
                        findings.push(finding(
                            duration,
                            claim,
                            format!(
                                "since {since} is {} or {} years by {on}, not {years}",
                                possible[0], possible[1]
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        // "the 25th anniversary of the 1990 treaty"
        for ordinal in cx.claims.iter().filter(|c| c.kind == ClaimKind::Ordinal) {
            let Some(n) = ordinal.number() else { continue };
            if !n
                .subject
                .as_deref()
                .is_some_and(|s| s.contains("anniversary"))
            {
                continue;
            }
            let years: Vec<&Claim> = cx
                .in_sentence(ordinal.sentence)
                .iter()
                .filter(|c| stated_year(c).is_some())
                .collect();
            let [event] = years.as_slice() else { continue };
            let Some(event_year) = stated_year(event) else {
                continue;
            };
            let nth = n.number.round() as i32;
            if (now - event_year - nth).abs() > 1 {
                findings.push(finding(
                    ordinal,
                    event,
                    format!(
                        "the {} anniversary of {event_year} falls in {}, not {now}",
                        crate::extract::ordinal_words(nth),
                        event_year + nth
                    ),
                ));
            }
        }
    }
}
