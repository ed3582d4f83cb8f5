//! Qualifiers: the words before or after a figure that make it an interval
//! ("more than 70", "almost 20", "about 5", "at least 3", "up to 10",
//! "70 or more"), and how each turns a number into low and high bounds.

use crate::extract::word_table::leading_word_key;
use crate::extract::Qualifier;

use super::text::{at_boundary, phrase_ci, skip_space, space1};

/// Qualifiers before a figure, longest first within a shared opening word.
const PREFIXES: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("just above", Qualifier::MoreThan),
    ("well above", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("just under", Qualifier::LessThan),
    ("just below", Qualifier::LessThan),
    ("just short of", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("almost", Qualifier::LessThan),
    ("nearly", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("an estimated", Qualifier::About),
    ("an average of", Qualifier::About),
    ("an approximate", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("approx", Qualifier::About),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("circa", Qualifier::About),
    ("ca.", Qualifier::About),
    ("c.", Qualifier::About),
    ("close to", Qualifier::About),
    ("estimated", Qualifier::About),
    ("at least", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("up to", Qualifier::UpTo),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("as high as", Qualifier::UpTo),
];

/// Symbols that qualify the figure after them.
const SYMBOLS: &[(&str, Qualifier)] = &[
    ("≥", Qualifier::AtLeast),
    (">=", Qualifier::AtLeast),
    ("≤", Qualifier::AtMost),
    ("<=", Qualifier::AtMost),
    (">", Qualifier::MoreThan),
    ("<", Qualifier::LessThan),
    ("~", Qualifier::About),
    ("≈", Qualifier::About),
    ("∼", Qualifier::About),
];

/// The first words of the qualifiers (without a full stop: "approx"), each
/// with the number of its group of phrases for [`prefix`] (from 1).
pub(super) fn first_words() -> impl Iterator<Item = (&'static str, usize)> {
    PREFIXES
        .iter()
        .filter_map(|(phrase, _)| phrase.split(' ').next())
        .map(|w| w.trim_end_matches('.'))
        .scan(Vec::new(), |seen: &mut Vec<&str>, word| {
            let group = match seen.iter().position(|w| *w == word) {
                Some(i) => i + 1,
                None => {
                    seen.push(word);
                    seen.len()
                }
            };
            Some((word, group))
        })
}

/// The second words of the qualifier phrases ("than" of "more than"),
/// without a full stop.
pub(super) fn second_words() -> impl Iterator<Item = &'static str> {
    PREFIXES
        .iter()
        .filter_map(|(phrase, _)| phrase.split(' ').nth(1))
        .map(|w| w.trim_end_matches('.'))
}

/// A qualifier at the start of `s`, and the text after it and its spaces.
/// The qualifier must be followed by something; the caller checks that a
/// figure follows. `group` is the number [`first_words`] gives the first
/// word of `s`, 0 when it is none of them.
pub(super) fn prefix(s: &str, group: usize) -> Option<(Qualifier, &str)> {
    #[cfg(test)]
    if super::gates_off() {
        return every_prefix(s);
    }
    let first = *s.as_bytes().first()?;
    if !first.is_ascii_alphanumeric() {
        for (symbol, qualifier) in SYMBOLS {
            if let Some(rest) = s.strip_prefix(symbol) {
                return Some((*qualifier, skip_space(rest)));
            }
        }
    }
    // A phrase matches only where the text's leading letters are its first
    // word (a word ends at a non-alphanumeric character, and every phrase
    // starts with a word of letters), so only that word's phrases are
    // tried, in their order in PREFIXES.
    let phrases = phrase_groups().get(group.checked_sub(1)?)?;
    let mut second_word = None;
    for phrase in phrases {
        if let Some(rest) = phrase.after(s, &mut second_word) {
            let after = skip_space(rest);
            if after.len() < rest.len() || phrase.dotted_end {
                return Some((phrase.qualifier, after));
            }
        }
    }
    None
}

/// [`prefix`] as it was before the phrases were grouped by first word:
/// every phrase tried in turn, for the tests that compare the two.
#[cfg(test)]
fn every_prefix(s: &str) -> Option<(Qualifier, &str)> {
    for (symbol, qualifier) in SYMBOLS {
        if let Some(rest) = s.strip_prefix(symbol) {
            return Some((*qualifier, skip_space(rest)));
        }
    }
    PREFIXES.iter().find_map(|&(phrase, qualifier)| {
        let rest = phrase_ci(s, phrase)?;
        let after = skip_space(rest);
        (after.len() < rest.len() || phrase.ends_with('.')).then_some((qualifier, after))
    })
}

/// One word of a qualifier phrase, packed, and whether a full stop ends it
/// ("approx.", "c.").
struct PhraseWord {
    key: u128,
    len: usize,
    dotted: bool,
}

/// A qualifier phrase of [`PREFIXES`] split into packed words, so matching
/// it reads each word of the text once and compares integers.
struct Phrase {
    words: Vec<PhraseWord>,
    dotted_end: bool,
    qualifier: Qualifier,
}

/// The word after a plain (undotted) first word, read once for all the
/// phrases of a group: the text from it and its packed form.
type SecondWord<'a> = Option<Option<(&'a str, u128)>>;

impl Phrase {
    fn new(phrase: &str, qualifier: Qualifier) -> Phrase {
        let words = phrase
            .split(' ')
            .map(|word| {
                let letters = word.trim_end_matches('.');
                PhraseWord {
                    key: leading_word_key(letters).expect("qualifier words are short ASCII words"),
                    len: letters.len(),
                    dotted: letters.len() < word.len(),
                }
            })
            .collect();
        Phrase {
            words,
            dotted_end: phrase.ends_with('.'),
            qualifier,
        }
    }

    /// The text after this phrase at the start of `s`, as
    /// [`super::text::phrase_ci`] reads it: words compared ASCII
    /// case-insensitively, any run of spaces between them, each word ending
    /// at a word boundary or with its full stop. The caller found `s`'s
    /// first word among this phrase's first words.
    fn after<'a>(&self, s: &'a str, second_word: &mut SecondWord<'a>) -> Option<&'a str> {
        let mut rest = s;
        for (i, word) in self.words.iter().enumerate() {
            if i == 1 && !self.words[0].dotted {
                // every phrase of the group reads the same second word
                let (text, key) = (*second_word.get_or_insert_with(|| {
                    let text = space1(rest)?;
                    Some((text, leading_word_key(text)?))
                }))?;
                if key != word.key {
                    return None;
                }
                rest = text;
            } else if i > 0 {
                rest = space1(rest)?;
                if leading_word_key(rest)? != word.key {
                    return None;
                }
            }
            rest = &rest[word.len..];
            if word.dotted {
                rest = rest.strip_prefix('.')?;
            } else if !at_boundary(rest) {
                return None;
            }
        }
        Some(rest)
    }
}

/// The phrases of [`PREFIXES`], in order, in the groups [`first_words`]
/// numbers.
fn phrase_groups() -> &'static [Vec<Phrase>] {
    static GROUPS: std::sync::OnceLock<Vec<Vec<Phrase>>> = std::sync::OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut groups: Vec<Vec<Phrase>> = Vec::new();
        for ((_, group), &(phrase, qualifier)) in first_words().zip(PREFIXES) {
            if groups.len() < group {
                groups.push(Vec::new());
            }
            groups[group - 1].push(Phrase::new(phrase, qualifier));
        }
        groups
    })
}

/// A qualifying sign right before the number (spaces allowed) that the
/// scanner does not offer as a claim start: "∼", "≳", "⩾", "≲", "⩽".
pub(super) fn symbol_before(before: &str) -> Option<Qualifier> {
    match before.trim_end().chars().next_back()? {
        '∼' | '≃' => Some(Qualifier::About),
        '≳' | '⩾' => Some(Qualifier::AtLeast),
        '≲' | '⩽' => Some(Qualifier::AtMost),
        _ => None,
    }
}

/// False when `s` cannot open a phrase [`suffix`] reads: its leading run
/// of ASCII letters is none of their first words.
fn opens_suffix(s: &str) -> bool {
    #[cfg(test)]
    if super::gates_off() {
        return true;
    }
    let run = &s.as_bytes()[..super::text::ascii_letters(s)];
    ["or", "and", "odd", "plus"]
        .iter()
        .any(|word| run.eq_ignore_ascii_case(word.as_bytes()))
}

/// A qualifier after a number: "or more", "or so", "-odd", "+". Returns the
/// qualifier and the rest.
pub(super) fn suffix(s: &str) -> Option<(Qualifier, &str)> {
    if let Some(rest) = s.strip_prefix('+') {
        if at_boundary(rest) {
            return Some((Qualifier::AtLeast, rest));
        }
    }
    if let Some(rest) = s.strip_prefix("-odd") {
        if at_boundary(rest) {
            return Some((Qualifier::About, rest));
        }
    }
    let spaced = skip_space(s);
    if spaced.len() == s.len() {
        return None;
    }
    // Most words after a number open no qualifier: a phrase's first word
    // ends at a boundary, so it is the text's whole leading run of ASCII
    // letters, which one packed comparison rules out.
    if !opens_suffix(spaced) {
        return None;
    }
    let first = spaced.as_bytes().first()?;
    for (phrase, qualifier) in [
        ("or more", Qualifier::AtLeast),
        ("or over", Qualifier::AtLeast),
        ("or so", Qualifier::About),
        ("or fewer", Qualifier::AtMost),
        ("or less", Qualifier::AtMost),
        ("and over", Qualifier::AtLeast),
        ("and above", Qualifier::AtLeast),
        ("and up", Qualifier::AtLeast),
        ("odd", Qualifier::About),
        ("plus", Qualifier::AtLeast),
    ] {
        // most texts after a number fail on the first letter: test it here
        if !first.eq_ignore_ascii_case(&phrase.as_bytes()[0]) {
            continue;
        }
        if let Some(rest) = phrase_ci(spaced, phrase) {
            return Some((qualifier, rest));
        }
    }
    None
}

/// The low and high bounds a qualifier gives a number.
pub(super) fn bounds(qualifier: Qualifier, n: f64) -> (Option<f64>, Option<f64>) {
    match qualifier {
        Qualifier::Exact | Qualifier::About => (Some(n), Some(n)),
        Qualifier::MoreThan | Qualifier::AtLeast => (Some(n), None),
        Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => (None, Some(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_of(word: &str) -> usize {
        first_words()
            .find(|(w, _)| *w == word)
            .map_or(0, |(_, g)| g)
    }

    #[test]
    fn prefixes() {
        assert_eq!(
            prefix("more than 70", group_of("more")).map(|p| p.0),
            Some(Qualifier::MoreThan)
        );
        assert_eq!(
            prefix("More than 70", group_of("more")).map(|p| p.1),
            Some("70")
        );
        assert_eq!(
            prefix("just under 5", group_of("just")).map(|p| p.0),
            Some(Qualifier::LessThan)
        );
        assert_eq!(prefix("~5", 0), Some((Qualifier::About, "5")));
        assert_eq!(
            prefix("approx. 5", group_of("approx")).map(|p| p.0),
            Some(Qualifier::About)
        );
        assert_eq!(prefix("overall", group_of("over")), None);
        let first: Vec<&str> = first_words().map(|(w, _)| w).collect();
        assert!(first.contains(&"more") && first.contains(&"approx") && !first.contains(&"the"));
        assert_eq!(symbol_before("was ∼ "), Some(Qualifier::About));
        assert_eq!(symbol_before("T ⩾"), Some(Qualifier::AtLeast));
        assert_eq!(symbol_before("was "), None);
    }

    #[test]
    fn suffixes_and_bounds() {
        assert_eq!(
            suffix(" or more people").map(|s| s.0),
            Some(Qualifier::AtLeast)
        );
        assert_eq!(suffix("-odd years").map(|s| s.0), Some(Qualifier::About));
        assert_eq!(suffix("+ fans").map(|s| s.0), Some(Qualifier::AtLeast));
        assert_eq!(suffix(" or two"), None);
        assert_eq!(bounds(Qualifier::MoreThan, 70.0), (Some(70.0), None));
        assert_eq!(bounds(Qualifier::UpTo, 10.0), (None, Some(10.0)));
    }
}
