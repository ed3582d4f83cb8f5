//! The terminal renderer: per document, one table row per claim (marked with
//! the findings that involve it), then a table of findings, fitted to the
//! terminal width, with colour only when the caller allows it.
//!
//! Look-up links show as short labels that are OSC 8 hyperlinks where the
//! terminal supports them; elsewhere the column holds footnote numbers and
//! the full URLs follow the table, each distinct URL once.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ContentArrangement, Table as Grid};

use super::{describe, DocumentReport, Renderer, Report, Style};
use crate::extract::Link;
use crate::rules::Severity;

pub struct Table;

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

impl Renderer for Table {
    fn render(&self, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
        for document in &report.documents {
            render_document(document, style, out)?;
        }
        writeln!(out, "{}", report.summary())
    }
}

fn paint(style: Style, colour: &str, text: &str) -> String {
    if style.colour {
        format!("{colour}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    }
}

fn new_grid(style: Style, header: &[&str]) -> Grid {
    let mut grid = Grid::new();
    grid.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(header.to_vec());
    if style.colour {
        grid.enforce_styling();
    } else {
        grid.force_no_tty();
    }
    grid
}

fn render_document(document: &DocumentReport, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let as_of = match &document.as_of {
        Some(date) => format!("as of {date}"),
        None => "no publication date found (give one with --as-of)".to_string(),
    };
    writeln!(out, "{} — {as_of}", paint(style, BOLD, &document.source))?;
    if document.claims.is_empty() {
        writeln!(out, "no checkable figures or dates found")?;
    } else {
        let mut grid = new_grid(
            style,
            &[
                "#",
                "at",
                "kind",
                "claim in context",
                "value",
                "source",
                "look up",
            ],
        );
        let mut footnotes = Footnotes::default();
        for (claim, context) in document.claims_in_context() {
            let marked = if style.colour {
                format!("{BOLD_YELLOW}{}{RESET}", context.claim)
            } else {
                format!("«{}»", context.claim)
            };
            let source = match &claim.attribution {
                Some(a) if a.vague => format!("{} (vague)", a.source),
                Some(a) => format!("{} ({})", a.source, a.cue),
                None => "—".to_string(),
            };
            let marks: Vec<String> = document
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.claims.contains(&claim.id))
                .map(|(i, f)| paint(style, severity_colour(f.severity), &format!("F{}", i + 1)))
                .collect();
            let number = claim.id.trim_start_matches('c');
            let number = if marks.is_empty() {
                number.to_string()
            } else {
                format!("{number} {}", marks.join(" "))
            };
            let mut value = describe(claim);
            if let Some(confirmed) = &claim.confirmed {
                value.push_str(&format!(
                    "\nconfirmed: {} gives {}",
                    confirmed.source, confirmed.value
                ));
            }
            let mut source = source;
            for review in &claim.reviews {
                source.push_str(&format!(
                    "\nfact-checked by {}: {} ({})",
                    review.publisher, review.rating, review.url
                ));
            }
            grid.add_row([
                Cell::new(number),
                Cell::new(format!("{}:{}", claim.span.line, claim.span.column)),
                Cell::new(claim.kind.as_str()),
                Cell::new(format!("{}{marked}{}", context.before, context.after)),
                Cell::new(value),
                Cell::new(source),
                Cell::new(if style.hyperlinks {
                    hyperlinked_labels(&claim.links)
                } else {
                    footnotes.numbers(&claim.links)
                }),
            ]);
        }
        if style.hyperlinks {
            writeln!(out, "{}", without_empty_links(&grid.to_string()))?;
        } else {
            writeln!(out, "{grid}")?;
        }
        for (i, link) in footnotes.links.iter().enumerate() {
            writeln!(out, "[{}] {}: {}", i + 1, link.title, link.url)?;
        }
        if !footnotes.links.is_empty() && !document.findings.is_empty() {
            writeln!(out)?;
        }
    }
    if !document.findings.is_empty() {
        let mut grid = new_grid(style, &["", "severity", "at", "rule", "finding"]);
        for (i, finding) in document.findings.iter().enumerate() {
            grid.add_row([
                Cell::new(format!("F{}", i + 1)),
                Cell::new(paint(
                    style,
                    severity_colour(finding.severity),
                    finding.severity.as_str(),
                )),
                Cell::new(format!("{}:{}", finding.span.line, finding.span.column)),
                Cell::new(&finding.rule),
                Cell::new(&finding.message),
            ]);
        }
        writeln!(out, "{grid}")?;
    }
    if !document.links.is_empty() {
        let mut grid = new_grid(style, &["at", "cited link", "status", "archived copies"]);
        for link in &document.links {
            grid.add_row([
                format!("{}:{}", link.span.line, link.span.column),
                link.url.clone(),
                link.status.clone(),
                link.archive.clone(),
            ]);
        }
        writeln!(out, "{grid}")?;
    }
    writeln!(out)
}

/// Labels that are OSC 8 hyperlinks to their URLs, one a line: the table
/// never has to wrap inside a link, which would split its escape codes.
fn hyperlinked_labels(links: &[Link]) -> String {
    links
        .iter()
        .map(|link| {
            let label = link.title.replace(' ', "\u{a0}");
            format!("\x1b]8;;{}\x1b\\{label}\x1b]8;;\x1b\\", link.url)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table with empty hyperlinks removed: comfy-table carries an open
/// OSC 8 link over to each later line of its cell as if it were a colour,
/// which a terminal shows as nothing but which would bloat the output.
fn without_empty_links(table: &str) -> String {
    static EMPTY: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    EMPTY
        .get_or_init(|| {
            regex::Regex::new(r"\x1b\]8;;[^\x1b]*\x1b\\\x1b\]8;;\x1b\\").expect("valid pattern")
        })
        .replace_all(table, "")
        .into_owned()
}

/// The links of one document's table, numbered in order of first use;
/// claims of one sentence often share a URL, which is listed once.
#[derive(Default)]
struct Footnotes {
    links: Vec<Link>,
}

impl Footnotes {
    /// "1 2 3 4" (the numbers of a claim's links), adding new URLs.
    fn numbers(&mut self, links: &[Link]) -> String {
        let numbers: Vec<String> = links
            .iter()
            .map(|link| {
                let index = match self.links.iter().position(|l| l.url == link.url) {
                    Some(index) => index,
                    None => {
                        self.links.push(link.clone());
                        self.links.len() - 1
                    }
                };
                (index + 1).to_string()
            })
            .collect();
        if numbers.is_empty() {
            "—".to_string()
        } else {
            numbers.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Harbour bridge reopens\n\nPublished 5 November 2017\n\n\
        Unemployment in France rose to 9.7% in October, INSEE said.\n";

    fn render(hyperlinks: bool) -> String {
        let document = crate::check("story.txt", ARTICLE, &crate::Options::default());
        let style = Style {
            colour: false,
            width: 100,
            hyperlinks,
        };
        let mut out = Vec::new();
        Table
            .render(&Report::new(vec![document]), style, &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What a terminal shows: escape sequences take no columns.
    fn visible(line: &str) -> String {
        regex::Regex::new(r"\x1b\]8;;[^\x1b]*\x1b\\|\x1b\[[0-9;]*m")
            .unwrap()
            .replace_all(line, "")
            .into_owned()
    }

    #[test]
    fn without_hyperlinks_the_urls_are_footnotes() {
        let text = render(false);
        assert!(text.contains("look up"), "{text}");
        assert!(!text.contains("\x1b]8;;"), "{text}");
        assert!(
            text.contains("[1] Wikipedia: https://en.wikipedia.org/w/index.php?search="),
            "{text}"
        );
        assert!(text.contains("INSEE: https://www.insee.fr/"), "{text}");
    }

    #[test]
    fn hyperlinked_labels_keep_the_table_aligned() {
        let text = render(true);
        assert!(text.contains("\x1b]8;;https://en.wikipedia.org/"), "{text}");
        assert!(!text.contains("[1] "), "{text}");
        let widths: Vec<usize> = text
            .lines()
            .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
            .map(|l| visible(l).chars().count())
            .collect();
        assert!(widths.len() > 3, "{text}");
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}\n{text}");
        // Each link is opened once, around its label.
        let opened = text.matches("\x1b]8;;https://").count();
        let labelled = text.matches("\x1b\\Wikipedia\x1b]8;;").count();
        assert_eq!(labelled, 2, "{text:?}");
        assert_eq!(opened, 4 + 7, "{text:?}");
    }
}
