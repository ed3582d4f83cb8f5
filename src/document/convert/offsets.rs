//! The offset map: for every byte of the text the extractor reads, where it
//! came from in the source file. Text copied from the source keeps its bytes,
//! so offsets inside it map one to one; text the conversion made up (a
//! decoded entity, a space for a run of white space, the blank line between
//! two blocks) maps to the whole source range it stands for.

use std::ops::Range;

/// A run of the converted text and the source bytes it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// Where the run starts in the converted text.
    plain: usize,
    /// Its length in the converted text.
    len: usize,
    source: Range<usize>,
    /// True when the run is a byte-for-byte copy of `source`.
    copied: bool,
}

/// Maps byte offsets of converted text back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.plain + p.len <= pos);
        self.pieces.get(i).filter(|p| p.plain <= pos)
    }

    /// The source offset where the converted text from `pos` on starts.
    pub fn start(&self, pos: usize) -> usize {
        match self.piece_at(pos) {
            Some(p) if p.copied => p.source.start + (pos - p.plain),
            Some(p) => p.source.start,
            None => self.pieces.last().map_or(0, |p| p.source.end),
        }
    }

    /// The source offset where the converted text before `pos` ends.
    pub fn end(&self, pos: usize) -> usize {
        let Some(last) = pos.checked_sub(1) else {
            return self.start(0);
        };
        match self.piece_at(last) {
            Some(p) if p.copied => p.source.start + (pos - p.plain),
            Some(p) => p.source.end,
            None => self.pieces.last().map_or(0, |p| p.source.end),
        }
    }

    /// The source range of a converted range; never ends before it starts.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        let end = if range.is_empty() {
            start
        } else {
            self.end(range.end).max(start)
        };
        start..end
    }
}

/// Converted text under construction, with its offset map.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    pub text: String,
    pub map: OffsetMap,
}

impl MappedText {
    /// Appends `text`, a copy of the source from `source_start`.
    pub fn push_copy(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        let source_end = source_start + text.len();
        match self.map.pieces.last_mut() {
            Some(last) if last.copied && last.source.end == source_start => {
                last.len += text.len();
                last.source.end = source_end;
            }
            _ => self.map.pieces.push(Piece {
                plain: self.text.len(),
                len: text.len(),
                source: source_start..source_end,
                copied: true,
            }),
        }
        self.text.push_str(text);
    }

    /// Appends `text`, which stands for the source bytes in `source`.
    pub fn push_synthetic(&mut self, text: &str, source: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.map.pieces.push(Piece {
            plain: self.text.len(),
            len: text.len(),
            source,
            copied: false,
        });
        self.text.push_str(text);
    }

    /// Where the source bytes of the text so far end.
    pub fn source_end(&self) -> usize {
        self.map.pieces.last().map_or(0, |p| p.source.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_map_one_to_one_and_made_up_text_to_its_whole_source() {
        // source: "<p>AT&amp;T  made 70</p>"
        let mut out = MappedText::default();
        out.push_copy("AT", 3);
        out.push_synthetic("&", 5..10);
        out.push_copy("T", 10);
        out.push_synthetic(" ", 11..13);
        out.push_copy("made 70", 13);
        assert_eq!(out.text, "AT&T made 70");
        assert_eq!(out.map.range(0..4), 3..11);
        assert_eq!(out.map.range(2..3), 5..10);
        assert_eq!(out.map.range(10..12), 18..20);
        assert_eq!(out.map.range(12..12), 20..20);
    }

    #[test]
    fn adjacent_copies_merge() {
        let mut out = MappedText::default();
        out.push_copy("ab", 0);
        out.push_copy("cd", 2);
        assert_eq!(out.map.pieces.len(), 1);
        assert_eq!(out.map.range(1..4), 1..4);
    }
}
