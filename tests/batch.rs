//! Many-article runs through the built binary: parallel checking keeps the
//! output identical to a sequential run, bad inputs among good ones are
//! reported one line each, and the JSON Lines stream (`--input-format
//! jsonl`) answers line by line, in order, with errors as objects.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{json, Value};

fn figcheck() -> Command {
    let mut command = Command::cargo_bin("figcheck").unwrap();
    command.env("NO_COLOR", "1").env_remove("COLUMNS");
    command
}

/// A short article of its own for each `n`: figures, dates, a source, and
/// for every third one a weekday that does not match its date.
fn article(n: usize) -> String {
    let weekday = if n.is_multiple_of(3) {
        "Monday"
    } else {
        "Sunday"
    };
    format!(
        "Ferry service {n} returns\n\nPublished 5 November 2017\n\n\
         The harbour board said {} crossings were planned last year, {} of which ran on time.\n\n\
         The first boat sailed on {weekday}, 12 March 2017, with {} passengers, the operator said.\n\n\
         Fares rose to £{} for a return ticket.\n",
        40 + n,
        20 + n / 2,
        100 + 7 * n,
        3 + n % 5,
    )
}

fn write_articles(dir: &Path, count: usize) {
    for n in 0..count {
        std::fs::write(dir.join(format!("story-{n:03}.txt")), article(n)).unwrap();
    }
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

/// The `source` of every document in a JSON report, in order.
fn sources(report: &[u8]) -> Vec<String> {
    let report: Value = serde_json::from_slice(report).expect("stdout is a JSON report");
    assert_eq!(report["version"], 1);
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `figcheck check --input-format jsonl` with `args` on `input`.
fn check_jsonl(args: &[&str], input: String) -> std::process::Output {
    figcheck()
        .args(["check", "--input-format", "jsonl"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap()
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

#[test]
fn many_files_give_the_same_bytes_on_one_thread_and_on_two() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 40);
    let run = |jobs: &str| {
        figcheck()
            .args(["check", "--format", "json", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(
        one.status.code(),
        Some(1),
        "the weekday errors fail the run"
    );
    assert_eq!(two.status.code(), Some(1));
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
    let expected: Vec<String> = (0..40)
        .map(|n| {
            dir.path()
                .join(format!("story-{n:03}.txt"))
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources(&two.stdout),
        expected,
        "documents come in input order"
    );
    let stderr = String::from_utf8(two.stderr).unwrap();
    assert!(
        stderr.starts_with("figcheck: checked 40 articles in "),
        "{stderr}"
    );
    // Every third article has the wrong weekday: 14 of 40.
    assert!(stderr.contains(": 14 errors, "), "{stderr}");
    assert!(stderr.trim_end().ends_with(", 0 unreadable"), "{stderr}");
}

#[test]
fn a_bad_file_among_good_ones_is_one_error_line_and_the_others_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 12);
    std::fs::write(dir.path().join("story-005.txt"), b"Caf\xe9 prices rose 5%.").unwrap();
    let output = figcheck()
        .args(["check", "--format", "json", "--jobs", "2"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("figcheck: error:"))
        .collect();
    let bad = dir.path().join("story-005.txt");
    assert_eq!(
        errors,
        [format!(
            "figcheck: error: {}: not valid UTF-8 (first bad byte at offset 3)",
            bad.display()
        )]
    );
    assert!(stderr.contains(", 1 unreadable"), "{stderr}");
    let reported = sources(&output.stdout);
    assert_eq!(reported.len(), 11);
    assert!(!reported.contains(&bad.display().to_string()));
}

#[test]
fn one_input_prints_no_totals_line() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path(), 1);
    figcheck()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(dir.path().join("story-000.txt"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn jobs_must_be_at_least_one() {
    figcheck()
        .args(["check", "--jobs", "0", "-"])
        .write_stdin("text")
        .assert()
        .code(2);
}

#[test]
fn jsonl_stream_reports_each_line_in_order_and_a_malformed_one_as_an_error_object() {
    let input = format!(
        "{}{{\"id\": \"broken\", \"text\": \"unterminated\n{}",
        jsonl(&[json!({"id": "first", "text": article(1), "as_of": null})]),
        jsonl(&[json!({"id": "third", "text": article(3)})]),
    );
    let output = check_jsonl(&["--jobs", "2"], input);
    assert_eq!(output.status.code(), Some(2));
    let lines = json_lines(&output.stdout);
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|line| line["version"] == 1));
    assert_eq!(lines[0]["source"], "first");
    assert!(lines[0]["claims"].as_array().unwrap().len() >= 4);
    assert_eq!(lines[1]["id"], Value::Null, "no id can be read from it");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("-: line 2: not valid JSON: "));
    assert_eq!(lines[2]["source"], "third");
    assert_eq!(
        lines[2]["findings"][0]["rule"],
        "consistency/weekday-mismatch"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("figcheck: error: -: line 2: not valid JSON: "));
    assert!(
        stderr.contains("figcheck: checked 3 articles in "),
        "{stderr}"
    );
}

#[test]
fn jsonl_as_of_resolves_relative_dates_and_overrides_the_dateline() {
    let input = jsonl(&[
        json!({"id": 7, "text": "Exports rose 4% last year, the ministry said.", "as_of": "2009-06-30"}),
        json!({"id": 8, "text": article(2), "as_of": "2012-01-10"}),
        json!({"id": 9, "text": article(2)}),
    ]);
    let output = check_jsonl(&["--fail-on", "never"], input);
    assert_eq!(output.status.code(), Some(0));
    let lines = json_lines(&output.stdout);
    let last_year = |line: &Value| {
        line["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"] == "last year")
            .map(|c| c["value"]["timex"].clone())
    };
    assert_eq!(lines[0]["source"], "7", "a number id names the source");
    assert_eq!(lines[0]["as_of"], "2009-06-30");
    assert_eq!(last_year(&lines[0]), Some(json!("2008")));
    assert_eq!(last_year(&lines[1]), Some(json!("2011")));
    assert_eq!(lines[2]["as_of"], "2017-11-05", "no as_of: the dateline");
    assert_eq!(last_year(&lines[2]), Some(json!("2016")));
}

#[test]
fn jsonl_keeps_input_order_across_threads_and_reads_a_file_argument() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<Value> = (0..60)
        .map(|n| json!({"id": format!("a{n}"), "text": article(n), "extra": n}))
        .collect();
    let path = dir.path().join("articles.jsonl");
    // Blank lines are passed over but still counted for line numbers.
    std::fs::write(&path, format!("\n{}", jsonl(&records))).unwrap();
    let output = figcheck()
        .args(["check", "--input-format", "jsonl", "--jobs", "2"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "weekday errors");
    let ids: Vec<String> = json_lines(&output.stdout)
        .iter()
        .map(|line| line["source"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..60).map(|n| format!("a{n}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn jsonl_with_format_json_prints_one_report_at_the_end() {
    let input = jsonl(&[
        json!({"id": "x", "text": article(1)}),
        json!({"id": "y", "text": "   "}),
        json!({"id": "z", "text": article(4)}),
    ]);
    let output = check_jsonl(&["--format", "json"], input);
    assert_eq!(output.status.code(), Some(2), "the empty text is an error");
    assert_eq!(sources(&output.stdout), ["x", "z"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("figcheck: error: -: line 2 (id \"y\"): empty"));
}

#[test]
fn jsonl_lines_over_the_size_limit_are_errors_and_the_rest_go_on() {
    let input = jsonl(&[
        json!({"id": "long", "text": article(1).repeat(20)}),
        json!({"id": "short", "text": article(2)}),
    ]);
    let output = check_jsonl(&["--max-bytes", "2000"], input);
    assert_eq!(output.status.code(), Some(2));
    let lines = json_lines(&output.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .contains("larger than the limit of 2000 bytes"));
    assert_eq!(lines[1]["source"], "short");
}

#[test]
fn jsonl_takes_one_stream_only() {
    figcheck()
        .args(["check", "--input-format", "jsonl", "a.jsonl", "b.jsonl"])
        .assert()
        .code(2)
        .stderr(
            "figcheck: error: --input-format jsonl reads one stream: standard input or one file\n",
        );
}

/// A caller that sends one line and waits for its report gets it before it
/// sends the next: each report is written and flushed as soon as it is done.
#[test]
fn jsonl_answers_each_line_before_the_input_ends() {
    let binary = assert_cmd::cargo::cargo_bin("figcheck");
    let mut child = std::process::Command::new(binary)
        .args(["check", "--input-format", "jsonl", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (answers, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if answers.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for n in 0..3 {
        let record = json!({"id": n, "text": article(n)});
        writeln!(stdin, "{record}").unwrap();
        stdin.flush().unwrap();
        // A generous guard against a hang, not a timing check.
        let answer = received.recv_timeout(Duration::from_secs(120));
        let Ok(answer) = answer else {
            child.kill().unwrap();
            panic!("no answer to line {} while the input was still open", n + 1);
        };
        let report: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(report["source"], n.to_string());
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
    reader.join().unwrap();
}

/// With `--format jsonl` over files, each file's report is written as soon
/// as it and the files before it are done: here the second input is a named
/// pipe nobody writes to yet, and the first file's line arrives anyway.
#[cfg(unix)]
#[test]
fn jsonl_output_over_files_is_written_as_each_file_is_done() {
    let dir = tempfile::tempdir().unwrap();
    // article(0) has a weekday that does not match its date: exit code 1.
    std::fs::write(dir.path().join("first.txt"), article(0)).unwrap();
    let pipe = dir.path().join("second.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let binary = assert_cmd::cargo::cargo_bin("figcheck");
    let mut child = std::process::Command::new(binary)
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "--jobs", "2"])
        .args(["first.txt", "second.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // A generous guard against a hang, not a timing check.
    let Ok(first) = received.recv_timeout(Duration::from_secs(120)) else {
        // Nobody will read the pipe now: it is left unwritten.
        child.kill().unwrap();
        panic!("no line for first.txt while second.txt was still being read");
    };
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["source"], "first.txt");
    // Opening the pipe for writing waits for figcheck to open it to read.
    std::fs::write(&pipe, article(3)).unwrap();
    let second: Value = serde_json::from_str(&received.recv().unwrap()).unwrap();
    assert_eq!(second["source"], "second.txt");
    assert_eq!(child.wait().unwrap().code(), Some(1));
    reader.join().unwrap();
    assert!(received.try_recv().is_err(), "two lines, one per file");
}
