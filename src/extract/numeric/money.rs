//! Money: currency signs and codes before an amount ("US$2 billion", "€4bn",
//! "Rs 2 crore") and currency names after it ("40 million yuan", "3 pence"),
//! read from rules/currencies.toml and reported as ISO 4217 codes.

use super::lexicon::{currencies, with_normalised_words, CurrencyRef};
use super::text::{at_boundary, skip_space};

/// A currency sign or code at the start of `s`, with the text after it.
/// A letter code must be followed by a space or a digit ("USD 5m", "Rs.5").
pub(super) fn prefix(s: &str) -> Option<(&'static CurrencyRef, &str)> {
    for (written, currency) in candidates(s) {
        let Some(rest) = s.strip_prefix(written) else {
            continue;
        };
        let ends_in_letter = written.chars().last().is_some_and(char::is_alphabetic);
        if ends_in_letter && rest.starts_with(char::is_alphabetic) {
            continue;
        }
        let after = skip_space(rest);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            return Some((currency, after));
        }
    }
    None
}

/// True when `s` can open a money prefix (the scanner's first test, made at
/// every capitalised word, so the first two bytes are tested first).
pub(super) fn may_start(s: &str) -> bool {
    let index = prefixes_by_first_byte();
    let bytes = s.as_bytes();
    let possible = match bytes {
        [first, second, ..] => {
            index.short[usize::from(*first)]
                || index.pairs[usize::from(*first)][usize::from(second / 64)] & (1 << (second % 64))
                    != 0
        }
        _ => true,
    };
    possible && candidates(s).any(|(written, _)| s.starts_with(written))
}

/// The leading ASCII letters, lower-cased, of the currency prefixes that
/// start with one ("us" of "US$", "rs" of "Rs."): a capitalised word can
/// open a prefix only when its letters are one of these or run on past
/// them, and the latter is never a prefix (a prefix ending in a letter
/// needs a non-letter after it).
pub(super) fn prefix_letters() -> impl Iterator<Item = String> {
    currencies().prefixes.iter().filter_map(|(written, _)| {
        let letters = written.bytes().take_while(u8::is_ascii_alphabetic).count();
        (letters > 0).then(|| written[..letters].to_ascii_lowercase())
    })
}

/// The currency prefixes that can start `s`, longest first: those whose
/// first byte is the first byte of `s` (and any empty one).
fn candidates(s: &str) -> impl Iterator<Item = &'static (&'static str, CurrencyRef)> {
    let table = &currencies().prefixes;
    let bucket: &'static [usize] = match s.as_bytes().first() {
        Some(&first) => &prefixes_by_first_byte().by_byte[usize::from(first)],
        None => &prefixes_by_first_byte().empty,
    };
    bucket.iter().map(move |&i| &table[i])
}

/// Indexes into the currency prefixes by first byte, in table order.
struct PrefixIndex {
    by_byte: Vec<Vec<usize>>,
    /// The empty prefixes (a text with no first byte matches only those).
    empty: Vec<usize>,
    /// By first byte: whether a prefix of at most one byte starts with it.
    short: Vec<bool>,
    /// By first byte: a bit set of the second bytes of the longer prefixes.
    pairs: Vec<[u64; 4]>,
}

fn prefixes_by_first_byte() -> &'static PrefixIndex {
    static INDEX: std::sync::OnceLock<PrefixIndex> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&INDEX, || index(&currencies().prefixes))
}

fn index(prefixes: &[(&str, CurrencyRef)]) -> PrefixIndex {
    let mut by_byte = vec![Vec::new(); 256];
    let mut empty = Vec::new();
    let mut short = vec![false; 256];
    let mut pairs = vec![[0u64; 4]; 256];
    for (i, (written, _)) in prefixes.iter().enumerate() {
        match written.as_bytes() {
            [] => {
                // An empty prefix starts every text.
                empty.push(i);
                for bucket in &mut by_byte {
                    bucket.push(i);
                }
                short = vec![true; 256];
            }
            [first] => {
                by_byte[usize::from(*first)].push(i);
                short[usize::from(*first)] = true;
            }
            [first, second, ..] => {
                by_byte[usize::from(*first)].push(i);
                pairs[usize::from(*first)][usize::from(second / 64)] |= 1 << (second % 64);
            }
        }
    }
    PrefixIndex {
        by_byte,
        empty,
        short,
        pairs,
    }
}

/// A currency name after an amount ("yuan", "US dollars", "pence"), attached
/// or after a space; the longest name wins.
pub(super) fn name(s: &str) -> Option<(&'static CurrencyRef, &str)> {
    let start = skip_space(s);
    let table = currencies();
    if !table.name_start.may_start(start) {
        return None;
    }
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(table.longest_name_words);
    let mut pos = 0;
    while words.len() < table.longest_name_words {
        let tail = &start[pos..];
        let word_len = tail
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '$')))
            .map_or(tail.len(), |(i, _)| i);
        if word_len == 0 {
            break;
        }
        words.push((pos, pos + word_len));
        let after = &tail[word_len..];
        let spaced = after.trim_start_matches(' ');
        if spaced.len() == after.len() || spaced.is_empty() {
            break;
        }
        pos = start.len() - spaced.len();
    }
    for count in (1..=words.len()).rev() {
        let end = words[count - 1].1;
        let mut candidate = &start[..end];
        let look_up =
            |candidate: &str| with_normalised_words(candidate, |key| table.names.get(key));
        let mut found = look_up(candidate);
        // A full stop after a name is the sentence's, not the name's.
        if found.is_none() {
            if let Some(trimmed) = candidate.strip_suffix('.') {
                candidate = trimmed.trim_end();
                found = look_up(candidate);
            }
        }
        if let Some(currency) = found {
            let rest = &start[candidate.len()..];
            if at_boundary(rest) {
                return Some((currency, rest));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(
            prefix("US$2 billion").map(|p| (p.0.code, p.1)),
            Some(("USD", "2 billion"))
        );
        assert_eq!(prefix("$3.5m").map(|p| p.0.code), Some("USD"));
        assert_eq!(prefix("€4bn").map(|p| p.0.code), Some("EUR"));
        assert_eq!(prefix("Rs 2 crore").map(|p| p.0.code), Some("INR"));
        assert_eq!(prefix("Rs. 2").map(|p| p.0.code), Some("INR"));
        assert!(prefix("Rsomething").is_none());
        assert!(prefix("USDA 5").is_none());
        assert_eq!(prefix("HK$5").map(|p| p.0.code), Some("HKD"));
    }

    #[test]
    fn names() {
        assert_eq!(name(" yuan in").map(|n| n.0.code), Some("CNY"));
        assert_eq!(
            name(" US dollars.").map(|n| (n.0.code, n.1)),
            Some(("USD", "."))
        );
        assert_eq!(
            name(" pence").map(|n| (n.0.code, n.0.factor)),
            Some(("GBP", 0.01))
        );
        assert_eq!(name("p,").map(|n| n.0.code), Some("GBP"));
        assert!(name(" people").is_none());
        assert_eq!(name("US$ .").map(|n| n.1), Some(" ."));
    }
}
