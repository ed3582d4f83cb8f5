//! The SARIF renderer: the findings as a SARIF 2.1.0 log, so code-review
//! tools and CI annotate the lines of the article a rule flagged.
//!
//! Rule metadata (summary, documentation, configured severity) comes from
//! the rule configuration, handed to [`Sarif::new`]; the report model holds
//! only findings. Columns count Unicode code points (`columnKind`), as the
//! report's spans do; `charOffset` and `charLength` count the same way, and
//! `byteOffset`/`byteLength` give the contract's UTF-8 byte span as it is.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{DocumentReport, Renderer, Report, Style};
use crate::extract::Span;
use crate::rules::{Finding, RuleInfo, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Renders SARIF with the rules of one run's configuration.
pub struct Sarif {
    rules: Vec<RuleInfo>,
}

impl Sarif {
    /// `rules` is what `RuleConfig::rules()` returns for the run.
    pub fn new(rules: Vec<RuleInfo>) -> Sarif {
        Sarif { rules }
    }
}

impl Renderer for Sarif {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.log(report))?;
        writeln!(out)
    }
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Sarif {
    fn log(&self, report: &Report) -> Value {
        // Every configured rule, then any rule a finding names that the
        // configuration does not (a report made with other packs).
        let mut rules: Vec<Value> = self.rules.iter().map(rule_descriptor).collect();
        let mut index: HashMap<&str, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        for finding in report.documents.iter().flat_map(|d| &d.findings) {
            if !index.contains_key(finding.rule.as_str()) {
                index.insert(&finding.rule, rules.len());
                rules.push(json!({
                    "id": finding.rule,
                    "shortDescription": { "text": finding.rule },
                    "defaultConfiguration": { "level": level(finding.severity) },
                }));
            }
        }
        let results: Vec<Value> = report
            .documents
            .iter()
            .flat_map(|document| {
                let located = Locator::new(document);
                document
                    .findings
                    .iter()
                    .map(|finding| {
                        result(document, &located, finding, index[finding.rule.as_str()])
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut driver = json!({
            "name": "figcheck",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        });
        if let Some(uri) = information_uri() {
            driver["informationUri"] = json!(uri);
        }
        json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        })
    }
}

/// The project's home page from Cargo.toml (`homepage`, else `repository`);
/// SARIF wants an absolute URI, so nothing is invented when neither is set.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn rule_descriptor(rule: &RuleInfo) -> Value {
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.summary },
        "help": { "text": rule.documentation.trim() },
        "defaultConfiguration": {
            "level": level(rule.severity),
            "enabled": rule.enabled,
        },
    })
}

fn result(document: &DocumentReport, located: &Locator, finding: &Finding, rule: usize) -> Value {
    let uri = artifact_uri(&document.source);
    let related: Vec<Value> = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, span)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical_location(&uri, located, span),
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [{ "physicalLocation": physical_location(&uri, located, &finding.span) }],
        "properties": { "claims": finding.claims },
    });
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    result
}

fn physical_location(uri: &str, located: &Locator, span: &Span) -> Value {
    let mut region = json!({
        "startLine": span.line,
        "startColumn": span.column,
        "byteOffset": span.start,
        "byteLength": span.end.saturating_sub(span.start),
    });
    if let (Some(start), Some(end)) = (located.at(span.start), located.at(span.end)) {
        region["endLine"] = json!(end.line);
        region["endColumn"] = json!(end.column);
        region["charOffset"] = json!(start.chars);
        region["charLength"] = json!(end.chars - start.chars);
    }
    json!({
        "artifactLocation": { "uri": uri },
        "region": region,
    })
}

/// Line, column and code-point offset of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
    chars: usize,
}

/// The positions of every byte offset a document's findings name, found in
/// one pass over its text.
struct Locator {
    positions: HashMap<usize, Position>,
}

impl Locator {
    fn new(document: &DocumentReport) -> Locator {
        let mut offsets: Vec<usize> = document
            .findings
            .iter()
            .flat_map(|f| std::iter::once(&f.span).chain(&f.related))
            .flat_map(|s| [s.start, s.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        Locator {
            positions: positions(&document.text, &offsets),
        }
    }

    fn at(&self, offset: usize) -> Option<Position> {
        self.positions.get(&offset).copied()
    }
}

/// `offsets` must be sorted; offsets past the end of `text` are left out.
fn positions(text: &str, offsets: &[usize]) -> HashMap<usize, Position> {
    let mut found = HashMap::new();
    let mut targets = offsets.iter().copied().peekable();
    let mut here = Position {
        line: 1,
        column: 1,
        chars: 0,
    };
    let ends = text.char_indices().map(Some).chain([None]);
    for next in ends {
        let byte = next.map_or(text.len(), |(i, _)| i);
        while let Some(target) = targets.next_if(|t| *t <= byte) {
            found.insert(target, here);
        }
        match next {
            Some((_, '\n')) => {
                here.line += 1;
                here.column = 1;
            }
            Some(_) => here.column += 1,
            None => break,
        }
        here.chars += 1;
    }
    found
}

/// The source name as a URI reference: URLs as they are, paths with
/// forward slashes and reserved characters percent-encoded, absolute paths
/// as `file://` URIs.
fn artifact_uri(source: &str) -> String {
    if source.starts_with("http://") || source.starts_with("https://") {
        return source.to_string();
    }
    let path = source.replace('\\', "/");
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => encoded.push(byte as char),
            b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' => {
                encoded.push(byte as char)
            }
            b'*' | b'+' | b',' | b';' | b'=' | b'@' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_and_lines() {
        let text = "ab\n£4.2m é";
        let found = positions(text, &[0, 3, 5, 10, 12, 99]);
        assert_eq!(
            found[&0],
            Position {
                line: 1,
                column: 1,
                chars: 0
            }
        );
        assert_eq!(
            found[&3],
            Position {
                line: 2,
                column: 1,
                chars: 3
            }
        );
        // "£" is two bytes and one column.
        assert_eq!(
            found[&5],
            Position {
                line: 2,
                column: 2,
                chars: 4
            }
        );
        assert_eq!(
            found[&12],
            Position {
                line: 2,
                column: 8,
                chars: 10
            }
        );
        assert!(!found.contains_key(&99));
    }

    #[test]
    fn source_names_become_uri_references() {
        assert_eq!(
            artifact_uri("stories/harbour news.txt"),
            "stories/harbour%20news.txt"
        );
        assert_eq!(artifact_uri("/tmp/a#1.txt"), "file:///tmp/a%231.txt");
        assert_eq!(artifact_uri("C:\\news\\a.txt"), "C%3A/news/a.txt");
        assert_eq!(
            artifact_uri("https://example.org/a?b=1"),
            "https://example.org/a?b=1"
        );
        assert_eq!(level(Severity::Info), "note");
    }
}
