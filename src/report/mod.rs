//! The report stage: the report model (what the JSON contract serialises)
//! and the renderers that print it. Renderers see only the model, never the
//! parsers, so a new format is one new file behind [`Renderer`].

mod csv;
mod html;
mod json;
mod jsonl;
mod markdown;
mod sarif;
mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::extract::Claim;
use crate::rules::{Finding, Severity};

pub use self::csv::Csv;
pub use crate::extract::{describe, format_amount};
pub use html::Html;
pub use json::Json;
pub use jsonl::Jsonl;
pub use markdown::Markdown;
pub use sarif::Sarif;
pub use table::Table;

/// The report for one input: its claims and findings.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub source: String,
    pub as_of: Option<String>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// The links the article cites and how they answered (only with
    /// `--check-links`; left out of the JSON otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<CitedLink>,
    /// Where each claim's sentence lies around it in `plain.text`, for
    /// review formats ([`DocumentReport::claims_in_context`]).
    #[serde(skip)]
    pub contexts: Vec<ContextSpan>,
    /// The text the spans point into (the input as read), for formats that
    /// need end positions (SARIF) or the flagged words. Not part of the JSON
    /// contract.
    #[serde(skip)]
    pub text: String,
    /// The article as plain text, for formats that show it (HTML). For
    /// Markdown and HTML input it differs from `text`, so it carries each
    /// claim's and finding's place in it. Not part of the JSON contract.
    #[serde(skip)]
    pub plain: PlainText,
    /// Look-ups that failed, for a note on standard error.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// The article as the extractor read it, with where each claim and each
/// finding lies in it (in the order of `claims` and `findings`).
#[derive(Debug, Clone, Default)]
pub struct PlainText {
    pub text: String,
    pub claims: Vec<std::ops::Range<usize>>,
    pub findings: Vec<std::ops::Range<usize>>,
}

/// One cited link in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedLink {
    pub url: String,
    pub span: crate::extract::Span,
    /// "ok (200)", "dead: 404 Not Found", "moved to https://...", "not checked: ...".
    pub status: String,
    /// Where the web archive lists copies of it.
    pub archive: String,
}

/// Where a claim's sentence lies around it in the plain text: the bytes
/// before the claim and after it. Only review formats show a context, so
/// the report keeps these places and [`DocumentReport::claims_in_context`]
/// makes the words when a format asks (JSON, the default, never does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextSpan {
    pub before: std::ops::Range<usize>,
    pub after: std::ops::Range<usize>,
}

/// A claim in its sentence: the text before it, the claim, the text after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub before: String,
    pub claim: String,
    pub after: String,
}

/// How much sentence to keep on each side of a claim, in characters.
const CONTEXT_CHARS: usize = 50;

impl DocumentReport {
    pub fn new(
        source: &str,
        document: &Document,
        claims: Vec<Claim>,
        findings: Vec<Finding>,
    ) -> DocumentReport {
        let contexts = claims.iter().map(|c| context_span(document, c)).collect();
        // Claims and findings still have spans of the plain text here; the
        // pipeline maps them into the source afterwards.
        let plain = PlainText {
            text: document.text().to_string(),
            claims: claims.iter().map(|c| c.span.start..c.span.end).collect(),
            findings: findings.iter().map(|f| f.span.start..f.span.end).collect(),
        };
        DocumentReport {
            source: source.to_string(),
            as_of: document.published.map(|d| d.to_string()),
            claims,
            findings,
            links: Vec::new(),
            contexts,
            text: document.source_text().to_string(),
            plain,
            notes: Vec::new(),
        }
    }

    /// Keeps the claims and findings (by index) that `keep_claim` and
    /// `keep_finding` accept, with their contexts and places in the plain
    /// text, so every list stays aligned with the others.
    pub fn retain(
        &mut self,
        mut keep_claim: impl FnMut(usize) -> bool,
        mut keep_finding: impl FnMut(usize) -> bool,
    ) {
        let claims: Vec<bool> = (0..self.claims.len()).map(&mut keep_claim).collect();
        let findings: Vec<bool> = (0..self.findings.len()).map(&mut keep_finding).collect();
        fn filter<T>(list: &mut Vec<T>, keep: &[bool]) {
            let mut index = 0;
            list.retain(|_| {
                index += 1;
                keep.get(index - 1).copied().unwrap_or(true)
            });
        }
        filter(&mut self.claims, &claims);
        filter(&mut self.contexts, &claims);
        filter(&mut self.plain.claims, &claims);
        filter(&mut self.findings, &findings);
        filter(&mut self.plain.findings, &findings);
    }

    /// Adds what the online stage found that is not a claim or a finding.
    pub fn add_online(&mut self, online: &crate::lookup::Online) {
        self.links = online
            .links
            .iter()
            .map(|link| CitedLink {
                url: link.url.clone(),
                span: link.span,
                status: link.outcome.describe(),
                archive: link.archive.clone(),
            })
            .collect();
        self.notes = online.notes.clone();
    }

    /// Each claim with its sentence around it, in words, for review formats.
    pub fn claims_in_context(&self) -> impl Iterator<Item = (&Claim, Context)> + '_ {
        let text = self.plain.text.as_str();
        self.claims
            .iter()
            .zip(&self.contexts)
            .map(move |(claim, span)| {
                let context = Context {
                    before: context_before(
                        text.get(span.before.clone()).unwrap_or_default(),
                        CONTEXT_CHARS,
                    ),
                    claim: flatten(&claim.text),
                    after: context_after(
                        text.get(span.after.clone()).unwrap_or_default(),
                        CONTEXT_CHARS,
                    ),
                };
                (claim, context)
            })
    }

    /// The findings that involve a claim, with their index (F1 is index 0).
    pub fn findings_of<'a>(
        &'a self,
        claim: &'a Claim,
    ) -> impl Iterator<Item = (usize, &'a Finding)> + 'a {
        self.findings
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.claims.contains(&claim.id))
    }

    /// The most severe finding that involves a claim, if any.
    pub fn worst_of(&self, claim: &Claim) -> Option<Severity> {
        self.findings_of(claim).map(|(_, f)| f.severity).max()
    }

    /// Findings that name no claim of this report (a quotation or a
    /// superlative has no figure), with their index. Review formats list
    /// them on their own so nothing a rule found is lost.
    pub fn unattached_findings(&self) -> impl Iterator<Item = (usize, &Finding)> + '_ {
        self.findings.iter().enumerate().filter(|(_, f)| {
            !f.claims
                .iter()
                .any(|id| self.claims.iter().any(|c| &c.id == id))
        })
    }

    /// The flagged text of a finding, as it stands in the article.
    pub fn finding_text(&self, finding: &Finding) -> &str {
        self.text
            .get(finding.span.start..finding.span.end)
            .unwrap_or_default()
    }
}

/// "F3" for the finding at index 2: how every format numbers findings.
pub fn finding_label(index: usize) -> String {
    format!("F{}", index + 1)
}

/// A claim's number without its "c" ("c12" is 12), as the tables show it.
pub fn claim_number(claim: &Claim) -> &str {
    claim.id.trim_start_matches('c')
}

/// Who a claim is attributed to, in words: "the operator (according to)",
/// "It is reported (vague)", or "" when nobody is named.
pub fn attribution_words(claim: &Claim) -> String {
    match &claim.attribution {
        Some(a) if a.vague => format!("{} (vague)", a.source),
        Some(a) => format!("{} ({})", a.source, a.cue),
        None => String::new(),
    }
}

/// Where a claim's sentence lies around it (`plain.text` is the document's text).
fn context_span(document: &Document, claim: &Claim) -> ContextSpan {
    let sentence = document.sentences[claim.sentence].span.clone();
    ContextSpan {
        before: sentence.start.min(claim.span.start)..claim.span.start,
        after: claim.span.end..sentence.end.max(claim.span.end),
    }
}

/// The text before a claim, flattened: at most its last `limit`
/// characters, cut at a word start, with "…". Made in one string (the
/// ellipsis is no white space, so flattening after it is flattening the
/// whole): this runs on every claim.
fn context_before(text: &str, limit: usize) -> String {
    let Some(from) = start_of_last_words(text, limit) else {
        return flatten(text);
    };
    let mut out = String::with_capacity(text.len() - from + '…'.len_utf8() + 1);
    out.push('…');
    flatten_into(&text[from..], &mut out);
    out
}

/// The text after a claim, flattened: at most its first `limit`
/// characters, cut at a word end, with "…".
fn context_after(text: &str, limit: usize) -> String {
    let Some(to) = end_of_first_words(text, limit) else {
        return flatten(text);
    };
    let mut out = String::with_capacity(to + '…'.len_utf8() + 1);
    flatten_into(&text[..to], &mut out);
    out.push('…');
    out
}

/// Runs of white space (line breaks included) become one space; a space at
/// either end is kept, so the claim does not run into its context.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    flatten_into(text, &mut out);
    out
}

/// [`flatten`] into `out`: runs of other characters are copied whole, and a
/// character is decoded only at a non-ASCII byte (where it may be space).
fn flatten_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut space = false;
    // The run of characters other than white space that ends at `i`.
    let mut run = 0;
    let mut i = 0;
    loop {
        // Printable ASCII other than the space, in one tight loop.
        i += bytes[i..]
            .iter()
            .position(|&b| !matches!(b, b'!'..=b'~'))
            .unwrap_or(bytes.len() - i);
        if i == bytes.len() {
            break;
        }
        let width = match bytes[i] {
            b'\t'..=b'\r' | b' ' => 1,
            byte if byte.is_ascii() => {
                i += 1;
                continue;
            }
            _ => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                c => {
                    i += c.map_or(1, char::len_utf8);
                    continue;
                }
            },
        };
        if run < i {
            if space {
                out.push(' ');
            }
            out.push_str(&text[run..i]);
        }
        space = true;
        i += width;
        run = i;
    }
    if run < text.len() {
        if space {
            out.push(' ');
        }
        out.push_str(&text[run..]);
        space = false;
    }
    if space {
        out.push(' ');
    }
}

/// Where the last `limit` characters of `text` start, moved on to a word
/// start; None when the text is no longer than that. ASCII text (most) is
/// counted in bytes.
fn start_of_last_words(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    if text.is_ascii() {
        let cut = text.len() - limit;
        let word_start = text.as_bytes()[cut..]
            .iter()
            .position(|&b| matches!(b, b'\t'..=b'\r' | b' '))
            .map_or(0, |i| i + 1);
        return Some(cut + word_start);
    }
    let mut from_end = text.char_indices().rev();
    // The limit-th character from the end (limit is positive) starts the
    // tail; with no character before it, the text is short enough already.
    let (cut, _) = from_end.nth(limit - 1)?;
    from_end.next()?;
    let tail = &text[cut..];
    let word_start = tail
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(cut + word_start)
}

/// Where the first `limit` characters of `text` end, moved back to a word
/// end; None when the text is no longer than that. An ASCII start (most)
/// is counted in bytes.
fn end_of_first_words(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    if text.as_bytes()[..=limit].is_ascii() {
        let head = &text.as_bytes()[..limit];
        return Some(
            head.iter()
                .rposition(|&b| matches!(b, b'\t'..=b'\r' | b' '))
                .unwrap_or(limit),
        );
    }
    // A character after the first `limit` means the text is too long.
    let (cut, _) = text.char_indices().nth(limit)?;
    let head = &text[..cut];
    Some(head.rfind(char::is_whitespace).unwrap_or(head.len()))
}

/// The version of the JSON contract this model serialises to.
pub const VERSION: u32 = 1;

/// The report for a whole run: version 1 of the JSON contract.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentReport>,
    /// Findings left out because a baseline records them (not in the JSON).
    #[serde(skip)]
    pub hidden_by_baseline: usize,
}

impl Report {
    pub fn new(documents: Vec<DocumentReport>) -> Report {
        Report {
            version: VERSION,
            documents,
            hidden_by_baseline: 0,
        }
    }

    /// The most severe finding in the run, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.documents
            .iter()
            .flat_map(|d| &d.findings)
            .map(|f| f.severity)
            .max()
    }

    /// "2 errors, 5 warnings in 1 article" (claims counted when nothing is found).
    pub fn summary(&self) -> String {
        let count = |severity| {
            self.documents
                .iter()
                .flat_map(|d| &d.findings)
                .filter(|f| f.severity == severity)
                .count()
        };
        let parts: Vec<String> = [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "note"),
        ]
        .into_iter()
        .filter(|(severity, _)| count(*severity) > 0)
        .map(|(severity, noun)| plural(count(severity), noun))
        .collect();
        let claims: usize = self.documents.iter().map(|d| d.claims.len()).sum();
        let found = if parts.is_empty() {
            format!("no findings, {}", plural(claims, "claim"))
        } else {
            format!("{}, {}", parts.join(", "), plural(claims, "claim"))
        };
        let hidden = match self.hidden_by_baseline {
            0 => String::new(),
            n => format!(" ({} hidden by the baseline)", plural(n, "finding")),
        };
        format!(
            "{found} in {}{hidden}",
            plural(self.documents.len(), "article")
        )
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// How a renderer may decorate its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and emphasis.
    pub colour: bool,
    /// The width to fit, in columns.
    pub width: u16,
    /// The terminal shows OSC 8 hyperlinks: links as short labels, not footnotes.
    pub hyperlinks: bool,
}

/// One output format.
pub trait Renderer {
    fn render(&self, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_words_with_ellipses() {
        let before = "one two three four five six seven eight nine ten eleven twelve ";
        assert_eq!(context_before(before, 20), "…ten eleven twelve ");
        assert_eq!(context_after(" alpha beta gamma delta", 12), " alpha beta…");
        assert_eq!(context_after(" short", 12), " short");
        assert_eq!(context_before("aaaa\u{a0}bbbb cc", 8), "…bbbb cc");
        assert_eq!(context_before("one\n two\tthree  four", 12), "…three four");
        assert_eq!(context_after("one  two\u{2003}three four", 14), "one two…");
        assert_eq!(flatten(" on\nSaturday, "), " on Saturday, ");
        assert_eq!(flatten("."), ".");
        assert_eq!(flatten(" \u{85}\r\n"), " ");
        assert_eq!(flatten("Zürich\u{a0}£5\u{3000}m"), "Zürich £5 m");
    }

    /// The flattening the renderers were written against: one space for
    /// each run of white space, character by character.
    fn flatten_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
        if space {
            out.push(' ');
        }
        out
    }

    /// The cuts as first written, character by character.
    fn cuts_by_chars(text: &str, limit: usize) -> (Option<usize>, Option<usize>) {
        let mut from_end = text.char_indices().rev();
        let start = from_end.nth(limit - 1).and_then(|(cut, _)| {
            from_end.next()?;
            let tail = &text[cut..];
            Some(
                cut + tail
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8()),
            )
        });
        let end = text.char_indices().nth(limit).map(|(cut, _)| {
            let head = &text[..cut];
            head.rfind(char::is_whitespace).unwrap_or(head.len())
        });
        (start, end)
    }

    proptest::proptest! {
        #[test]
        fn cuts_match_the_character_by_character_form(
            text in "(?s)[ a-z\\.\\n\\t\u{a0}\u{2028}é€]{0,30}",
            limit in 1usize..12,
        ) {
            proptest::prop_assert_eq!(
                (start_of_last_words(&text, limit), end_of_first_words(&text, limit)),
                cuts_by_chars(&text, limit)
            );
        }

        #[test]
        fn flatten_matches_the_character_by_character_form(text in "(?s)[ a-z\\.\\n\\t\\r\u{a0}\u{85}\u{2028}é€]{0,40}") {
            proptest::prop_assert_eq!(flatten(&text), flatten_by_chars(&text));
        }
    }
}
