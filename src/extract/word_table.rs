//! A small read-only table from lower-case words to flag bits, for the word
//! tests the scanner makes at nearly every word. Words of at most 16 bytes
//! (nearly all list words) are packed into integers and found by binary
//! search, which costs a few integer comparisons rather than a hash or a
//! run of string comparisons; longer words are kept in a sorted list.

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

/// Words with flag bits (or, for words listed once, any non-zero number); a
/// word listed more than once has the union of its bits.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    short: Vec<(u128, u32)>,
    long: Vec<(Box<str>, u32)>,
}

impl WordTable {
    pub(crate) fn new<'w>(entries: impl IntoIterator<Item = (&'w str, u32)>) -> WordTable {
        let mut table = WordTable::default();
        for (word, bits) in entries {
            match key(word) {
                Some(k) => table.short.push((k, bits)),
                None => table.long.push((word.into(), bits)),
            }
        }
        merge_duplicates(&mut table.short);
        merge_duplicates(&mut table.long);
        table
    }

    /// The bits of `word`, 0 when it is not in the table. Callers pass words
    /// cut at non-word characters, so they hold no zero byte (see [`key`]).
    pub(crate) fn get(&self, word: &str) -> u32 {
        match key(word) {
            Some(k) => self
                .short
                .binary_search_by_key(&k, |&(k, _)| k)
                .map_or(0, |i| self.short[i].1),
            None => self
                .long
                .binary_search_by(|(w, _)| w.as_ref().cmp(word))
                .map_or(0, |i| self.long[i].1),
        }
    }
}

/// Sorts by word and keeps one entry per word, with the union of its bits.
fn merge_duplicates<K: Ord>(entries: &mut Vec<(K, u32)>) {
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
}
