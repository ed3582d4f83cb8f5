//! The figcheck command line: arguments, exit codes and glue between the
//! library's stages. No parsing or checking happens here.

use std::io::{BufRead, BufReader};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use figcheck::batch::{self, stream, stream::Entry, Totals};

use figcheck::report::{Csv, Html, Json, Jsonl, Markdown, Renderer, Report, Sarif, Style, Table};
use figcheck::review::{self, Baseline};
use figcheck::rules::{RuleConfig, Severity};
use figcheck::source;
use figcheck::Options;

// A check makes many small, short-lived allocations (claims, links, word
// lists): mimalloc serves them in about a third of the system allocator's
// instructions (BBC corpus under callgrind: 801 M -> 749 M in all).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Find every checkable figure and date in a news article, with its place,
/// its normalised value and who it is attributed to.
#[derive(Debug, Parser)]
#[command(name = "figcheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles: list every checkable figure and date in them, and what
    /// the rules find wrong with them.
    ///
    /// Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on
    /// a usage error or when an input could not be read (the other inputs are
    /// still checked and reported).
    ///
    /// Many inputs are checked in parallel (--jobs); the report keeps their
    /// order. With more than one input a totals line goes to standard error,
    /// and a progress bar too when it is a terminal.
    ///
    /// With --input-format jsonl each input line is {"id": ..., "text": ...,
    /// "as_of": "YYYY-MM-DD" or null} and the output is JSON Lines: one
    /// document report per line (with "source" = id and "version": 1), in
    /// input order and written as each is done; a line that cannot be checked
    /// gives {"version": 1, "id": ..., "line": N, "error": "..."} and exit
    /// status 2 at the end. A --format other than the default table (json,
    /// for one) instead prints one whole report when the stream ends.
    #[command(
        after_help = "Examples:\n  figcheck check story.txt\n  figcheck check --jobs 2 stories/\n  figcheck check --input-format jsonl < articles.jsonl > reports.jsonl\n  figcheck check page.html story.md\n  figcheck check --as-of 2017-11-05 --format json stories/ > report.json\n  cat story.txt | figcheck check -\n  figcheck check --write-baseline review.json story.txt\n  figcheck check --baseline review.json story.txt\n  figcheck check --diff story-v1.txt story-v2.txt"
    )]
    Check(CheckArgs),
    /// List the rules (id, severity, on or off, summary), or print one rule's
    /// documentation. Packs from --rules and figcheck.toml are included.
    Rules {
        /// A rule id, such as consistency/weekday-mismatch.
        id: Option<String>,

        /// Extra rule packs: a directory of .toml files or one file (repeatable).
        #[arg(long = "rules", value_name = "DIR")]
        rule_paths: Vec<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Articles to check: files, directories (walked for .txt, .md,
    /// .markdown, .html and .htm files), `-` for standard input, or http(s)
    /// URLs. No input reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Publication date that resolves relative dates ("17 years ago", "last
    /// Tuesday"); without it the article's dateline is used, if it has one.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<jiff::civil::Date>,

    /// Reject inputs larger than N bytes (they are never truncated).
    #[arg(long, value_name = "N", default_value_t = source::DEFAULT_MAX_BYTES)]
    max_bytes: u64,

    /// Extra rule packs: a directory of .toml files or one file (repeatable).
    /// A figcheck.toml in the working directory or a parent is read too.
    #[arg(long = "rules", value_name = "DIR")]
    rule_paths: Vec<PathBuf>,

    /// Run only these rules: ids or families, comma-separated (e.g. "sourcing").
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    select: Vec<String>,

    /// Skip these rules: ids or families, comma-separated.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    ignore: Vec<String>,

    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// How to read the inputs; by default from the file name's ending
    /// (.txt, .md, .markdown, .html, .htm), else from the content. `jsonl`
    /// reads a stream of articles (see above).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormatArg>,

    /// Hide the findings recorded in FILE (from --write-baseline): only new
    /// findings are shown and count towards the exit status.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record every current finding in FILE, to hide them later with
    /// --baseline. Delete an entry from FILE to see that finding again.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Show only the claims and findings in paragraphs changed against
    /// OLD_FILE, an earlier version of the one INPUT.
    #[arg(long, value_name = "OLD_FILE")]
    diff: Option<PathBuf>,

    /// Check N articles at once (default: one per core; 1 checks one after
    /// another).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,

    #[command(flatten)]
    network: NetworkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    /// Plain text: paragraphs separated by blank lines.
    Text,
    /// Markdown (CommonMark, with YAML front matter).
    Markdown,
    /// An HTML page: the article is taken from its main content.
    Html,
    /// A stream of JSON objects, one per line: {"id", "text", "as_of"}, from
    /// standard input or one file; the output is JSON Lines.
    Jsonl,
}

impl InputFormatArg {
    /// How to read each article; None for a JSON Lines stream, which is not
    /// read article by article.
    fn article_format(self) -> Option<source::InputFormat> {
        match self {
            InputFormatArg::Text => Some(source::InputFormat::Text),
            InputFormatArg::Markdown => Some(source::InputFormat::Markdown),
            InputFormatArg::Html => Some(source::InputFormat::Html),
            InputFormatArg::Jsonl => None,
        }
    }
}

/// Going online: only for a URL input, --check-links or --lookup.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Going online")]
struct NetworkArgs {
    /// Check every link the article cites (dead links, links moved to another site).
    #[arg(long)]
    check_links: bool,

    /// Look figures up in Wikidata (ages, populations, founding, birth and
    /// death years) and earlier fact-checks (with FIGCHECK_FACTCHECK_KEY set).
    #[arg(long)]
    lookup: bool,

    /// Let network checks reach private and loopback addresses.
    #[arg(long)]
    allow_private: bool,

    /// Give up connecting after SECS seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    connect_timeout: u64,

    /// Give up on a whole request after SECS seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,

    /// Ask the look-up services afresh instead of using answers cached on disk.
    #[arg(long)]
    no_cache: bool,
}

impl NetworkArgs {
    /// The network options of a run, or a usage error when this build
    /// cannot go online and the user asked it to.
    fn options(
        &self,
        max_bytes: u64,
        services: &figcheck::lookup::Services,
    ) -> Result<figcheck::lookup::NetworkOptions, String> {
        if !cfg!(feature = "net") && (self.check_links || self.lookup) {
            return Err(
                "--check-links and --lookup need figcheck built with the `net` feature".to_string(),
            );
        }
        Ok(figcheck::lookup::NetworkOptions {
            check_links: self.check_links,
            lookup: self.lookup,
            allow_private: self.allow_private,
            connect_timeout: std::time::Duration::from_secs(self.connect_timeout),
            timeout: std::time::Duration::from_secs(self.timeout),
            max_bytes,
            services: services.clone(),
            use_cache: !self.no_cache,
            factcheck_key: std::env::var("FIGCHECK_FACTCHECK_KEY")
                .ok()
                .filter(|key| !key.trim().is_empty()),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal, fitted to its width.
    Table,
    /// The JSON report (version 1 of the contract).
    Json,
    /// A review sheet in GitHub-flavoured Markdown: a table of claims with
    /// boxes to tick, then the findings.
    Markdown,
    /// One row per claim (and per finding that names no claim), for a
    /// spreadsheet.
    Csv,
    /// One self-contained page: the article with its claims highlighted, and
    /// tables of claims and findings that filter by kind and severity.
    Html,
    /// SARIF 2.1.0, for code-review tools that annotate lines.
    Sarif,
    /// JSON Lines: one document report per line, written as each input is
    /// checked.
    Jsonl,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse::<jiff::civil::Date>()
        .map_err(|_| format!("'{text}' is not a date in the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    // Errors are one line; a defect is reported per input by check_guarded,
    // never as a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { id, rule_paths } => match load_rules(&rule_paths) {
            Ok(config) => list_rules(&config, id.as_deref()),
            Err(code) => code,
        },
    }
}

/// The built-in packs plus the user's; a pack that does not load is a
/// one-line error and exit 2, never a half-loaded configuration.
fn load_rules(rule_paths: &[PathBuf]) -> Result<RuleConfig, ExitCode> {
    let working_dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    RuleConfig::load(rule_paths, &working_dir).map_err(|error| {
        eprintln!("figcheck: error: {error}");
        ExitCode::from(2)
    })
}

fn list_rules(config: &RuleConfig, id: Option<&str>) -> ExitCode {
    let rules = config.rules();
    match id {
        Some(id) => match rules.iter().find(|rule| rule.id == id) {
            Some(rule) => {
                println!(
                    "# {}\n\nSeverity: {}{}\n",
                    rule.id,
                    rule.severity.as_str(),
                    if rule.enabled { "" } else { " (off)" }
                );
                println!("{}", rule.documentation.trim());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("figcheck: error: no rule named '{id}' (figcheck rules lists them)");
                ExitCode::from(2)
            }
        },
        None => {
            let mut grid = comfy_table::Table::new();
            grid.load_style(comfy_table::presets::NOTHING)
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                .set_width(terminal_width(std::io::stdout().is_terminal()))
                .set_header(["rule", "severity", "on", "flags"]);
            for rule in &rules {
                grid.add_row([
                    rule.id.as_str(),
                    rule.severity.as_str(),
                    if rule.enabled { "on" } else { "off" },
                    rule.summary.as_str(),
                ]);
            }
            println!("{grid}");
            ExitCode::SUCCESS
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let mut rules = match load_rules(&args.rule_paths) {
        Ok(config) => config,
        Err(code) => return code,
    };
    rules.select = args.select.clone();
    rules.ignore = args.ignore.clone();
    let unknown = rules.unknown_names();
    if !unknown.is_empty() {
        eprintln!(
            "figcheck: error: no rule or family named {} (figcheck rules lists them)",
            unknown.join(", ")
        );
        return ExitCode::from(2);
    }
    let network = match args.network.options(args.max_bytes, &rules.services) {
        Ok(network) => network,
        Err(message) => {
            eprintln!("figcheck: error: {message}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        as_of: args.as_of,
        rules,
        network,
    };
    let jobs = args.jobs.map_or_else(batch::default_jobs, |n| n as usize);
    let pool = match batch::pool(jobs) {
        Ok(pool) => pool,
        Err(message) => {
            eprintln!("figcheck: error: {message}");
            return ExitCode::from(2);
        }
    };
    if args.input_format == Some(InputFormatArg::Jsonl) {
        check_stream(&args, &options, &pool)
    } else {
        check_files(&args, &options, &pool)
    }
}

/// Files, directories, standard input and URLs: read and checked in
/// parallel, reported in input order.
fn check_files(args: &CheckArgs, options: &Options, pool: &rayon::ThreadPool) -> ExitCode {
    let started = Instant::now();
    let expanded = source::expand(&args.inputs);
    let mut totals = Totals::default();
    for error in &expanded.errors {
        eprintln!("figcheck: error: {error}");
        totals.add_missing();
    }
    for skipped in &expanded.skipped {
        eprintln!("figcheck: note: {}: {}", skipped.input, skipped.reason);
    }
    let (baseline, previous) = match load_review(args, &expanded.inputs) {
        Ok(review) => review,
        Err(code) => return code,
    };
    let forced = args.input_format.and_then(InputFormatArg::article_format);
    let read = |input: &source::Input| {
        let mut source = source::read_with(input, &options.network)?;
        if let Some(format) = forced {
            source.format = format;
        }
        Ok(source)
    };
    // JSON Lines are written as each document is ready, in input order, and
    // not kept; the other formats are one report, written at the end.
    let mut sink = match args.format {
        Format::Jsonl => match Sink::open(args) {
            Ok(sink) => Some(sink),
            Err(message) => {
                eprintln!("figcheck: error: {message}");
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let mut documents = Vec::new();
    let mut recorded = Vec::new();
    let mut hidden = 0;
    let progress = batch::Progress::for_inputs(expanded.inputs.len());
    let mut take = |outcome: batch::Outcome| {
        let outcome = outcome.map(|mut document| {
            for note in &document.notes {
                progress.suspend(|| eprintln!("figcheck: note: {}: {note}", document.source));
            }
            if args.write_baseline.is_some() {
                recorded.extend(review::entries(&document));
            }
            if let Some(old) = &previous {
                review::keep_changed(&mut document, old);
            }
            if let Some(baseline) = &baseline {
                hidden += baseline.hide(&mut document);
            }
            document
        });
        totals.add(&outcome);
        match (outcome, &mut sink) {
            (Ok(document), Some(sink)) => {
                let written = Jsonl.write_document(&document, &mut sink.out);
                sink.finish(written).map_err(std::io::Error::other)?;
            }
            (Ok(document), None) => documents.push(document),
            (Err(message), _) => progress.suspend(|| eprintln!("figcheck: error: {message}")),
        }
        Ok(())
    };
    let checked = batch::check_inputs(&expanded.inputs, &read, options, pool, &progress, &mut take);
    progress.finish();
    if let Err(message) = checked {
        eprintln!("figcheck: error: {message}");
        return ExitCode::from(2);
    }
    // JSON and SARIF always get a document, so scripts and code-review tools
    // can parse it even when every input failed.
    let mut report = Report::new(documents);
    report.hidden_by_baseline = hidden;
    if let Some(path) = &args.write_baseline {
        if let Err(error) = Baseline::new(recorded).write(path) {
            eprintln!("figcheck: error: {error}");
            return ExitCode::from(2);
        }
    }
    let always = matches!(args.format, Format::Json | Format::Sarif);
    if sink.is_none() && (!report.documents.is_empty() || always) {
        if let Err(message) = write_report(args, &report, &options.rules) {
            eprintln!("figcheck: error: {message}");
            return ExitCode::from(2);
        }
    }
    finish(args, &totals, started)
}

/// `--input-format jsonl`: one report per input line, written as it goes
/// (or, with a --format named, one whole report at the end).
fn check_stream(args: &CheckArgs, options: &Options, pool: &rayon::ThreadPool) -> ExitCode {
    let started = Instant::now();
    let (name, reader): (String, Box<dyn BufRead + Send>) = match args.inputs.as_slice() {
        [] => ("-".to_string(), Box::new(BufReader::new(std::io::stdin()))),
        [input] if input == "-" => ("-".to_string(), Box::new(BufReader::new(std::io::stdin()))),
        [input] => match std::fs::File::open(input) {
            Ok(file) => (input.clone(), Box::new(BufReader::new(file))),
            Err(error) => {
                let reason = match error.kind() {
                    std::io::ErrorKind::NotFound => source::Reason::NotFound.to_string(),
                    _ => error.to_string(),
                };
                eprintln!("figcheck: error: {input}: {reason}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("figcheck: error: --input-format jsonl reads one stream: standard input or one file");
            return ExitCode::from(2);
        }
    };
    // The default table would be no use to a program reading a stream, so
    // it means JSON Lines here; a format asked for by name renders the whole
    // report once the stream ends.
    let whole_report = !matches!(args.format, Format::Table | Format::Jsonl);
    let mut out: Box<dyn Write> = match (&args.output, whole_report) {
        (Some(path), false) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!(
                    "figcheck: error: {}: cannot write the report: {e}",
                    path.display()
                );
                return ExitCode::from(2);
            }
        },
        _ => Box::new(std::io::stdout()),
    };
    let mut totals = Totals::default();
    let mut documents = Vec::new();
    let streamed = stream::run(&name, reader, args.max_bytes, options, pool, |entry| {
        totals.add(&entry.outcome);
        if let Err(message) = &entry.outcome {
            eprintln!("figcheck: error: {message}");
        }
        match (whole_report, entry.outcome) {
            (true, Ok(document)) => {
                documents.push(document);
                Ok(())
            }
            (true, Err(_)) => Ok(()),
            (false, outcome) => stream::write_line(&mut out, &Entry { outcome, ..entry }),
        }
    });
    match streamed {
        // A closed pipe (`figcheck check | head`) is the reader's choice.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("figcheck: error: {name}: stopped: {e}");
            return ExitCode::from(2);
        }
        _ => {}
    }
    if whole_report {
        if let Err(message) = write_report(args, &Report::new(documents), &options.rules) {
            eprintln!("figcheck: error: {message}");
            return ExitCode::from(2);
        }
    }
    finish(args, &totals, started)
}

/// The totals line for a run of more than one input, and the exit status.
fn finish(args: &CheckArgs, totals: &Totals, started: Instant) -> ExitCode {
    if totals.articles > 1 {
        eprintln!("figcheck: {}", totals.line(started.elapsed()));
    }
    let fails = match (args.fail_on.threshold(), totals.worst_severity()) {
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    if totals.unreadable > 0 {
        ExitCode::from(2)
    } else if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The baseline to hide findings with and the earlier text to compare
/// with, from --baseline and --diff; a file that cannot be used is a
/// one-line error and exit 2, before any article is checked.
fn load_review(
    args: &CheckArgs,
    inputs: &[source::Input],
) -> Result<(Option<Baseline>, Option<String>), ExitCode> {
    let fail = |message: String| {
        eprintln!("figcheck: error: {message}");
        ExitCode::from(2)
    };
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path).map_err(|e| fail(e.to_string()))?),
        None => None,
    };
    let previous = match &args.diff {
        Some(_) if inputs.len() != 1 => {
            return Err(fail(
                "--diff compares one article with its earlier version: give one INPUT".to_string(),
            ))
        }
        Some(path) => {
            let mut old = source::read(&source::Input::File(path.clone()), args.max_bytes)
                .map_err(|e| fail(e.to_string()))?;
            if let Some(format) = args.input_format.and_then(InputFormatArg::article_format) {
                old.format = format;
            }
            // Compared as the article is read: the plain text of Markdown or HTML.
            let document = figcheck::Document::read(&old.text, old.format, None)
                .map_err(|e| fail(format!("{}: {e}", old.name)))?;
            Some(document.text().to_string())
        }
        None => None,
    };
    Ok((baseline, previous))
}

fn write_report(args: &CheckArgs, report: &Report, rules: &RuleConfig) -> Result<(), String> {
    let renderer: Box<dyn Renderer> = match args.format {
        Format::Table => Box::new(Table),
        Format::Json => Box::new(Json),
        Format::Markdown => Box::new(Markdown),
        Format::Csv => Box::new(Csv),
        Format::Html => Box::new(Html),
        Format::Sarif => Box::new(Sarif::new(rules.rules())),
        Format::Jsonl => Box::new(Jsonl),
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let colour = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let style = Style {
        colour,
        width: terminal_width(to_terminal),
        hyperlinks: colour && supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout),
    };
    let mut buffer = Vec::new();
    renderer
        .render(report, style, &mut buffer)
        .map_err(|e| format!("cannot render the report: {e}"))?;
    let mut sink = Sink::open(args)?;
    let written = sink.out.write_all(&buffer);
    sink.finish(written)
}

/// Where the report goes: the --output file or standard output.
struct Sink {
    out: Box<dyn Write>,
    name: String,
}

impl Sink {
    fn open(args: &CheckArgs) -> Result<Sink, String> {
        match &args.output {
            Some(path) => {
                let name = path.display().to_string();
                let file = std::fs::File::create(path)
                    .map_err(|e| format!("{name}: cannot write the report: {e}"))?;
                Ok(Sink {
                    out: Box::new(std::io::BufWriter::new(file)),
                    name,
                })
            }
            None => Ok(Sink {
                out: Box::new(std::io::stdout().lock()),
                name: "standard output".to_string(),
            }),
        }
    }

    /// Flushes after a write and turns its outcome into a message.
    fn finish(&mut self, written: std::io::Result<()>) -> Result<(), String> {
        match written.and_then(|()| self.out.flush()) {
            // A closed pipe (`figcheck check | head`) is the reader's choice.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("{}: cannot write the report: {e}", self.name))
            }
            _ => Ok(()),
        }
    }
}

/// The width to fit: the terminal's, else $COLUMNS, else 120.
fn terminal_width(to_terminal: bool) -> u16 {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let from_terminal = to_terminal
        .then(|| comfy_table::Table::new().width())
        .flatten();
    from_terminal.or(from_env).unwrap_or(120).max(40)
}
