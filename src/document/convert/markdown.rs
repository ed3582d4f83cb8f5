//! Markdown to text with pulldown-cmark's offset iterator. Headings,
//! paragraphs, list items, table cells and block quotations each become a
//! paragraph; code blocks and images are left out; link text is kept and the
//! link's address set aside. A YAML front matter block (`---` ... `---`) at
//! the top gives the title and date and is not read as text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{align_in, directive, iso_date, unplaced, Blocks, Converted, RawLink};

pub(super) fn convert(source: &str) -> Converted {
    let (body_start, front) = front_matter(source);
    let mut blocks = Blocks::new(source);
    let mut links = Vec::new();
    let mut open_links: Vec<(String, usize, Range<usize>)> = Vec::new();
    let mut skipping = 0usize;
    let mut heading_first = false;
    let mut headline = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(&source[body_start..], options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => skipping += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => skipping = skipping.saturating_sub(1),
            _ if skipping > 0 => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                open_links.push((dest_url.to_string(), blocks.out.text.len(), range));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, start, source_range)) = open_links.pop() {
                    let all = &blocks.out.text[start.min(blocks.out.text.len())..];
                    let text = all.trim();
                    let text_start =
                        blocks.out.text.len() - all.len() + (all.len() - all.trim_start().len());
                    links.push(RawLink {
                        url,
                        text: text.to_string(),
                        source: source_range,
                        plain: text_start..text_start + text.len(),
                    });
                }
            }
            Event::Start(tag) if starts_block(&tag) => {
                if matches!(tag, Tag::Heading { .. }) {
                    heading_first = blocks.blocks.is_empty() && blocks.open.is_none();
                }
                blocks.end_block();
            }
            Event::End(tag) if ends_block(&tag) => {
                blocks.end_block();
                if matches!(tag, TagEnd::Heading(_)) && heading_first {
                    heading_first = false;
                    headline = blocks
                        .blocks
                        .first()
                        .cloned()
                        .filter(|_| blocks.blocks.len() == 1);
                }
            }
            Event::Text(text) => {
                let atoms = align_in(source, range.clone(), &text, true)
                    .unwrap_or_else(|| unplaced(&text, range.start));
                blocks.push(atoms);
            }
            Event::Code(code) => {
                let inner = source[range.clone()].find(&*code).map(|i| range.start + i);
                let atoms = inner
                    .and_then(|at| align_in(source, at..range.end, &code, false))
                    .unwrap_or_else(|| unplaced(&code, range.start));
                blocks.push(atoms);
            }
            Event::SoftBreak | Event::HardBreak => blocks.line_break(range),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some((_, rules)) = directive(&html) {
                    blocks.directive(rules);
                }
            }
            Event::Rule => blocks.end_block(),
            _ => {}
        }
    }
    blocks.converted(headline, front.title, front.date, links)
}

fn starts_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableRow
            | Tag::TableCell
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// What a front matter block says.
#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<jiff::civil::Date>,
}

/// Where the body starts after a YAML front matter block, and its `title:`
/// and `date:` (plain scalars, quoted or not; nothing else is read).
fn front_matter(source: &str) -> (usize, FrontMatter) {
    let mut front = FrontMatter::default();
    let Some(rest) = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))
    else {
        return (0, front);
    };
    let mut offset = source.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let content = line.trim_end();
        if content == "---" || content == "..." {
            return (offset, front);
        }
        let Some((key, value)) = content.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        match key.trim() {
            "title" if !value.is_empty() => front.title = Some(value.to_string()),
            "date" => front.date = iso_date(value),
            _ => {}
        }
    }
    // No closing line: it was not front matter.
    (0, FrontMatter::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_markup_goes() {
        let source = "# Council backs 70 projects\n\nIt *approved* [12 schemes](https://example.org/a) on\nMonday.\n\n> \"We are ready,\" she said.\n\n```\nlet x = 99;\n```\n\n- one item\n- two &amp; more\n";
        let converted = convert(source);
        assert_eq!(
            converted.text,
            "Council backs 70 projects\n\nIt approved 12 schemes on\nMonday.\n\n\"We are ready,\" she said.\n\none item\n\ntwo & more"
        );
        assert_eq!(converted.headline, Some(0..25));
        assert_eq!(
            converted.title.as_deref(),
            Some("Council backs 70 projects")
        );
        assert_eq!(converted.links[0].url, "https://example.org/a");
        assert_eq!(converted.links[0].text, "12 schemes");
        let map = converted.map.unwrap();
        let schemes = converted.text.find("12 schemes").unwrap();
        assert_eq!(&source[map.range(schemes..schemes + 10)], "12 schemes");
    }

    #[test]
    fn front_matter_gives_title_and_date_and_is_not_text() {
        let source =
            "---\ntitle: \"Water bill\"\ndate: 2019-06-02T09:00:00Z\n---\nRates rose 4%.\n";
        let converted = convert(source);
        assert_eq!(converted.text, "Rates rose 4%.");
        assert_eq!(converted.title.as_deref(), Some("Water bill"));
        assert_eq!(converted.published, Some(jiff::civil::date(2019, 6, 2)));
        assert_eq!(converted.headline, None);
    }

    #[test]
    fn ignore_comments_silence_the_next_paragraph() {
        let source = "First 5%.\n\n<!-- figcheck-ignore sourcing -->\n\nSecond 6%.\n\nThird 7%.\n";
        let converted = convert(source);
        assert_eq!(converted.ignores.len(), 1);
        let range = converted.ignores[0].range.clone();
        assert_eq!(&converted.text[range], "Second 6%.");
    }
}
