//! The conversion stage: a source file (plain text, Markdown or HTML) becomes
//! the plain text the extractor reads, an offset map back to the source, and
//! what the markup says about the article — its headline, its publication
//! date, the links it cites and the rules its editor silenced where.
//!
//! Paragraph structure survives conversion: each block (paragraph, heading,
//! list item, quotation) becomes one paragraph, blocks are separated by a
//! blank line, and inline markup is dropped with its text kept.

mod html;
mod markdown;
mod offsets;
mod plain;

use std::ops::Range;

pub use offsets::OffsetMap;

use crate::source::InputFormat;
use offsets::MappedText;

/// What conversion makes of a source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Converted {
    /// The converted text; left empty when `map` is None.
    pub text: String,
    /// None when the text is the source itself.
    pub map: Option<OffsetMap>,
    /// The headline's range in `text`, when the markup marks one.
    pub headline: Option<Range<usize>>,
    /// Whether the markup settled the headline (so the plain-text guess is not used).
    pub structured: bool,
    /// The headline as the page's metadata gives it.
    pub title: Option<String>,
    /// The publication date the metadata states.
    pub published: Option<jiff::civil::Date>,
    pub links: Vec<RawLink>,
    pub ignores: Vec<Ignore>,
}

/// A link the article cites, with the range of its text in the source and
/// in the converted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawLink {
    pub url: String,
    pub text: String,
    pub source: Range<usize>,
    pub plain: Range<usize>,
}

/// Rules silenced over a range of the converted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub range: Range<usize>,
    /// Rule ids or family names.
    pub rules: Vec<String>,
}

impl Ignore {
    /// Whether this directive silences `rule` at converted offset `pos`.
    pub fn silences(&self, rule: &str, pos: usize) -> bool {
        let family = rule.split('/').next().unwrap_or(rule);
        self.range.contains(&pos) && self.rules.iter().any(|r| r == rule || r == family)
    }
}

/// Why a source gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    #[error("no article text found")]
    NoArticleText,
}

/// Converts a source in the given format.
pub(crate) fn convert(source: &str, format: InputFormat) -> Result<Converted, ConvertError> {
    let converted = match format {
        InputFormat::Text => return Ok(plain::convert(source)),
        InputFormat::Markdown => markdown::convert(source),
        InputFormat::Html => html::convert(source),
    };
    if converted.text.trim().is_empty() {
        return Err(ConvertError::NoArticleText);
    }
    Ok(converted)
}

/// The rules an ignore directive names: `figcheck-ignore RULE[,RULE]` or
/// `figcheck: ignore RULE[,RULE]`, with where the directive starts and ends
/// in `text`. The list ends at the first word that is not after a comma.
fn directive(text: &str) -> Option<(Range<usize>, Vec<String>)> {
    let lower = text.to_ascii_lowercase();
    let (start, keyword) = ["figcheck-ignore", "figcheck: ignore"]
        .iter()
        .filter_map(|k| lower.find(k).map(|i| (i, *k)))
        .min()?;
    let mut pos = start + keyword.len();
    let mut rules = Vec::new();
    loop {
        let rest = &text[pos..];
        let skipped = rest.len() - rest.trim_start().len();
        let word_len = rest[skipped..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_')))
            .unwrap_or(rest.len() - skipped);
        let word = &rest[skipped..skipped + word_len];
        if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
            break;
        }
        rules.push(word.to_ascii_lowercase());
        pos += skipped + word_len;
        let after = &text[pos..];
        match after.trim_start().strip_prefix(',') {
            Some(more) => pos = text.len() - more.len(),
            None => break,
        }
    }
    (!rules.is_empty()).then_some((start..pos, rules))
}

/// One unit of aligned text: a copy of source bytes, text made up for a
/// source range (an entity, an escape), or white space.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    Copy(Range<usize>),
    Made(String, Range<usize>),
    Space(Range<usize>),
}

/// HTML's white space: what collapses to one space between words.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// The character reference at the start of `raw` (which starts with '&'):
/// what it decodes to and how many bytes it takes.
fn entity(raw: &str) -> Option<(String, usize)> {
    let body = raw.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    if len == 0 {
        return None;
    }
    let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xFFFD);
    let semicolon = usize::from(digits[len..].starts_with(';'));
    let c = char::from_u32(value)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{FFFD}');
    Some((c.to_string(), skip + len + semicolon))
}

/// A named reference at the start of `raw` ("&amp;", "&nbsp;", and the
/// old ones without a semicolon), longest first, from html5ever's table.
fn named_entity(raw: &str) -> Option<(String, usize)> {
    (2..=raw.len().min(34))
        .rev()
        .filter(|&len| raw.is_char_boundary(len))
        .find_map(|len| {
            // The table also holds every prefix of a name, as (0, 0).
            let &(a, b) = markup5ever::data::NAMED_ENTITIES
                .get(&raw[1..len])
                .filter(|&&(a, _)| a != 0)?;
            let decoded: String = [a, b]
                .into_iter()
                .filter(|&c| c != 0)
                .filter_map(char::from_u32)
                .collect();
            Some((decoded, len))
        })
}

/// Aligns `decoded` (text as a parser decoded it) against the source from
/// `at`, crossing from one of `regions` to the next where a tag the parser
/// dropped split the text. Returns the atoms and where the match ended.
fn align(
    source: &str,
    regions: &[Range<usize>],
    at: (usize, usize),
    decoded: &str,
    markdown_escapes: bool,
) -> Option<(Vec<Atom>, (usize, usize))> {
    let (mut region, mut j) = at;
    let mut atoms = Vec::new();
    let mut i = 0;
    while i < decoded.len() {
        while j >= regions.get(region)?.end {
            region += 1;
            j = regions.get(region)?.start;
        }
        let raw = &source[j..regions[region].end];
        let c = decoded[i..].chars().next()?;
        let rc = raw.chars().next()?;
        if is_space(c) {
            let decoded_run = decoded[i..].len() - decoded[i..].trim_start_matches(is_space).len();
            let raw_run = raw.len() - raw.trim_start_matches(is_space).len();
            if raw_run == 0 {
                return None;
            }
            atoms.push(Atom::Space(j..j + raw_run));
            i += decoded_run;
            j += raw_run;
            continue;
        }
        if rc == '&' {
            let reference = entity(raw).or_else(|| named_entity(raw));
            if let Some((text, len)) =
                reference.filter(|(t, _)| decoded[i..].starts_with(t.as_str()))
            {
                i += text.len();
                atoms.push(Atom::Made(text, j..j + len));
                j += len;
                continue;
            }
        }
        if rc == c {
            atoms.push(Atom::Copy(j..j + c.len_utf8()));
        } else if markdown_escapes && rc == '\\' && raw[1..].starts_with(c) {
            atoms.push(Atom::Made(c.to_string(), j..j + 1 + c.len_utf8()));
            j += 1;
        } else {
            return None;
        }
        i += c.len_utf8();
        j += c.len_utf8();
    }
    Some((atoms, (region, j)))
}

/// Aligns `decoded` against one contiguous source range.
fn align_in(
    source: &str,
    range: Range<usize>,
    decoded: &str,
    markdown_escapes: bool,
) -> Option<Vec<Atom>> {
    let at = (0, range.start);
    align(
        source,
        std::slice::from_ref(&range),
        at,
        decoded,
        markdown_escapes,
    )
    .map(|(atoms, _)| atoms)
}

/// Atoms for text that could not be found in the source: its words made up
/// at `at`, so spans stay valid if not exact.
fn unplaced(decoded: &str, at: usize) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for (n, word) in decoded
        .split(is_space)
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if n > 0 || decoded.starts_with(is_space) {
            atoms.push(Atom::Space(at..at));
        }
        atoms.push(Atom::Made(word.to_string(), at..at));
    }
    if decoded.ends_with(is_space) {
        atoms.push(Atom::Space(at..at));
    }
    atoms
}

/// What goes between the last text and the next.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gap {
    None,
    Space(Range<usize>),
    Newline(Range<usize>),
}

/// Builds converted text block by block: white space collapses, blocks are
/// separated by a blank line, ignore directives attach to blocks.
struct Blocks<'s> {
    source: &'s str,
    out: MappedText,
    /// Where the open block's text starts, once it has some.
    open: Option<usize>,
    gap: Gap,
    blocks: Vec<Range<usize>>,
    pending_ignores: Vec<String>,
    open_ignores: Vec<String>,
    ignores: Vec<Ignore>,
}

impl<'s> Blocks<'s> {
    fn new(source: &'s str) -> Blocks<'s> {
        Blocks {
            source,
            out: MappedText::default(),
            open: None,
            gap: Gap::None,
            blocks: Vec::new(),
            pending_ignores: Vec::new(),
            open_ignores: Vec::new(),
            ignores: Vec::new(),
        }
    }

    fn push(&mut self, atoms: Vec<Atom>) {
        for atom in atoms {
            match atom {
                Atom::Space(range) => self.space(range),
                Atom::Copy(range) => {
                    let at = range.start;
                    self.before_text(at);
                    self.out.push_copy(&self.source[range], at);
                }
                Atom::Made(text, range) => {
                    self.before_text(range.start);
                    self.out.push_synthetic(&text, range);
                }
            }
        }
    }

    fn space(&mut self, range: Range<usize>) {
        match &mut self.gap {
            _ if self.open.is_none() => {}
            Gap::None => self.gap = Gap::Space(range),
            Gap::Space(r) | Gap::Newline(r) => r.end = r.end.max(range.end),
        }
    }

    /// A line break inside the block (`<br>`, a Markdown line end).
    fn line_break(&mut self, range: Range<usize>) {
        if self.open.is_some() {
            let start = match &self.gap {
                Gap::Space(r) | Gap::Newline(r) => r.start,
                Gap::None => range.start,
            };
            self.gap = Gap::Newline(start..range.end.max(start));
        }
    }

    fn before_text(&mut self, at: usize) {
        if self.open.is_none() {
            if !self.out.text.is_empty() {
                let from = self.out.source_end().min(at);
                self.out.push_synthetic("\n\n", from..at);
            }
            self.open = Some(self.out.text.len());
            self.open_ignores = std::mem::take(&mut self.pending_ignores);
            return;
        }
        match std::mem::replace(&mut self.gap, Gap::None) {
            Gap::None => {}
            Gap::Space(range) => self.out.push_synthetic(" ", range),
            Gap::Newline(range) => self.out.push_synthetic("\n", range),
        }
    }

    /// Ends the open block, if it has text.
    fn end_block(&mut self) {
        if let Some(start) = self.open.take() {
            let range = start..self.out.text.len();
            self.blocks.push(range.clone());
            let rules = std::mem::take(&mut self.open_ignores);
            if !rules.is_empty() {
                self.ignores.push(Ignore { range, rules });
            }
        }
        self.gap = Gap::None;
    }

    /// An ignore directive: it silences its rules in the block it stands
    /// in, or in the next block when it stands between blocks.
    fn directive(&mut self, rules: Vec<String>) {
        if self.open.is_some() {
            self.open_ignores.extend(rules);
        } else {
            self.pending_ignores.extend(rules);
        }
    }

    fn finish(mut self) -> (MappedText, Vec<Range<usize>>, Vec<Ignore>) {
        self.end_block();
        (self.out, self.blocks, self.ignores)
    }

    /// The conversion of a marked-up source, whose headline the markup
    /// settles (the title falls back to the headline's text).
    fn converted(
        self,
        headline: Option<Range<usize>>,
        title: Option<String>,
        published: Option<jiff::civil::Date>,
        links: Vec<RawLink>,
    ) -> Converted {
        let (out, _, ignores) = self.finish();
        let title = title.or_else(|| headline.clone().map(|h| out.text[h].to_string()));
        Converted {
            text: out.text,
            map: Some(out.map),
            headline,
            structured: true,
            title,
            published,
            links,
            ignores,
        }
    }
}

/// Reads an ISO 8601 date or timestamp ("2017-11-05T08:00:00Z") as the date
/// it names where it was written.
fn iso_date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    text.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_read_comma_lists_and_stop_at_other_words() {
        let (range, rules) =
            directive(" figcheck-ignore sourcing, consistency/timeline -->").unwrap();
        assert_eq!(rules, ["sourcing", "consistency/timeline"]);
        assert_eq!(range, 1..47);
        let (_, rules) = directive("[figcheck: ignore sourcing/unsourced-figure] because").unwrap();
        assert_eq!(rules, ["sourcing/unsourced-figure"]);
        assert_eq!(directive("figcheck: ignore"), None);
        assert_eq!(directive("nothing here"), None);
    }

    #[test]
    fn alignment_decodes_entities_and_collapses_space() {
        let source = "<p>AT&amp;T\n  paid &#8364;5&nbsp;m</p>";
        let end_of_text = source.find("</p>").unwrap();
        let regions = vec![3..end_of_text, end_of_text + 4..source.len()];
        let (atoms, end) =
            align(source, &regions, (0, 3), "AT&T\n  paid €5\u{a0}m", false).unwrap();
        assert_eq!(end, (0, end_of_text));
        let mut blocks = Blocks::new(source);
        blocks.push(atoms);
        let (out, _, _) = blocks.finish();
        assert_eq!(out.text, "AT&T paid €5\u{a0}m");
        let euro = source.find("&#8364;").unwrap();
        assert_eq!(&source[out.map.range(10..14)], "&#8364;5");
        assert_eq!(out.map.range(10..13).start, euro);
    }

    #[test]
    fn alignment_fails_on_other_text() {
        assert_eq!(align_in("<p>abc</p>", 3..6, "abd", false), None);
        assert!(align_in("<p>a\\*c</p>", 3..7, "a*c", true).is_some());
    }

    #[test]
    fn blocks_are_separated_by_a_blank_line_and_take_directives() {
        let source = "one two";
        let mut blocks = Blocks::new(source);
        blocks.push(vec![Atom::Copy(0..3)]);
        blocks.end_block();
        blocks.directive(vec!["sourcing".into()]);
        blocks.push(vec![Atom::Space(3..4), Atom::Copy(4..7)]);
        let (out, ranges, ignores) = blocks.finish();
        assert_eq!(out.text, "one\n\ntwo");
        assert_eq!(ranges, [0..3, 5..8]);
        assert_eq!(ignores[0].range, 5..8);
        assert!(ignores[0].silences("sourcing/unsourced-figure", 6));
        assert!(!ignores[0].silences("consistency/timeline", 6));
    }

    #[test]
    fn iso_dates_take_the_written_day() {
        assert_eq!(
            iso_date("2017-11-05T23:30:00-05:00"),
            Some(jiff::civil::date(2017, 11, 5))
        );
        assert_eq!(iso_date("5 Nov"), None);
    }
}
