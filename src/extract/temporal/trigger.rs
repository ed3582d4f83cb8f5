//! The trigger check on a word's first word: which words can open a temporal
//! expression at all, looked up in one hash table of packed words built
//! once, so the scanner pays one probe per word rather than a pass over
//! every month, weekday and keyword list.

use std::sync::OnceLock;

use jiff::civil::Weekday;

use super::absolute::DECADE_NAMES;
use super::words;
use crate::calendar;

use crate::extract::word_table::{key, PackedMap};

/// What a (lower-case) word can do at the start of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Temporal in itself: a month, weekday, unit, deictic word, season,
    /// holiday, the first word of a spoken year.
    Temporal,
    /// Opens an expression only before a temporal word: "the", "last",
    /// "about", number words.
    Opener,
}

/// The class of the first word of `input` (its leading ASCII letters,
/// lower-cased), as [`class`] gives it for that word. (The scanner packs
/// the word itself and asks [`class_of`].)
#[cfg(test)]
fn first_word_class(input: &str) -> Option<Class> {
    class_of(crate::extract::word_table::leading_word_key(input)?)
}

/// The class of a word packed by `leading_word_key`.
// Inlined: the scanner asks at nearly every word, and most words are
// turned away by the filter in a few instructions, less than a call costs.
#[inline]
pub(super) fn class_of(packed: u128) -> Option<Class> {
    if is_q_pair(packed) {
        return Some(Class::Temporal);
    }
    lookup(packed)
}

/// Whether the packed word is two letters starting with 'q' ("qa", "qz"),
/// which [`class_of`] takes for a quarter whatever the table says.
#[inline]
pub(super) fn is_q_pair(packed: u128) -> bool {
    let letters = packed.to_be_bytes();
    letters[0] == b'q' && letters[1] != 0 && letters[2] == 0
}

/// A necessary condition for [`class_of`] to give a class: a word whose
/// filter bit is set (the filter holds the two-letter 'q' words too). The
/// scanner asks at every word, and this is a few instructions, inlined,
/// without probing the map.
#[inline]
pub(super) fn may_have_class(packed: u128) -> bool {
    table().filter.may_hold(packed)
}

/// Every word of the table with its class (those [`class_of`] gives
/// besides the two-letter 'q' words).
pub(super) fn classes() -> impl Iterator<Item = (u128, Class)> {
    table().classes.iter().map(|(key, class)| (*key, *class))
}

/// The class of a lower-case ASCII word, None when it cannot open a
/// temporal expression. The scanner asks [`class_of`]; this is the
/// word-level definition its tests compare with.
#[cfg(test)]
fn class(word: &str) -> Option<Class> {
    // "Q3", "q1": a quarter.
    if word.len() == 2 && word.starts_with('q') {
        return Some(Class::Temporal);
    }
    lookup(key(word)?)
}

/// Whether a word that starts with the bytes `word` starts with can be
/// [`Class::Temporal`] as [`class_of`] reads its leading letters: whether
/// some temporal word starts with the same three letters (or is the same
/// word of one or two letters). Read from three bytes, without packing the
/// word, it turns away nearly all of the words after an opener: two
/// letters let "the", "to", "in", "with", "said" and "has" through (as
/// "thursday", "today", "independence", "winter", "saturday" and "half"
/// start like them), three turn them away.
#[inline]
pub(super) fn may_be_temporal(word: &[u8]) -> bool {
    let Some(&first) = word.first().filter(|b| b.is_ascii_alphabetic()) else {
        return false;
    };
    let second = letter_or_end(word.get(1));
    let third = if second == END {
        END
    } else {
        letter_or_end(word.get(2))
    };
    let pair = usize::from((first | 0x20) - b'a') * 27 + usize::from(second);
    table().temporal_prefixes[pair] & (1 << third) != 0
}

/// A byte of a word's leading letters as [`Table::temporal_prefixes`]
/// indexes it: a letter 0 to 25 in either case, anything else (the end of
/// the letters, as `leading_word_key` packs them) [`END`].
#[inline]
fn letter_or_end(byte: Option<&u8>) -> u8 {
    match byte {
        Some(&b) if b.is_ascii_alphabetic() => (b | 0x20) - b'a',
        _ => END,
    }
}

/// The index of [`Table::temporal_prefixes`] for the end of a word's
/// letters.
const END: u8 = 26;

#[inline]
fn lookup(key: u128) -> Option<Class> {
    let table = table();
    // Most words of a text are in no class: their filter bit is clear, and
    // the map is not probed.
    if !table.filter.may_hold(key) {
        return None;
    }
    table.classes.get(&key).copied()
}

struct Table {
    classes: PackedMap<Class>,
    filter: Filter,
    /// By the first two letters of a temporal word (27 entries for each
    /// first letter: a second letter, or [`END`] for a word of one), a bit
    /// for its third letter (or [`END`]).
    temporal_prefixes: Box<[u32]>,
}

/// A one-hash Bloom filter over the packed words of a table: a word whose
/// bit is clear is certainly not in it. At a few hundred words in 65,536
/// bits, nearly every other word is turned away by one multiplication and
/// one load. (The tense word lists use one too.)
pub(super) struct Filter(Box<[u64]>);

impl Filter {
    const BITS: u32 = 16;

    pub(super) fn new(keys: impl IntoIterator<Item = u128>) -> Filter {
        let mut bits = vec![0u64; (1 << Self::BITS) / 64].into_boxed_slice();
        for key in keys {
            let at = Self::position(key);
            bits[at / 64] |= 1 << (at % 64);
        }
        Filter(bits)
    }

    #[inline]
    fn position(key: u128) -> usize {
        // The first eight letters are the high half; a longer word's rest
        // is folded in.
        let folded = ((key >> 64) as u64) ^ (key as u64);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }

    #[inline]
    pub(super) fn may_hold(&self, key: u128) -> bool {
        let at = Self::position(key);
        self.0[at / 64] & (1 << (at % 64)) != 0
    }
}

#[inline]
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build)
}

fn build() -> Table {
    let static_temporal = TEMPORAL_WORDS
        .iter()
        .chain(&DECADE_NAMES)
        .copied()
        .chain(words::unit_words());
    let calendar_words = calendar_words();
    let temporal = calendar_words
        .iter()
        .filter_map(|w| key(w))
        .chain(static_temporal.filter_map(key))
        .map(|k| (k, Class::Temporal));
    let openers = OPENERS.iter().copied().chain(words::count_words());
    let classified = temporal.chain(openers.filter_map(key).map(|k| (k, Class::Opener)));
    let mut classes = PackedMap::default();
    for (key, class) in classified {
        // A word in both lists ("twenty") keeps its first, stronger class.
        classes.entry(key).or_insert(class);
    }
    let mut temporal_prefixes = vec![0u32; 26 * 27].into_boxed_slice();
    let q = usize::from(b'q' - b'a') * 27;
    // "Q3", "qa": every two-letter word starting with 'q' (see `class_of`).
    for second in 0..26 {
        temporal_prefixes[q + second] |= 1 << END;
    }
    for (key, class) in &classes {
        let [first, second, third, ..] = key.to_be_bytes();
        if *class != Class::Temporal || !first.is_ascii_lowercase() {
            continue;
        }
        // A byte that is no letter ends the word's letters, which is the
        // only way `leading_word_key` packs it.
        let second = letter_or_end(Some(&second));
        let third = if second == END {
            END
        } else {
            letter_or_end(Some(&third))
        };
        temporal_prefixes[usize::from(first - b'a') * 27 + usize::from(second)] |= 1 << third;
    }
    // The filter holds the two-letter 'q' words besides the table's, so
    // that the scanner's test at every word is one probe of it.
    let q_pairs =
        (b'a'..=b'z').filter_map(|second| key(std::str::from_utf8(&[b'q', second]).ok()?));
    Table {
        filter: Filter::new(classes.keys().copied().chain(q_pairs)),
        classes,
        temporal_prefixes,
    }
}

/// The month and weekday names and the abbreviations the calendar parsers
/// read, lower-case. Every abbreviation is a prefix of its name ("sept",
/// "tue"), so the prefixes the parsers accept are all of them.
pub(super) fn calendar_words() -> Vec<String> {
    let months = (1..=12).map(calendar::month_name);
    let weekdays = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .map(calendar::weekday_name);
    let mut found = Vec::new();
    for name in months.chain(weekdays) {
        let name = name.to_ascii_lowercase();
        for end in 1..=name.len() {
            let word = &name[..end];
            if calendar::month(word).is_ok() || calendar::weekday(word).is_ok() {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// Temporal words besides months, weekdays, units and decades.
const TEMPORAL_WORDS: [&str; 38] = [
    "today",
    "tonight",
    "tomorrow",
    "yesterday",
    "now",
    "currently",
    "nowadays",
    "presently",
    "recently",
    "lately",
    "previously",
    "recent",
    "soon",
    "someday",
    "ago",
    "past",
    "future",
    "weekend",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "fiscal",
    "fy",
    "q",
    "aged",
    "christmas",
    "halloween",
    "valentine",
    "independence",
    "thanksgiving",
    "half",
    "halves",
    "eighteen",
    "nineteen",
    "twenty",
    "thousand",
];

/// Words that open a temporal expression without being temporal themselves
/// ("the past decade", "about two years", "last week", "more than a year").
const OPENERS: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "last",
    "next",
    "previous",
    "following",
    "coming",
    "early",
    "earlier",
    "late",
    "later",
    "mid",
    "first",
    "second",
    "third",
    "fourth",
    "from",
    "between",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "more",
    "over",
    "under",
    "less",
    "fewer",
    "at",
    "up",
    "no",
    "just",
    "close",
    "upwards",
    "new",
    "each",
    "within",
    "right",
    "not",
    "long",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_calendar_word() {
        let words = calendar_words();
        for word in [
            "january", "sept", "sep", "dec", "may", "tuesday", "tue", "sun",
        ] {
            assert!(words.iter().any(|w| w == word), "{word}");
        }
        assert!(!words.iter().any(|w| w == "marc" || w == "t"));
    }

    #[test]
    fn the_filter_holds_every_word_of_the_table() {
        let table = table();
        for key in table.classes.keys() {
            assert!(table.filter.may_hold(*key));
        }
        // And every two-letter 'q' word, which `class_of` gives a class
        // without the table.
        for second in 'a'..='z' {
            let packed = key(&format!("q{second}")).unwrap_or_default();
            assert!(is_q_pair(packed) && may_have_class(packed), "q{second}");
        }
        // And turns most others away.
        let others = ["said", "company", "people", "government", "would"];
        let held = others
            .iter()
            .filter(|w| table.filter.may_hold(key(w).unwrap_or_default()))
            .count();
        assert!(held <= 1, "{held}");
    }

    #[test]
    fn every_temporal_word_passes_the_prefix_test() {
        let table = table();
        for (key, class) in &table.classes {
            let bytes = key.to_be_bytes();
            let letters = bytes.iter().take_while(|b| b.is_ascii_lowercase()).count();
            if *class == Class::Temporal && letters > 0 {
                let word = &bytes[..letters];
                assert!(may_be_temporal(word), "{:?}", String::from_utf8_lossy(word));
                // Whatever follows the letters.
                assert!(may_be_temporal(&[word, b"-"].concat()));
            }
        }
        assert!(may_be_temporal(b"Q3"));
        assert!(may_be_temporal(b"qz"));
        assert!(may_be_temporal(b"November"));
        assert!(may_be_temporal(b"Q"));
        assert!(may_be_temporal(b"Sept."));
        assert!(!may_be_temporal(b"company"));
        assert!(!may_be_temporal(b"3 years"));
        for common in ["the", "to", "in", "with", "said", "has", "will", "from"] {
            assert!(!may_be_temporal(common.as_bytes()), "{common}");
        }
    }

    proptest::proptest! {
        /// The prefix test is a necessary condition: no word that
        /// [`class_of`] makes temporal is turned away by it, whatever
        /// follows the word's letters.
        #[test]
        fn the_prefix_test_passes_every_temporal_word(
            word in proptest::sample::select(vec![
                "to", "today", "Tod", "th", "thu", "Thursday", "q", "Q", "qz", "qzz", "mar",
                "Marc", "march", "may", "ma", "m", "sept", "se", "sun", "su", "fy", "f",
                "year", "ye", "yr", "yrs", "ago", "a", "in", "inde", "independence", "half",
                "ha", "weekend", "we", "w", "twenty", "tw", "mid", "x",
            ]),
            tail in "[a-zA-Z]{0,3}[ .3'-]?",
        ) {
            let text = format!("{word}{tail}");
            let temporal = crate::extract::word_table::leading_word_key(&text)
                .and_then(class_of)
                == Some(Class::Temporal);
            if temporal {
                proptest::prop_assert!(may_be_temporal(text.as_bytes()), "{:?}", text);
            }
        }
    }

    #[test]
    fn classifies_words() {
        assert_eq!(class("november"), Some(Class::Temporal));
        assert_eq!(class("sept"), Some(Class::Temporal));
        assert_eq!(class("years"), Some(Class::Temporal));
        assert_eq!(class("q3"), Some(Class::Temporal));
        assert_eq!(class("twenty"), Some(Class::Temporal));
        assert_eq!(class("the"), Some(Class::Opener));
        assert_eq!(class("seven"), Some(Class::Opener));
        assert_eq!(class("several"), Some(Class::Opener));
        assert_eq!(class("novel"), None);
        assert_eq!(class("month-end"), None);
        assert_eq!(class("internationalisation"), None);
    }

    #[test]
    fn first_word_class_reads_the_leading_letters() {
        for input in [
            "November 5",
            "Q3 results",
            "Sept. 4",
            "the past",
            "novel idea",
            "internationalisation",
            "Qa",
        ] {
            let mut buffer = [0u8; 16];
            let expected = crate::extract::leading_word_lower(input, &mut buffer).and_then(class);
            assert_eq!(first_word_class(input), expected, "{input}");
        }
        assert_eq!(first_word_class("Q3"), Some(Class::Temporal));
        assert_eq!(first_word_class("November"), Some(Class::Temporal));
        assert_eq!(first_word_class("The"), Some(Class::Opener));
        assert_eq!(first_word_class("Qa"), Some(Class::Temporal));
        assert_eq!(first_word_class("5 November"), None);
        assert_eq!(first_word_class("sixteenlettersxx"), None);
    }
}
