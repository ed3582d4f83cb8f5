//! Command-line tests: they run the built binary as a user would and check
//! exit codes, messages, formats and the handling of bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::PathBuf;

const ARTICLE: &str = "Harbour bridge reopens\n\nPublished 5 November 2017\n\n\
The council said 70 projects were approved last year, 17 of which are finished.\n";

fn figcheck() -> Command {
    let mut command = Command::cargo_bin("figcheck").unwrap();
    command.env("NO_COLOR", "1").env_remove("COLUMNS");
    command
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn json_of(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("stdout is JSON")
}

#[test]
fn help_explains_the_check_command_and_its_options() {
    figcheck()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--as-of"))
        .stdout(predicate::str::contains("--max-bytes"))
        .stdout(predicate::str::contains("--format"))
        .stdout(predicate::str::contains("standard input"));
}

#[test]
fn json_report_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "story.txt", ARTICLE.as_bytes());
    let output = figcheck()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output.stdout);
    assert_eq!(report["version"], 1);
    let document = &report["documents"][0];
    assert_eq!(document["source"], path.display().to_string());
    assert_eq!(document["as_of"], "2017-11-05");
    assert!(document["claims"].is_array());
    assert!(document["findings"].is_array());
}

#[test]
fn as_of_overrides_the_dateline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "story.txt", ARTICLE.as_bytes());
    let output = figcheck()
        .args(["check", "--format", "json", "--as-of", "2020-02-29"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        json_of(&output.stdout)["documents"][0]["as_of"],
        "2020-02-29"
    );
}

#[test]
fn a_bad_date_is_a_usage_error() {
    figcheck()
        .args(["check", "--as-of", "2017-13-01", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not a date in the form YYYY-MM-DD",
        ));
}

#[test]
fn reads_standard_input_with_a_dash_or_no_argument() {
    for args in [
        vec!["check", "--format", "json", "-"],
        vec!["check", "--format", "json"],
    ] {
        let output = figcheck()
            .args(&args)
            .write_stdin(ARTICLE)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let report = json_of(&output.stdout);
        assert_eq!(report["documents"][0]["source"], "-");
        assert_eq!(report["documents"][0]["as_of"], "2017-11-05");
    }
}

#[test]
fn each_bad_input_is_one_line_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", ARTICLE.as_bytes());
    let binary = write(&dir, "image.txt", b"GIF89a\x00\x01\x02");
    let latin1 = write(&dir, "latin1.txt", b"Caf\xe9 prices rose 5%.");
    let empty = write(&dir, "empty.txt", b"  \n");
    let missing = dir.path().join("missing.txt");
    let output = figcheck()
        .args(["check", "--format", "json"])
        .args([&binary, &good, &latin1, &missing, &empty])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // One line per bad input, then the run's totals line.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{stderr}");
    assert!(
        lines[4].starts_with("figcheck: checked 5 articles in "),
        "{stderr}"
    );
    assert!(lines[4].ends_with(", 4 unreadable"), "{stderr}");
    assert!(stderr.contains(&format!("{}: no such file or directory", missing.display())));
    assert!(stderr.contains(&format!("{}: binary file", binary.display())));
    assert!(stderr.contains(&format!(
        "{}: not valid UTF-8 (first bad byte at offset 3)",
        latin1.display()
    )));
    assert!(stderr.contains(&format!("{}: empty", empty.display())));
    assert!(!stderr.contains("panicked"));
    let report = json_of(&output.stdout);
    let sources: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, vec![good.display().to_string()]);
}

#[test]
fn utf16_and_bom_inputs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(ARTICLE.as_bytes());
    let a = write(&dir, "utf16.txt", &utf16);
    let b = write(&dir, "bom.txt", &bom);
    let output = figcheck()
        .args(["check", "--format", "json"])
        .args([&a, &b])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output.stdout);
    for document in report["documents"].as_array().unwrap() {
        assert_eq!(document["as_of"], "2017-11-05");
    }
}

#[test]
fn oversized_inputs_are_rejected_not_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "long.txt", ARTICLE.as_bytes());
    figcheck()
        .args(["check", "--max-bytes", "10"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "larger than the limit of 10 bytes",
        ));
    figcheck()
        .args(["check", "--max-bytes", "10", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "-: larger than the limit of 10 bytes",
        ));
}

#[test]
fn directories_are_walked_and_other_files_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "b.txt", ARTICLE.as_bytes());
    fs::create_dir(dir.path().join("sub")).unwrap();
    write(&dir, "sub/a.txt", ARTICLE.as_bytes());
    write(&dir, "notes.md", b"# Notes\n\n70 projects.");
    write(&dir, "photo.jpg", b"\xFF\xD8\xFF");
    let output = figcheck()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("notes.md"), "{stderr}");
    assert!(
        stderr.contains("photo.jpg: not an article file"),
        "{stderr}"
    );
    let report = json_of(&output.stdout);
    let sources: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources.len(), 3);
    assert!(
        sources[0].ends_with("b.txt")
            && sources[1].ends_with("notes.md")
            && sources[2].ends_with("sub/a.txt"),
        "{sources:?}"
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(&dir, "story.txt", ARTICLE.as_bytes());
    let report_path = dir.path().join("report.json");
    figcheck()
        .args(["check", "--format", "json", "--output"])
        .arg(&report_path)
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report_path).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
}

#[test]
fn table_has_no_colour_when_piped_and_fits_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "story.txt", ARTICLE.as_bytes());
    let output = figcheck()
        .env("COLUMNS", "60")
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "{stdout}");
    assert!(stdout.contains("as of 2017-11-05"));
    assert!(stdout.trim_end().ends_with("in 1 article"), "{stdout}");
    // Footnotes carry whole URLs, never broken, so they can be copied.
    let footnote = regex::Regex::new(r"^\[\d+\] [^:]+: https?://\S+$").unwrap();
    for line in stdout.lines().filter(|l| !footnote.is_match(l)) {
        assert!(line.chars().count() <= 60, "line wider than 60: {line}");
    }
}

fn demo_article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/demo_harbour.txt")
}

#[test]
fn exit_status_follows_fail_on() {
    // The demo article has errors and warnings.
    figcheck().arg("check").arg(demo_article()).assert().code(1);
    figcheck()
        .args(["check", "--fail-on", "never"])
        .arg(demo_article())
        .assert()
        .code(0);
    figcheck()
        .args(["check", "--select", "sourcing"])
        .arg(demo_article())
        .assert()
        .code(0);
    figcheck()
        .args(["check", "--select", "sourcing", "--fail-on", "warning"])
        .arg(demo_article())
        .assert()
        .code(1);
}

#[test]
fn table_shows_findings_and_a_summary() {
    let output = figcheck()
        .env("COLUMNS", "120")
        .arg("check")
        .arg(demo_article())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("24 of 32 is 75%, not 57%"), "{stdout}");
    assert!(stdout.contains("consistency/weekday-mismatch"), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .ends_with("5 errors, 3 warnings, 15 claims in 1 article"),
        "{stdout}"
    );
}

#[test]
fn rules_lists_every_rule_and_documents_one() {
    let output = figcheck().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let listing = String::from_utf8(output.stdout).unwrap();
    for id in [
        "consistency/part-exceeds-whole",
        "consistency/fraction-mismatch",
        "consistency/change-mismatch",
        "consistency/shares-exceed-total",
        "consistency/sum-mismatch",
        "consistency/weekday-mismatch",
        "consistency/date-arithmetic",
        "consistency/conflicting-figures",
        "consistency/timeline",
        "sourcing/unsourced-figure",
        "sourcing/vague-attribution",
        "sourcing/unattributed-quote",
        "sourcing/unsourced-superlative",
    ] {
        assert!(listing.contains(id), "{id} missing from:\n{listing}");
    }
    figcheck()
        .args(["rules", "consistency/timeline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## What it flags"))
        .stdout(predicate::str::contains("## Does not fire on"));
    figcheck()
        .args(["rules", "consistency/nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no rule named 'consistency/nothing'",
        ));
}

#[test]
fn unknown_rule_names_and_malformed_packs_are_usage_errors() {
    figcheck()
        .args(["check", "--select", "bogus", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule or family named bogus"));
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        &dir,
        "house.toml",
        b"[rule.\"sourcing/unsourced-figure\"]\nenabled = tru\n",
    );
    figcheck()
        .args(["check", "--rules"])
        .arg(&pack)
        .arg("-")
        .write_stdin(ARTICLE)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(format!("{}:2:", pack.display())));
}
