//! The numeric family's data: scale words, stop words, units and currencies,
//! read once from rules/numbers.toml, rules/units.toml and
//! rules/currencies.toml and indexed for look-up by the parsers.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::text::ascii_letters;
use crate::extract::word_table::{key, leading_word_key, PackedFilter, PackedSet};
use crate::lexicon::builtin;

/// rules/numbers.toml as written. The parsers look words up in these at
/// nearly every figure, so they hash with Fx rather than SipHash.
#[derive(Debug, Deserialize)]
pub(crate) struct Numbers {
    pub scale_words: FxHashMap<String, f64>,
    pub scale_suffixes: FxHashMap<String, f64>,
    pub attached_suffixes: FxHashMap<String, f64>,
    pub money_suffixes: FxHashMap<String, f64>,
    pub plural_scales: FxHashMap<String, f64>,
    pub noun_stop_words: FxHashSet<String>,
    pub time_nouns: FxHashSet<String>,
    pub name_words: FxHashSet<String>,
    pub reference_nouns: FxHashSet<String>,
    pub address_words: FxHashSet<String>,
    pub name_numbers: FxHashSet<String>,
    pub score_words: FxHashSet<String>,
    pub phone_words: FxHashSet<String>,
    pub time_zones: FxHashSet<String>,
}

builtin!(numbers, Numbers, "numbers");

/// One unit in rules/units.toml.
#[derive(Debug, Deserialize)]
pub(crate) struct UnitEntry {
    pub symbol: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub denominator: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct UnitFile {
    pub unit: Vec<UnitEntry>,
}

builtin!(unit_file, UnitFile, "units");

/// One currency form in rules/currencies.toml.
#[derive(Debug, Deserialize)]
pub(crate) struct CurrencyEntry {
    pub code: String,
    #[serde(default)]
    pub prefixes: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default = "one")]
    pub factor: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
pub(crate) struct CurrencyFile {
    pub currency: Vec<CurrencyEntry>,
}

builtin!(currency_file, CurrencyFile, "currencies");

/// A unit as the quantity parser finds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitRef {
    pub index: usize,
    pub denominator: bool,
}

/// The unit table indexed by written form.
pub(crate) struct Units {
    /// Case-sensitive symbols, including multi-word ones ("sq km").
    pub symbols: FxHashMap<String, UnitRef>,
    /// Lower-cased names, multi-word names with single spaces.
    pub names: FxHashMap<String, UnitRef>,
    /// The longest symbol in bytes, to bound the prefix search.
    pub longest_symbol: usize,
    /// By first byte, the lengths in bytes (below 64) of the symbols that
    /// start with it, one bit each: the prefix search looks up only the
    /// lengths some symbol has.
    symbol_lengths: Vec<u64>,
    /// Rules out texts no symbol or name can start.
    pub start: StartGate,
}

impl Units {
    pub fn symbol(&self, unit: UnitRef) -> &'static str {
        &unit_file().unit[unit.index].symbol
    }

    /// False when no symbol is the `len` bytes at the start of `s` (which
    /// has at least `len` bytes): none has its first byte and length.
    pub fn may_be_symbol(&self, s: &str, len: usize) -> bool {
        #[cfg(test)]
        if super::gates_off() {
            return true;
        }
        let Some(&first) = s.as_bytes().first() else {
            return true;
        };
        len >= 64 || self.symbol_lengths[usize::from(first)] & (1 << len) != 0
    }
}

pub(crate) fn units() -> &'static Units {
    static CELL: OnceLock<Units> = OnceLock::new();
    crate::lexicon::resolve(&CELL, || {
        let mut symbols = FxHashMap::default();
        let mut names = FxHashMap::default();
        for (index, entry) in unit_file().unit.iter().enumerate() {
            let unit = UnitRef {
                index,
                denominator: entry.denominator,
            };
            for symbol in &entry.symbols {
                symbols.entry(symbol.clone()).or_insert(unit);
            }
            for name in &entry.names {
                names.entry(normalise_words(name)).or_insert(unit);
            }
        }
        let longest_symbol = symbols.keys().map(String::len).max().unwrap_or(0);
        let mut symbol_lengths = vec![0u64; 256];
        for symbol in symbols.keys() {
            if let (Some(&first), true) = (symbol.as_bytes().first(), symbol.len() < 64) {
                symbol_lengths[usize::from(first)] |= 1 << symbol.len();
            }
        }
        let start = StartGate::new(
            symbols.keys().map(String::as_str),
            names.keys().map(String::as_str),
        );
        Units {
            symbols,
            names,
            longest_symbol,
            symbol_lengths,
            start,
        }
    })
}

/// A currency form: its code and what one of it is worth.
#[derive(Debug, Clone)]
pub(crate) struct CurrencyRef {
    pub code: &'static str,
    pub factor: f64,
}

/// The currency table indexed by written form.
pub(crate) struct Currencies {
    /// Prefixes, longest first, case-sensitive.
    pub prefixes: Vec<(&'static str, CurrencyRef)>,
    /// Lower-cased names after the amount.
    pub names: FxHashMap<String, CurrencyRef>,
    /// The most words in one name.
    pub longest_name_words: usize,
    /// Rules out texts no name can start.
    pub name_start: StartGate,
}

pub(crate) fn currencies() -> &'static Currencies {
    static CELL: OnceLock<Currencies> = OnceLock::new();
    crate::lexicon::resolve(&CELL, || {
        let mut prefixes = Vec::new();
        let mut names = FxHashMap::default();
        let mut longest_name_words = 1;
        for entry in &currency_file().currency {
            let reference = CurrencyRef {
                code: entry.code.as_str(),
                factor: entry.factor,
            };
            for prefix in &entry.prefixes {
                prefixes.push((prefix.as_str(), reference.clone()));
            }
            for name in &entry.names {
                let key = normalise_words(name);
                longest_name_words = longest_name_words.max(key.split(' ').count());
                names.entry(key).or_insert_with(|| reference.clone());
            }
        }
        prefixes.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        let name_start = StartGate::new([], names.keys().map(String::as_str));
        Currencies {
            prefixes,
            names,
            longest_name_words,
            name_start,
        }
    })
}

/// A cheap first test for a table of written forms looked up at the start
/// of a text (units after a number, currency names): most texts there are
/// ordinary words ("people", "in"), which this rules out without building a
/// look-up key. It compares the text's leading run of ASCII letters with
/// the forms' leading runs: a symbol (case-sensitive) or a name (lower
/// case) can only match a text whose run is its own, since what follows a
/// form's letters in the text is never an ASCII letter.
pub(crate) struct StartGate {
    /// The leading ASCII-letter runs of the case-sensitive forms, packed.
    exact_runs: PackedSet,
    /// The leading ASCII-letter runs of the lower-case forms, packed.
    folded_runs: PackedSet,
    /// The lower case of every run in `exact_runs` and `folded_runs`: a
    /// text's lower-cased run outside it matches neither (an exact run is
    /// the text's run only if its lower case is the text's lower case).
    lower_runs: PackedFilter,
    /// The first characters of the forms that start with something else.
    other_firsts: FxHashSet<char>,
    /// A form is empty, so every text may start one.
    empty_form: bool,
}

impl StartGate {
    pub fn new<'a>(
        exact: impl IntoIterator<Item = &'a str>,
        folded: impl IntoIterator<Item = &'a str>,
    ) -> StartGate {
        let mut gate = StartGate {
            exact_runs: PackedSet::default(),
            folded_runs: PackedSet::default(),
            lower_runs: PackedFilter::default(),
            other_firsts: FxHashSet::default(),
            empty_form: false,
        };
        let forms = exact
            .into_iter()
            .map(|form| (form, true))
            .chain(folded.into_iter().map(|form| (form, false)));
        for (form, exact) in forms {
            let Some(first) = form.chars().next() else {
                gate.empty_form = true;
                continue;
            };
            if !first.is_ascii_alphabetic() {
                gate.other_firsts.insert(first);
                continue;
            }
            let run = ascii_letters(form);
            // a run too long to pack matches only texts the gate lets through
            let Some(packed) = key(&form[..run]) else {
                continue;
            };
            if let Some(lower) = key(&form[..run].to_ascii_lowercase()) {
                gate.lower_runs.insert(lower);
            }
            if exact {
                gate.exact_runs.insert(packed);
            } else {
                gate.folded_runs.insert(packed);
            }
        }
        gate
    }

    /// False when no form can start `s`. A text whose first character or
    /// the character after its letters is not ASCII is let through: its
    /// lower case may hold ASCII letters (the Kelvin sign is "k").
    pub fn may_start(&self, s: &str) -> bool {
        #[cfg(test)]
        if super::gates_off() {
            return true;
        }
        if self.empty_form {
            return true;
        }
        let Some(&first) = s.as_bytes().first() else {
            return false;
        };
        if !first.is_ascii() {
            return true;
        }
        if !first.is_ascii_alphabetic() {
            return self.other_firsts.contains(&char::from(first));
        }
        let run = ascii_letters(s);
        if s.as_bytes().get(run).is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        // Both keys exist exactly when the run has at most 16 letters.
        let Some(folded) = leading_word_key(s) else {
            return true;
        };
        if !self.lower_runs.may_contain(folded) {
            return false;
        }
        match key(&s[..run]) {
            Some(exact) => self.exact_runs.contains(&exact) || self.folded_runs.contains(&folded),
            None => true,
        }
    }
}

/// [`normalise_words`] of `text`, handed to `f`: written on the stack when
/// `text` is short ASCII (every look-up after a figure's number is), so a
/// key that is looked up and thrown away is never allocated.
pub(crate) fn with_normalised_words<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 48];
    if text.len() <= buf.len() && text.is_ascii() {
        // the key is never longer than the text
        let mut len = 0;
        for word in text.split_whitespace() {
            if len > 0 {
                buf[len] = b' ';
                len += 1;
            }
            for (slot, byte) in buf[len..].iter_mut().zip(word.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
            len += word.len();
        }
        if let Ok(key) = std::str::from_utf8(&buf[..len]) {
            return f(key);
        }
    }
    f(&normalise_words(text))
}

/// Lower case with single spaces between words, the key form of names.
/// The unit and currency look-ups make this key for every figure's next
/// words, so it is built in one string, copying ASCII words byte by byte.
pub(crate) fn normalise_words(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Whole words, so a final sigma lower-cases as a final sigma.
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_and_index() {
        assert!(numbers().scale_words.contains_key("million"));
        assert!(units().symbols.contains_key("km"));
        assert!(units().names.contains_key("square kilometres"));
        assert!(currencies().names.contains_key("yuan"));
        assert_eq!(currencies().prefixes.first().map(|p| p.0.len()), Some(5));
    }

    #[test]
    fn normalised_words_are_lower_case_with_single_spaces() {
        for text in [
            "Square  Kilometres",
            " US\tDollars ",
            "ΟΔΟΣ Σ",
            "Ǆemal İzmir",
            "",
            "km",
            "Sq\u{b}KM\r\n  Per\tHour ",
            "a longer text than the key buffer holds, in ASCII words",
        ] {
            let expected = text
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(normalise_words(text), expected, "{text:?}");
            assert_eq!(
                with_normalised_words(text, str::to_string),
                expected,
                "{text:?}"
            );
        }
    }
}
