//! Counts: the noun phrase a number counts ("70 high priority projects",
//! "22 Prime Ministers' regular meetings") and partitive counts ("17 of
//! which", "two of them", "nine of the 12 teams").

use crate::extract::Partitive;

use super::lexicon::numbers;
use super::text::{leading_word, lower, phrase_ci, skip_space, space1, word_ci};

/// The most words a counted noun phrase takes.
const MAX_WORDS: usize = 6;

/// What follows a count's number.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Counted<'a> {
    /// A noun phrase: its text and the rest after it.
    Noun(String, &'a str),
    /// "of which", "of them": the rest after the pronoun.
    Anaphoric(&'a str),
    /// "of the 12 teams": the whole follows; the count ends at its number.
    Explicit,
    /// A duration or age noun ("four years"): not a count at all.
    Time,
    /// Nothing countable follows.
    Nothing,
}

/// Reads what a count counts from the text after its number.
pub(super) fn counted(s: &str) -> Counted<'_> {
    if let Some(after_of) = space1(s).and_then(|t| word_ci(t, "of")).and_then(space1) {
        for pronoun in [
            "which", "whom", "them", "those", "these", "us", "you", "theirs", "ours",
        ] {
            if let Some(rest) = word_ci(after_of, pronoun) {
                return Counted::Anaphoric(rest);
            }
        }
        let mut whole = after_of;
        for determiner in [
            "the", "its", "their", "all", "all the", "those", "these", "his", "her", "our",
        ] {
            if let Some(rest) = phrase_ci(after_of, determiner).and_then(space1) {
                whole = rest;
            }
        }
        if starts_figure(whole) {
            return Counted::Explicit;
        }
    }
    match noun_phrase(s) {
        Some((noun, rest)) => Counted::Noun(noun, rest),
        None if starts_with_time_noun(s) => Counted::Time,
        None => Counted::Nothing,
    }
}

/// True when a count's whole starts here: digits or a number word.
fn starts_figure(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        || super::words::number_words(s).is_some_and(|n| !n.ordinal)
}

fn starts_with_time_noun(s: &str) -> bool {
    let next = skip_space(s.strip_prefix('-').unwrap_or(s));
    is_time_word(&lower(leading_word(next)))
}

/// A time noun, or a compound that measures time ("year-long", "day-old",
/// "man-hours"); "season-ticket holders" are people, not a season.
fn is_time_word(word: &str) -> bool {
    let time_nouns = &numbers().time_nouns;
    if time_nouns.contains(word) {
        return true;
    }
    // Most words hold no hyphen: they are not split at all.
    let (Some((first, _)), Some((_, last))) = (word.split_once('-'), word.rsplit_once('-')) else {
        return false;
    };
    time_nouns.contains(last) && last.len() > 2
        || time_nouns.contains(first) && matches!(last, "old" | "olds" | "long")
}

/// The noun phrase after a number: words up to a stop word, punctuation, a
/// figure or a line break, at most six. A word ending in -ed, -ing or -ly
/// joins only when another word of the phrase follows it ("armed men", not
/// "people died").
pub(super) fn noun_phrase(s: &str) -> Option<(String, &str)> {
    let data = numbers();
    let mut rest = s;
    let mut words = PhraseWords::default();
    let mut end_of_phrase = s;
    let mut pending_participle = false;
    while words.len() < MAX_WORDS {
        let spaced = skip_space(rest);
        if spaced.len() == rest.len() || rest[..rest.len() - spaced.len()].contains('\n') {
            break;
        }
        let word = leading_word(spaced);
        if word.is_empty() {
            break;
        }
        let lower = lower(word);
        if data.noun_stop_words.contains(lower.as_ref()) {
            break;
        }
        if is_time_word(&lower) {
            if words.is_empty() {
                return None;
            }
            break;
        }
        let mut after = &spaced[word.len()..];
        // a word glued to digits or symbols is not a plain noun ("G20s")
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            break;
        }
        let mut taken = word;
        // possessive plural: "Ministers' meetings"
        if lower.ends_with('s') {
            if let Some(after_apostrophe) = after.strip_prefix(['\'', '’']) {
                if after_apostrophe.starts_with(' ') {
                    taken = &spaced[..word.len() + after.len() - after_apostrophe.len()];
                    after = after_apostrophe;
                }
            }
        }
        // the first word stays even so: "22nd meeting", "17 injured"
        let participle = !words.is_empty() && is_participle(&lower);
        words.push(taken);
        rest = after;
        if participle {
            pending_participle = true;
        } else {
            pending_participle = false;
            end_of_phrase = rest;
        }
    }
    if pending_participle {
        // drop the trailing -ed/-ing/-ly words
        while words.len() > 1 {
            if is_participle(&lower(words.last())) {
                words.pop();
            } else {
                break;
            }
        }
    }
    if words.is_empty() {
        return None;
    }
    Some((words.join(), end_of_phrase))
}

/// The words of a noun phrase, at most [`MAX_WORDS`], kept without
/// allocating until the phrase is joined.
#[derive(Default)]
struct PhraseWords<'a> {
    words: [&'a str; MAX_WORDS],
    len: usize,
}

impl<'a> PhraseWords<'a> {
    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn push(&mut self, word: &'a str) {
        self.words[self.len] = word;
        self.len += 1;
    }

    fn pop(&mut self) {
        self.len -= 1;
    }

    fn last(&self) -> &'a str {
        self.words[self.len - 1]
    }

    /// The words with single spaces between them.
    fn join(&self) -> String {
        self.words[..self.len].join(" ")
    }
}

/// A word that reads as a verb form or adverb: -ed, -ing, -ly.
fn is_participle(lower: &str) -> bool {
    lower.len() > 3 && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly"))
}

/// The partitive a [`Counted`] makes.
pub(super) fn partitive(counted: &Counted) -> Partitive {
    match counted {
        Counted::Anaphoric(_) => Partitive::Anaphoric,
        Counted::Explicit => Partitive::Explicit,
        _ => Partitive::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noun(s: &str) -> Option<String> {
        noun_phrase(s).map(|n| n.0)
    }

    #[test]
    fn noun_phrases_stop_at_function_words() {
        assert_eq!(
            noun(" high priority projects, of which"),
            Some("high priority projects".into())
        );
        assert_eq!(
            noun(" Prime Ministers' regular meetings."),
            Some("Prime Ministers' regular meetings".into())
        );
        assert_eq!(noun(" people in the square"), Some("people".into()));
        assert_eq!(noun(" people died"), Some("people".into()));
        assert_eq!(noun(" armed men stormed"), Some("armed men".into()));
        assert_eq!(noun(" killed"), None);
        assert_eq!(noun(" meeting of"), Some("meeting".into()));
        assert_eq!(noun(" people living in"), Some("people".into()));
        assert_eq!(noun(" years ago"), None);
        assert_eq!(noun(" and"), None);
        assert_eq!(noun(".5"), None);
    }

    #[test]
    fn partitives() {
        assert_eq!(counted(" of which were"), Counted::Anaphoric(" were"));
        assert_eq!(counted(" of them"), Counted::Anaphoric(""));
        assert_eq!(counted(" of the 12 teams"), Counted::Explicit);
        assert_eq!(counted(" of twelve teams"), Counted::Explicit);
        assert_eq!(counted(" years"), Counted::Time);
        assert_eq!(counted("-year contract"), Counted::Time);
        assert!(matches!(counted(" of the teams"), Counted::Nothing));
    }
}
