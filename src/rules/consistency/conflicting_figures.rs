//! consistency/conflicting-figures: one figure given two values.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::extract::{Claim, ClaimKind};
use crate::rules::figures::{between, has_cue, interval, lower_case, show, Edge, CHANGE_WORDS};
use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// The same measure of the same thing given two values that cannot both
    /// be right: the same counted noun, unit and time frame, with values
    /// whose intervals do not meet. Also an ordinal that counts ("the 22nd
    /// meeting, including this week's") against a count of the same thing
    /// ("21 meetings so far").
    ///
    /// ## Why it matters
    /// Two versions of one figure in one story usually mean one was updated
    /// and the other was not.
    ///
    /// ## Fires on
    /// "The city has 70 polling stations. ... Voters can use any of the
    /// city's 75 polling stations."
    ///
    /// ## Does not fire on
    /// Figures for different years, places or groups ("70 stations in 2015 and
    /// 75 in 2019"), figures in a sentence about a change ("rose from 70 to
    /// 75 stations"), or values the qualifiers reconcile ("more than 70").
    pub(crate) struct ConflictingFigures => "consistency/conflicting-figures", Severity::Error
}

/// Words besides [`CHANGE_WORDS`] that mark a sentence as comparing
/// figures, where two values of one measure are expected.
const COMPARING: &[&str] = &[
    "from",
    "previous",
    "previously",
    "earlier",
    "last",
    "ago",
    "was",
    "were",
    "had",
    "then",
    "before",
    "after",
    "since",
    "until",
    "now",
    "per",
    "every",
    "average",
    "target",
    "goal",
    "plan",
    "planned",
    "expected",
    "forecast",
    "could",
    "would",
    "might",
    "may",
    "if",
    "instead",
    "originally",
    "initially",
    "another",
    "other",
    "additional",
    "more",
    "extra",
    "new",
    "further",
];

const CUMULATIVE: &[&str] = &[
    "so far",
    "to date",
    "in all",
    "in total",
    "until now",
    "altogether",
];

/// A noun phrase reduced for comparison: lower case, no leading article,
/// last word without a plural "s". Joined into one string as the words
/// come, with no list of them in between.
fn normalise(subject: &str) -> String {
    let lower = lower_case(subject);
    let words = lower
        .split_whitespace()
        .skip_while(|w| matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her"));
    let mut joined = String::with_capacity(lower.len());
    for word in words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    if joined.ends_with('s') && !joined.ends_with("ss") {
        joined.pop();
    }
    joined
}

/// [`CHANGE_WORDS`] and [`COMPARING`] in one set, made once: every word
/// of a sentence is looked up in both.
fn comparing_words() -> &'static FxHashSet<&'static [u8]> {
    static WORDS: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    WORDS.get_or_init(|| {
        CHANGE_WORDS
            .iter()
            .chain(COMPARING)
            .map(|w| w.as_bytes())
            .collect()
    })
}

/// No word of [`comparing_words`] is longer.
const LONGEST_COMPARING: usize = 16;

/// Whether a claim's sentence holds a word of change or comparison.
fn compares(cx: &RuleContext, claim: &Claim) -> bool {
    let span = cx.doc.sentences[claim.sentence].span.clone();
    let words = comparing_words();
    cx.doc.text()[span]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            if !w.is_ascii() {
                return words.contains(lower_case(w).as_bytes());
            }
            // An ASCII word is lowered on the stack; lowering keeps its
            // length, so a longer one is in no list.
            let mut buffer = [0u8; LONGEST_COMPARING];
            let Some(lowered) = buffer.get_mut(..w.len()) else {
                return false;
            };
            lowered.copy_from_slice(w.as_bytes());
            lowered.make_ascii_lowercase();
            words.contains(&*lowered)
        })
}

/// The years a claim's sentence names: its time frame.
fn time_frame(cx: &RuleContext, claim: &Claim) -> BTreeSet<i32> {
    cx.in_sentence(claim.sentence)
        .iter()
        .filter(|c| c.kind.is_temporal())
        .filter_map(|c| c.temporal().and_then(|t| t.year))
        .collect()
}

/// What a figure measures: its kind, unit and normalised subject.
type Measure = (ClaimKind, Option<String>, String);

/// The measure a claim states, for grouping.
fn measure(claim: &Claim) -> Option<Measure> {
    let value = claim.number()?;
    if value.part_of.is_some()
        || !matches!(
            claim.kind,
            ClaimKind::Count | ClaimKind::Money | ClaimKind::Quantity
        )
    {
        return None;
    }
    let subject = value.subject.as_deref()?;
    // Normalising only drops words, so a subject of one word stays one:
    // most are, and they need no normalising to be turned away.
    subject.split_whitespace().nth(1)?;
    let subject = normalise(subject);
    // A bare noun ("players", "jobs", "cases") names too many different
    // groups in one story; two words ("polling stations") name one.
    (subject.split_whitespace().count() >= 2).then_some((claim.kind, value.unit.clone(), subject))
}

fn finding(claim: &Claim, earlier: &Claim, message: String) -> Finding {
    ConflictingFigures::META.finding(
        message,
        claim.span,
        vec![earlier.span],
        vec![earlier.id.clone(), claim.id.clone()],
    )
}

impl Rule for ConflictingFigures {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let approximate = cx.approximate(Self::META.id);
        // Whether each sentence compares figures, found once per sentence.
        let mut compared: Vec<Option<bool>> = vec![None; cx.doc.sentences.len()];
        let mut usable = |c: &Claim| {
            let known = &mut compared[c.sentence];
            !*known.get_or_insert_with(|| compares(cx, c))
        };
        // The first mention of each measure in each time frame is the one
        // every later mention is held to, so the rule stays linear.
        let mut first_mention: HashMap<(Measure, BTreeSet<i32>), &Claim> = HashMap::new();
        for claim in cx.claims {
            let Some(key) = measure(claim) else { continue };
            if !usable(claim) {
                continue;
            }
            let frame = time_frame(cx, claim);
            let Some(earlier) = first_mention.get(&(key.clone(), frame.clone())).copied() else {
                first_mention.insert((key, frame), claim);
                continue;
            };
            let disjoint = match (interval(earlier, approximate), interval(claim, approximate)) {
                (Some(a), Some(b)) => !a.overlaps(b),
                _ => false,
            };
            if earlier.sentence == claim.sentence || !disjoint {
                continue;
            }
            let (Some(a), Some(b)) = (earlier.number(), claim.number()) else {
                continue;
            };
            findings.push(finding(
                claim,
                earlier,
                format!(
                    "\"{}\" here, but \"{}\" at line {}: {} and {} cannot both be right",
                    claim.text,
                    earlier.text,
                    earlier.span.line,
                    show(b.number),
                    show(a.number)
                ),
            ));
        }
        // "the 22nd meeting, including this week's" against "21 meetings so far".
        let text = cx.doc.text();
        // Found on first use: few articles have an ordinal to hold them to.
        let mut cumulative: Option<Vec<&Claim>> = None;
        for ordinal in cx.claims.iter().filter(|c| c.kind == ClaimKind::Ordinal) {
            let Some(value) = ordinal.number() else {
                continue;
            };
            let Some(subject) = value.subject.as_deref() else {
                continue;
            };
            let after = between(text, ordinal.span.end, ordinal.span.end + 40);
            if !after
                .trim_start_matches([',', ' '])
                .starts_with("including")
            {
                continue;
            }
            // Normalised only for the few ordinals that count.
            let subject = normalise(subject);
            let cumulative_counts = cumulative.get_or_insert_with(|| {
                cx.claims
                    .iter()
                    .filter(|c| c.kind == ClaimKind::Count)
                    .filter(|c| has_cue(text, c.span.end, c.span.end + 20, Edge::Start, CUMULATIVE))
                    .collect()
            });
            for count in cumulative_counts.iter() {
                let Some(counted) = count.number() else {
                    continue;
                };
                if counted.subject.as_deref().map(normalise).as_deref() != Some(subject.as_str()) {
                    continue;
                }
                if (counted.number - value.number).abs() >= 0.5 {
                    findings.push(finding(
                        count,
                        ordinal,
                        format!(
                            "\"{}\" counts {} {subject}s, but \"{}\" says {}",
                            ordinal.text,
                            show(value.number),
                            count.text,
                            show(counted.number)
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reduction as it was first written: lower case, a list of words
    /// with the articles taken off its front, joined.
    fn normalise_by_list(subject: &str) -> String {
        let lower = subject.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        while words
            .first()
            .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her"))
        {
            words.remove(0);
        }
        let mut joined = words.join(" ");
        if joined.ends_with('s') && !joined.ends_with("ss") {
            joined.pop();
        }
        joined
    }

    proptest::proptest! {
        #[test]
        fn normalising_as_the_words_come_matches_the_list(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "the", "The", "a", "an", "its", "Their", "his", "her", "polling", "stations",
                "class", "ÉCOLES", "s", " ", "  ", "\t", "\n", "\u{a0}",
            ][..]), 0..10),
        ) {
            let subject = pieces.concat();
            proptest::prop_assert_eq!(normalise(&subject), normalise_by_list(&subject));
        }
    }

    #[test]
    fn no_comparing_word_is_longer_than_the_buffer() {
        for word in comparing_words() {
            let word = std::str::from_utf8(word).expect("listed words are text");
            assert!(word.len() <= LONGEST_COMPARING, "{word}");
            assert!(word.is_ascii() && word == word.to_lowercase(), "{word}");
        }
    }
}
