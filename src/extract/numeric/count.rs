//! Counts: the noun phrase a number counts ("70 high priority projects",
//! "22 Prime Ministers' regular meetings") and partitive counts ("17 of
//! which", "two of them", "nine of the 12 teams").

use crate::extract::Partitive;

use super::lexicon::numbers;
use super::text::{leading_word, lower, phrase_ci, skip_space, space1, word_ci};
use crate::extract::word_table::{folded_key, WordTable};

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
        match NounWord::of(word) {
            NounWord::Stop => break,
            NounWord::Time if words.is_empty() => return None,
            NounWord::Time => break,
            NounWord::Other => {}
        }
        let mut after = &spaced[word.len()..];
        // a word glued to digits or symbols is not a plain noun ("G20s")
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            break;
        }
        let mut taken = word;
        // possessive plural: "Ministers' meetings"
        if ends_in_s(word) {
            if let Some(after_apostrophe) = after.strip_prefix(['\'', '’']) {
                if after_apostrophe.starts_with(' ') {
                    taken = &spaced[..word.len() + after.len() - after_apostrophe.len()];
                    after = after_apostrophe;
                }
            }
        }
        // the first word stays even so: "22nd meeting", "17 injured"
        let participle = !words.is_empty() && is_participle_word(word);
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
            if is_participle_word(words.last()) {
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

/// What a word is to the noun phrase reader.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NounWord {
    /// A stop word (numbers.toml `noun_stop_words`): the phrase ends.
    Stop,
    /// A time noun or compound ([`is_time_word`]).
    Time,
    Other,
}

/// Bits of [`noun_words`].
const STOP: u32 = 1;
const TIME: u32 = 2;

/// The stop words and time nouns by packed lower-case word, made once
/// per word-list configuration (a pack may add to both lists): every word
/// of every counted phrase is looked up, and a packed look-up needs
/// neither a lower-cased copy nor a string hash.
fn noun_words() -> &'static WordTable {
    static WORDS: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&WORDS, || {
        let data = numbers();
        let stop = data.noun_stop_words.iter().map(|w| (w.as_str(), STOP));
        WordTable::new(stop.chain(data.time_nouns.iter().map(|w| (w.as_str(), TIME))))
    })
}

impl NounWord {
    /// The class of `word`, a [`leading_word`]: a stop word first, as the
    /// reader tests it first.
    fn of(word: &str) -> NounWord {
        let packed = folded_key(word).filter(|_| !slow_words());
        // An ASCII word without a hyphen is one look-up (its lower case is
        // as long as it is, so a longer one is in neither list); a
        // hyphenated one is also read in parts, by the general way.
        if let Some(packed) = packed.filter(|_| !word.contains('-')) {
            let bits = noun_words().get_key(packed);
            return if bits & STOP != 0 {
                NounWord::Stop
            } else if bits & TIME != 0 {
                NounWord::Time
            } else {
                NounWord::Other
            };
        }
        let lower = lower(word);
        if numbers().noun_stop_words.contains(lower.as_ref()) {
            NounWord::Stop
        } else if is_time_word(&lower) {
            NounWord::Time
        } else {
            NounWord::Other
        }
    }
}

/// True while a test reads every word by lowering it (the way the packed
/// look-ups and byte-wise tests replaced).
fn slow_words() -> bool {
    #[cfg(test)]
    return super::gates_off();
    #[cfg(not(test))]
    false
}

/// Whether `word` ends in "s" once lowered.
fn ends_in_s(word: &str) -> bool {
    if word.is_ascii() && !slow_words() {
        return word
            .as_bytes()
            .last()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b's'));
    }
    lower(word).ends_with('s')
}

/// [`is_participle`] of `word` lowered, with an ASCII word compared
/// without lowering it (lowering keeps its length).
fn is_participle_word(word: &str) -> bool {
    if !word.is_ascii() || slow_words() {
        return is_participle(&lower(word));
    }
    let bytes = word.as_bytes();
    let ends = |suffix: &[u8]| {
        bytes.len() >= suffix.len()
            && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    bytes.len() > 3 && (ends(b"ed") || ends(b"ing") || ends(b"ly"))
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Looking words up by their packed lower case reads the same
        /// phrases as lowering each word and looking it up in the lists.
        #[test]
        fn packed_word_classes_read_as_the_lists(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "people", "Years", "year-long", "day-old", "Season-ticket", "of", "In",
                "armed", "Ministers", "'", "’", " ", " ", "-", "Weeks", "killed", "é",
                "ÉTÉ", "\u{212A}m", "staffs", "s", "ly", "Hours", "man-hours", ",", "3",
                "internationalisation",
            ][..]), 0..12)
        ) {
            let text = pieces.concat();
            let read = |slow: bool| {
                crate::slow_path::run(crate::slow_path::SlowPath::NoGates, slow, || {
                    (noun_phrase(&text), counted(&text))
                })
            };
            proptest::prop_assert_eq!(read(false), read(true), "{:?}", text);
        }
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
