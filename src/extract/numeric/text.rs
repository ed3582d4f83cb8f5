//! Small word-level helpers the numeric parsers share: case-insensitive
//! words and phrases at a word boundary, whitespace, the next word.

use std::borrow::Cow;

/// True when `s` does not continue a word: it is empty or starts with
/// something other than a letter or digit.
pub(super) fn at_boundary(s: &str) -> bool {
    !s.chars().next().is_some_and(char::is_alphanumeric)
}

/// Skips spaces and tabs (and the no-break and thin spaces), but not more
/// than one line break, so a figure never runs across a blank line.
pub(super) fn skip_space(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace())
}

/// Like [`skip_space`] but requires at least one space.
pub(super) fn space1(s: &str) -> Option<&str> {
    let rest = skip_space(s);
    (rest.len() < s.len()).then_some(rest)
}

/// `s` without the word `word` (ASCII case-insensitive) at its start,
/// when the word ends at a word boundary.
pub(super) fn word_ci<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    let rest = &s[word.len()..];
    (head.eq_ignore_ascii_case(word) && at_boundary(rest)).then_some(rest)
}

/// `s` without the phrase at its start: words compared ASCII
/// case-insensitively, any run of spaces between them.
pub(super) fn phrase_ci<'a>(s: &'a str, phrase: &str) -> Option<&'a str> {
    // Most calls fail on the first letter: test it before splitting the phrase.
    if let Some(&first) = phrase.as_bytes().first() {
        if first.is_ascii_alphanumeric() && !s.as_bytes().first()?.eq_ignore_ascii_case(&first) {
            return None;
        }
    }
    let mut rest = s;
    for (i, word) in phrase.split(' ').enumerate() {
        if i > 0 {
            rest = space1(rest)?;
        }
        rest = match word.chars().last() {
            // a phrase ending in punctuation ("approx.") needs no boundary
            Some(c) if !c.is_alphanumeric() => {
                let head = rest.get(..word.len())?;
                head.eq_ignore_ascii_case(word)
                    .then(|| &rest[word.len()..])?
            }
            _ => word_ci(rest, word)?,
        };
    }
    Some(rest)
}

/// The leading run of letters (with inner apostrophes and hyphens) of `s`.
pub(super) fn leading_word(s: &str) -> &str {
    let bytes = s.as_bytes();
    // The leading ASCII letters are all taken: counted first, without the
    // loop's classing of each byte.
    let mut end = ascii_letters(s);
    let mut previous_joiner = false;
    let mut at = end;
    while let Some(&byte) = bytes.get(at) {
        // ASCII bytes are classed as they are; only other characters are
        // decoded (an ASCII byte is alphabetic exactly when a letter)
        let (letter, joiner, width) = if byte.is_ascii() {
            (byte.is_ascii_alphabetic(), matches!(byte, b'\'' | b'-'), 1)
        } else {
            let Some(c) = s[at..].chars().next() else {
                break;
            };
            (c.is_alphabetic(), c == '’', c.len_utf8())
        };
        if letter {
            end = at + width;
            previous_joiner = false;
        } else if joiner && end > 0 && !previous_joiner {
            previous_joiner = true;
        } else {
            break;
        }
        at += width;
    }
    &s[..end]
}

/// The length of the leading run of ASCII letters of `s`.
pub(super) fn ascii_letters(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_alphabetic).count()
}

/// The last word of `before` (letters only), lower-cased.
pub(super) fn last_word_lower(before: &str) -> Cow<'_, str> {
    let trimmed = before.trim_end();
    // ASCII letters back to an ASCII byte that is not one (or the start):
    // the word, without decoding characters (a letter is alphabetic, and
    // an ASCII byte that is not a letter is not).
    let bytes = trimmed.as_bytes();
    let ascii_start = bytes
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(Some(0), |i| bytes[i].is_ascii().then_some(i + 1));
    let start = ascii_start.unwrap_or_else(|| last_word_start(trimmed));
    lower(&trimmed[start..])
}

/// Where the last run of letters of `text` starts, read character by
/// character.
fn last_word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Lower-casing that borrows words already in lower case (most are), so
/// the parsers' word tests allocate only for capitalised or non-ASCII words.
pub(super) use crate::extract::lower_case as lower;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`leading_word`] as it read before ASCII bytes were classed
    /// without decoding.
    fn leading_word_by_chars(s: &str) -> &str {
        let mut end = 0;
        let mut previous_joiner = false;
        for (i, c) in s.char_indices() {
            if c.is_alphabetic() {
                end = i + c.len_utf8();
                previous_joiner = false;
            } else if matches!(c, '\'' | '’' | '-') && end > 0 && !previous_joiner {
                previous_joiner = true;
            } else {
                break;
            }
        }
        &s[..end]
    }

    /// [`last_word_lower`] as it read before its ASCII way.
    fn last_word_lower_by_chars(before: &str) -> Cow<'_, str> {
        let trimmed = before.trim_end();
        lower(&trimmed[last_word_start(trimmed)..])
    }

    const PIECES: &[&str] = &[
        "a", "Z", "word", "Ab", "é", "Ö", "ß", "\u{212A}", "’", "'", "-", " ", "\u{a0}", "\n", "5",
        ",", ".", "“", "x",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The byte-wise word readers agree with the character-wise ones.
        #[test]
        fn words_read_as_by_characters(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..12),
        ) {
            let text: String = pieces.concat();
            prop_assert_eq!(leading_word(&text), leading_word_by_chars(&text));
            prop_assert_eq!(last_word_lower(&text), last_word_lower_by_chars(&text));
        }
    }

    #[test]
    fn phrases_and_words() {
        assert_eq!(phrase_ci("More  than 70", "more than"), Some(" 70"));
        assert_eq!(phrase_ci("moreover 70", "more"), None);
        assert_eq!(phrase_ci("approx. 5", "approx."), Some(" 5"));
        assert_eq!(leading_word("Ministers' meetings"), "Ministers");
        assert_eq!(leading_word("high-priority projects"), "high-priority");
        assert_eq!(last_word_lower("rose from "), "from");
        let mut buf = [0u8; 24];
        assert_eq!(
            crate::extract::leading_word_lower("About 5", &mut buf),
            Some("about")
        );
    }
}
