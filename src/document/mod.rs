//! The document stage: an article's text with its structure — paragraphs,
//! sentences, a line index for spans, the headline, the dateline and the
//! publication date.

mod dateline;
mod segment;

use std::ops::Range;

use crate::extract::Span;

/// Makes spans for ranges in text order, counting characters from the last
/// position rather than from the start of the line each time.
pub struct SpanCursor<'a> {
    doc: &'a Document,
    line: usize,
    position: usize,
    column: usize,
}

impl<'a> SpanCursor<'a> {
    fn new(doc: &'a Document) -> SpanCursor<'a> {
        SpanCursor {
            doc,
            line: 1,
            position: 0,
            column: 1,
        }
    }

    pub fn span(&mut self, start: usize, end: usize) -> Span {
        let line = self.doc.line_starts.partition_point(|&s| s <= start);
        if line != self.line || start < self.position {
            self.line = line;
            self.position = self.doc.line_starts[line - 1];
            self.column = 1;
        }
        self.column += count_chars(&self.doc.text.as_bytes()[self.position..start]);
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
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
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
    /// The publication date: `--as-of` when given, else the dateline's.
    pub published: Option<jiff::civil::Date>,
    line_starts: Vec<usize>,
}

impl Document {
    /// Segments `text` and finds its publication date; `as_of` overrides the
    /// date the text states.
    pub fn parse(text: &str, as_of: Option<jiff::civil::Date>) -> Document {
        let text = text.to_string();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let paragraphs = segment::paragraphs(&text);
        let sentences = segment::sentences(&text, &paragraphs);
        let headline = segment::headline(&text, &paragraphs);
        let stated = dateline::find(&text, &paragraphs, headline.is_some());
        let (dateline, stated_date) = match stated {
            Some((range, date)) => (Some(range), date),
            None => (None, None),
        };
        Document {
            published: as_of.or(stated_date),
            text,
            paragraphs,
            sentences,
            headline,
            dateline,
            line_starts,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The span of a byte range, with the 1-based line and column (in
    /// characters) of its start.
    pub fn span(&self, start: usize, end: usize) -> Span {
        SpanCursor::new(self).span(start, end)
    }

    /// A cursor that makes spans for byte ranges given in text order in
    /// time linear in the text, however long its lines.
    pub fn span_cursor(&self) -> SpanCursor<'_> {
        SpanCursor::new(self)
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
