//! A small read-only table from lower-case words to flag bits, for the word
//! tests the scanner makes at nearly every word. Words of at most 16 bytes
//! (nearly all list words) are packed into integers and found in a hash map
//! with a multiply-and-rotate hash (one probe, where a binary search took
//! about ten mispredicted comparisons); longer words are kept in a sorted
//! list.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A word of at most 16 bytes packed into an integer that sorts and compares
/// like the word (no word holds a zero byte).
pub(crate) fn key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut buffer = [0u8; 16];
    buffer[..bytes.len()].copy_from_slice(bytes);
    Some(u128::from_be_bytes(buffer))
}

/// An ASCII word of letters, apostrophes and hyphens (bytes whose bit
/// 0x20 is the case bit or already set), lower-cased and packed as [`key`]
/// packs it; None when it is longer than 16 bytes or not ASCII.
pub(crate) fn folded_key(word: &str) -> Option<u128> {
    if !word.is_ascii() || word.is_empty() {
        return None;
    }
    let packed = key(word)?;
    let bytes = u128::MAX << (8 * (16 - word.len()));
    Some(packed | (bytes & BIT_20))
}

/// The leading ASCII letters of `input`, lower-cased and packed as [`key`]
/// packs a word; None when there are none or more than 16. The scanner asks
/// this at nearly every word, so the word goes straight into its key rather
/// than being copied out as a string first.
pub(crate) fn leading_word_key(input: &str) -> Option<u128> {
    leading_word_key_of_bytes(input.as_bytes())
}

/// [`leading_word_key`] of text given as bytes: the scanner cuts its text
/// at word starts as bytes, which needs no test that the cut falls between
/// characters (a letter is ASCII, so the key reads whole characters).
#[inline]
pub(crate) fn leading_word_key_of_bytes(bytes: &[u8]) -> Option<u128> {
    // Most words are shorter than eight letters: their key is read from the
    // first eight bytes alone, with 64-bit arithmetic (the 128-bit form
    // costs about twice as many instructions).
    let head = match bytes.first_chunk::<8>() {
        Some(chunk) => u64::from_be_bytes(*chunk),
        None => {
            let mut padded = [0u8; 8];
            padded[..bytes.len()].copy_from_slice(bytes);
            u64::from_be_bytes(padded)
        }
    };
    let len = leading_letters_64(head);
    if len < 8 {
        if len == 0 {
            return None;
        }
        let letters = u64::MAX << (8 * (8 - len));
        // Every byte kept is an ASCII letter, which bit 0x20 lower-cases.
        let lower = (head & letters) | (letters & (BIT_20 as u64));
        return Some(u128::from(lower) << 64);
    }
    leading_word_key_16(bytes)
}

/// [`leading_word_key`] for a word of eight letters or more: its first
/// eight bytes are all letters, and the next eight are read and tested as
/// the first were, on 64 bits (the 128-bit form cost about a tenth more in
/// all), zero-padded where the text ends. (The first eight are read again
/// rather than passed: one more argument live across the scanner's call
/// cost more in the scanner than it saved here.)
#[inline(never)]
fn leading_word_key_16(bytes: &[u8]) -> Option<u128> {
    let (head, rest) = bytes.split_first_chunk::<8>()?;
    let head = u64::from_be_bytes(*head);
    let tail = match rest.first_chunk::<8>() {
        Some(chunk) => u64::from_be_bytes(*chunk),
        None => {
            let mut padded = [0u8; 8];
            padded[..rest.len()].copy_from_slice(rest);
            u64::from_be_bytes(padded)
        }
    };
    let len = leading_letters_64(tail);
    if len == 8 && bytes.get(16).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let bit_20 = BIT_20 as u64;
    // The letters of `tail` (none when the word has eight).
    let letters = u64::MAX.checked_shl(8 * (8 - len) as u32).unwrap_or(0);
    let high = head | bit_20;
    let low = (tail & letters) | (letters & bit_20);
    Some((u128::from(high) << 64) | u128::from(low))
}

/// 0x01 in every byte of a u128.
const EACH_BYTE: u128 = u128::MAX / 0xFF;
/// 0x20 (the lower-case bit of ASCII letters) in every byte.
const BIT_20: u128 = EACH_BYTE * 0x20;
/// 0x7F in every byte.
const LOW_7: u128 = EACH_BYTE * 0x7F;
/// 0x80 (the top bit) in every byte.
const TOP_BIT: u128 = EACH_BYTE * 0x80;

/// How many of the 8 bytes of `word` (the first in the top byte) are ASCII
/// letters before the first that is not, tested all at once: a byte is a
/// letter when, with bit 0x20 set and bit 0x80 clear, it lies in 'a'..='z',
/// which two additions per byte (that cannot carry into the next byte)
/// show in the byte's top bit.
fn leading_letters_64(word: u64) -> usize {
    let each_byte = EACH_BYTE as u64;
    let low7 = (word | (BIT_20 as u64)) & (LOW_7 as u64);
    let at_least_a = low7 + each_byte * (0x80 - u64::from(b'a'));
    let past_z = low7 + each_byte * (0x80 - (u64::from(b'z') + 1));
    let top = TOP_BIT as u64;
    let letter = at_least_a & !past_z & !word & top;
    let not_letter = !letter & top;
    (not_letter.leading_zeros() / 8) as usize
}

/// A hash map keyed by packed words ([`key`], [`leading_word_key`]).
pub(crate) type PackedMap<V> = HashMap<u128, V, BuildHasherDefault<PackedHasher>>;
/// A hash set of packed words ([`key`], [`leading_word_key`]).
pub(crate) type PackedSet = HashSet<u128, BuildHasherDefault<PackedHasher>>;

/// The hash of a packed word. FxHash multiplies each 64-bit half by one
/// constant, so the zero bytes that pad a short word stay zero in the
/// product's low bits: every word of up to four letters got the same
/// hashbrown tag (the hash's top seven bits) and two-letter words shared
/// their low bits too, so a look-up walked a long probe comparing whole keys.
/// One full 64 x 64 -> 128-bit multiply of the two halves, folded to 64
/// bits, spreads every byte of the word over every bit of the hash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PackedHasher(u64);

/// The folded multiply (as in wyhash): the high and low halves of the full
/// product, combined.
fn fold_multiply(a: u64, b: u64) -> u64 {
    const SEED_A: u64 = 0xa076_1d64_78bd_642f;
    const SEED_B: u64 = 0xe703_7ed1_a0b4_28db;
    let product = u128::from(a ^ SEED_A) * u128::from(b ^ SEED_B);
    (product as u64) ^ ((product >> 64) as u64)
}

impl Hasher for PackedHasher {
    fn write_u128(&mut self, packed: u128) {
        self.0 = fold_multiply(self.0 ^ (packed >> 64) as u64, packed as u64);
    }

    // Only packed words are hashed with this; other input still hashes
    // soundly, a byte at a time.
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = fold_multiply(self.0, u64::from(byte));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A Bloom filter of packed words ([`key`], [`leading_word_key`]): one bit
/// of 4,096 per word, chosen by a multiplicative hash of the word's halves.
/// Nearly every word of a text is in none of the small tables looked up at
/// word starts, and the filter says so with one multiply and one load where
/// a hash-table probe takes several times that; a word whose bit is set is
/// then looked up in the table itself.
#[derive(Debug, Clone)]
pub(crate) struct PackedFilter {
    bits: [u64; FILTER_WORDS],
}

const FILTER_WORDS: usize = 64;

impl Default for PackedFilter {
    fn default() -> PackedFilter {
        PackedFilter {
            bits: [0; FILTER_WORDS],
        }
    }
}

impl PackedFilter {
    /// The filter bit of a packed word: its word of the filter and its bit.
    fn bit(packed: u128) -> (usize, u64) {
        let mixed = ((packed as u64) ^ ((packed >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let index = (mixed >> (64 - 12)) as usize;
        (index / 64, 1 << (index % 64))
    }

    pub(crate) fn insert(&mut self, packed: u128) {
        let (word, bit) = PackedFilter::bit(packed);
        self.bits[word] |= bit;
    }

    /// False when `packed` was never inserted; true when it may have been.
    pub(crate) fn may_contain(&self, packed: u128) -> bool {
        let (word, bit) = PackedFilter::bit(packed);
        self.bits[word] & bit != 0
    }
}

/// Words with flag bits (or, for words listed once, any non-zero number); a
/// word listed more than once has the union of its bits.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    short: PackedMap<u32>,
    long: Vec<(Box<str>, u32)>,
}

impl WordTable {
    pub(crate) fn new<'w>(entries: impl IntoIterator<Item = (&'w str, u32)>) -> WordTable {
        let mut table = WordTable::default();
        for (word, bits) in entries {
            match key(word) {
                Some(k) => *table.short.entry(k).or_default() |= bits,
                None => table.long.push((word.into(), bits)),
            }
        }
        merge_duplicates(&mut table.long);
        table
    }

    /// The bits of the word packed as `packed` (see [`key`]), 0 when it is
    /// not in the table.
    pub(crate) fn get_key(&self, packed: u128) -> u32 {
        self.short.get(&packed).copied().unwrap_or(0)
    }

    /// The bits of the two words `first` and `second` joined by one space
    /// (a two-word entry such as "going to"), as [`WordTable::get`] gives
    /// them for the joined text, without building it.
    pub(crate) fn get_pair(&self, first: &str, second: &str) -> u32 {
        let len = first.len() + 1 + second.len();
        if len <= 16 {
            let mut buffer = [0u8; 16];
            buffer[..first.len()].copy_from_slice(first.as_bytes());
            buffer[first.len()] = b' ';
            buffer[first.len() + 1..len].copy_from_slice(second.as_bytes());
            return self.get_key(u128::from_be_bytes(buffer));
        }
        let joined = || first.bytes().chain([b' ']).chain(second.bytes());
        self.long
            .binary_search_by(|(w, _)| w.bytes().cmp(joined()))
            .map_or(0, |i| self.long[i].1)
    }

    /// The bits of `word`, 0 when it is not in the table. Callers pass words
    /// cut at non-word characters, so they hold no zero byte (see [`key`]).
    pub(crate) fn get(&self, word: &str) -> u32 {
        match key(word) {
            Some(k) => self.get_key(k),
            None => self
                .long
                .binary_search_by(|(w, _)| w.as_ref().cmp(word))
                .map_or(0, |i| self.long[i].1),
        }
    }
}

/// Sorts by word and keeps one entry per word, with the union of its bits.
fn merge_duplicates(entries: &mut Vec<(Box<str>, u32)>) {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every two-letter word's hash, as a hash map with 1,024 buckets
    /// would split it: its bucket (low bits) and its tag (top seven bits).
    #[test]
    fn short_words_spread_over_buckets_and_tags() {
        use std::hash::BuildHasher;
        let hasher = BuildHasherDefault::<PackedHasher>::default();
        let mut buckets = HashSet::new();
        let mut tags = HashSet::new();
        for first in b'a'..=b'z' {
            for second in b'a'..=b'z' {
                let word = [first, second];
                let packed = key(std::str::from_utf8(&word).unwrap()).unwrap();
                let hash = hasher.hash_one(packed);
                buckets.insert(hash & 1023);
                tags.insert(hash >> 57);
            }
        }
        // 676 words: FxHash gave them one bucket in 1,024 and a single tag
        assert!(buckets.len() > 350, "{} buckets", buckets.len());
        assert_eq!(tags.len(), 128);
    }

    #[test]
    fn finds_short_and_long_words_with_all_their_bits() {
        let table = WordTable::new([
            ("said", 1),
            ("internationalisation", 2),
            ("said", 4),
            ("a", 2),
        ]);
        assert_eq!(table.get("said"), 5);
        assert_eq!(table.get("a"), 2);
        assert_eq!(table.get("internationalisation"), 2);
        assert_eq!(table.get("sai"), 0);
        assert_eq!(table.get("saids"), 0);
        assert_eq!(table.get(""), 0);
        assert_eq!(table.get("internationalisations"), 0);
    }

    #[test]
    fn finds_pairs_as_their_joined_text() {
        let table = WordTable::new([("going to", 1), ("is expected to be", 2)]);
        assert_eq!(table.get_pair("going", "to"), 1);
        assert_eq!(table.get_pair("is", "expected to be"), 2);
        assert_eq!(table.get_pair("is expected", "to be"), 2);
        assert_eq!(table.get_pair("is", "expected"), 0);
        assert_eq!(table.get_pair("going", "toward"), 0);
    }

    #[test]
    fn packs_the_leading_letters_lower_cased() {
        assert_eq!(leading_word_key("Said, 5"), key("said"));
        assert_eq!(
            leading_word_key("sixteenlettersxx!"),
            key("sixteenlettersxx")
        );
        assert_eq!(leading_word_key("seventeenletterss"), None);
        assert_eq!(leading_word_key("5 said"), None);
        assert_eq!(leading_word_key("ZzAa-"), key("zzaa"));
        assert_eq!(leading_word_key("Ökonomie"), None);
        assert_eq!(leading_word_key("aÖ"), key("a"));
        assert_eq!(leading_word_key(""), None);
        let table = WordTable::new([("said", 3)]);
        assert_eq!(table.get_key(leading_word_key("SAID it").unwrap()), 3);
    }

    /// The word-at-once reading agrees with a byte-by-byte one on every
    /// kind of byte around letters.
    #[test]
    fn packs_as_a_byte_by_byte_reading_does() {
        let reference = |input: &str| {
            let len = input
                .bytes()
                .take(17)
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if len == 0 || len > 16 {
                return None;
            }
            key(&input[..len].to_ascii_lowercase())
        };
        let pieces = [
            "a", "Z", "m", "@", "[", "`", "{", "0", "9", " ", "-", "'", "é", "Ö", "\u{7f}", "\0",
        ];
        for first in pieces {
            for second in pieces {
                for len in [0, 1, 5, 6, 7, 8, 9, 14, 15, 16, 17] {
                    let input = format!("{}{first}{second}x", "q".repeat(len));
                    assert_eq!(leading_word_key(&input), reference(&input), "{input:?}");
                    let input = format!("{}{first}", "Q".repeat(len));
                    assert_eq!(leading_word_key(&input), reference(&input), "{input:?}");
                }
            }
        }
    }
}
