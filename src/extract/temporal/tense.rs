//! Tense around a mention: decides whether a year-less date or a bare
//! weekday points back from the publication date ("on Saturday, police
//! said") or forward ("the vote will be held on Saturday").
//!
//! The nearest tense cue wins, so in "said on Friday it would meet on
//! Monday" Friday is past and Monday future. News mostly reports what has
//! happened, so a mention with no cue nearby is read as past.

use super::words::lexicon;

pub(super) use crate::extract::Tense;

/// Words that can follow a verb but not stand as the noun an adjective
/// qualifies.
const FUNCTION_WORDS: [&str; 48] = [
    "a",
    "an",
    "the",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "this",
    "that",
    "these",
    "those",
    "some",
    "all",
    "no",
    "on",
    "in",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "into",
    "over",
    "after",
    "before",
    "since",
    "until",
    "during",
    "about",
    "against",
    "up",
    "down",
    "out",
    "off",
    "it",
    "him",
    "them",
    "us",
    "me",
    "and",
    "but",
    "or",
    "yesterday",
    "again",
    "last",
];

/// Verbs that report a statement; after a mention they do not give its tense.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "announced",
    "stated",
    "reported",
    "claimed",
    "explained",
    "wrote",
    "insisted",
    "confirmed",
    "warned",
    "argued",
];

/// How many words either side of the mention are looked at.
const WINDOW: usize = 8;

/// The tense for a mention with `before` the sentence text before it and
/// `after` the sentence text after it.
pub(super) fn tense_of(before: &str, after: &str) -> Tense {
    cue_near(before, after).unwrap_or(Tense::Past)
}

/// The tense of the nearest cue around a mention, if any cue is in reach.
pub(super) fn cue_near(before: &str, after: &str) -> Option<Tense> {
    let mut before_words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .rev()
        .take(WINDOW + 1)
        .collect();
    before_words.reverse();
    let after_words: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(WINDOW)
        .collect();
    // Distance from the mention: 1 for the adjacent word on either side.
    let mut best: Option<(usize, Tense)> = None;
    for (index, _) in before_words.iter().enumerate() {
        let distance = before_words.len() - index;
        if let Some(tense) = cue_at(&before_words, index) {
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        }
    }
    for (index, word) in after_words.iter().enumerate() {
        let distance = index + 1;
        // "…will meet in June 2018, the secretariat said": a reporting verb
        // after the mention dates the report, not the event.
        if REPORTING_VERBS.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        if let Some(tense) = cue_at(&after_words, index) {
            // A tie goes to the word before the mention.
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        }
    }
    match best {
        // "will answer questions, sent to ..., on Friday": a participle
        // after a comma describes a noun; the modal still sets the tense.
        Some((_, Tense::Past)) if modal_governs(before, true) => Some(Tense::Future),
        // No cue in reach: a modal earlier in the sentence still governs.
        None if modal_governs(before, false) => Some(Tense::Future),
        other => other.map(|(_, tense)| tense),
    }
}

/// True when the sentence before a mention has "will" or "shall" and no
/// finite past verb after it; with `after_comma`, only when a comma shows
/// that a past form in between belongs to an inserted phrase.
fn modal_governs(before: &str, after_comma: bool) -> bool {
    let lower = before.to_lowercase();
    let Some(modal) = ["will ", "shall "]
        .iter()
        .filter_map(|m| lower.rfind(m))
        .max()
    else {
        return false;
    };
    let after_modal = &lower[modal..];
    let finite_past = ["was", "were", "had", "did", "said", "told"];
    (!after_comma || after_modal.contains(','))
        && !after_modal
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| finite_past.contains(&w))
}

/// The tense cue the word at `index` gives, reading it with the word before
/// it for two-word cues ("going to", "is to").
fn cue_at(words: &[&str], index: usize) -> Option<Tense> {
    let word = words[index].to_lowercase().replace('’', "'");
    let lexicon = lexicon();
    let previous = index
        .checked_sub(1)
        .map(|i| words[i].to_lowercase().replace('’', "'"));
    if let Some(previous) = &previous {
        let pair = format!("{previous} {word}");
        if lexicon.tense.future.contains(&pair) {
            return Some(Tense::Future);
        }
    }
    if word.ends_with("'ll") || lexicon.tense.future.contains(&word) {
        return Some(Tense::Future);
    }
    // "will be held", "to be announced", "when it is completed": a
    // participle after "be" takes its tense from the auxiliary, which is
    // read separately.
    if previous
        .as_deref()
        .is_some_and(|p| matches!(p, "be" | "been" | "being" | "to" | "is" | "are"))
    {
        return None;
    }
    if lexicon.tense.past.contains(&word) {
        return Some(Tense::Past);
    }
    // A regular "-ed" form is a verb when what follows is not a noun it
    // could qualify: "reopened on", "announced a", "defeated Smith", but
    // not "preferred shares" or "limited edition".
    let verb_like_next = words.get(index + 1).is_none_or(|next| {
        let lower = next.to_lowercase();
        next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || FUNCTION_WORDS.contains(&lower.as_str())
    });
    let regular_past = word.len() > 4
        && word.ends_with("ed")
        && verb_like_next
        && !lexicon.tense.not_past.contains(&word);
    regular_past.then_some(Tense::Past)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_cue_wins() {
        assert_eq!(tense_of("The vote will be held on ", "."), Tense::Future);
        assert_eq!(tense_of("Police arrested him on ", "."), Tense::Past);
        assert_eq!(tense_of("He said on ", " that it would meet"), Tense::Past);
        assert_eq!(tense_of("He said it would meet on ", "."), Tense::Future);
        assert_eq!(tense_of("Talks are scheduled for ", "."), Tense::Future);
        assert_eq!(
            tense_of("The team is going to play on ", "."),
            Tense::Future
        );
        assert_eq!(tense_of("The shop opens on ", "."), Tense::Past);
        assert_eq!(tense_of("", ", they'll know"), Tense::Future);
    }
}
