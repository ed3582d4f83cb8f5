//! Measures the numeric claims against MeasEval (SemEval-2021 Task 8) gold
//! Quantity spans.
//!
//! ```text
//! cargo run --release --example measeval -- DIR [--verbose]
//! ```
//!
//! DIR holds `train/`, `eval/` and `trial/`, each with the paragraphs
//! (`text/*.txt`, or `txt/*.txt` for trial) and their annotations
//! (`tsv/*.tsv`). Gold offsets count Unicode code points; figcheck's spans
//! are UTF-8 bytes, so gold offsets are converted before comparing.
//!
//! Strict: a predicted span equal to a gold span. Relaxed: overlapping.
//! Precision counts predicted spans that match some gold span; recall counts
//! gold spans that some prediction matches. Durations count as predictions
//! too, since MeasEval's quantities include "3 years". `--verbose` prints
//! each missed gold span and each unmatched prediction in context.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use figcheck::{ClaimKind, Options};

type Span = (usize, usize);

#[derive(Default, Clone, Copy)]
struct Tally {
    gold: usize,
    predicted: usize,
    strict_precise: usize,
    strict_found: usize,
    relaxed_precise: usize,
    relaxed_found: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.strict_precise += other.strict_precise;
        self.strict_found += other.strict_found;
        self.relaxed_precise += other.relaxed_precise;
        self.relaxed_found += other.relaxed_found;
    }

    fn print(&self, name: &str) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let sp = ratio(self.strict_precise, self.predicted);
        let sr = ratio(self.strict_found, self.gold);
        let rp = ratio(self.relaxed_precise, self.predicted);
        let rr = ratio(self.relaxed_found, self.gold);
        println!(
            "{name:<6} gold {:>5}  predicted {:>5}  strict P {sp:.3} R {sr:.3} F1 {:.3}  relaxed P {rp:.3} R {rr:.3} F1 {:.3}",
            self.gold,
            self.predicted,
            f1(sp, sr),
            f1(rp, rr),
        );
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let Some(dir) = args.iter().find(|a| !a.starts_with('-')) else {
        eprintln!("usage: measeval DIR [--verbose]");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let mut total = Tally::default();
    for split in ["train", "eval", "trial"] {
        match run_split(&dir.join(split), verbose) {
            Ok(tally) => {
                tally.print(split);
                total.add(&tally);
            }
            Err(error) => {
                eprintln!("measeval: {split}: {error}");
                return ExitCode::from(2);
            }
        }
    }
    total.print("total");
    ExitCode::SUCCESS
}

fn run_split(dir: &Path, verbose: bool) -> std::io::Result<Tally> {
    let text_dir = ["text", "txt"]
        .iter()
        .map(|d| dir.join(d))
        .find(|d| d.is_dir())
        .ok_or_else(|| std::io::Error::other(format!("no text directory in {}", dir.display())))?;
    let mut files: Vec<PathBuf> = fs::read_dir(&text_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut tally = Tally::default();
    for path in files {
        let text = fs::read_to_string(&path)?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let tsv = dir.join("tsv").join(format!("{id}.tsv"));
        let gold = if tsv.exists() {
            gold_spans(&fs::read_to_string(&tsv)?, &text)
        } else {
            BTreeSet::new()
        };
        let report = figcheck::check(&id, &text, &Options::default());
        let predicted: BTreeSet<Span> = report
            .claims
            .iter()
            .filter(|c| {
                matches!(
                    c.kind,
                    ClaimKind::Count
                        | ClaimKind::Quantity
                        | ClaimKind::Money
                        | ClaimKind::Percent
                        | ClaimKind::Ordinal
                        | ClaimKind::Duration
                )
            })
            .map(|c| (c.span.start, c.span.end))
            .collect();
        let overlaps = |a: &Span, b: &Span| a.0 < b.1 && b.0 < a.1;
        let mut t = Tally {
            gold: gold.len(),
            predicted: predicted.len(),
            ..Tally::default()
        };
        for g in &gold {
            if predicted.contains(g) {
                t.strict_found += 1;
            }
            if predicted.iter().any(|p| overlaps(p, g)) {
                t.relaxed_found += 1;
            } else if verbose {
                println!("MISS {id}: {}", context(&text, *g));
            }
        }
        for p in &predicted {
            if gold.contains(p) {
                t.strict_precise += 1;
            }
            if gold.iter().any(|g| overlaps(p, g)) {
                t.relaxed_precise += 1;
            } else if verbose {
                println!("FALSE {id}: {}", context(&text, *p));
            }
        }
        if verbose {
            for g in &gold {
                if !predicted.contains(g) {
                    if let Some(p) = predicted.iter().find(|p| overlaps(p, g)) {
                        println!(
                            "SPAN {id}: gold [{}] predicted [{}]",
                            &text[g.0..g.1],
                            &text[p.0..p.1]
                        );
                    }
                }
            }
        }
        tally.add(&t);
    }
    Ok(tally)
}

/// Gold Quantity spans of one paragraph, converted from code points to bytes.
fn gold_spans(tsv: &str, text: &str) -> BTreeSet<Span> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.get(2) != Some(&"Quantity") {
                return None;
            }
            let start: usize = fields.get(3)?.parse().ok()?;
            let end: usize = fields.get(4)?.parse().ok()?;
            Some((*byte_at.get(start)?, *byte_at.get(end)?))
        })
        .collect()
}

/// The span in brackets with some text either side, on one line.
fn context(text: &str, span: Span) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(span.0.saturating_sub(40));
    let to = floor((span.1 + 40).min(text.len()));
    format!(
        "{}[{}]{}",
        &text[from..span.0],
        &text[span.0..span.1],
        &text[span.1..to]
    )
    .replace('\n', " ")
}
