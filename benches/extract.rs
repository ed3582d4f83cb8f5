//! Throughput of [`figcheck::check`], the whole pipeline on one text.
//!
//! Three benchmarks, each with its throughput in bytes so criterion prints
//! MiB/s:
//! - `corpus/.../extract`: extraction alone (segmentation, the parsers,
//!   attribution) over every article of `../shared/corpora/bbc-news` (beside
//!   the project), one by one, when that corpus is there; otherwise over a
//!   set of articles generated here, so the benchmark runs on a fresh clone.
//! - `corpus/.../check`: the full check (extraction, every rule and the
//!   report model) over the same articles.
//! - `large_document/generated_2mb`: the full check of one generated article
//!   of about 2 MB, to show that no stage is quadratic in the number of
//!   claims (compare its bytes per second with `corpus`).
//!
//! Run with `cargo bench --bench extract`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use figcheck::Options;

// The allocator the command line uses (src/main.rs), so the figures are the
// ones a user gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The articles of the BBC corpus, if it is present: every valid UTF-8 `.txt`
/// file under it, in a stable order (one file is not UTF-8 and is skipped).
fn corpus_articles() -> Option<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc-news");
    let mut files = Vec::new();
    collect_txt(&root, &mut files);
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .filter_map(|path| String::from_utf8(std::fs::read(path).ok()?).ok())
        .collect();
    (!articles.is_empty()).then_some(articles)
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_txt(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            // Exactly ".txt": the corpus's README.TXT is not an article.
            out.push(path);
        }
    }
}

/// A small deterministic generator (an LCG), so runs compare like with like.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// One news-like sentence with figures, dates and attribution.
    fn sentence(&mut self) -> String {
        const WHO: &[&str] = &[
            "The ministry",
            "Officials",
            "The company",
            "The council",
            "Researchers",
            "The agency",
        ];
        const QUALIFIER: &[&str] = &["", "more than ", "about ", "nearly ", "at least ", "up to "];
        const NOUN: &[&str] = &[
            "projects", "homes", "jobs", "schools", "patients", "flights",
        ];
        const MONTH: &[&str] = &["January", "March", "June", "September", "November"];
        const CUE: &[&str] = &["said", "told reporters", "announced", "confirmed"];
        let n = self.below(900) + 2;
        match self.below(8) {
            0 => format!(
                "{} approved {}{} new {} on {} {} {}, {}.",
                self.pick(WHO),
                self.pick(QUALIFIER),
                n,
                self.pick(NOUN),
                self.below(28) + 1,
                self.pick(MONTH),
                2000 + self.below(20),
                self.pick(CUE),
            ),
            1 => format!(
                "Spending rose {}.{} per cent to ${}.{}bn in the {} quarter of {}, according to the {}.",
                self.below(30),
                self.below(10),
                self.below(90) + 1,
                self.below(10),
                self.pick(&["first", "second", "third", "fourth"]),
                2000 + self.below(20),
                self.pick(&["treasury", "statistics office", "central bank"]),
            ),
            2 => format!(
                "{} of the {} {} were finished {} years ago, and the rest will take {} more years.",
                n / 3 + 1,
                n,
                self.pick(NOUN),
                self.below(30) + 2,
                self.pick(&["two", "three", "four", "five"]),
            ),
            3 => format!(
                "The line runs for {}{} km and carries {} tonnes a day, {} said.",
                self.pick(QUALIFIER),
                n,
                n * 40,
                self.pick(WHO),
            ),
            4 => format!(
                "Anna Berg, {}, who has worked there since {}, said €{}m had been set aside.",
                self.below(50) + 20,
                1990 + self.below(30),
                n,
            ),
            5 => format!(
                "Experts say {} of households were hit in the summer of {}, the {}th such year.",
                self.pick(&["half", "a third", "two-thirds", "nearly a quarter"]),
                2000 + self.below(20),
                self.below(20) + 4,
            ),
            6 => format!(
                "Route 66 reopened at 9:30 a.m. on {} after the G20 talks; call 555-0{} or visit https://example.org/{}.",
                self.pick(&["Monday", "Friday", "Saturday"]),
                self.below(900) + 100,
                n,
            ),
            _ => format!(
                "Temperatures reached {}°C last year, {} percentage points above the 1990s average, it is reported.",
                self.below(45),
                self.below(9) + 1,
            ),
        }
    }

    /// An article of roughly `bytes` bytes: paragraphs of two to four sentences.
    fn article(&mut self, bytes: usize) -> String {
        let mut text = format!("Council backs {} new homes\n\n", self.below(900) + 10);
        while text.len() < bytes {
            for _ in 0..self.below(3) + 2 {
                text.push_str(&self.sentence());
                text.push(' ');
            }
            text.pop();
            text.push_str("\n\n");
        }
        text
    }
}

fn generated_articles() -> Vec<String> {
    let mut generator = Generator(2017);
    (0..200).map(|_| generator.article(2_000)).collect()
}

fn bench_corpus(c: &mut Criterion) {
    let (label, articles) = match corpus_articles() {
        Some(articles) => ("bbc-news", articles),
        None => ("generated", generated_articles()),
    };
    let bytes: usize = articles.iter().map(String::len).sum();
    eprintln!(
        "corpus: {label}, {} articles, {bytes} bytes",
        articles.len()
    );
    let options = Options::default();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    // Extraction alone: segmentation, the nom parsers and attribution.
    group.bench_function(format!("{label}/extract"), |b| {
        b.iter(|| {
            let mut claims = 0;
            for article in &articles {
                let document = figcheck::Document::parse(black_box(article), None);
                claims += figcheck::extract::extract(&document).claims.len();
            }
            black_box(claims)
        })
    });
    // The full check: extraction, every rule and the report model.
    group.bench_function(format!("{label}/check"), |b| {
        b.iter(|| {
            let mut claims = 0;
            for (i, article) in articles.iter().enumerate() {
                let report = figcheck::check(&i.to_string(), black_box(article), &options);
                claims += report.claims.len();
            }
            black_box(claims)
        })
    });
    group.finish();
}

fn bench_large_document(c: &mut Criterion) {
    let text = Generator(1991).article(2 * 1024 * 1024);
    let options = Options::default();
    let mut group = c.benchmark_group("large_document");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("generated_2mb", |b| {
        b.iter(|| {
            figcheck::check("large.txt", black_box(&text), &options)
                .claims
                .len()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench_corpus, bench_large_document
}
criterion_main!(benches);
