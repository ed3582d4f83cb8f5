//! Many articles at once: the runner above the pipeline that the command
//! line uses for directories, lists of files and JSON Lines streams.
//!
//! Articles are independent, so they are checked in parallel on a rayon pool
//! of `--jobs` threads. Results always come back in input order, so a run's
//! output is the same whatever the number of threads; only the time changes.
//! A defect that panics on one article becomes an error for that article
//! alone ([`check_guarded`]).
//!
//! [`stream`] reads `{"id", "text", "as_of"}` objects line by line and
//! writes one report per line as it goes, holding only a few documents at a
//! time, so figcheck can be the map step of a distributed job.

pub mod stream;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, IsTerminal};
use std::sync::mpsc;
use std::time::Duration;

use crate::rules::Severity;
use crate::source::{Input, Source, SourceError};
use crate::{DocumentReport, Options};

/// What became of one input: its report, or a one-line error that names it.
pub type Outcome = Result<DocumentReport, String>;

/// Worker threads get the main thread's usual stack: the parsers recurse,
/// and a stack overflow aborts the whole run rather than one article.
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;

/// The number of threads `--jobs` defaults to: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A pool of `jobs` threads to check on (1: one article after another).
pub fn pool(jobs: usize) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .stack_size(WORKER_STACK_BYTES)
        .thread_name(|i| format!("figcheck-{i}"))
        .build()
        .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))
}

/// Runs one article's check; a defect that panics on it becomes an error
/// for that input alone (the reason, without the name), so the other inputs
/// are still checked.
pub fn check_guarded(check: impl FnOnce() -> Outcome) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "internal error while checking ({detail}); please report it with this input"
        ))
    })
}

/// Reads (with `read`) and checks every input on `pool`, in parallel, and
/// calls `emit` with each outcome in input order, from the calling thread,
/// as soon as it and the outcomes before it are ready: a long run writes as
/// it goes and holds only a few documents at a time. `progress` ticks once
/// per input as it finishes. Stops early, with that error, when `emit`
/// fails.
pub fn check_inputs(
    inputs: &[Input],
    read: &(dyn Fn(&Input) -> Result<Source, SourceError> + Sync),
    options: &Options,
    pool: &rayon::ThreadPool,
    progress: &Progress,
    emit: &mut dyn FnMut(Outcome) -> io::Result<()>,
) -> io::Result<()> {
    // Standard input can be read only once: read it here, in order, so the
    // first `-` gets it whatever the threads do.
    let stdin_reads: Vec<_> = inputs
        .iter()
        .map(|input| matches!(input, Input::Stdin).then(|| read(input)))
        .collect();
    in_input_order(
        pool,
        |queue| {
            for (input, read_before) in inputs.iter().zip(stdin_reads) {
                let check = move || {
                    let outcome = match read_before.unwrap_or_else(|| read(input)) {
                        Ok(source) => check_guarded(|| {
                            crate::check_source(&source, options).map_err(|e| e.to_string())
                        })
                        .map_err(|reason| format!("{}: {reason}", source.name)),
                        Err(error) => Err(error.to_string()),
                    };
                    progress.tick();
                    outcome
                };
                if !queue.push(check) {
                    break;
                }
            }
            Ok(())
        },
        emit,
    )
}

/// Jobs in flight per worker thread: enough to keep every thread busy while
/// the writer waits for the earliest one.
const WINDOW_PER_THREAD: usize = 4;

/// Where a feeder hands jobs to the pool: each gets the next sequence
/// number, and a slot in the window, which it waits for while the window is
/// full.
struct Queue<'a, 'scope, T> {
    tasks: &'a rayon::ScopeFifo<'scope>,
    slots: &'a mpsc::SyncSender<()>,
    results: &'a mpsc::Sender<(usize, T)>,
    next: usize,
}

impl<'scope, T: Send + 'scope> Queue<'_, 'scope, T> {
    /// Queues `job`; false once the writer has stopped (its output closed),
    /// when the feeder should stop too.
    fn push(&mut self, job: impl FnOnce() -> T + Send + 'scope) -> bool {
        if self.slots.send(()).is_err() {
            return false;
        }
        let results = self.results.clone();
        let index = self.next;
        self.next += 1;
        self.tasks.spawn_fifo(move |_| {
            let _ = results.send((index, job()));
        });
        true
    }
}

/// Runs `feed` on a thread of its own, where it queues jobs for `pool`, and
/// calls `emit` on the calling thread with each job's result in the order
/// the jobs were queued. At most a small window of jobs is in flight, so
/// memory stays bounded however many there are.
fn in_input_order<'scope, T: Send + 'scope>(
    pool: &rayon::ThreadPool,
    feed: impl for<'a> FnOnce(&mut Queue<'a, 'scope, T>) -> io::Result<()> + Send,
    emit: &mut dyn FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let window = pool.current_num_threads() * WINDOW_PER_THREAD;
    // One slot per job in flight: the feeder takes one before queueing a
    // job, the writer gives it back once the job's result is written.
    let (slots, freed) = mpsc::sync_channel::<()>(window);
    let (results, ready) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|threads| {
        let feeder = threads.spawn(move || {
            pool.in_place_scope_fifo(|tasks| {
                feed(&mut Queue {
                    tasks,
                    slots: &slots,
                    results: &results,
                    next: 0,
                })
            })
        });
        let written = write_in_order(&ready, &freed, emit);
        // Dropping the receivers tells the feeder to stop if the writer did.
        drop(freed);
        drop(ready);
        let fed = feeder
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the feeding thread failed")));
        written.and(fed)
    })
}

/// Emits each result once every result before it is emitted.
fn write_in_order<T>(
    ready: &mpsc::Receiver<(usize, T)>,
    freed: &mpsc::Receiver<()>,
    emit: &mut dyn FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (index, result) in ready {
        waiting.insert(index, result);
        while let Some(result) = waiting.remove(&next) {
            emit(result)?;
            let _ = freed.try_recv();
            next += 1;
        }
    }
    Ok(())
}

/// A progress bar on standard error, shown only when standard error is a
/// terminal and there are enough inputs for it to help.
pub struct Progress(Option<indicatif::ProgressBar>);

/// Fewer inputs than this finish before a bar would be read.
const PROGRESS_MIN_INPUTS: usize = 6;

impl Progress {
    pub fn for_inputs(count: usize) -> Progress {
        let show = count >= PROGRESS_MIN_INPUTS && std::io::stderr().is_terminal();
        Progress(show.then(|| {
            let bar = indicatif::ProgressBar::new(count as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} articles, {elapsed} (about {eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        }))
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar, so the error lines and totals that follow start clean.
    /// Runs `print` (a line on standard error) with the bar out of its way.
    pub fn suspend(&self, print: impl FnOnce()) {
        match &self.0 {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// The counts for the totals line at the end of a multi-input run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Inputs attempted: reported or not.
    pub articles: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Inputs with no report: unreadable, malformed or failed.
    pub unreadable: usize,
}

impl Totals {
    pub fn add(&mut self, outcome: &Outcome) {
        self.articles += 1;
        match outcome {
            Ok(document) => {
                for finding in &document.findings {
                    match finding.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.notes += 1,
                    }
                }
            }
            Err(_) => self.unreadable += 1,
        }
    }

    /// An input named on the command line that was never found.
    pub fn add_missing(&mut self) {
        self.articles += 1;
        self.unreadable += 1;
    }

    /// The most severe finding counted, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        [
            (self.errors, Severity::Error),
            (self.warnings, Severity::Warning),
            (self.notes, Severity::Info),
        ]
        .into_iter()
        .find(|(count, _)| *count > 0)
        .map(|(_, severity)| severity)
    }

    /// "checked 1,113 articles in 3.2 s: 0 errors, 812 warnings, 2 unreadable".
    pub fn line(&self, elapsed: Duration) -> String {
        let notes = if self.notes > 0 {
            format!(", {}", counted(self.notes, "note"))
        } else {
            String::new()
        };
        format!(
            "checked {} in {:.1} s: {}, {}{notes}, {} unreadable",
            counted(self.articles, "article"),
            elapsed.as_secs_f64(),
            counted(self.errors, "error"),
            counted(self.warnings, "warning"),
            Grouped(self.unreadable),
        )
    }
}

fn counted(n: usize, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", Grouped(n))
}

/// A count with thousands separated by commas: 1,113.
struct Grouped(usize);

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(Grouped(0).to_string(), "0");
        assert_eq!(Grouped(999).to_string(), "999");
        assert_eq!(Grouped(1_113).to_string(), "1,113");
        assert_eq!(Grouped(1_234_567).to_string(), "1,234,567");
    }

    #[test]
    fn totals_line_counts_findings_and_failures() {
        let options = Options::default();
        let mut totals = Totals::default();
        totals.add(&check_guarded(|| {
            Ok(crate::check(
                "a",
                "On Monday, 12 March 2017, 24 of the 32 councillors voted.",
                &options,
            ))
        }));
        totals.add(&Err("b: empty: there is no text to check".to_string()));
        totals.add_missing();
        assert_eq!(totals.articles, 3);
        assert_eq!(totals.unreadable, 2);
        assert_eq!(totals.errors, 1, "the weekday does not match the date");
        assert_eq!(totals.worst_severity(), Some(Severity::Error));
        let line = totals.line(Duration::from_millis(3_240));
        assert!(
            line.starts_with("checked 3 articles in 3.2 s: 1 error, "),
            "{line}"
        );
        assert!(line.ends_with(", 2 unreadable"), "{line}");
    }
}
