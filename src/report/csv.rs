//! The CSV renderer: one RFC 4180 row per claim, for a desk that sorts,
//! filters and shares the claims in a spreadsheet.
//!
//! Columns: document, claim, kind, text, line, column, value, qualifier,
//! unit, source, cue, severity, rules, findings, links. `severity` is the
//! worst finding that involves the claim; `rules` and `findings` list every
//! one ("; " between them); `links` lists look-up links as "title <url>".
//!
//! A finding that involves no claim (an unattributed quotation, an unsourced
//! superlative) gets a row of its own with the claim, kind, value, qualifier,
//! unit, source and cue cells empty: `text`, `line` and `column` give the
//! flagged text and where it starts. Rows keep the order of the article, so
//! such a row sits where its text is.

use std::io::{self, Write};

use super::{describe, DocumentReport, Renderer, Report, Style};
use crate::extract::{Claim, Value};
use crate::rules::Finding;

pub struct Csv;

const HEADER: [&str; 15] = [
    "document",
    "claim",
    "kind",
    "text",
    "line",
    "column",
    "value",
    "qualifier",
    "unit",
    "source",
    "cue",
    "severity",
    "rules",
    "findings",
    "links",
];

impl Renderer for Csv {
    fn render(&self, report: &Report, _style: Style, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(HEADER)?;
        for document in &report.documents {
            for row in rows(document) {
                writer.write_record(&row)?;
            }
        }
        writer.flush()
    }
}

/// One document's rows, claims and unattached findings in text order.
fn rows(document: &DocumentReport) -> Vec<[String; 15]> {
    let mut rows: Vec<(usize, [String; 15])> = document
        .claims
        .iter()
        .map(|claim| (claim.span.start, claim_row(document, claim)))
        .collect();
    rows.extend(
        document
            .unattached_findings()
            .map(|(_, finding)| (finding.span.start, finding_row(document, finding))),
    );
    // A stable sort keeps a claim before a finding that starts with it.
    rows.sort_by_key(|(start, _)| *start);
    rows.into_iter().map(|(_, row)| row).collect()
}

fn claim_row(document: &DocumentReport, claim: &Claim) -> [String; 15] {
    let findings: Vec<&Finding> = document.findings_of(claim).map(|(_, f)| f).collect();
    let (qualifier, unit) = match &claim.value {
        Value::Number(number) => (
            serde_json::to_value(number.qualifier)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            number.unit.clone().unwrap_or_default(),
        ),
        Value::Temporal(_) => (String::new(), String::new()),
    };
    // A vague attribution ("it is reported") says so in the cue cell, so a
    // filter on the source column still shows the words the article used.
    let (source, cue) = match &claim.attribution {
        Some(a) if a.vague => (a.source.clone(), format!("{} (vague)", a.cue)),
        Some(a) => (a.source.clone(), a.cue.clone()),
        None => (String::new(), String::new()),
    };
    let links: Vec<String> = claim
        .links
        .iter()
        .map(|link| format!("{} <{}>", link.title, link.url))
        .collect();
    [
        document.source.clone(),
        claim.id.clone(),
        claim.kind.as_str().to_string(),
        claim.text.clone(),
        claim.span.line.to_string(),
        claim.span.column.to_string(),
        describe(claim),
        qualifier,
        unit,
        source,
        cue,
        document
            .worst_of(claim)
            .map_or("", |s| s.as_str())
            .to_string(),
        join(findings.iter().map(|f| f.rule.as_str())),
        join(findings.iter().map(|f| f.message.as_str())),
        links.join("; "),
    ]
}

fn finding_row(document: &DocumentReport, finding: &Finding) -> [String; 15] {
    let empty = String::new;
    [
        document.source.clone(),
        empty(),
        empty(),
        document.finding_text(finding).to_string(),
        finding.span.line.to_string(),
        finding.span.column.to_string(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        finding.severity.as_str().to_string(),
        finding.rule.clone(),
        finding.message.clone(),
        empty(),
    ]
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}
