//! One test drives every built-in rule through its fixture in
//! fixtures/rules/FAMILY/NAME.toml: each "fires" case must raise a finding of
//! the rule and each "passes" case none, and the rendered findings of the
//! "fires" cases must match the snapshot beside the fixture. Meta-tests check
//! that every rule has such a fixture and that messages keep the house style.
//!
//! The network rules (`figcheck::rules::NETWORK_RULES`: dead-link,
//! moved-link, contradicted) report what servers answered, not what the
//! text says, so a text fixture cannot drive them: tests/network.rs does,
//! against servers on 127.0.0.1, and a meta-test here checks it names each.

use std::path::PathBuf;

use figcheck::rules::{catalogue, Finding, RuleConfig, RuleMeta, NETWORK_RULES};
use figcheck::Options;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[serde(default)]
    fires: Vec<Case>,
    #[serde(default)]
    passes: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    as_of: Option<String>,
}

/// The rules a text fixture can drive.
fn text_rules() -> impl Iterator<Item = &'static RuleMeta> {
    catalogue().filter(|meta| !NETWORK_RULES.contains(&meta.id))
}

fn fixture_dir(id: &str) -> PathBuf {
    let (family, _) = id.split_once('/').unwrap();
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules")
        .join(family)
}

fn fixture_path(id: &str) -> PathBuf {
    let (_, name) = id.split_once('/').unwrap();
    fixture_dir(id).join(format!("{name}.toml"))
}

fn load(id: &str) -> Fixture {
    let path = fixture_path(id);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{id} has no fixture at {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn findings(id: &str, case: &Case) -> Vec<Finding> {
    let mut rules = RuleConfig::builtin();
    rules.select = vec![id.to_string()];
    let options = Options {
        as_of: case
            .as_of
            .as_deref()
            .map(|d| d.parse().expect("as_of is a date")),
        rules,
        ..Default::default()
    };
    figcheck::check("case", &case.text, &options)
        .findings
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

#[test]
fn every_rule_fires_and_passes_on_its_fixture_and_matches_its_snapshot() {
    let mut failures = Vec::new();
    for meta in text_rules() {
        let id = meta.id;
        let fixture = load(id);
        if fixture.fires.is_empty() || fixture.passes.is_empty() {
            failures.push(format!(
                "{id}: the fixture needs cases that fire and cases that pass"
            ));
        }
        let mut rendered = String::new();
        for case in &fixture.fires {
            let found = findings(id, case);
            if found.is_empty() {
                failures.push(format!("{id} did not fire on {:?}", case.text));
            }
            rendered.push_str(&format!("{}\n", case.text.replace('\n', "⏎")));
            for finding in &found {
                rendered.push_str(&format!(
                    "  {}:{} {} {}\n",
                    finding.span.line,
                    finding.span.column,
                    finding.severity.as_str(),
                    finding.message
                ));
            }
        }
        for case in &fixture.passes {
            let found = findings(id, case);
            if !found.is_empty() {
                let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
                failures.push(format!("{id} fired on {:?}: {messages:?}", case.text));
            }
        }
        let (_, name) = id.split_once('/').unwrap();
        insta::with_settings!({
            snapshot_path => fixture_dir(id),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.to_string(), rendered);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn messages_are_lower_case_without_a_final_full_stop() {
    for meta in text_rules() {
        for case in &load(meta.id).fires {
            for finding in findings(meta.id, case) {
                let message = &finding.message;
                assert!(
                    !message.starts_with(char::is_uppercase),
                    "{}: message starts with a capital: {message}",
                    meta.id
                );
                assert!(
                    !message.ends_with('.'),
                    "{}: message ends with a full stop: {message}",
                    meta.id
                );
                assert!(
                    !message.contains('\n'),
                    "{}: message has a line break",
                    meta.id
                );
            }
        }
    }
}

#[test]
fn every_fixture_belongs_to_a_rule() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for family in std::fs::read_dir(&root).unwrap() {
        let family = family.unwrap().path();
        for file in std::fs::read_dir(&family).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let id = format!(
                    "{}/{}",
                    family.file_name().unwrap().to_string_lossy(),
                    path.file_stem().unwrap().to_string_lossy()
                );
                assert!(
                    catalogue().any(|m| m.id == id),
                    "{} names no rule",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn network_rules_are_tested_in_tests_network() {
    let network_tests =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/network.rs"))
            .expect("tests/network.rs exists");
    for id in NETWORK_RULES {
        assert!(catalogue().any(|m| m.id == *id), "{id} is not a rule");
        assert!(
            network_tests.contains(&format!("\"{id}\"")),
            "tests/network.rs never checks {id}"
        );
        assert!(
            !fixture_path(id).exists(),
            "{id} is a network rule: its cases live in tests/network.rs"
        );
    }
}
