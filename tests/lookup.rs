//! Look-up links through the command line: every claim in the JSON has
//! links, packs add, replace and turn off templates, a malformed template is
//! a one-line error with its place, and a piped table lists the URLs as
//! footnotes.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn figcheck() -> Command {
    let mut command = Command::cargo_bin("figcheck").unwrap();
    command.env("NO_COLOR", "1").env_remove("COLUMNS");
    command
}

fn demo_article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/demo_harbour.txt")
}

const ARTICLE: &str = "Jobs report\n\nPublished 3 March 2017\n\n\
Unemployment in France rose to 10% in January, INSEE said.\n";

fn json(args: &[&str], dir: &Path) -> serde_json::Value {
    let output = figcheck()
        .current_dir(dir)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn titles(claim: &serde_json::Value) -> Vec<String> {
    claim["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_claim_of_the_demo_article_has_links() {
    let dir = tempfile::tempdir().unwrap();
    let report = json(&[demo_article().to_str().unwrap()], dir.path());
    let claims = report["documents"][0]["claims"].as_array().unwrap();
    assert!(claims.len() > 5);
    for claim in claims {
        let links = claim["links"].as_array().unwrap();
        assert!(links.len() >= 3, "{claim}");
        for link in links {
            let url = link["url"].as_str().unwrap();
            assert!(url.starts_with("https://"), "{url}");
            assert!(!url.contains(' ') && !url.contains('{'), "{url}");
        }
        assert!(titles(claim).contains(&"Wikipedia".to_string()), "{claim}");
    }
}

#[test]
fn a_pack_adds_replaces_and_turns_off_templates() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), ARTICLE).unwrap();
    fs::write(
        dir.path().join("figcheck.toml"),
        r#"
[[reference]]
name = "archive"
title = "Archive"
url = "https://archive.example.org/search?q={query}&year={year}&v={value}"
kinds = ["percent"]

[[reference]]
name = "wikidata"
enabled = false

[[reference]]
name = "wikipedia"
title = "Wikipédia"
url = "https://fr.wikipedia.org/w/index.php?search={query}"
"#,
    )
    .unwrap();
    let report = json(&["story.txt"], dir.path());
    let claims = report["documents"][0]["claims"].as_array().unwrap();
    let percent = claims.iter().find(|c| c["kind"] == "percent").unwrap();
    let titles = titles(percent);
    assert!(!titles.contains(&"Wikidata".to_string()), "{titles:?}");
    assert_eq!(titles[0], "Wikipédia");
    assert!(titles.contains(&"INSEE".to_string()), "{titles:?}");
    let archive = percent["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["title"] == "Archive")
        .unwrap();
    assert_eq!(
        archive["url"],
        "https://archive.example.org/search?q=France%20INSEE%20unemployment&year=2017&v=10%20%25"
    );
    // Only percentages get the archive.
    let date = claims.iter().find(|c| c["kind"] == "date").unwrap();
    assert!(!self::titles(date).contains(&"Archive".to_string()));
}

/// The one-line error of a run with this pack, which must exit 2.
fn usage_error(dir: &Path, pack: &Path) -> String {
    let output = figcheck()
        .current_dir(dir)
        .args(["check", "story.txt", "--rules"])
        .arg(pack)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn a_malformed_template_is_a_one_line_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), ARTICLE).unwrap();
    let pack = dir.path().join("house.toml");
    fs::write(
        &pack,
        "[[reference]]\nname = \"archive\"\ntitle = \"Archive\"\nurl = \"https://a.org/?q={qeury}\"\n",
    )
    .unwrap();
    let stderr = usage_error(dir.path(), &pack);
    assert!(
        stderr.contains("house.toml:1:1: reference archive: unknown placeholder {qeury}"),
        "{stderr}"
    );
    // Turning off a template that does not exist is a mistake too.
    fs::write(
        &pack,
        "\n[[reference]]\nname = \"wikipeda\"\nenabled = false\n",
    )
    .unwrap();
    let stderr = usage_error(dir.path(), &pack);
    assert!(
        stderr.contains("house.toml:2:1: reference wikipeda names no template to turn off"),
        "{stderr}"
    );
}

#[test]
fn a_piped_table_lists_the_urls_as_numbered_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), ARTICLE).unwrap();
    let output = figcheck()
        .current_dir(dir.path())
        .args(["check", "story.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains('\x1b'), "{stdout}");
    assert!(stdout.contains("look up"), "{stdout}");
    assert!(
        stdout.contains("[1] Wikipedia: https://en.wikipedia.org/w/index.php?search=France%20INSEE%20unemployment&fulltext=1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("INSEE: https://www.insee.fr/fr/recherche?q=France%20INSEE%20unemployment"),
        "{stdout}"
    );
    // The percentage row names its footnotes by number.
    let row = stdout.lines().find(|l| l.contains("percent")).unwrap();
    assert!(row.contains(" 1 2 3 4"), "{row}");
}
