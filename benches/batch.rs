//! Parallel speed-up of the batch runner: 1,000 articles checked on one
//! thread and on two, as `figcheck check --jobs 1` and `--jobs 2` do.
//!
//! The articles are the first 1,000 readable files of
//! `../shared/corpora/bbc-news` (beside the project) when it is there;
//! otherwise the project's own fixture articles, repeated to 1,000, so the
//! benchmark runs on a fresh clone too.
//!
//! A speed-up is a ratio of wall-clock times, so instruction counts cannot
//! show it. The rounds alternate one thread and two, so a change in the
//! machine's load falls on both, and the medians are compared. On a machine
//! shared with other work, read the figures with its load (printed too).
//!
//! Run with `cargo bench --bench batch` (ROUNDS=N for more rounds).

use std::path::Path;
use std::time::{Duration, Instant};

use figcheck::batch::{self, Progress};
use figcheck::source::{self, Input};
use figcheck::Options;

// The allocator the command line uses (src/main.rs), so the figures are the
// ones a user gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ARTICLES: usize = 1_000;

/// The inputs to check and what they are.
fn inputs() -> (String, Vec<Input>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpora/bbc-news");
    let readable = |inputs: Vec<Input>| -> Vec<Input> {
        inputs
            .into_iter()
            .filter(|input| source::read(input, source::DEFAULT_MAX_BYTES).is_ok())
            .collect()
    };
    let found = readable(source::expand(&[corpus.display().to_string()]).inputs);
    if found.len() >= ARTICLES {
        let label = format!("bbc-news corpus, first {ARTICLES} readable files");
        return (label, found.into_iter().take(ARTICLES).collect());
    }
    eprintln!(
        "note: {} not found (or under {ARTICLES} articles): using the fixture articles",
        corpus.display()
    );
    let fixtures = root.join("fixtures/articles");
    let own = readable(source::expand(&[fixtures.display().to_string()]).inputs);
    let label = format!("{} fixture articles repeated to {ARTICLES}", own.len());
    (label, own.iter().cycle().take(ARTICLES).cloned().collect())
}

/// One timed run of the whole batch on `jobs` threads.
fn time_batch(inputs: &[Input], options: &Options, jobs: usize) -> Duration {
    let pool = batch::pool(jobs).expect("a thread pool");
    let started = Instant::now();
    let read = |input: &Input| source::read(input, source::DEFAULT_MAX_BYTES);
    let mut failed = 0;
    let mut count = |outcome: batch::Outcome| {
        failed += usize::from(outcome.is_err());
        Ok(())
    };
    let progress = Progress::for_inputs(0);
    batch::check_inputs(inputs, &read, options, &pool, &progress, &mut count).expect("no output");
    let elapsed = started.elapsed();
    assert_eq!(failed, 0, "every article checks");
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_string())
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let (label, inputs) = inputs();
    let options = Options::default();
    println!(
        "batch: {} articles ({label}); {} cores; load average before: {}",
        inputs.len(),
        batch::default_jobs(),
        load_average()
    );
    // A warm-up run: page cache, lazily built lexicons.
    time_batch(&inputs, &options, 2);
    let mut one = Vec::new();
    let mut two = Vec::new();
    for round in 1..=rounds {
        let single = time_batch(&inputs, &options, 1);
        let double = time_batch(&inputs, &options, 2);
        println!(
            "round {round}: 1 thread {:.3} s, 2 threads {:.3} s, speed-up {:.2}x",
            single.as_secs_f64(),
            double.as_secs_f64(),
            single.as_secs_f64() / double.as_secs_f64()
        );
        one.push(single);
        two.push(double);
    }
    let (one, two) = (median(one), median(two));
    println!(
        "median of {rounds}: 1 thread {:.3} s ({:.0} articles/s), 2 threads {:.3} s ({:.0} articles/s), speed-up {:.2}x; load average after: {}",
        one.as_secs_f64(),
        inputs.len() as f64 / one.as_secs_f64(),
        two.as_secs_f64(),
        inputs.len() as f64 / two.as_secs_f64(),
        one.as_secs_f64() / two.as_secs_f64(),
        load_average()
    );
}
