//! Output-format tests: the review formats (Markdown, CSV, HTML, SARIF, JSON
//! Lines) rendered from the demo article with its planted errors. Snapshots
//! pin the text formats; CSV is read back with the csv crate, JSON Lines and
//! SARIF are parsed and compared with the JSON report, and the HTML page is
//! opened in headless Chromium, which must find every claim highlighted and
//! the filters working, and leaves a screenshot under target/.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use figcheck::extract::Link;
use figcheck::report::{Csv, Html, Markdown, Renderer, Report, Style};
use figcheck::Options;
use serde_json::Value;

const DEMO: &str = "fixtures/articles/demo_harbour.txt";
const AS_OF: &str = "2017-03-14";

/// The demo article rendered in `format` (exit 1: it has errors).
fn render(format: &str, extra: &[&str]) -> String {
    let output = Command::cargo_bin("figcheck")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--as-of", AS_OF, "--format", format])
        .args(extra)
        .arg(DEMO)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("output is UTF-8")
}

/// The demo article's document object in the JSON report.
fn demo_json() -> Value {
    let report: Value = serde_json::from_str(&render("json", &[])).unwrap();
    report["documents"][0].clone()
}

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().expect("an array")
}

#[test]
fn markdown_review_sheet_matches_its_snapshot() {
    let markdown = render("markdown", &[]);
    let claims = array(&demo_json()["claims"]).len();
    let rows = markdown.lines().filter(|l| l.starts_with("| ☐ |")).count();
    assert_eq!(rows, claims, "one row with an unticked box per claim");
    assert!(markdown.contains("**Monday, 12 March 2017**"));
    assert!(markdown.contains("### Findings"));
    insta::assert_snapshot!("markdown", markdown);
}

/// The cells of a Markdown table row, split at pipes that are not escaped.
fn markdown_cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    cells
}

#[test]
fn markdown_cells_survive_pipes_and_markup_in_the_article() {
    let text = "Fund grows\n\nPublished 5 November 2017\n\n\
                The fund | grew *20%* to £5m_total, the bank said.\n";
    let document = figcheck::check("a|b.txt", text, &Options::default());
    let mut out = Vec::new();
    Markdown
        .render(&Report::new(vec![document]), plain(), &mut out)
        .unwrap();
    let markdown = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ☐ |"))
        .collect();
    assert!(!rows.is_empty(), "{markdown}");
    for row in rows {
        // Nine cells between the outer pipes, whatever the sentence holds.
        assert_eq!(markdown_cells(row).len(), 11, "{row}");
        assert!(row.contains("The fund \\| grew \\*"), "{row}");
    }
}

#[test]
fn csv_reads_back_with_one_row_per_claim_and_per_unattached_finding() {
    let csv = render("csv", &[]);
    let document = demo_json();
    let claims = array(&document["claims"]);
    let findings = array(&document["findings"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let expected = "document,claim,kind,text,line,column,value,qualifier,unit,source,cue,severity,rules,findings,links";
    assert_eq!(header.join(","), expected);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let claim_rows: Vec<&csv::StringRecord> = rows.iter().filter(|r| !r[1].is_empty()).collect();
    assert_eq!(claim_rows.len(), claims.len());
    for (row, claim) in claim_rows.iter().zip(claims) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[0], DEMO);
        assert_eq!(&row[1], claim["id"]);
        assert_eq!(&row[2], claim["kind"]);
        assert_eq!(&row[3], claim["text"]);
        assert_eq!(row[4], claim["span"]["line"].to_string());
        assert_eq!(row[5], claim["span"]["column"].to_string());
    }
    // The quotation and the superlative name no claim: they get rows of their own.
    let unattached: Vec<&Value> = findings
        .iter()
        .filter(|f| array(&f["claims"]).is_empty())
        .collect();
    let finding_rows: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[1].is_empty()).collect();
    assert_eq!(finding_rows.len(), unattached.len());
    assert_eq!(unattached.len(), 2);
    for (row, finding) in finding_rows.iter().zip(&unattached) {
        assert_eq!(&row[12], finding["rule"]);
        assert_eq!(&row[11], finding["severity"]);
        assert_eq!(&row[13], finding["message"]);
    }
    // The weekday error marks the first claim's row.
    assert_eq!(&claim_rows[0][11], "error");
    assert_eq!(&claim_rows[0][12], "consistency/weekday-mismatch");
    insta::assert_snapshot!("csv", csv);
}

#[test]
fn jsonl_lines_are_the_json_contract_documents_with_a_version() {
    let jsonl = render("jsonl", &[]);
    insta::assert_snapshot!("jsonl", jsonl);
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 1);
    let mut line: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(line["version"], 1);
    line.as_object_mut().unwrap().remove("version");
    assert_eq!(line, demo_json(), "a line is the JSON report's document");
}

#[test]
fn jsonl_writes_one_line_per_document() {
    let output = Command::cargo_bin("figcheck")
        .unwrap()
        .args(["check", "--format", "jsonl", "--fail-on", "never"])
        .args([DEMO, "fixtures/articles/local_bridge.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let sources: Vec<String> = stdout
        .lines()
        .map(|l| {
            let line: Value = serde_json::from_str(l).unwrap();
            for field in ["version", "source", "as_of", "claims", "findings"] {
                assert!(line.get(field).is_some(), "{field} missing in {l}");
            }
            line["source"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(sources, [DEMO, "fixtures/articles/local_bridge.txt"]);
}

#[test]
fn sarif_has_the_required_fields_and_maps_every_finding() {
    let sarif = render("sarif", &[]);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    // The results are this renderer's work; the rule list follows the
    // catalogue and its documentation, which change on their own.
    insta::assert_snapshot!(
        "sarif_results",
        serde_json::to_string_pretty(&log["runs"][0]["results"]).unwrap()
    );
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap()
        .contains("sarif-schema-2.1.0"));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "figcheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = array(&driver["rules"]);
    for rule in rules {
        assert!(rule["id"].is_string());
        assert!(rule["shortDescription"]["text"].is_string());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }
    let text = std::fs::read_to_string(DEMO).unwrap();
    let findings = array(&demo_json()["findings"]).clone();
    let results = array(&run["results"]);
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
        assert_eq!(result["level"], finding["severity"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], DEMO);
        let region = &location["region"];
        let span = &finding["span"];
        assert_eq!(region["startLine"], span["line"]);
        assert_eq!(region["startColumn"], span["column"]);
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        let chars_before = text[..start].chars().count();
        let flagged = &text[start..end];
        assert_eq!(region["charOffset"], chars_before);
        assert_eq!(region["charLength"], flagged.chars().count());
        // All the demo's findings sit on one line.
        assert_eq!(region["endLine"], span["line"]);
        assert_eq!(
            region["endColumn"].as_u64().unwrap(),
            span["column"].as_u64().unwrap() + flagged.chars().count() as u64
        );
    }
}

#[test]
fn sarif_maps_info_to_note() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("info.toml");
    std::fs::write(
        &pack,
        "[rule.\"sourcing/unsourced-superlative\"]\nseverity = \"info\"\n",
    )
    .unwrap();
    let sarif = render("sarif", &["--rules", pack.to_str().unwrap()]);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let run = &log["runs"][0];
    let levels: Vec<(&str, &str)> = array(&run["results"])
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert!(levels.contains(&("sourcing/unsourced-superlative", "note")));
    assert!(levels.contains(&("consistency/weekday-mismatch", "error")));
    assert!(levels.contains(&("sourcing/vague-attribution", "warning")));
    let rule = array(&run["tool"]["driver"]["rules"])
        .iter()
        .find(|r| r["id"] == "sourcing/unsourced-superlative")
        .unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "note");
}

#[test]
fn sarif_is_written_even_when_no_input_could_be_read() {
    let output = Command::cargo_bin("figcheck")
        .unwrap()
        .args(["check", "--format", "sarif", "no/such/article.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(array(&log["runs"][0]["results"]).is_empty());
}

fn plain() -> Style {
    Style {
        colour: false,
        width: 120,
        hyperlinks: false,
    }
}

/// The demo article checked through the library, with look-up links on
/// its first claim (the link stage fills them in a real run).
fn demo_with_links() -> Report {
    let text = std::fs::read_to_string(DEMO).unwrap();
    let options = Options {
        as_of: Some(AS_OF.parse().unwrap()),
        ..Options::default()
    };
    let mut document = figcheck::check(DEMO, &text, &options);
    document.claims[0].links = vec![
        Link {
            title: "Calendar".into(),
            url: "https://www.timeanddate.com/calendar/?year=2017".into(),
        },
        Link {
            title: "Unsafe".into(),
            url: "javascript:alert(1)".into(),
        },
    ];
    Report::new(vec![document])
}

fn render_with(renderer: &dyn Renderer, report: &Report) -> String {
    let mut out = Vec::new();
    renderer.render(report, plain(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn look_up_links_appear_in_every_review_format() {
    let report = demo_with_links();
    let markdown = render_with(&Markdown, &report);
    assert!(markdown.contains("[Calendar](https://www.timeanddate.com/calendar/?year=2017)"));
    let csv = render_with(&Csv, &report);
    assert!(csv.contains("Calendar <https://www.timeanddate.com/calendar/?year=2017>"));
    let html = render_with(&Html, &report);
    assert!(html.contains("href=\"https://www.timeanddate.com/calendar/?year=2017\""));
    // Only web links become links on the page.
    assert!(!html.contains("javascript:alert"));
}

#[test]
fn html_is_self_contained_and_escapes_the_article() {
    let text = "Fund <b>grows</b>\n\nPublished 5 November 2017\n\n\
                The \"fund\" & <script>alert(1)</script> grew 20% to £5m, the bank said.\n";
    let document = figcheck::check("<story>.txt", text, &Options::default());
    let html = render_with(&Html, &Report::new(vec![document]));
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;story&gt;.txt"));
    assert!(!html.contains("<b>grows"));
    // Nothing is fetched from elsewhere: no external scripts, styles, fonts or images.
    for needle in [" src=", "<link", "@import", "url(", "@font-face"] {
        assert!(!html.contains(needle), "page refers to {needle}");
    }
    assert!(html.contains("@media print"));
    assert_eq!(html.matches("<mark ").count(), 2, "20% and £5m");
}

/// Chromium, or a failure that says how to install it: CI installs it, so
/// a missing browser is never a silent pass.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("FIGCHECK_CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "the HTML browser test needs Chromium and found none on PATH: \
         install it with `apt-get install -y chromium` (.ci/run does) \
         or point FIGCHECK_CHROMIUM at the browser"
    );
}

/// Runs headless Chromium on `url` with `args`; returns its standard output.
fn run_chromium(browser: &Path, url: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    // The DOM is read while the browser runs: a dump larger than the pipe's
    // buffer would otherwise block the browser and never let it exit.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut dom = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut dom).map(|_| dom)
    });
    // A guard against a hung browser, not a measurement.
    let deadline = Instant::now() + Duration::from_secs(180);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("{} did not finish on {url}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{} failed on {url}", browser.display());
    let dom = reader.join().unwrap().unwrap();
    String::from_utf8_lossy(&dom).into_owned()
}

/// The opening tags of `tag` elements in a DOM dump with `class` among their classes.
fn tags<'a>(dom: &'a str, tag: &str, class: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    dom.match_indices(&open)
        .map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap() + 1])
        .filter(|t| {
            t.split("class=\"")
                .nth(1)
                .and_then(|c| c.split('"').next())
                .is_some_and(|c| c.split(' ').any(|w| w == class))
        })
        .collect()
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    tag.split(&key).nth(1).and_then(|v| v.split('"').next())
}

#[test]
fn html_page_highlights_every_claim_and_filters_in_a_browser() {
    let browser = chromium();
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats");
    std::fs::create_dir_all(&out_dir).unwrap();
    let page = out_dir.join("review.html");
    let second = "fixtures/articles/local_bridge.txt";
    let status = Command::cargo_bin("figcheck")
        .unwrap()
        .args([
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "--fail-on",
            "never",
        ])
        .arg("--output")
        .arg(&page)
        .args([DEMO, second])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    let json: Value = serde_json::from_slice(
        &Command::cargo_bin("figcheck")
            .unwrap()
            .args(["check", "--as-of", AS_OF, "--format", "json", DEMO, second])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let documents = array(&json["documents"]);
    let url = format!("file://{}", page.canonicalize().unwrap().display());

    // The page checks itself: one highlight and one row per claim, and
    // unticking each box hides exactly the rows it names.
    let dom = run_chromium(&browser, &format!("{url}?selftest"), &["--dump-dom"]);
    let verdict = dom
        .find("<output id=\"selftest\"")
        .map(|i| &dom[i..i + dom[i..].find('>').unwrap() + 1])
        .expect("the self-test output is in the page");
    assert_eq!(attribute(verdict, "data-result"), Some("pass"), "{dom}");
    let kinds: std::collections::BTreeSet<&str> = documents
        .iter()
        .flat_map(|d| array(&d["claims"]))
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        attribute(verdict, "data-checks"),
        Some((kinds.len() + 4).to_string().as_str()),
        "one check per kind and per severity"
    );

    // Every claim of the report is highlighted, with its id and number.
    let marks = tags(&dom, "mark", "claim");
    let claims: usize = documents.iter().map(|d| array(&d["claims"]).len()).sum();
    assert_eq!(marks.len(), claims);
    for (n, document) in documents.iter().enumerate() {
        for claim in array(&document["claims"]) {
            let id = format!("d{}-{}", n + 1, claim["id"].as_str().unwrap());
            let mark = marks
                .iter()
                .find(|m| attribute(m, "id") == Some(id.as_str()))
                .unwrap_or_else(|| panic!("no highlight for {id}"));
            assert_eq!(attribute(mark, "data-kind"), claim["kind"].as_str());
            assert_eq!(
                attribute(mark, "data-n"),
                claim["id"].as_str().map(|c| c.trim_start_matches('c'))
            );
        }
    }
    // The demo's weekday error colours its date red.
    let first = marks
        .iter()
        .find(|m| attribute(m, "id") == Some("d1-c1"))
        .unwrap();
    assert_eq!(attribute(first, "data-severity"), Some("error"));

    // Filters set from the address: hiding a kind hides its rows, and only them.
    let dom = run_chromium(&browser, &format!("{url}?hide=date"), &["--dump-dom"]);
    let rows = tags(&dom, "tr", "claim");
    assert_eq!(rows.len(), claims);
    let dates = rows
        .iter()
        .filter(|r| attribute(r, "data-kind") == Some("date"))
        .count();
    assert!(dates > 0);
    for row in &rows {
        let is_date = attribute(row, "data-kind") == Some("date");
        assert_eq!(row.contains(" hidden"), is_date, "{row}");
    }
    assert!(dom.contains(&format!("{} of {claims} claims shown", claims - dates)));

    // The self-test can fail: with filters that hide nothing it says so.
    let html = std::fs::read_to_string(&page).unwrap();
    let broken = html.replacen("el.hidden = !show;", "el.hidden = false;", 1);
    assert_ne!(broken, html, "the filter script changed: update this test");
    let broken_page = out_dir.join("broken.html");
    std::fs::write(&broken_page, broken).unwrap();
    let broken_url = format!(
        "file://{}?selftest",
        broken_page.canonicalize().unwrap().display()
    );
    let dom = run_chromium(&browser, &broken_url, &["--dump-dom"]);
    assert!(dom.contains("data-result=\"fail\""), "{dom}");
    assert!(dom.contains("unticking kind date left shown row d1-row-c1"));

    // A picture for a person to look at.
    let screenshot = out_dir.join("review.png");
    std::fs::remove_file(&screenshot).ok();
    run_chromium(
        &browser,
        &url,
        &[
            "--window-size=1400,1000",
            &format!("--screenshot={}", screenshot.display()),
        ],
    );
    let png = std::fs::read(&screenshot).expect("Chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    eprintln!("screenshot: {}", screenshot.display());
}

/// For HTML and Markdown input the spans point into the source file, but the
/// review page shows the article as plain text: every claim must still be
/// highlighted on its own words there, and SARIF regions must lie in the
/// source file.
#[test]
fn review_formats_of_markup_input_highlight_the_claims_own_words() {
    for input in [
        "fixtures/markup/harbour_dredging.html",
        "fixtures/markup/library_budget.md",
    ] {
        let run = |format: &str| {
            let output = Command::cargo_bin("figcheck")
                .unwrap()
                .env("NO_COLOR", "1")
                .args(["check", "--fail-on", "never", "--format", format, input])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{input} {format}");
            String::from_utf8(output.stdout).unwrap()
        };
        let json: Value = serde_json::from_str(&run("json")).unwrap();
        let claims = array(&json["documents"][0]["claims"]);
        assert!(!claims.is_empty(), "{input} has claims");
        let page = run("html");
        let marks = tags(&page, "mark", "claim");
        assert_eq!(marks.len(), claims.len(), "{input}");
        for claim in claims {
            let text = claim["text"].as_str().unwrap();
            let id = claim["id"].as_str().unwrap();
            let open = page
                .find(&format!("-{id}\" class=\"claim"))
                .unwrap_or_else(|| panic!("{input}: no mark for {id}"));
            let inner_start = open + page[open..].find('>').unwrap() + 1;
            let inner_end = inner_start + page[inner_start..].find("</mark>").unwrap();
            let mut inner = page[inner_start..inner_end].to_string();
            // Drop the number badge and any nested flag markup.
            while let (Some(a), Some(b)) = (inner.find('<'), inner.find('>')) {
                if b < a {
                    break;
                }
                let close = inner[a..].find('>').unwrap() + a;
                let tag = inner[a..=close].to_string();
                if tag.starts_with("<sup") {
                    let end = inner.find("</sup>").map_or(close + 1, |e| e + 6);
                    inner.replace_range(a..end, "");
                } else {
                    inner.replace_range(a..=close, "");
                }
            }
            let inner = inner.replace("&amp;", "&").replace("&#39;", "'");
            assert_eq!(
                inner.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{input}: claim {id} is highlighted on other words"
            );
        }
    }
}
