//! HTML to text: parse with scraper (html5ever), pick the article's main
//! content, drop the page's furniture (navigation, adverts, related-story
//! boxes, captions, footers), and walk what is left block by block.
//!
//! html5ever does not say where a node came from in the source, so each text
//! node is found again: a small scan of the source marks the runs of text
//! between tags, and the nodes, taken in document order, are aligned against
//! those runs from where the last one ended (entities decoded on the way).
//! A node that cannot be found keeps its text with a zero-width source span,
//! so a span is never wrong about bounds, only about place.

use std::collections::HashMap;
use std::ops::Range;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};

use super::{align, directive, iso_date, unplaced, Atom, Blocks, Converted, RawLink};

/// Elements whose content is not markup: their text is never article text.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "textarea",
    "title",
    "plaintext",
];

/// Elements left out with everything in them.
const DROPPED: &[&str] = &[
    "template",
    "nav",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "input",
    "label",
    "svg",
    "math",
    "video",
    "audio",
    "picture",
    "canvas",
    "object",
    "embed",
    "dialog",
    "menu",
    "img",
    "head",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "caption",
    "tr",
    "td",
    "th",
    "ul",
    "body",
    "html",
];

/// Words in a class or id that mark page furniture, matched against the
/// parts of each name split at '-', '_' and spaces.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "related",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "promo",
    "promotion",
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "newsletter",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "banner",
    "sponsored",
    "recommended",
    "outbrain",
    "taboola",
    "masthead",
    "toolbar",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "dialog",
];

pub(super) fn convert(source: &str) -> Converted {
    let html = Html::parse_document(source);
    let placed = place_text_nodes(source, &html);
    let root = main_content(&html);
    let mut walk = Walk {
        blocks: Blocks::new(source),
        placed: &placed,
        links: Vec::new(),
        headline: None,
    };
    let headline_element = first_heading(&html, root);
    if let Some(h1) = headline_element.filter(|h| !is_inside(h, root) && precedes(&html, h, root)) {
        walk.element(h1);
        walk.blocks.end_block();
    }
    walk.element(root);
    let title = headline_element
        .map(|h| collapse(&h.text().collect::<String>()))
        .or_else(|| meta(&html, "meta[property='og:title']"))
        .or_else(|| first(&html, "title").map(|t| collapse(&t.text().collect::<String>())))
        .filter(|t| !t.is_empty());
    let published = published(&html, root);
    walk.blocks
        .converted(walk.headline, title, published, walk.links)
}

fn selector(css: &str) -> Selector {
    // The selectors are constants of this file; the tests parse each one.
    Selector::parse(css).unwrap_or_else(|_| panic!("bad selector {css}"))
}

fn first<'a>(html: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    html.select(&selector(css)).next()
}

fn meta(html: &Html, css: &str) -> Option<String> {
    html.select(&selector(css))
        .filter_map(|e| e.value().attr("content"))
        .map(collapse)
        .find(|c| !c.is_empty())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The publication date: `article:published_time`, else JSON-LD
/// `datePublished`, else an `itemprop=datePublished`, else the first
/// `<time datetime>` in the article.
fn published(html: &Html, root: ElementRef) -> Option<jiff::civil::Date> {
    let from_meta = || {
        meta(
            html,
            "meta[property='article:published_time'], meta[name='article:published_time']",
        )
        .and_then(|d| iso_date(&d))
    };
    let from_json_ld = || {
        html.select(&selector("script[type='application/ld+json']"))
            .filter_map(|s| {
                serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok()
            })
            .find_map(|value| json_ld_date(&value))
    };
    let from_itemprop = || {
        html.select(&selector("[itemprop='datePublished']"))
            .filter_map(|e| e.value().attr("content").or(e.value().attr("datetime")))
            .find_map(iso_date)
    };
    let from_time = || {
        root.select(&selector("time[datetime]"))
            .filter(|t| !in_furniture(t, root))
            .filter_map(|t| t.value().attr("datetime"))
            .find_map(iso_date)
    };
    from_meta()
        .or_else(from_json_ld)
        .or_else(from_itemprop)
        .or_else(from_time)
}

/// The first `datePublished` in a JSON-LD value, looking through arrays and
/// `@graph`, preferring an article's over any other object's.
fn json_ld_date(value: &serde_json::Value) -> Option<jiff::civil::Date> {
    let mut objects = Vec::new();
    collect_objects(value, &mut objects, 0);
    let is_article = |o: &&&serde_json::Map<String, serde_json::Value>| {
        let kind = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
        kind.contains("Article") || kind.contains("Posting")
    };
    let date = |o: &&serde_json::Map<String, serde_json::Value>| {
        o.get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(iso_date)
    };
    objects
        .iter()
        .filter(is_article)
        .find_map(date)
        .or_else(|| objects.iter().find_map(date))
}

fn collect_objects<'a>(
    value: &'a serde_json::Value,
    out: &mut Vec<&'a serde_json::Map<String, serde_json::Value>>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                collect_objects(item, out, depth + 1);
            }
        }
        serde_json::Value::Object(object) => {
            out.push(object);
            if let Some(graph) = object.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The article's first heading: an `<h1>` in the main content, else one
/// elsewhere on the page outside its furniture.
fn first_heading<'a>(html: &'a Html, root: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let h1 = selector("h1");
    root.select(&h1)
        .find(|h| !in_furniture(h, root))
        .or_else(|| {
            html.select(&h1)
                .find(|h| !in_furniture(h, html.root_element()) && !is_blank(h))
        })
}

fn is_blank(element: &ElementRef) -> bool {
    element.text().all(|t| t.trim().is_empty())
}

fn is_inside(element: &ElementRef, ancestor: ElementRef) -> bool {
    element.ancestors().any(|a| a.id() == ancestor.id())
}

/// Whether `a` comes before `b` in document order.
fn precedes(html: &Html, a: &ElementRef, b: ElementRef) -> bool {
    html.tree
        .root()
        .descendants()
        .find(|n| n.id() == a.id() || n.id() == b.id())
        .is_some_and(|n| n.id() == a.id())
}

/// The element holding the article: `[itemprop=articleBody]`, else the
/// `<article>` with the most paragraph text, else `<main>`, else the
/// element whose own paragraphs hold the most text, else `<body>`.
fn main_content(html: &Html) -> ElementRef<'_> {
    let top = html.root_element();
    let usable = |e: &ElementRef| !in_furniture(e, top);
    if let Some(body) = html
        .select(&selector("[itemprop~='articleBody']"))
        .find(usable)
    {
        return body;
    }
    let paragraph = selector("p");
    let paragraph_text = |e: &ElementRef| -> usize {
        e.select(&paragraph)
            .filter(|p| !in_furniture(p, *e))
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    let best_article = html
        .select(&selector("article"))
        .filter(usable)
        .max_by_key(paragraph_text)
        .filter(|a| paragraph_text(a) > 0);
    if let Some(article) = best_article {
        return article;
    }
    if let Some(main) = html.select(&selector("main, [role='main']")).find(usable) {
        return main;
    }
    // Readability's idea in small: the parent of the most paragraph text.
    let mut scores: HashMap<NodeId, usize> = HashMap::new();
    let mut order = Vec::new();
    for p in html.select(&paragraph).filter(usable) {
        if let Some(parent) = p.parent() {
            let score = scores.entry(parent.id()).or_insert_with(|| {
                order.push(parent.id());
                0
            });
            *score += p.text().map(str::len).sum::<usize>();
        }
    }
    let best = order.iter().copied().rev().max_by_key(|id| scores[id]);
    best.and_then(|id| html.tree.get(id))
        .and_then(ElementRef::wrap)
        .or_else(|| first(html, "body"))
        .unwrap_or(top)
}

/// Whether the element, or an ancestor below `root`, is page furniture.
fn in_furniture(element: &ElementRef, root: ElementRef) -> bool {
    std::iter::once(**element)
        .chain(element.ancestors())
        .take_while(|n| n.id() != root.id())
        .filter_map(ElementRef::wrap)
        .any(|e| is_furniture(&e))
}

/// Page furniture: dropped elements, hidden ones, a `<header>` without the
/// headline, and elements whose role, class or id says furniture.
fn is_furniture(element: &ElementRef) -> bool {
    let value = element.value();
    let name = value.name();
    if DROPPED.contains(&name) || RAW_TEXT.contains(&name) {
        return true;
    }
    if name == "header" && element.select(&selector("h1")).next().is_none() {
        return true;
    }
    if value.attr("hidden").is_some()
        || value.attr("aria-hidden") == Some("true")
        || value
            .attr("role")
            .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim()))
    {
        return true;
    }
    // Structural elements carry site-wide classes ("has-sidebar"); only
    // what sits inside them is judged by its names.
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let names = value.attr("class").into_iter().chain(value.attr("id"));
    names
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|word| FURNITURE_WORDS.contains(&word.to_ascii_lowercase().as_str()))
}

/// The walk over the main content that writes the text.
struct Walk<'s, 'p> {
    blocks: Blocks<'s>,
    placed: &'p HashMap<NodeId, Vec<Atom>>,
    links: Vec<RawLink>,
    headline: Option<Range<usize>>,
}

impl Walk<'_, '_> {
    fn element(&mut self, element: ElementRef) {
        let name = element.value().name();
        let block = BLOCKS.contains(&name);
        if block {
            self.blocks.end_block();
        }
        let first_block = self.blocks.blocks.is_empty() && self.blocks.open.is_none();
        let link_start = self.blocks.out.text.len();
        for child in element.children() {
            self.node(child);
        }
        if name == "a" {
            self.link(&element, link_start);
        }
        if block {
            self.blocks.end_block();
        }
        if matches!(name, "h1" | "h2" | "h3") && first_block && self.blocks.blocks.len() == 1 {
            self.headline = self.blocks.blocks.first().cloned();
        }
    }

    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(_) => {
                if let Some(atoms) = self.placed.get(&node.id()) {
                    self.blocks.push(atoms.clone());
                }
            }
            Node::Comment(comment) => {
                if let Some((_, rules)) = directive(comment) {
                    self.blocks.directive(rules);
                }
            }
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(node) else {
                    return;
                };
                if is_furniture(&child) {
                    return;
                }
                if child.value().name() == "br" {
                    let at = self.blocks.out.source_end();
                    self.blocks.line_break(at..at);
                } else {
                    self.element(child);
                }
            }
            _ => {}
        }
    }

    /// Records a link the article cites, with the source range of its text.
    fn link(&mut self, element: &ElementRef, start: usize) {
        let Some(url) = element.value().attr("href").map(str::trim) else {
            return;
        };
        let scheme_less = url.to_ascii_lowercase();
        if url.is_empty() || url.starts_with('#') || scheme_less.starts_with("javascript:") {
            return;
        }
        let out = &self.blocks.out;
        let all = &out.text[start.min(out.text.len())..];
        let text = all.trim();
        if text.is_empty() {
            return;
        }
        let lead = all.len() - all.trim_start().len();
        let text_start = out.text.len() - all.len() + lead;
        self.links.push(RawLink {
            url: url.to_string(),
            text: text.to_string(),
            source: out.map.range(text_start..text_start + text.len()),
            plain: text_start..text_start + text.len(),
        });
    }
}

/// Finds every text node of the page in the source: returns its atoms by
/// node id. Text inside raw-text elements (scripts, styles) is skipped.
fn place_text_nodes(source: &str, html: &Html) -> HashMap<NodeId, Vec<Atom>> {
    let regions = text_regions(source);
    let mut placed = HashMap::new();
    let mut cursor = (0usize, regions.first().map_or(0, |r| r.start));
    for node in html.tree.root().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let in_raw_text = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|e| RAW_TEXT.contains(&e.value().name()));
        if in_raw_text {
            continue;
        }
        let decoded: &str = text;
        let atoms = match find(source, &regions, cursor, decoded) {
            Some((atoms, end)) => {
                cursor = end;
                atoms
            }
            None => {
                let at = regions
                    .get(cursor.0)
                    .map_or(source.len(), |r| cursor.1.clamp(r.start, r.end));
                unplaced(decoded, at)
            }
        };
        placed.insert(node.id(), atoms);
    }
    placed
}

/// How many runs of text past the cursor a node is looked for in. Every
/// node is placed in turn, so the next one is normally a run or two on; the
/// bound keeps a page full of nodes that cannot be placed linear.
const LOOK_AHEAD: usize = 1024;

/// Aligns a text node at the cursor, else at the start of a later region.
fn find(
    source: &str,
    regions: &[Range<usize>],
    cursor: (usize, usize),
    decoded: &str,
) -> Option<(Vec<Atom>, (usize, usize))> {
    let first = decoded.trim_start_matches(super::is_space).chars().next();
    let last = regions.len().min(cursor.0 + 1 + LOOK_AHEAD);
    let candidates =
        std::iter::once(cursor).chain((cursor.0 + 1..last).map(|r| (r, regions[r].start)));
    for (region, start) in candidates {
        let Some(range) = regions.get(region) else {
            continue;
        };
        if start >= range.end {
            continue;
        }
        if let Some(c) = first {
            let raw = source[start..range.end].trim_start_matches(super::is_space);
            if !(raw.starts_with(c) || raw.starts_with('&')) {
                continue;
            }
        }
        if let Some(found) = align(source, regions, (region, start), decoded, false) {
            return Some(found);
        }
    }
    None
}

/// The runs of the source that are text between tags: outside tags,
/// comments, doctypes and the content of raw-text elements.
fn text_regions(source: &str) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let mut regions = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(offset) = source[i..].find('<') {
        let at = i + offset;
        let Some(end) = markup_end(source, at) else {
            i = at + 1;
            continue;
        };
        if at > text_start {
            regions.push(text_start..at);
        }
        let mut next = end;
        if let Some(name) = start_tag_name(source, at) {
            if RAW_TEXT.contains(&name.as_str()) {
                next = raw_text_end(source, end, &name);
            }
        }
        text_start = next;
        i = next;
        if i >= bytes.len() {
            break;
        }
    }
    if text_start < source.len() {
        regions.push(text_start..source.len());
    }
    regions
}

/// Where the tag, comment or declaration at `at` (a '<') ends, or None
/// when the '<' is text.
fn markup_end(source: &str, at: usize) -> Option<usize> {
    let rest = &source[at..];
    let next = rest[1..].chars().next()?;
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(source.len(), |e| at + 4 + e + 3));
    }
    if !(next.is_ascii_alphabetic()
        || next == '!'
        || next == '?'
        || (next == '/' && rest[2..].starts_with(|c: char| c.is_ascii_alphabetic())))
    {
        return None;
    }
    let mut quote: Option<char> = None;
    for (offset, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if next.is_ascii_alphabetic() => quote = Some(c),
            (None, '>') => return Some(at + offset + 1),
            _ => {}
        }
    }
    Some(source.len())
}

fn start_tag_name(source: &str, at: usize) -> Option<String> {
    let rest = &source[at + 1..];
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    (len > 0 && rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| rest[..len].to_ascii_lowercase())
}

/// Where the content of a raw-text element that opened before `from` ends:
/// at its end tag.
fn raw_text_end(source: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let lower = source[from..].to_ascii_lowercase();
    lower.find(&closing).map_or(source.len(), |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html><head><title>Site | Council story</title>
<meta property="article:published_time" content="2021-03-04T10:00:00+01:00">
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2021-03-05"}]}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/top">Top 10 stories</a></nav>
<div class="ad-slot">Win 500 pounds</div>
<article>
 <h1>Council backs 70&nbsp;projects</h1>
 <p>The council approved <b>70</b> projects worth &pound;2.5m, <a href="https://example.org/r">the report</a> said.</p>
 <aside class="related"><p>Related: 40 jobs lost</p></aside>
 <figure><img src="a.jpg"><figcaption>Photo: 300 people</figcaption></figure>
 <!-- figcheck-ignore sourcing -->
 <p>Costs rose by 12% in 2020.</p>
</article>
<footer>Copyright 2021, 12 Main St</footer>
</body></html>"#;

    #[test]
    fn the_article_is_kept_and_the_furniture_dropped() {
        let converted = convert(PAGE);
        assert_eq!(
            converted.text,
            "Council backs 70\u{a0}projects\n\nThe council approved 70 projects worth £2.5m, the report said.\n\nCosts rose by 12% in 2020."
        );
        assert_eq!(converted.headline, Some(0..26));
        assert_eq!(converted.published, Some(jiff::civil::date(2021, 3, 4)));
        assert_eq!(converted.links.len(), 1);
        assert_eq!(&PAGE[converted.links[0].source.clone()], "the report");
        assert_eq!(
            &converted.text[converted.ignores[0].range.clone()],
            "Costs rose by 12% in 2020."
        );
    }

    #[test]
    fn spans_map_into_the_source() {
        let converted = convert(PAGE);
        let map = converted.map.unwrap();
        for needle in ["70 projects", "£2.5m", "12% in 2020", "70\u{a0}projects"] {
            let at = converted.text.find(needle).unwrap();
            let source = &PAGE[map.range(at..at + needle.len())];
            let stripped = source
                .replace("</b>", "")
                .replace("&pound;", "£")
                .replace("&nbsp;", "\u{a0}");
            assert_eq!(stripped, needle, "{source}");
        }
    }

    #[test]
    fn json_ld_and_time_give_dates_when_no_meta_does() {
        let page = PAGE.replace("article:published_time", "other");
        assert_eq!(
            convert(&page).published,
            Some(jiff::civil::date(2021, 3, 5))
        );
        let page = "<article><p>Text 5%.</p><time datetime=\"2019-01-02\">2 Jan</time></article>";
        assert_eq!(convert(page).published, Some(jiff::civil::date(2019, 1, 2)));
    }

    #[test]
    fn text_after_a_template_is_still_placed() {
        let page = "<body><template><p>9 hidden</p></template><p>It rose 5%.</p></body>";
        let converted = convert(page);
        assert_eq!(converted.text, "It rose 5%.");
        let map = converted.map.unwrap();
        assert_eq!(&page[map.range(8..10)], "5%");
    }

    #[test]
    fn regions_skip_tags_comments_and_scripts() {
        let source = "<p a='>'>one</p><!-- x --><script>if (a<b) {}</script>two < three";
        let regions: Vec<&str> = text_regions(source)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(regions, ["one", "two < three"]);
    }
}
