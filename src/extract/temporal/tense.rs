//! Tense around a mention: decides whether a year-less date or a bare
//! weekday points back from the publication date ("on Saturday, police
//! said") or forward ("the vote will be held on Saturday").
//!
//! The nearest tense cue wins, so in "said on Friday it would meet on
//! Monday" Friday is past and Monday future. News mostly reports what has
//! happened, so a mention with no cue nearby is read as past.

use std::sync::OnceLock;

use super::words::{lexicon, TenseWords};
use crate::extract::word_table::WordTable;

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
    let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut before_words: Vec<&str> = before
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .rev()
        .take(WINDOW + 1)
        .collect();
    before_words.reverse();
    let after_words: Vec<&str> = after
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .take(WINDOW)
        .collect();
    // Each word normalised once, not once per cue it is read for.
    let before_words = Words::new(&before_words);
    let after_words = Words::new(&after_words);
    let index = tense_index();
    let mut pair = String::new();
    // Distance from the mention: 1 for the adjacent word on either side.
    let mut best: Option<(usize, Tense)> = None;
    for index_in in 0..before_words.len() {
        let distance = before_words.len() - index_in;
        if let Some(tense) = cue_at(index, &before_words, index_in, &mut pair) {
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        }
    }
    for index_in in 0..after_words.len() {
        let distance = index_in + 1;
        // "…will meet in June 2018, the secretariat said": a reporting verb
        // after the mention dates the report, not the event.
        if REPORTING_VERBS.contains(&after_words.normal(index_in)) {
            continue;
        }
        if let Some(tense) = cue_at(index, &after_words, index_in, &mut pair) {
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

/// The tense word lists of rules/temporal.toml as one table: each word's
/// lists as bits, so a word costs one lookup for all three lists.
struct TenseIndex(WordTable);

const FUTURE: u32 = 1;
const PAST: u32 = 2;
const NOT_PAST: u32 = 4;

impl TenseIndex {
    fn new(words: &'static TenseWords) -> TenseIndex {
        let tagged =
            |list: &'static [String], bit: u32| list.iter().map(move |w| (w.as_str(), bit));
        TenseIndex(WordTable::new(
            tagged(&words.future, FUTURE)
                .chain(tagged(&words.past, PAST))
                .chain(tagged(&words.not_past, NOT_PAST)),
        ))
    }

    /// The lists `word` is in, as bits.
    fn lists_of(&self, word: &str) -> u32 {
        self.0.get(word)
    }
}

fn tense_index() -> &'static TenseIndex {
    static CELL: OnceLock<TenseIndex> = OnceLock::new();
    crate::lexicon::resolve(&CELL, || TenseIndex::new(&lexicon().tense))
}

/// The words on one side of a mention: as written, and lower-cased with
/// typographic apostrophes made straight (as the word lists write them; no
/// list word has an apostrophe, so this form serves every lookup). The
/// normal forms share one buffer, so a side costs two allocations.
struct Words<'a> {
    text: &'a [&'a str],
    buffer: String,
    ends: Vec<usize>,
}

impl<'a> Words<'a> {
    fn new(text: &'a [&'a str]) -> Words<'a> {
        let mut buffer = String::new();
        let mut ends = Vec::with_capacity(text.len());
        for word in text {
            if word
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                buffer.push_str(word);
            } else {
                for c in word.to_lowercase().chars() {
                    buffer.push(if c == '’' { '\'' } else { c });
                }
            }
            ends.push(buffer.len());
        }
        Words { text, buffer, ends }
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    /// The normal form of word `i`.
    fn normal(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.buffer[start..self.ends[i]]
    }
}

/// The tense cue the word at `index` gives, reading it with the word before
/// it for two-word cues ("going to", "is to"). `pair` is scratch space.
fn cue_at(lists: &TenseIndex, words: &Words, index: usize, pair: &mut String) -> Option<Tense> {
    let word = words.normal(index);
    let previous = index.checked_sub(1).map(|i| words.normal(i));
    if let Some(previous) = previous {
        pair.clear();
        pair.push_str(previous);
        pair.push(' ');
        pair.push_str(word);
        if lists.lists_of(pair) & FUTURE != 0 {
            return Some(Tense::Future);
        }
    }
    let in_lists = lists.lists_of(word);
    if word.ends_with("'ll") || in_lists & FUTURE != 0 {
        return Some(Tense::Future);
    }
    // "will be held", "to be announced", "when it is completed": a
    // participle after "be" takes its tense from the auxiliary, which is
    // read separately.
    if previous.is_some_and(|p| matches!(p, "be" | "been" | "being" | "to" | "is" | "are")) {
        return None;
    }
    if in_lists & PAST != 0 {
        return Some(Tense::Past);
    }
    // A regular "-ed" form is a verb when what follows is not a noun it
    // could qualify: "reopened on", "announced a", "defeated Smith", but
    // not "preferred shares" or "limited edition".
    let verb_like_next = || {
        words.text.get(index + 1).is_none_or(|next| {
            next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || FUNCTION_WORDS.contains(&words.normal(index + 1))
        })
    };
    let regular_past =
        word.len() > 4 && word.ends_with("ed") && in_lists & NOT_PAST == 0 && verb_like_next();
    regular_past.then_some(Tense::Past)
}

/// True when the sentence before a mention has "will" or "shall" and no
/// finite past verb after it; with `after_comma`, only when a comma shows
/// that a past form in between belongs to an inserted phrase.
fn modal_governs(before: &str, after_comma: bool) -> bool {
    // Most sentences have no modal: look for one in ASCII first, without
    // lower-casing the sentence. Lower-casing makes no ASCII letter or space
    // out of other characters except the Kelvin sign ('k') and a dotted 'İ'
    // ('i' plus a combining dot), neither of which can complete "will " or
    // "shall ", so this finds every modal the lower-cased text has.
    let has_modal = |modal: &[u8]| {
        before
            .as_bytes()
            .windows(modal.len())
            .any(|w| w.eq_ignore_ascii_case(modal))
    };
    if !has_modal(b"will ") && !has_modal(b"shall ") {
        return false;
    }
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
