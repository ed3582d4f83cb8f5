//! Baselines and revisions through the command line: --write-baseline and
//! --baseline round trip, edits bring back exactly the findings of the
//! sentence they touch, --diff reports only changed paragraphs, and a bad
//! baseline file is a one-line error with exit 2.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn figcheck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("figcheck").unwrap();
    command
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .current_dir(dir);
    command
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/review")
        .join(name)
}

/// The rules of the findings a JSON run reports, and its exit code.
fn findings(dir: &Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
    let output = figcheck(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    (rules, output.status.code())
}

fn v1() -> String {
    fs::read_to_string(fixture("harbour_v1.txt")).unwrap()
}

#[test]
fn a_baseline_hides_what_it_records_until_its_sentence_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let v1 = v1();
    fs::write(path.join("story.txt"), &v1).unwrap();

    // Recorded: all three findings, with fields an editor can read.
    let (all, code) = findings(path, &["--write-baseline", "review.json", "story.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(all.len(), 3, "{all:?}");
    let baseline: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path.join("review.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for entry in entries {
        for field in ["rule", "fingerprint", "source", "message", "claim"] {
            assert!(entry[field].is_string(), "{field} in {entry}");
        }
    }

    // Re-run with it: nothing shown, exit 0, and the summary says why.
    let (shown, code) = findings(path, &["--baseline", "review.json", "story.txt"]);
    assert_eq!((shown.len(), code), (0, Some(0)), "{shown:?}");
    let table = figcheck(path)
        .args(["check", "--baseline", "review.json", "story.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(table.stdout).unwrap();
    assert!(
        stdout.contains("no findings, 7 claims in 1 article (3 findings hidden by the baseline)"),
        "{stdout}"
    );

    // An edit to another paragraph brings nothing back.
    let elsewhere = v1.replace("welcomed the plans", "cautiously welcomed the plans");
    fs::write(path.join("story.txt"), &elsewhere).unwrap();
    let (shown, code) = findings(path, &["--baseline", "review.json", "story.txt"]);
    assert_eq!((shown.len(), code), (0, Some(0)), "{shown:?}");

    // Lines moved by an inserted paragraph bring nothing back either.
    let moved = elsewhere.replace(
        "Rents in",
        "The harbour has been busy this autumn.\n\nRents in",
    );
    fs::write(path.join("story.txt"), &moved).unwrap();
    let (shown, _) = findings(path, &["--baseline", "review.json", "story.txt"]);
    assert!(shown.is_empty(), "{shown:?}");

    // Editing the sentence that holds a finding brings that finding back.
    let edited = moved.replace(
        "open on Tuesday, 8 November",
        "finally open on Tuesday, 8 November",
    );
    fs::write(path.join("story.txt"), &edited).unwrap();
    let (shown, code) = findings(path, &["--baseline", "review.json", "story.txt"]);
    assert_eq!(shown, ["consistency/weekday-mismatch"]);
    assert_eq!(code, Some(1));

    // Deleting an entry by hand brings its finding back.
    let mut trimmed = baseline.clone();
    trimmed["entries"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["rule"] != "sourcing/unsourced-figure");
    fs::write(path.join("trimmed.json"), trimmed.to_string()).unwrap();
    fs::write(path.join("story.txt"), &v1).unwrap();
    let (shown, code) = findings(path, &["--baseline", "trimmed.json", "story.txt"]);
    assert_eq!(shown, ["sourcing/unsourced-figure"]);
    assert_eq!(code, Some(0), "a warning does not fail by default");
}

#[test]
fn diff_reports_only_the_changed_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let output = figcheck(dir.path())
        .args(["check", "--format", "json", "--diff"])
        .arg(fixture("harbour_v1.txt"))
        .arg(fixture("harbour_v2.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let document = &report["documents"][0];
    let claims: Vec<&str> = document["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["14%", "the past year", "300 people"]);
    let findings: Vec<(&str, u64)> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            ("sourcing/unsourced-figure", 7),
            ("sourcing/unsourced-figure", 11)
        ]
    );
    // Against itself, nothing changed.
    let same = figcheck(dir.path())
        .args(["check", "--format", "json", "--diff"])
        .arg(fixture("harbour_v1.txt"))
        .arg(fixture("harbour_v1.txt"))
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&same.stdout).unwrap();
    assert_eq!(report["documents"][0]["claims"], serde_json::json!([]));
    assert_eq!(report["documents"][0]["findings"], serde_json::json!([]));
}

/// The one-line error of a run that must exit 2.
fn usage_error(dir: &Path, args: &[&str]) -> String {
    let output = figcheck(dir).arg("check").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn bad_baselines_and_diffs_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    fs::write(path.join("story.txt"), v1()).unwrap();
    let stderr = usage_error(path, &["--baseline", "missing.json", "story.txt"]);
    assert!(
        stderr.starts_with("figcheck: error: missing.json: cannot read the baseline"),
        "{stderr}"
    );
    fs::write(path.join("broken.json"), "{\"version\": 1, \"entries\": [").unwrap();
    let stderr = usage_error(path, &["--baseline", "broken.json", "story.txt"]);
    assert!(
        stderr.starts_with("figcheck: error: broken.json: not a figcheck baseline"),
        "{stderr}"
    );
    fs::write(
        path.join("future.json"),
        "{\"version\": 9, \"entries\": []}",
    )
    .unwrap();
    let stderr = usage_error(path, &["--baseline", "future.json", "story.txt"]);
    assert!(
        stderr.contains("future.json: baseline version 9 is not supported"),
        "{stderr}"
    );
    let stderr = usage_error(path, &["--diff", "old.txt", "story.txt"]);
    assert!(stderr.contains("old.txt: no such file"), "{stderr}");
    let stderr = usage_error(path, &["--diff", "story.txt", "story.txt", "story.txt"]);
    assert!(stderr.contains("give one INPUT"), "{stderr}");
}

/// Baselines and --diff work on Markdown input as on plain text: they judge
/// sentences and paragraphs of the article as read (not its markup), and
/// the review page still highlights exactly the claims that remain.
#[test]
fn baselines_and_diff_work_on_markdown_input() {
    let dir = tempfile::tempdir().unwrap();
    let v1 =
        "# Ferry plan\n\nThe council voted on *Monday, 12 March 2017*, to buy **two** ferries.\n\n\
              Fares rose 20% from £40 to £60, according to the operator.\n";
    let v2 =
        "# Ferry plan\n\nThe council voted on *Monday, 12 March 2017*, to buy **two** ferries.\n\n\
              Fares rose 20% from £40 to £60, according to the operator.\n\n\
              Ridership fell to 310,000, the operator said.\n";
    fs::write(dir.path().join("v1.md"), v1).unwrap();
    fs::write(dir.path().join("v2.md"), v2).unwrap();

    let (all, _) = findings(dir.path(), &["--as-of", "2017-03-14", "v2.md"]);
    assert!(
        all.contains(&"consistency/weekday-mismatch".to_string()),
        "{all:?}"
    );
    assert!(
        all.contains(&"consistency/change-mismatch".to_string()),
        "{all:?}"
    );

    // The baseline of version 1 hides its findings in version 2, whose new
    // paragraph has none of those.
    let (_, code) = findings(
        dir.path(),
        &[
            "--as-of",
            "2017-03-14",
            "--write-baseline",
            "seen.json",
            "v1.md",
        ],
    );
    assert_eq!(code, Some(1));
    let (shown, code) = findings(
        dir.path(),
        &["--as-of", "2017-03-14", "--baseline", "seen.json", "v2.md"],
    );
    assert!(shown.is_empty(), "{shown:?}");
    assert_eq!(code, Some(0));

    // --diff keeps only the new paragraph's claim.
    let output = figcheck(dir.path())
        .args([
            "check",
            "--as-of",
            "2017-03-14",
            "--format",
            "json",
            "--diff",
            "v1.md",
            "v2.md",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let texts: Vec<&str> = report["documents"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["310,000"]);

    // The HTML page after --diff highlights that one claim on its own words.
    let page = figcheck(dir.path())
        .args([
            "check",
            "--as-of",
            "2017-03-14",
            "--format",
            "html",
            "--diff",
            "v1.md",
            "v2.md",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8(page.stdout).unwrap();
    assert_eq!(page.matches("<mark ").count(), 1, "{page}");
    let mark = page.find("<mark ").unwrap();
    let inner = &page[mark..];
    let inner = &inner[inner.find('>').unwrap() + 1..inner.find("</mark>").unwrap()];
    assert!(inner.ends_with("310,000"), "{inner}");
}
