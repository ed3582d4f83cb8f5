//! The document stage: an article's text with its structure — paragraphs,
//! sentences, a line index for spans, the headline, the dateline and the
//! publication date.
//!
//! Markdown and HTML (and plain text with inline ignore comments) are first
//! converted to plain text by [`convert`]; the document keeps the offset map,
//! so the spans the report shows point into the source file as it was read.

mod convert;
mod dateline;
mod segment;

use std::ops::Range;

pub use convert::ConvertError;

use crate::extract::Span;
use crate::source::InputFormat;
use convert::{Ignore, OffsetMap};

/// Makes spans for ranges in text order, counting characters from the last
/// position rather than from the start of the line each time.
pub struct SpanCursor<'a> {
    text: &'a str,
    line_starts: &'a [usize],
    line: usize,
    position: usize,
    column: usize,
}

impl<'a> SpanCursor<'a> {
    fn new(text: &'a str, line_starts: &'a [usize]) -> SpanCursor<'a> {
        SpanCursor {
            text,
            line_starts,
            line: 1,
            position: 0,
            column: 1,
        }
    }

    pub fn span(&mut self, start: usize, end: usize) -> Span {
        // Spans come in text order, mostly on the line of the last one:
        // then the line needs no search.
        let on_this_line = start >= self.position
            && self
                .line_starts
                .get(self.line)
                .is_none_or(|&next| start < next);
        let line = if on_this_line {
            self.line
        } else {
            self.line_starts.partition_point(|&s| s <= start)
        };
        if line != self.line || start < self.position {
            self.line = line;
            self.position = self.line_starts[line - 1];
            self.column = 1;
        }
        self.column += count_chars(&self.text.as_bytes()[self.position..start]);
        self.position = start;
        Span {
            start,
            end,
            line,
            column: self.column,
        }
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character.
/// Spans count the characters from the start of their line, and a news
/// paragraph is one long line, so this reads most of the text: 32 bytes at
/// a time, passing over a block with no byte outside ASCII (most are) after
/// one test, and counting the others eight bytes at a time.
fn count_chars(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(ASCII_BLOCK);
    let mut continuing = 0;
    for block in &mut blocks {
        if let Some(words) = non_ascii_block(block) {
            continuing += words.into_iter().map(continuing_in_word).sum::<usize>();
        }
    }
    let mut words = blocks.remainder().chunks_exact(8);
    continuing += (&mut words)
        .map(|chunk| continuing_in_word(word_at(chunk, 0)))
        .sum::<usize>();
    bytes.len() - continuing - count_continuing(words.remainder())
}

/// The bytes [`non_ascii_block`] tests at once.
const ASCII_BLOCK: usize = 32;

/// A block of [`ASCII_BLOCK`] bytes as four words when a byte of it lies
/// outside ASCII; None, after one test of the four words together, when
/// none does.
fn non_ascii_block(block: &[u8]) -> Option<[u64; 4]> {
    let words: [u64; 4] = std::array::from_fn(|i| word_at(block, 8 * i));
    ((words[0] | words[1] | words[2] | words[3]) & TOP_BITS != 0).then_some(words)
}

/// The first position from `from` on of a byte outside ASCII, or the
/// length: blocks of ASCII are passed over by [`non_ascii_block`].
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let blocks = bytes[from..].chunks_exact(ASCII_BLOCK);
    let ascii_blocks = blocks.take_while(|b| non_ascii_block(b).is_none()).count();
    let at = from + ascii_blocks * ASCII_BLOCK;
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map_or(bytes.len(), |offset| at + offset)
}

/// The top bit of every byte of a u64.
const TOP_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `at` as a little-endian word.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Continuation bytes of UTF-8 in a word of eight bytes.
fn continuing_in_word(word: u64) -> usize {
    // A continuation byte is 10xxxxxx: its top bit set, the next one
    // (shifted into the top place) clear.
    let marks = word & !(word << 1) & TOP_BITS;
    // One bit per byte at the bottom of each byte; the multiplication sums
    // the bytes into the top byte (at most 8, so no carry). No popcount
    // instruction is assumed.
    ((marks >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Continuation bytes of UTF-8, one byte at a time.
fn count_continuing(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) == 0x80).count()
}

/// Byte offsets where each line of `text` starts.
fn line_starts_of(text: &str) -> Vec<usize> {
    // Room for a line per 64 bytes, so the list seldom grows.
    let mut starts = Vec::with_capacity(text.len() / 64 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// The source file a converted document came from, and the way back to it.
#[derive(Debug, Clone)]
struct Origin {
    source: String,
    map: OffsetMap,
    line_starts: Vec<usize>,
}

/// Turns spans of the document's text into spans of its source file.
pub struct SourceSpans<'a> {
    map: Option<&'a OffsetMap>,
    cursor: Option<SpanCursor<'a>>,
}

impl SourceSpans<'_> {
    /// The source span of a span of the document's text (the same span for
    /// a document that is its own source).
    pub fn map(&mut self, span: Span) -> Span {
        match (self.map, &mut self.cursor) {
            (Some(map), Some(cursor)) => {
                let range = map.range(span.start..span.end);
                cursor.span(range.start, range.end)
            }
            _ => span,
        }
    }
}

/// A link the article cites (for a link checker), with its text's span in
/// the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedLink {
    pub url: String,
    pub text: String,
    pub span: Span,
    /// Where the link's text lies in the document's (converted) text.
    pub at: Range<usize>,
}

/// One sentence: its byte range and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
}

/// An article ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// Byte ranges of paragraphs (blank-line separated), trimmed.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences in text order; none crosses a paragraph boundary.
    pub sentences: Vec<Sentence>,
    /// The first line, when it stands alone as a title.
    pub headline: Option<Range<usize>>,
    /// The dateline or byline that states the publication date.
    pub dateline: Option<Range<usize>>,
    /// The publication date: `--as-of` when given, else the page's
    /// metadata, else the dateline's.
    pub published: Option<jiff::civil::Date>,
    /// The headline as the markup gives it (heading, front matter, `<title>`).
    pub title: Option<String>,
    /// Links the article cites, in text order.
    pub links: Vec<CitedLink>,
    line_starts: Vec<usize>,
    /// Rules silenced by inline comments, by range of the text.
    ignores: Vec<Ignore>,
    /// None when the text is the source itself.
    origin: Option<Origin>,
    /// The text with its ASCII letters lowered, made on first use: the
    /// passes that match words in any case search it with a plain
    /// case-sensitive search, and read their words' lower case off it.
    lowered: std::sync::OnceLock<String>,
}

impl Document {
    /// Segments plain `text` and finds its publication date; `as_of`
    /// overrides the date the text states.
    pub fn parse(text: &str, as_of: Option<jiff::civil::Date>) -> Document {
        match Document::read(text, InputFormat::Text, as_of) {
            Ok(document) => document,
            // Plain text always converts; this arm only keeps the type honest.
            Err(_) => Document::build(text, convert::Converted::default(), as_of),
        }
    }

    /// Converts a source in `format` and segments it; the page's metadata
    /// and then the dateline give the publication date unless `as_of` does.
    pub fn read(
        source: &str,
        format: InputFormat,
        as_of: Option<jiff::civil::Date>,
    ) -> Result<Document, ConvertError> {
        let converted = convert::convert(source, format)?;
        Ok(Document::build(source, converted, as_of))
    }

    fn build(
        source: &str,
        converted: convert::Converted,
        as_of: Option<jiff::civil::Date>,
    ) -> Document {
        let text = if converted.map.is_some() {
            converted.text
        } else {
            source.to_string()
        };
        let line_starts = line_starts_of(&text);
        let paragraphs = segment::paragraphs(&text);
        let sentences = segment::sentences(&text, &paragraphs);
        let headline = if converted.structured {
            converted.headline
        } else {
            segment::headline(&text, &paragraphs)
        };
        let stated = dateline::find(&text, &paragraphs, headline.is_some());
        let (dateline, stated_date) = match stated {
            Some((range, date)) => (Some(range), date),
            None => (None, None),
        };
        let origin = converted.map.map(|map| Origin {
            source: source.to_string(),
            line_starts: line_starts_of(source),
            map,
        });
        let links = {
            let (source_text, source_lines) = match &origin {
                Some(o) => (o.source.as_str(), o.line_starts.as_slice()),
                None => (text.as_str(), line_starts.as_slice()),
            };
            let mut cursor = SpanCursor::new(source_text, source_lines);
            converted
                .links
                .into_iter()
                .map(|link| CitedLink {
                    url: link.url,
                    text: link.text,
                    span: cursor.span(link.source.start, link.source.end),
                    at: link.plain,
                })
                .collect()
        };
        let title = converted
            .title
            .or_else(|| headline.clone().map(|h| text[h].to_string()));
        Document {
            published: as_of.or(converted.published).or(stated_date),
            text,
            paragraphs,
            sentences,
            headline,
            dateline,
            title,
            links,
            line_starts,
            ignores: converted.ignores,
            origin,
            lowered: std::sync::OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text with its ASCII letters lowered (nothing else changes, so
    /// every byte offset of the text is an offset into it too).
    pub(crate) fn lowered_text(&self) -> &str {
        self.lowered.get_or_init(|| self.text.to_ascii_lowercase())
    }

    /// The input as read: the Markdown or HTML source of a converted
    /// document, else the text itself. Report spans point into it.
    pub fn source_text(&self) -> &str {
        self.origin.as_ref().map_or(&self.text, |o| &o.source)
    }

    /// The span of a byte range, with the 1-based line and column (in
    /// characters) of its start.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.span_cursor().span(start, end)
    }

    /// A cursor that makes spans for byte ranges given in text order in
    /// time linear in the text, however long its lines.
    pub fn span_cursor(&self) -> SpanCursor<'_> {
        SpanCursor::new(&self.text, &self.line_starts)
    }

    /// Maps spans of this text to spans of the source file (fastest for
    /// spans given in text order).
    pub fn source_spans(&self) -> SourceSpans<'_> {
        SourceSpans {
            map: self.origin.as_ref().map(|o| &o.map),
            cursor: self
                .origin
                .as_ref()
                .map(|o| SpanCursor::new(&o.source, &o.line_starts)),
        }
    }

    /// Whether an inline comment silences `rule` (an id) at byte `pos`.
    pub fn is_ignored(&self, rule: &str, pos: usize) -> bool {
        self.ignores.iter().any(|i| i.silences(rule, pos))
    }

    /// The index of the sentence that contains byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// True when the byte range lies in the headline or the dateline.
    pub fn in_front_matter(&self, pos: usize) -> bool {
        [&self.headline, &self.dateline]
            .into_iter()
            .flatten()
            .any(|r| r.contains(&pos))
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Counting eight bytes at a time gives what counting byte by
        /// byte gives, on any bytes (not only UTF-8).
        #[test]
        fn counting_by_eights_counts_every_character(
            bytes in prop::collection::vec(any::<u8>(), 0..100)
        ) {
            prop_assert_eq!(count_chars(&bytes), bytes.len() - count_continuing(&bytes));
        }

        #[test]
        fn the_next_byte_outside_ascii_is_the_first_one(
            bytes in prop::collection::vec(prop::sample::select(&b"abcdefghijklmnopqrstuvwxyz .,\r\n\xc3\xa9"[..]), 0..100),
            from in 0usize..100,
        ) {
            let from = from.min(bytes.len());
            let expected = bytes[from..].iter().position(|b| !b.is_ascii()).map_or(bytes.len(), |p| from + p);
            prop_assert_eq!(next_non_ascii(&bytes, from), expected);
        }

        #[test]
        fn counts_the_characters_of_text(text in "\\PC{0,40}") {
            prop_assert_eq!(count_chars(text.as_bytes()), text.chars().count());
        }

        /// A cursor that skips the line search for a span on its current
        /// line gives, for spans in text order, what a fresh cursor gives.
        #[test]
        fn a_cursor_gives_the_spans_a_fresh_one_gives(
            text in "[a-z é\n]{0,80}",
            picks in prop::collection::vec(0usize..100, 0..12),
        ) {
            let line_starts = line_starts_of(&text);
            let mut positions: Vec<usize> = picks
                .into_iter()
                .map(|p| p.min(text.len()))
                .filter(|&p| text.is_char_boundary(p))
                .collect();
            positions.sort_unstable();
            let mut cursor = SpanCursor::new(&text, &line_starts);
            for p in positions {
                let fresh = SpanCursor::new(&text, &line_starts).span(p, p);
                prop_assert_eq!(cursor.span(p, p), fresh);
            }
        }
    }
}
