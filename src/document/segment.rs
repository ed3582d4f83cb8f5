//! Paragraph and sentence segmentation. Sentence bounds come from Unicode's
//! rules (UAX #29) and are then merged back where the word before a full stop
//! is an abbreviation from rules/abbreviations.toml or a single initial.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::Sentence;
use crate::lexicon;

/// Paragraphs: runs of lines separated by blank lines. A text with no blank
/// line at all is read as one paragraph per line.
pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = line_ranges(text);
    let has_blank_line = lines.iter().any(|r| text[r.clone()].trim().is_empty());
    // No more paragraphs than lines.
    let mut paragraphs = Vec::with_capacity(lines.len());
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        let content = trim_range(text, line);
        if content.is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        current = match current {
            Some(open) if has_blank_line => Some(open.start..content.end),
            Some(open) => {
                paragraphs.push(open);
                Some(content)
            }
            None => Some(content),
        };
    }
    paragraphs.extend(current);
    paragraphs
}

/// The first paragraph when it is a single line that reads as a title.
pub(super) fn headline(text: &str, paragraphs: &[Range<usize>]) -> Option<Range<usize>> {
    let first = paragraphs.first()?;
    let line = &text[first.clone()];
    let stands_alone = !line.contains('\n') && paragraphs.len() > 1;
    let reads_as_title = line.chars().count() <= 200 && !line.ends_with(['.', ',', ';', ':']);
    (stands_alone && reads_as_title).then(|| first.clone())
}

/// Sentences of every paragraph, in text order.
pub(super) fn sentences(text: &str, paragraphs: &[Range<usize>]) -> Vec<Sentence> {
    let abbreviations = Abbreviations::get();
    // Room for a sentence per paragraph and one per 128 bytes, so the list
    // seldom grows (news sentences run to about 120 bytes).
    let mut sentences = Vec::with_capacity(paragraphs.len() + text.len() / 128);
    // One buffer for every paragraph's breaks.
    let mut breaks = Vec::new();
    let mut plain = PlainParagraphs::new(text.as_bytes());
    for (paragraph, range) in paragraphs.iter().enumerate() {
        let mut pending: Option<Range<usize>> = None;
        let paragraph_text = &text[range.clone()];
        unicode_breaks(paragraph_text, plain.is_plain(range), &mut breaks);
        for piece in pieces(&breaks, paragraph_text.len()) {
            let piece_range = range.start + piece.start..range.start + piece.end;
            let piece_range = trim_range(text, piece_range);
            if piece_range.is_empty() {
                continue;
            }
            let merged = match pending.take() {
                Some(open) => open.start..piece_range.end,
                None => piece_range,
            };
            if ends_with_abbreviation(&text[merged.clone()], abbreviations) {
                pending = Some(merged);
            } else {
                sentences.push(Sentence {
                    span: merged,
                    paragraph,
                });
            }
        }
        if let Some(open) = pending {
            sentences.push(Sentence {
                span: open,
                paragraph,
            });
        }
    }
    sentences
}

/// The pieces Unicode's sentence rules (UAX #29) cut a paragraph into, as
/// byte ranges: what `split_sentence_bound_indices` gives for the paragraph
/// with its line breaks read as spaces (inside a paragraph they are wrapping,
/// not sentence ends), without running the rules over every byte.
///
/// The rules only break after a terminator (`.` `?` `!` and non-ASCII kin)
/// or a paragraph separator (`\r` and non-ASCII ones), so they run only on
/// small windows around those characters and, to need no table of our own,
/// around every non-ASCII character. A window starts and ends at a cut: a
/// position after an ASCII letter and before an ASCII character other than a
/// full stop. No rule looks back past that letter (only SB7 looks at a
/// letter, and only right before a full stop), and SB8's look-ahead, the only
/// one that goes further than a character, stops at the first letter. So a
/// window breaks where the whole paragraph breaks, and the text between
/// windows, holding no terminator or separator, has no break.
#[cfg(test)]
fn unicode_pieces(paragraph: &str) -> Vec<Range<usize>> {
    let mut breaks = Vec::new();
    let plain = PlainParagraphs::new(paragraph.as_bytes()).is_plain(&(0..paragraph.len()));
    unicode_breaks(paragraph, plain, &mut breaks);
    pieces(&breaks, paragraph.len()).collect()
}

/// Tells which paragraphs, asked about in text order, are plain: ASCII
/// with no "\r", so only their terminators may break. It keeps the next
/// byte outside ASCII and the next "\r" at or after the last paragraph
/// asked about, so each search runs on only when a paragraph starts past
/// what it found, and the text is read about once in all.
struct PlainParagraphs<'a> {
    text: &'a [u8],
    next_non_ascii: usize,
    next_return: usize,
}

impl<'a> PlainParagraphs<'a> {
    fn new(text: &'a [u8]) -> PlainParagraphs<'a> {
        PlainParagraphs {
            text,
            next_non_ascii: super::next_non_ascii(text, 0),
            next_return: next_return(text, 0),
        }
    }

    /// Whether `range` holds only ASCII bytes other than "\r"; ranges
    /// come in text order.
    fn is_plain(&mut self, range: &Range<usize>) -> bool {
        if self.next_non_ascii < range.start {
            self.next_non_ascii = super::next_non_ascii(self.text, range.start);
        }
        if self.next_return < range.start {
            self.next_return = next_return(self.text, range.start);
        }
        self.next_non_ascii >= range.end && self.next_return >= range.end
    }
}

/// The first "\r" from `from` on, or the length.
fn next_return(text: &[u8], from: usize) -> usize {
    memchr::memchr(b'\r', &text[from..]).map_or(text.len(), |at| from + at)
}

/// The pieces between the breaks of a paragraph `len` bytes long.
fn pieces(breaks: &[usize], len: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let starts = std::iter::once(0).chain(breaks.iter().copied());
    let ends = breaks.iter().copied().chain(std::iter::once(len));
    // Only an empty paragraph gives an empty range; the library gives none.
    starts
        .zip(ends)
        .map(|(start, end)| start..end)
        .filter(|piece| !piece.is_empty())
}

/// The positions inside `paragraph` where [`unicode_pieces`] cuts it, in
/// `breaks` (cleared first). `plain`: the paragraph is ASCII with no "\r".
fn unicode_breaks(paragraph: &str, plain: bool, breaks: &mut Vec<usize>) {
    breaks.clear();
    let bytes = paragraph.as_bytes();
    let is_cut =
        |p: usize| bytes[p - 1].is_ascii_alphabetic() && bytes[p].is_ascii() && bytes[p] != b'.';
    // In an ASCII paragraph with no "\r" only the terminators may break,
    // and the vectorised search finds them.
    debug_assert_eq!(
        plain,
        paragraph.is_ascii() && memchr::memchr(b'\r', bytes).is_none()
    );
    let next = |from: usize| {
        if plain {
            memchr::memchr3(b'.', b'?', b'!', &bytes[from..]).map(|at| from + at)
        } else {
            next_may_break(bytes, from)
        }
    };
    // Windows so far cover paragraph[..done]; `done` is 0 or a cut.
    let mut done = 0;
    while let Some(hit) = next(done) {
        let start = (done + 1..=hit).rev().find(|&p| is_cut(p)).unwrap_or(done);
        let end = (hit + 1..bytes.len())
            .find(|&p| is_cut(p))
            .unwrap_or(bytes.len());
        let window = &paragraph[start..end];
        if window.is_ascii() {
            ascii_breaks(window.as_bytes(), start, breaks);
        } else {
            let flat = match window {
                wrapped if wrapped.contains('\n') => Cow::Owned(wrapped.replace('\n', " ")),
                window => Cow::Borrowed(window),
            };
            let window_breaks = flat.split_sentence_bound_indices().skip(1);
            breaks.extend(window_breaks.map(|(offset, _)| start + offset));
        }
        done = end;
    }
}

/// Whether UAX #29 may break near this byte: a terminator, a paragraph
/// separator, or part of a non-ASCII character.
fn may_break_near(byte: u8) -> bool {
    !byte.is_ascii() || matches!(byte, b'.' | b'?' | b'!' | b'\r')
}

/// The first position from `from` on whose byte `may_break_near`. Most
/// bytes are not, so it tests eight bytes at a time in a word (SWAR: a
/// byte equal to `c` is a zero byte of `word ^ c`, and a zero byte is one
/// whose high bit survives `(v - 0x01..) & !v`), and looks for the byte
/// itself only in the word that holds one.
fn next_may_break(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let holds = |c: u8, word: u64| has_zero_byte(word ^ (ONES * u64::from(c)));
    let mut at = from;
    for chunk in bytes[from..].chunks_exact(8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("chunks of eight"));
        if word & HIGHS != 0
            || holds(b'.', word)
            || holds(b'?', word)
            || holds(b'!', word)
            || holds(b'\r', word)
        {
            break;
        }
        at += 8;
    }
    let found = bytes[at..].iter().position(|&b| may_break_near(b));
    found.map(|offset| at + offset)
}

/// The sentence-break class (UAX #29) of an ASCII byte. ASCII has no
/// letters other than Upper and Lower and nothing the rules skip (Extend,
/// Format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Upper,
    Lower,
    Numeric,
    ATerm,
    STerm,
    Close,
    Sp,
    CR,
    SContinue,
    Other,
}

fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte)]
}

/// [`class`] of every byte, looked up rather than matched: the breaks read
/// the class of most bytes of every window.
static CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = class_of(byte as u8);
        byte += 1;
    }
    classes
};

const fn class_of(byte: u8) -> Class {
    match byte {
        b'A'..=b'Z' => Class::Upper,
        b'a'..=b'z' => Class::Lower,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        // A line break inside a paragraph is wrapping, read as a space.
        b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' => Class::Sp,
        b'\r' => Class::CR,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        _ => Class::Other,
    }
}

/// Adds `offset` plus each position where UAX #29 breaks an ASCII window
/// read on its own: what the library gives, found with a byte class per
/// byte instead of its table search and rule machine per character.
fn ascii_breaks(window: &[u8], offset: usize, breaks: &mut Vec<usize>) {
    let class_at = |k: usize| window.get(k).map(|&b| class(b));
    let mut i = 0;
    while i < window.len() {
        let terminator = match class(window[i]) {
            // SB4: a paragraph separator ends a sentence.
            Class::CR => {
                i += 1;
                if i < window.len() {
                    breaks.push(offset + i);
                }
                continue;
            }
            terminator @ (Class::ATerm | Class::STerm) => terminator,
            _ => {
                i += 1;
                continue;
            }
        };
        // SB9, SB10: the sentence keeps its closing marks, then its spaces.
        let mut j = i + 1;
        while class_at(j) == Some(Class::Close) {
            j += 1;
        }
        while class_at(j) == Some(Class::Sp) {
            j += 1;
        }
        let Some(next) = class_at(j) else { break };
        let full_stop = terminator == Class::ATerm;
        let bare = j == i + 1;
        // SB8: after a full stop, a lower-case letter comes before any other
        // letter, terminator or separator ("e.g. the", "p.m. (local time)").
        let lower_follows = || {
            let deciding = window[j..].iter().map(|&b| class(b)).find(|c| {
                matches!(
                    c,
                    Class::Upper | Class::Lower | Class::ATerm | Class::STerm | Class::CR
                )
            });
            deciding == Some(Class::Lower)
        };
        let goes_on = match next {
            // SB9, SB10 (the break comes after the separator), SB8a.
            Class::CR | Class::ATerm | Class::STerm | Class::SContinue => true,
            // SB6: "3.5".
            Class::Numeric if bare && full_stop => true,
            // SB7: "U.S".
            Class::Upper => {
                bare && full_stop
                    && i > 0
                    && matches!(class(window[i - 1]), Class::Upper | Class::Lower)
            }
            _ => full_stop && lower_follows(),
        };
        if !goes_on {
            breaks.push(offset + j);
        }
        i = j;
    }
}

/// The abbreviation list with a quick test in front of it: the lengths
/// its words have for each first byte. Most words before a full stop
/// ("said.", "year.") share no first byte and length with any
/// abbreviation, and need no hashing.
struct Abbreviations {
    words: &'static std::collections::HashSet<String>,
    /// Bit `n` of entry `b`: a word of `n` bytes starts with byte `b`
    /// (bit 15 for 15 bytes or more).
    lengths: [u16; 256],
}

impl Abbreviations {
    /// The list as the active packs extend it.
    fn get() -> &'static Abbreviations {
        static BUILTIN: std::sync::OnceLock<Abbreviations> = std::sync::OnceLock::new();
        lexicon::resolve(&BUILTIN, || {
            let words = lexicon::abbreviations();
            let mut lengths = [0u16; 256];
            for word in words {
                if let Some(&first) = word.as_bytes().first() {
                    lengths[usize::from(first)] |= Abbreviations::length_bit(word);
                }
            }
            Abbreviations { words, lengths }
        })
    }

    fn length_bit(word: &str) -> u16 {
        1 << word.len().min(15)
    }

    fn contains(&self, word: &str) -> bool {
        let may_hold = match word.as_bytes().first() {
            Some(&first) => self.lengths[usize::from(first)] & Abbreviations::length_bit(word) != 0,
            None => true,
        };
        may_hold && self.words.contains(word)
    }
}

fn ends_with_abbreviation(sentence: &str, abbreviations: &Abbreviations) -> bool {
    if !sentence.ends_with('.') {
        return false;
    }
    let last_word = last_word(sentence);
    let is_initial = {
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    };
    is_initial || abbreviations.contains(last_word)
}

/// What follows the last space, "(", straight or opening curly quote. Read
/// byte by byte back from the end while the bytes are ASCII (they nearly
/// always are); a character outside ASCII sends it to the char-wise search.
fn last_word(sentence: &str) -> &str {
    let bytes = sentence.as_bytes();
    let mut start = bytes.len();
    while let Some(&byte) = start.checked_sub(1).map(|i| &bytes[i]) {
        if !byte.is_ascii() {
            return last_word_by_chars(sentence);
        }
        // The ASCII characters `char::is_whitespace` takes, "(" and '"'.
        if matches!(byte, b'\t'..=b'\r' | b' ' | b'(' | b'"') {
            break;
        }
        start -= 1;
    }
    &sentence[start..]
}

fn last_word_by_chars(sentence: &str) -> &str {
    sentence
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("")
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut start = 0;
    let mut lines = Vec::new();
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(start..i);
        start = i + 1;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        let paragraphs = paragraphs(text);
        sentences(text, &paragraphs)
            .into_iter()
            .map(|s| &text[s.span])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text =
            "Mr. Smith met Dr. J. Jones of Acme Inc. in the U.S. Treasury on Jan. 5. It rained.";
        assert_eq!(
            sentence_texts(text),
            vec![
                "Mr. Smith met Dr. J. Jones of Acme Inc. in the U.S. Treasury on Jan. 5.",
                "It rained."
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_wrapped_lines_join() {
        let text = "Title here\n\nFirst line\nwraps on. Second one.\n\nLast.";
        let paragraphs = paragraphs(text);
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(headline(text, &paragraphs), Some(0..10));
        assert_eq!(
            sentence_texts(text),
            vec![
                "Title here",
                "First line\nwraps on.",
                "Second one.",
                "Last."
            ]
        );
    }

    /// The straightforward segmentation `unicode_pieces` must match: the
    /// library over the whole paragraph, line breaks read as spaces.
    fn unicode_pieces_oracle(paragraph: &str) -> Vec<Range<usize>> {
        paragraph
            .replace('\n', " ")
            .split_sentence_bound_indices()
            .map(|(offset, piece)| offset..offset + piece.len())
            .collect()
    }

    /// Words, figures, abbreviations, quotes, brackets, terminators, spaces
    /// and line breaks, ASCII and not, including characters the sentence
    /// rules skip (combining marks, soft hyphen) and paragraph separators.
    const PIECES: &[&str] = &[
        "the", "said", "Smith", "IBM", "x", "A", "e", "3", "12", "3.5", "1990s", "Mr.", "Dr.",
        "U.S.", "Inc.", "a.m.", "J.", "etc.", "\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")",
        "[", "]", "{", "}", ".", ".", ".", "?", "!", "…", "...", "?!", ";", ",", ":", "-", "—",
        " ", " ", " ", "  ", "\t", "\u{a0}", "\n", "\n", "\r\n", "\r", "é", "Élan", "ß", "straße",
        "日本", "Ωmega", "ω", "。", "！", "‼", "？", "．", "\u{2024}", "\u{2028}", "\u{2029}",
        "\u{85}", "\u{301}", "\u{ad}", "\u{200d}", "٣", "½", "£", "€5", "🙂",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn unicode_pieces_match_the_library_on_news_like_text(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60)
        ) {
            let paragraph = pieces.concat();
            proptest::prop_assert_eq!(unicode_pieces(&paragraph), unicode_pieces_oracle(&paragraph));
        }

        #[test]
        fn unicode_pieces_match_the_library_on_ascii_text(paragraph in "[\\x00-\\x7f]{0,80}") {
            proptest::prop_assert_eq!(unicode_pieces(&paragraph), unicode_pieces_oracle(&paragraph));
        }

        #[test]
        fn unicode_pieces_match_the_library_on_any_text(paragraph in "(?s).{0,80}") {
            proptest::prop_assert_eq!(unicode_pieces(&paragraph), unicode_pieces_oracle(&paragraph));
        }
    }

    proptest::proptest! {
        #[test]
        fn next_may_break_finds_the_first_such_byte(
            bytes in proptest::collection::vec(proptest::sample::select(
                &b"ab .?!\r\n\xc3\xa9"[..]), 0..70),
            from in 0usize..70,
        ) {
            let from = from.min(bytes.len());
            let expected = bytes[from..].iter().position(|&b| may_break_near(b)).map(|p| from + p);
            proptest::prop_assert_eq!(next_may_break(&bytes, from), expected);
            // What the search for terminators alone relies on.
            if bytes.is_ascii() && !bytes.contains(&b'\r') {
                let terminator = memchr::memchr3(b'.', b'?', b'!', &bytes[from..]).map(|p| from + p);
                proptest::prop_assert_eq!(terminator, expected);
            }
        }
    }

    proptest::proptest! {
        /// Asked about ranges in text order, the kept searches answer as a
        /// fresh look at each range would.
        #[test]
        fn plain_paragraphs_are_the_ascii_ones_without_returns(
            pieces in proptest::collection::vec(proptest::sample::select(
                &["said", " ", ".", "\n", "\n\n", "\r", "é", "£5", "the quick brown fox jumps"][..]), 0..40),
            cuts in proptest::collection::vec(0usize..200, 0..10),
        ) {
            let text = pieces.concat();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            let mut plain = PlainParagraphs::new(text.as_bytes());
            for pair in cuts.chunks_exact(2) {
                let range = pair[0]..pair[1];
                let bytes = &text.as_bytes()[range.clone()];
                let expected = bytes.is_ascii() && !bytes.contains(&b'\r');
                proptest::prop_assert_eq!(plain.is_plain(&range), expected);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn last_word_reads_as_the_char_wise_search(
            pieces in proptest::collection::vec(proptest::sample::select(
                &["said.", "Mr.", " ", "\t", "\n", "\x0B", "\x0C", "\r", "(", "\"", "“", "\u{85}",
                  "\u{a0}", "é", "x", "."][..]), 0..12),
        ) {
            let sentence = pieces.concat();
            proptest::prop_assert_eq!(last_word(&sentence), last_word_by_chars(&sentence));
        }
    }

    #[test]
    fn the_quick_test_keeps_every_abbreviation() {
        let abbreviations = Abbreviations::get();
        for word in abbreviations.words {
            assert!(abbreviations.contains(word), "{word}");
        }
        assert!(!abbreviations.contains("said."));
    }

    #[test]
    fn text_without_blank_lines_is_one_paragraph_per_line() {
        let text = "Headline\nBody one. Body two.\nBody three.";
        assert_eq!(paragraphs(text).len(), 3);
    }
}
