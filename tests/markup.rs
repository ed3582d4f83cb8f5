//! Markdown and HTML input. The articles in fixtures/markup/ must give
//! exactly the claims their sidecars list, nothing from the page furniture,
//! spans that slice the source file to the claim's text, the publication
//! date and title from the page's metadata, and findings silenced where an
//! ignore comment stands. The command line must walk directories for .md and
//! .html files, sniff HTML on standard input, obey `--input-format`, and
//! refuse a page with no article in one line. Random markup never panics
//! and never gives a span outside the source.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use figcheck::extract::Span;
use figcheck::source::{InputFormat, Source};
use figcheck::{Document, DocumentReport, Options};
use proptest::prelude::*;
use serde::Deserialize;

/// A fixture's sidecar (fixtures/markup/README.md describes the fields).
#[derive(Debug, Deserialize)]
struct Expected {
    as_of: String,
    title: String,
    headline: Option<String>,
    claims: Vec<String>,
    dropped: Vec<String>,
    absent: Vec<String>,
    findings: Vec<String>,
    silenced: Vec<String>,
    links: Vec<String>,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markup")
}

/// Every markup fixture with its source and sidecar.
fn fixtures() -> Vec<(PathBuf, String, Expected)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(fixture_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".expected.toml") || name == "README.md" {
            continue;
        }
        let sidecar = path.with_extension("expected.toml");
        let expected: Expected = toml::from_str(&fs::read_to_string(&sidecar).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
        found.push((path.clone(), fs::read_to_string(&path).unwrap(), expected));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found.len(),
        3,
        "fixtures/markup/ should hold three articles"
    );
    found
}

fn format_of(path: &Path) -> InputFormat {
    let extension = path.extension().unwrap().to_string_lossy();
    InputFormat::from_extension(&extension).unwrap()
}

fn check(path: &Path, text: &str, options: &Options) -> DocumentReport {
    let source = Source {
        name: path.display().to_string(),
        text: text.to_string(),
        format: format_of(path),
        media_type: None,
    };
    figcheck::check_source(&source, options).unwrap()
}

/// "rule: claim text" for each finding, the text sliced from the source.
fn findings_of(report: &DocumentReport, source: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.rule, &source[f.span.start..f.span.end]))
        .collect()
}

/// The text a source slice shows a reader: tags, Markdown emphasis and link
/// targets removed, entities decoded, white space collapsed.
fn shown(slice: &str, format: InputFormat) -> String {
    let text = match format {
        InputFormat::Html => {
            let fragment = scraper::Html::parse_fragment(slice);
            fragment.root_element().text().collect::<String>()
        }
        _ => {
            let mut text = slice.replace("**", "").replace('[', "");
            while let Some(open) = text.find("](") {
                let close = text[open..].find(')').map_or(text.len(), |c| open + c + 1);
                text.replace_range(open..close, "");
            }
            text
        }
    };
    collapse(&text)
}

fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..pos].chars().count() + 1)
}

fn assert_span_in(source: &str, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= source.len(),
        "{what}: span {}..{} outside the source",
        span.start,
        span.end
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what}: span not on char boundaries"
    );
    assert_eq!(
        (span.line, span.column),
        line_column(source, span.start),
        "{what}: line and column"
    );
}

#[test]
fn fixtures_give_exactly_the_body_claims() {
    for (path, text, expected) in fixtures() {
        let report = check(&path, &text, &Options::default());
        let claims: Vec<&str> = report.claims.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(claims, expected.claims, "{}: claims", path.display());
        for absent in &expected.absent {
            assert!(
                !report
                    .claims
                    .iter()
                    .any(|c| c.text.contains(absent.as_str())),
                "{}: a claim contains {absent:?}",
                path.display()
            );
        }
        let document = Document::read(&text, format_of(&path), None).unwrap();
        for dropped in &expected.dropped {
            assert!(
                !document.text().contains(dropped.as_str()),
                "{}: furniture {dropped:?} reached the text",
                path.display()
            );
        }
        assert_eq!(
            findings_of(&report, &text),
            expected.findings,
            "{}: findings",
            path.display()
        );
    }
}

#[test]
fn every_span_slices_the_source_to_its_text() {
    for (path, text, _) in fixtures() {
        let format = format_of(&path);
        let report = check(&path, &text, &Options::default());
        for claim in &report.claims {
            let what = format!("{} {} {:?}", path.display(), claim.id, claim.text);
            assert_span_in(&text, &claim.span, &what);
            let slice = &text[claim.span.start..claim.span.end];
            assert_eq!(
                shown(slice, format),
                collapse(&claim.text),
                "{what}: {slice:?}"
            );
            if let Some(attribution) = &claim.attribution {
                assert_span_in(&text, &attribution.span, &what);
                let cue = &text[attribution.span.start..attribution.span.end];
                assert_eq!(
                    shown(cue, format).to_lowercase(),
                    attribution.cue.to_lowercase(),
                    "{what}: attribution cue"
                );
            }
        }
        for finding in &report.findings {
            assert_span_in(&text, &finding.span, &finding.rule);
            for related in &finding.related {
                assert_span_in(&text, related, &finding.rule);
            }
        }
    }
}

#[test]
fn dates_and_titles_come_from_the_metadata() {
    for (path, text, expected) in fixtures() {
        let report = check(&path, &text, &Options::default());
        assert_eq!(
            report.as_of.as_deref(),
            Some(expected.as_of.as_str()),
            "{}",
            path.display()
        );
        let document = Document::read(&text, format_of(&path), None).unwrap();
        assert_eq!(document.title.as_deref(), Some(expected.title.as_str()));
        let headline = document.headline.clone().map(|h| &document.text()[h]);
        assert_eq!(headline, expected.headline.as_deref(), "{}", path.display());
        let links: Vec<&str> = document.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(links, expected.links, "{}: links", path.display());
        for link in &document.links {
            assert_span_in(&text, &link.span, &link.url);
            let slice = &text[link.span.start..link.span.end];
            assert!(
                shown(slice, format_of(&path)).contains(&collapse(&link.text)),
                "{}: link text {:?} not in {slice:?}",
                path.display(),
                link.text
            );
        }
        // --as-of still wins over the metadata.
        let options = Options {
            as_of: Some(jiff::civil::date(2000, 1, 1)),
            ..Options::default()
        };
        let report = check(&path, &text, &options);
        assert_eq!(report.as_of.as_deref(), Some("2000-01-01"));
    }
}

/// The source without its `<!-- figcheck-ignore ... -->` comments.
fn without_ignore_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!-- figcheck-ignore") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("-->")
            .map_or(rest.len(), |e| start + e + 3);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn ignore_comments_silence_their_rules_for_the_next_paragraph() {
    for (path, text, expected) in fixtures() {
        let with = findings_of(&check(&path, &text, &Options::default()), &text);
        let bare = without_ignore_comments(&text);
        let without = findings_of(&check(&path, &bare, &Options::default()), &bare);
        for silenced in &expected.silenced {
            assert!(!with.contains(silenced), "{}: {silenced}", path.display());
            assert!(without.contains(silenced), "{}: {silenced}", path.display());
        }
        // Nothing else changes.
        let others: Vec<&String> = without
            .iter()
            .filter(|f| !expected.silenced.contains(f))
            .collect();
        assert_eq!(
            others,
            with.iter().collect::<Vec<_>>(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn plain_text_ignore_comments_silence_their_line() {
    let text = "Council backs plan\n\nVisits rose by 18% last year. [figcheck: ignore sourcing/unsourced-figure]\nCosts rose by 7% in 2023.\n\n<!-- figcheck: ignore sourcing -->\nSome 40% of children hold a card.\n";
    let report = figcheck::check("story.txt", text, &Options::default());
    let findings = findings_of(&report, text);
    assert_eq!(findings, ["sourcing/unsourced-figure: 7%"]);
    // The comments are part of no claim, and spans still point into the text.
    assert!(report.claims.iter().all(|c| !c.text.contains("figcheck")));
    for claim in &report.claims {
        assert_eq!(&text[claim.span.start..claim.span.end], claim.text);
        assert_span_in(text, &claim.span, &claim.text);
    }
    let bare = text
        .replace(" [figcheck: ignore sourcing/unsourced-figure]", "")
        .replace("<!-- figcheck: ignore sourcing -->\n", "");
    let findings = findings_of(
        &figcheck::check("story.txt", &bare, &Options::default()),
        &bare,
    );
    assert_eq!(findings.len(), 3, "{findings:?}");
}

fn figcheck() -> Command {
    Command::cargo_bin("figcheck").unwrap()
}

fn json_of(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).expect("stdout is JSON")
}

#[test]
fn directories_are_walked_for_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text, _) in fixtures() {
        fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    fs::write(
        dir.path().join("notes.htm"),
        "<p>It cost $5m, the mayor said.</p>",
    )
    .unwrap();
    fs::write(dir.path().join("settings.toml"), "x = 1").unwrap();
    let output = figcheck()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json_of(&output.stdout);
    let sources: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let source = d["source"].as_str().unwrap();
            Path::new(source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        [
            "harbour_dredging.html",
            "library_budget.md",
            "notes.htm",
            "rail_ridership.html"
        ]
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("settings.toml: not an article file"),
        "{stderr}"
    );
}

#[test]
fn input_format_forces_a_reader_and_stdin_is_sniffed() {
    let page = fs::read_to_string(fixture_dir().join("harbour_dredging.html")).unwrap();
    let claim_texts = |output: &std::process::Output| -> Vec<String> {
        json_of(&output.stdout)["documents"][0]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let as_text = dir.path().join("page.txt");
    fs::write(&as_text, &page).unwrap();
    // Read as plain text, the markup and the furniture are all there.
    let plain = figcheck()
        .args(["check", "--format", "json"])
        .arg(&as_text)
        .output()
        .unwrap();
    assert!(claim_texts(&plain).iter().any(|c| c.contains("22 boats")));
    let forced = figcheck()
        .args(["check", "--format", "json", "--input-format", "html"])
        .arg(&as_text)
        .output()
        .unwrap();
    let forced_claims = claim_texts(&forced);
    assert_eq!(forced_claims[0], "€38 million");
    assert!(!forced_claims.iter().any(|c| c.contains("22 boats")));
    let sniffed = figcheck()
        .args(["check", "--format", "json", "-"])
        .write_stdin(page.clone())
        .output()
        .unwrap();
    assert_eq!(claim_texts(&sniffed), forced_claims);
    let markdown = fs::read_to_string(fixture_dir().join("library_budget.md")).unwrap();
    let forced_md = figcheck()
        .args([
            "check",
            "--format",
            "json",
            "--input-format",
            "markdown",
            "-",
        ])
        .write_stdin(markdown)
        .output()
        .unwrap();
    let report = json_of(&forced_md.stdout);
    assert_eq!(report["documents"][0]["as_of"], "2024-03-14");
}

#[test]
fn a_page_with_no_article_text_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("empty.html");
    fs::write(
        &page,
        "<html><body><nav>Home 1 2 3</nav><footer>© 2024</footer></body></html>",
    )
    .unwrap();
    let output = figcheck().args(["check"]).arg(&page).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.trim_end(),
        format!("figcheck: error: {}: no article text found", page.display())
    );
}

/// Random pieces of news markup: tags, entities, furniture, figures.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"related\">",
    "</div>",
    "<article>",
    "</article>",
    "<b>",
    "</b>",
    "<a href=\"https://example.org\">",
    "</a>",
    "<br>",
    "<!-- figcheck-ignore sourcing -->",
    "<script>var x = '<p>9</p>';</script>",
    "&amp;",
    "&nbsp;",
    "&#8217;",
    "&euro;",
    "&bogus;",
    "<",
    ">",
    "\n",
    "\n\n",
    "  ",
    "70 projects",
    " of ",
    "80",
    "$2.5bn",
    "12%",
    " said ",
    "the mayor",
    "on Monday",
    "\"We will",
    " build it,\"",
    "# ",
    "> ",
    "- ",
    "**",
    "[",
    "](u)",
    "`",
    "```\n",
    "---\n",
    "date: 2020-01-02\n",
    "é",
    "中",
    "\r\n",
];

fn markup_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

fn check_markup(text: &str, format: InputFormat) -> Result<(), TestCaseError> {
    let source = Source {
        name: "prop".to_string(),
        text: text.to_string(),
        format,
        media_type: None,
    };
    let Ok(report) = figcheck::check_source(&source, &Options::default()) else {
        return Ok(());
    };
    let spans = report
        .claims
        .iter()
        .map(|c| c.span)
        .chain(report.findings.iter().map(|f| f.span));
    for span in spans {
        prop_assert!(span.start <= span.end && span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert_eq!((span.line, span.column), line_column(text, span.start));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn markup_never_panics_and_spans_stay_in_the_source(text in markup_like()) {
        check_markup(&text, InputFormat::Html)?;
        check_markup(&text, InputFormat::Markdown)?;
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        check_markup(&text, InputFormat::Html)?;
        check_markup(&text, InputFormat::Markdown)?;
        check_markup(&text, InputFormat::Text)?;
    }
}
