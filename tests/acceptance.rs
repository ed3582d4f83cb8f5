//! Acceptance test of the rule engine: per-rule precision and recall.
//!
//! Every `fixtures/acceptance/NAME.txt` (and every `fixtures/articles/NAME.txt`
//! that has one) comes with `NAME.findings.toml`, listing every finding the
//! article should raise as `[[finding]] rule = "..." text = "..."`, where
//! `text` is a short exact piece of the article at the finding's place (the
//! claim "57%", the first words of a quote). Articles whose name starts with
//! `control_` are clean controls: correct, attributed figures and the traps
//! that must not fire.
//!
//! The test runs [`figcheck::check`] on each article (the publication date
//! comes from its byline), matches real findings to expected ones — same rule,
//! and the expected text lying inside or overlapping the finding's span or one
//! of its related spans; each expected finding matches at most one real one —
//! and prints true positives, false positives, false negatives, precision and
//! recall per rule and per family (run with `--nocapture` to see the table).
//! It then asserts the aims:
//!
//! - consistency: precision ≥ 0.95 and recall ≥ 0.85;
//! - sourcing: precision ≥ 0.85 and recall ≥ 0.85;
//! - no consistency finding on any `control_` article.
//!
//! On failure it lists every false positive and false negative with its
//! article, rule and message. `harness_reports_wrong_expectations` checks that
//! a deliberately wrong expectation is reported, so the test can fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use figcheck::extract::Span;
use figcheck::Options;
use serde::Deserialize;

/// The families and their aims: (family, minimum precision, minimum recall).
const AIMS: [(&str, f64, f64); 2] = [("consistency", 0.95, 0.85), ("sourcing", 0.85, 0.85)];

/// A sidecar: `NAME.findings.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    #[serde(default)]
    finding: Vec<ExpectedFinding>,
}

/// One finding the article should raise.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    /// A short exact substring of the article at the finding's place.
    text: String,
}

/// An article with the findings it should raise.
struct Article {
    name: String,
    text: String,
    expected: Vec<ExpectedFinding>,
}

/// A real finding reduced to what the scoring needs.
#[derive(Debug, Clone)]
struct Found {
    rule: String,
    message: String,
    /// The finding's span and its related spans, as byte ranges.
    spans: Vec<(usize, usize)>,
}

/// One mismatch between the expected and the real findings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Miss {
    article: String,
    rule: String,
    /// For a false positive the tool's message; for a false negative the
    /// expected text.
    detail: String,
}

/// True positives, false positives and false negatives of one rule or family.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// `None` when the rule raised nothing.
    fn precision(self) -> Option<f64> {
        let raised = self.tp + self.fp;
        (raised > 0).then(|| self.tp as f64 / raised as f64)
    }

    /// `None` when nothing was expected.
    fn recall(self) -> Option<f64> {
        let expected = self.tp + self.fn_;
        (expected > 0).then(|| self.tp as f64 / expected as f64)
    }
}

/// The outcome of scoring a set of articles.
#[derive(Debug, Default)]
struct Score {
    per_rule: BTreeMap<String, Tally>,
    false_positives: Vec<Miss>,
    false_negatives: Vec<Miss>,
    /// Consistency findings on `control_` articles: (article, message).
    control_findings: Vec<Miss>,
}

impl Score {
    fn family(&self, family: &str) -> Tally {
        let mut total = Tally::default();
        for (rule, tally) in &self.per_rule {
            if rule_family(rule) == family {
                total.add(*tally);
            }
        }
        total
    }
}

fn rule_family(rule: &str) -> &str {
    rule.split('/').next().unwrap_or(rule)
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Every occurrence of `needle` in `text` that does not start or end inside
/// a word ("20" is not found in "G20" or "2017"), as byte ranges.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let clean_start = !(is_word_char(before) && is_word_char(needle.chars().next()));
        let clean_end = !(is_word_char(after) && is_word_char(needle.chars().next_back()));
        if clean_start && clean_end {
            found.push((start, end));
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn byte_range(span: &Span) -> (usize, usize) {
    (span.start, span.end)
}

/// Runs the rules on one article and reduces the findings.
fn run(article: &Article) -> Vec<Found> {
    let report = figcheck::check(&article.name, &article.text, &Options::default());
    report
        .findings
        .iter()
        .map(|finding| Found {
            rule: finding.rule.clone(),
            message: finding.message.clone(),
            spans: std::iter::once(byte_range(&finding.span))
                .chain(finding.related.iter().map(byte_range))
                .collect(),
        })
        .collect()
}

/// Scores articles against their real findings (one `Vec<Found>` per article).
fn score(articles: &[(Article, Vec<Found>)]) -> Score {
    let mut score = Score::default();
    for (article, found) in articles {
        let mut used = vec![false; found.len()];
        for want in &article.expected {
            let places = occurrences(&article.text, &want.text);
            let hit = found.iter().enumerate().position(|(i, real)| {
                !used[i]
                    && real.rule == want.rule
                    && real
                        .spans
                        .iter()
                        .any(|span| places.iter().any(|place| overlaps(*span, *place)))
            });
            let tally = score.per_rule.entry(want.rule.clone()).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    tally.tp += 1;
                }
                None => {
                    tally.fn_ += 1;
                    score.false_negatives.push(Miss {
                        article: article.name.clone(),
                        rule: want.rule.clone(),
                        detail: format!("expected at {:?}", want.text),
                    });
                }
            }
        }
        for (real, used) in found.iter().zip(&used) {
            if rule_family(&real.rule) == "consistency" && article.name.starts_with("control_") {
                score.control_findings.push(Miss {
                    article: article.name.clone(),
                    rule: real.rule.clone(),
                    detail: real.message.clone(),
                });
            }
            if !used {
                score.per_rule.entry(real.rule.clone()).or_default().fp += 1;
                score.false_positives.push(Miss {
                    article: article.name.clone(),
                    rule: real.rule.clone(),
                    detail: real.message.clone(),
                });
            }
        }
    }
    score
}

fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// The table of per-rule and per-family figures.
fn table(score: &Score) -> String {
    let mut out = String::new();
    let row = |out: &mut String, name: &str, t: Tally| {
        let _ = writeln!(
            out,
            "{name:<34} {:>4} {:>4} {:>4} {:>9} {:>7}",
            t.tp,
            t.fp,
            t.fn_,
            ratio(t.precision()),
            ratio(t.recall())
        );
    };
    let _ = writeln!(
        out,
        "{:<34} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    for (rule, tally) in &score.per_rule {
        row(&mut out, rule, *tally);
    }
    for (family, _, _) in AIMS {
        row(
            &mut out,
            &format!("{family}/ (family)"),
            score.family(family),
        );
    }
    out
}

/// Every way the score misses the aims, empty when it meets them all.
fn failures(score: &Score) -> Vec<String> {
    let mut failures = Vec::new();
    for (family, min_precision, min_recall) in AIMS {
        let tally = score.family(family);
        // A family that raised nothing has nothing wrong in it; one that was
        // expected to raise nothing has nothing to miss.
        let precision = tally.precision().unwrap_or(1.0);
        let recall = tally.recall().unwrap_or(1.0);
        if precision < min_precision {
            failures.push(format!(
                "{family} precision {precision:.3} is below {min_precision}"
            ));
        }
        if recall < min_recall {
            failures.push(format!("{family} recall {recall:.3} is below {min_recall}"));
        }
    }
    for miss in &score.control_findings {
        failures.push(format!(
            "control article {} raised {}: {}",
            miss.article, miss.rule, miss.detail
        ));
    }
    failures
}

fn report_misses(score: &Score) -> String {
    let mut out = String::new();
    for (title, misses) in [
        ("false positives", &score.false_positives),
        ("false negatives", &score.false_negatives),
    ] {
        let _ = writeln!(out, "{title} ({}):", misses.len());
        for miss in misses {
            let _ = writeln!(out, "  {}  {}  {}", miss.article, miss.rule, miss.detail);
        }
    }
    out
}

/// Reads every article in `dir` that has a `NAME.findings.toml` beside it,
/// checking that each expected text occurs in its article.
fn load_dir(dir: &Path) -> Vec<Article> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name");
        let sidecar = dir.join(format!("{stem}.findings.toml"));
        if !sidecar.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("article");
        let raw = std::fs::read_to_string(&sidecar).expect("sidecar");
        let parsed: Sidecar =
            toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
        for want in &parsed.finding {
            assert!(
                want.rule.starts_with("consistency/") || want.rule.starts_with("sourcing/"),
                "{}: unknown rule family in {:?}",
                sidecar.display(),
                want.rule
            );
            assert!(
                !occurrences(&text, &want.text).is_empty(),
                "{}: text {:?} is not in the article",
                sidecar.display(),
                want.text
            );
        }
        articles.push(Article {
            name: stem.to_string(),
            text,
            expected: parsed.finding,
        });
    }
    articles
}

fn all_articles() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut articles = load_dir(&root.join("acceptance"));
    articles.extend(load_dir(&root.join("articles")));
    articles
}

#[test]
fn acceptance_aims() {
    let articles = all_articles();
    let controls = articles
        .iter()
        .filter(|a| a.name.starts_with("control_"))
        .count();
    assert!(articles.len() >= 12, "only {} articles", articles.len());
    assert!(controls >= 5, "only {controls} control articles");
    let runs: Vec<(Article, Vec<Found>)> = articles
        .into_iter()
        .map(|article| {
            let found = run(&article);
            (article, found)
        })
        .collect();
    let score = score(&runs);
    println!(
        "{} articles ({controls} controls)\n{}",
        runs.len(),
        table(&score)
    );
    println!("{}", report_misses(&score));
    let failures = failures(&score);
    assert!(
        failures.is_empty(),
        "aims not met:\n  {}\n{}{}",
        failures.join("\n  "),
        table(&score),
        report_misses(&score)
    );
}

/// The harness must report a wrong expectation: a finding expected under
/// the wrong rule, or at the wrong place, is a false negative and the real
/// finding a false positive.
#[test]
fn harness_reports_wrong_expectations() {
    let text = "Council backs plan\n\nPublished 14 March 2017\n\nIn all, 24 (57%) of the 32 councillors backed the plan, the council's clerk said.\n";
    let article = |name: &str, rule: &str, want: &str| Article {
        name: name.to_string(),
        text: text.to_string(),
        expected: vec![ExpectedFinding {
            rule: rule.to_string(),
            text: want.to_string(),
        }],
    };
    let right = article("right", "consistency/fraction-mismatch", "57%");
    let found = run(&right);
    let ok = score(&[(right, found)]);
    assert_eq!(ok.false_positives, vec![], "{}", report_misses(&ok));
    assert_eq!(ok.false_negatives, vec![], "{}", report_misses(&ok));
    assert!(failures(&ok).is_empty());

    for (name, rule, want) in [
        ("wrong_rule", "consistency/sum-mismatch", "57%"),
        (
            "wrong_place",
            "consistency/fraction-mismatch",
            "the council's clerk",
        ),
    ] {
        let wrong = article(name, rule, want);
        let found = run(&wrong);
        let bad = score(&[(wrong, found)]);
        assert_eq!(
            bad.false_negatives.len(),
            1,
            "{name}: {}",
            report_misses(&bad)
        );
        assert_eq!(
            bad.false_positives.len(),
            1,
            "{name}: {}",
            report_misses(&bad)
        );
        assert_eq!(
            bad.false_positives[0].rule, "consistency/fraction-mismatch",
            "{name}"
        );
        assert!(!failures(&bad).is_empty(), "{name}: aims wrongly met");
    }

    // A consistency finding on a control fails the aims even when expected.
    let control = article("control_x", "consistency/fraction-mismatch", "57%");
    let found = run(&control);
    let flagged = score(&[(control, found)]);
    assert_eq!(flagged.control_findings.len(), 1);
    assert!(!failures(&flagged).is_empty());
}
