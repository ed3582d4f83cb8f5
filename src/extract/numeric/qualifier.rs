//! Qualifiers: the words before or after a figure that make it an interval
//! ("more than 70", "almost 20", "about 5", "at least 3", "up to 10",
//! "70 or more"), and how each turns a number into low and high bounds.

use rustc_hash::FxHashMap;

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

/// The first words of the qualifiers (without a full stop: "approx").
pub(super) fn first_words() -> impl Iterator<Item = &'static str> {
    PREFIXES
        .iter()
        .filter_map(|(phrase, _)| phrase.split(' ').next())
        .map(|w| w.trim_end_matches('.'))
}

/// A qualifier at the start of `s`, and the text after it and its spaces.
/// The qualifier must be followed by something; the caller checks that a
/// figure follows. `first_word` is the leading word of `s` packed as
/// `word_table::leading_word_key` packs it.
pub(super) fn prefix(s: &str, first_word: Option<u128>) -> Option<(Qualifier, &str)> {
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
    let bucket = prefixes_by_first_word().get(&first_word?)?;
    for phrase in bucket {
        if let Some(rest) = phrase.after(s) {
            let after = skip_space(rest);
            if after.len() < rest.len() || phrase.dotted_end {
                return Some((phrase.qualifier, after));
            }
        }
    }
    None
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
    /// at a word boundary or with its full stop. The caller found `s`'s first word among this phrase's first words.
    fn after<'a>(&self, s: &'a str) -> Option<&'a str> {
        let mut rest = s;
        for (i, word) in self.words.iter().enumerate() {
            if i > 0 {
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

/// The phrases of [`PREFIXES`], in order, by their first word (packed as
/// the scanner packs words).
fn prefixes_by_first_word() -> &'static FxHashMap<u128, Vec<Phrase>> {
    static INDEX: std::sync::OnceLock<FxHashMap<u128, Vec<Phrase>>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: FxHashMap<u128, Vec<Phrase>> = FxHashMap::default();
        for &(phrase, qualifier) in PREFIXES {
            let first_word = leading_word_key(phrase).expect("qualifiers start with a word");
            index
                .entry(first_word)
                .or_default()
                .push(Phrase::new(phrase, qualifier));
        }
        index
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

    #[test]
    fn prefixes() {
        assert_eq!(
            prefix("more than 70", leading_word_key("more")).map(|p| p.0),
            Some(Qualifier::MoreThan)
        );
        assert_eq!(
            prefix("More than 70", leading_word_key("more")).map(|p| p.1),
            Some("70")
        );
        assert_eq!(
            prefix("just under 5", leading_word_key("just")).map(|p| p.0),
            Some(Qualifier::LessThan)
        );
        assert_eq!(prefix("~5", None), Some((Qualifier::About, "5")));
        assert_eq!(
            prefix("approx. 5", leading_word_key("approx")).map(|p| p.0),
            Some(Qualifier::About)
        );
        assert_eq!(prefix("overall", leading_word_key("overall")), None);
        let first: Vec<&str> = first_words().collect();
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
