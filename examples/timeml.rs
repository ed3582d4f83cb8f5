//! Measures figcheck's temporal claims against TimeML gold annotations.
//!
//! ```text
//! cargo run --release --example timeml -- DIR... [--verbose]
//! ```
//!
//! Each DIR is walked for `.tml` files (TimeML 1.2 XML, as in TempEval-3).
//! For every file the `<TEXT>` element is taken with its tags stripped and
//! XML entities decoded; the offsets of the TIMEX3 elements are computed in
//! that plain text. The document creation time (the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`) is the publication date. figcheck
//! runs the whole pipeline on the text, and its date, relative-date and
//! duration claims are compared with the gold TIMEX3 mentions (DATE, TIME,
//! DURATION, SET):
//!
//! - strict span: the same byte range;
//! - relaxed span: overlapping ranges, each gold and each claim matched at
//!   most once, in text order;
//! - value accuracy: on relaxed matches, the claim's TIMEX3 value equals the
//!   gold `value` attribute exactly.
//!
//! Results are printed per directory and in total. `--verbose` lists the
//! misses, the false positives, the value mismatches and the relaxed
//! matches whose spans differ. `--skip-ages`
//! leaves out age claims ("Anna Berg, 39,", "a 6-year-old"), which figcheck
//! reports as durations but TimeML does not annotate. `--no-dct` runs
//! without the publication date (values then stay unresolved).

use std::path::{Path, PathBuf};

use figcheck::{Options, Value};

/// One temporal expression: its byte range in the plain text and its value.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    value: String,
    text: String,
}

/// A TimeML document as plain text with its gold mentions.
struct Gold {
    text: String,
    dct: Option<jiff::civil::Date>,
    mentions: Vec<Mention>,
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    value_correct: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.value_correct += other.value_correct;
    }

    fn print(&self, label: &str) {
        let prf = |hits: usize| {
            let p = ratio(hits, self.predicted);
            let r = ratio(hits, self.gold);
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            format!("P {p:.3} R {r:.3} F1 {f:.3}")
        };
        println!(
            "{label:<12} gold {:>5}  predicted {:>5}  strict {}  relaxed {}  value acc {:.3} ({}/{})",
            self.gold,
            self.predicted,
            prf(self.strict),
            prf(self.relaxed),
            ratio(self.value_correct, self.relaxed),
            self.value_correct,
            self.relaxed
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn main() {
    let mut dirs = Vec::new();
    let mut verbose = false;
    let mut skip_ages = false;
    let mut no_dct = false;
    for arg in std::env::args().skip(1) {
        if arg == "--verbose" || arg == "-v" {
            verbose = true;
        } else if arg == "--skip-ages" {
            skip_ages = true;
        } else if arg == "--no-dct" {
            no_dct = true;
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: timeml DIR... [--verbose] [--skip-ages] [--no-dct]");
        std::process::exit(2);
    }
    let mut total = Tally::default();
    for dir in &dirs {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "tml"))
            .collect();
        files.sort();
        let mut tally = Tally::default();
        for file in &files {
            match std::fs::read_to_string(file) {
                Ok(xml) => tally.add(evaluate(file, &xml, verbose, skip_ages, no_dct)),
                Err(error) => eprintln!("{}: {error}", file.display()),
            }
        }
        let label = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        tally.print(&label);
        total.add(tally);
    }
    if dirs.len() > 1 {
        total.print("total");
    }
}

fn evaluate(path: &Path, xml: &str, verbose: bool, skip_ages: bool, no_dct: bool) -> Tally {
    let Some(mut gold) = read_timeml(xml) else {
        eprintln!("{}: no <TEXT> element", path.display());
        return Tally::default();
    };
    if no_dct {
        gold.dct = None;
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let report = figcheck::check(
        &name,
        &gold.text,
        &Options {
            as_of: gold.dct,
            ..Options::default()
        },
    );
    let predicted: Vec<Mention> = report
        .claims
        .iter()
        .filter(|c| c.kind.is_temporal())
        .filter(|c| !(skip_ages && is_age(c)))
        .map(|c| Mention {
            start: c.span.start,
            end: c.span.end,
            value: match &c.value {
                Value::Temporal(t) => t.timex.clone(),
                Value::Number(_) => String::new(),
            },
            text: c.text.clone(),
        })
        .collect();
    let mut tally = Tally {
        gold: gold.mentions.len(),
        predicted: predicted.len(),
        ..Tally::default()
    };
    let mut gold_used = vec![false; gold.mentions.len()];
    let mut predicted_used = vec![false; predicted.len()];
    tally.strict = predicted
        .iter()
        .filter(|p| {
            gold.mentions
                .iter()
                .any(|g| g.start == p.start && g.end == p.end)
        })
        .count();
    for (pi, p) in predicted.iter().enumerate() {
        let found = gold
            .mentions
            .iter()
            .enumerate()
            .find(|(gi, g)| !gold_used[*gi] && g.start < p.end && p.start < g.end);
        if let Some((gi, g)) = found {
            gold_used[gi] = true;
            predicted_used[pi] = true;
            tally.relaxed += 1;
            if verbose && (g.start, g.end) != (p.start, p.end) {
                println!("SPAN {name}: {:?} gold {:?}", p.text, g.text);
            }
            if g.value == p.value {
                tally.value_correct += 1;
            } else if verbose {
                println!(
                    "VALUE {name}: {:?} gold {} got {} | {}",
                    p.text,
                    g.value,
                    p.value,
                    context(&gold.text, g.start, g.end)
                );
            }
        }
    }
    if verbose {
        for (g, used) in gold.mentions.iter().zip(&gold_used) {
            if !used {
                println!(
                    "MISS {name}: {:?} {} | {}",
                    g.text,
                    g.value,
                    context(&gold.text, g.start, g.end)
                );
            }
        }
        for (p, used) in predicted.iter().zip(&predicted_used) {
            if !used {
                println!(
                    "FP {name}: {:?} {} | {}",
                    p.text,
                    p.value,
                    context(&gold.text, p.start, p.end)
                );
            }
        }
    }
    tally
}

/// An age claim: it names its person, or reads "N-year-old", "N years
/// old", "aged N".
fn is_age(claim: &figcheck::Claim) -> bool {
    let named = matches!(&claim.value, Value::Temporal(t) if t.subject.is_some());
    let text = claim.text.to_ascii_lowercase();
    named || text.ends_with("old") || text.starts_with("aged")
}

/// Up to 60 bytes either side of a range, on one line, the range in brackets.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!(
        "{}[{}]{}",
        &text[from..start],
        &text[start..end],
        &text[end..to]
    )
    .replace('\n', " ")
}

/// The value of attribute `name` in the inside of a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = &rest[i + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let value = after_trim[1..].trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &value[1..];
                let close = inner.find(quote)?;
                return Some(&inner[..close]);
            }
        }
        rest = after;
    }
    None
}

/// Decodes one XML entity at the start of `s` (which begins with '&'),
/// returning the character and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    if end > 10 {
        return None;
    }
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Parses a TimeML document: the DCT and the plain `<TEXT>` with its
/// TIMEX3 mentions.
fn read_timeml(xml: &str) -> Option<Gold> {
    let dct = find_dct(xml);
    let open = xml.find("<TEXT>")? + "<TEXT>".len();
    let close = open + xml[open..].find("</TEXT>")?;
    let body = &xml[open..close];
    let mut text = String::with_capacity(body.len());
    let mut mentions = Vec::new();
    // Open TIMEX3 elements: (start offset, type, value).
    let mut stack: Vec<(usize, String, String)> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else { break };
            let tag = &rest[1..end];
            if let Some(attrs) = tag.strip_prefix("TIMEX3") {
                let kind = attribute(attrs, "type").unwrap_or("").to_string();
                let value = attribute(attrs, "value").unwrap_or("").to_string();
                if tag.ends_with('/') {
                    // An empty TIMEX3 has no text to match.
                } else {
                    stack.push((text.len(), kind, value));
                }
            } else if tag.starts_with("/TIMEX3") {
                if let Some((start, kind, value)) = stack.pop() {
                    if matches!(kind.as_str(), "DATE" | "TIME" | "DURATION" | "SET") {
                        mentions.push(Mention {
                            start,
                            end: text.len(),
                            value,
                            text: text[start..].to_string(),
                        });
                    }
                }
            }
            i += end + 1;
        } else if rest.starts_with('&') {
            match entity(rest) {
                Some((c, len)) => {
                    text.push(c);
                    i += len;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next()?;
            text.push(c);
            i += c.len_utf8();
        }
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    Some(Gold {
        text,
        dct,
        mentions,
    })
}

fn find_dct(xml: &str) -> Option<jiff::civil::Date> {
    let mut rest = xml;
    while let Some(i) = rest.find("<TIMEX3") {
        let end = rest[i..].find('>')? + i;
        let tag = &rest[i + 1..end];
        if attribute(tag, "functionInDocument") == Some("CREATION_TIME") {
            let value = attribute(tag, "value")?;
            return value.get(..10)?.parse().ok();
        }
        rest = &rest[end..];
    }
    None
}
