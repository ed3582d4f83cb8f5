//! Rule packs: every rule a pack declares is run on its own examples (it must
//! fire on each "fires" text and stay silent on each "passes" text), and
//! overrides from --rules packs take effect.

use std::path::{Path, PathBuf};

use figcheck::rules::RuleConfig;
use figcheck::Options;

fn pack_paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut paths = vec![root.join("examples")];
    paths.sort();
    paths
}

fn findings_of(config: &RuleConfig, id: &str, text: &str) -> Vec<String> {
    let mut rules = config.clone();
    rules.select = vec![id.to_string()];
    let options = Options {
        rules,
        ..Options::default()
    };
    figcheck::check("example", text, &options)
        .findings
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| f.message)
        .collect()
}

#[test]
fn every_declared_rule_passes_its_own_examples() {
    let empty = tempfile::tempdir().unwrap();
    let config = RuleConfig::load(&pack_paths(), empty.path()).expect("packs load");
    let declared: Vec<_> = config
        .rules()
        .into_iter()
        .filter(|r| !r.fires.is_empty() || !r.passes.is_empty())
        .collect();
    assert!(declared.len() >= 3, "expected the example pack's rules");
    let mut failures = Vec::new();
    for rule in &declared {
        assert!(
            !rule.fires.is_empty() && !rule.passes.is_empty(),
            "{} needs examples that fire and examples that pass",
            rule.id
        );
        for text in &rule.fires {
            if findings_of(&config, &rule.id, text).is_empty() {
                failures.push(format!("{} did not fire on {text:?}", rule.id));
            }
        }
        for text in &rule.passes {
            let found = findings_of(&config, &rule.id, text);
            if !found.is_empty() {
                failures.push(format!("{} fired on {text:?}: {found:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_pack_turns_rules_off_and_changes_severities() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("house.toml");
    std::fs::write(
        &pack,
        "[rule.\"sourcing/unsourced-figure\"]\nenabled = false\n\n\
         [rule.\"sourcing/vague-attribution\"]\nseverity = \"error\"\n",
    )
    .unwrap();
    let config = RuleConfig::load(&[pack], dir.path()).unwrap();
    let rules = config.rules();
    let find = |id: &str| rules.iter().find(|r| r.id == id).unwrap();
    assert!(!find("sourcing/unsourced-figure").enabled);
    assert_eq!(
        find("sourcing/vague-attribution").severity.as_str(),
        "error"
    );
    let report = figcheck::check(
        "x",
        "Title\n\nIt is reported that 40 people were hurt.",
        &Options {
            rules: config,
            ..Options::default()
        },
    );
    let rules_found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity.as_str()))
        .collect();
    assert_eq!(rules_found, vec![("sourcing/vague-attribution", "error")]);
}

#[test]
fn figcheck_toml_is_found_in_a_parent_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("figcheck.toml"),
        "[rule.\"sourcing/vague-attribution\"]\nenabled = false\n",
    )
    .unwrap();
    let nested = dir.path().join("desk").join("today");
    std::fs::create_dir_all(&nested).unwrap();
    let config = RuleConfig::load(&[], &nested).unwrap();
    let vague = config
        .rules()
        .into_iter()
        .find(|r| r.id == "sourcing/vague-attribution")
        .unwrap();
    assert!(!vague.enabled);
}

#[test]
fn a_malformed_pack_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("broken.toml");
    std::fs::write(&pack, "[[phrase]]\nid = \"house/x\"\nseverity = \"loud\"\n").unwrap();
    let error = RuleConfig::load(std::slice::from_ref(&pack), dir.path()).unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("{}:3:", pack.display())),
        "{text}"
    );
    let bad_regex = dir.path().join("regex.toml");
    std::fs::write(
        &bad_regex,
        "[[phrase]]\nid = \"house/x\"\nseverity = \"info\"\nmessage = \"m\"\npattern = \"(unclosed\"\nexamples = { fires = [], passes = [] }\n",
    )
    .unwrap();
    let error = RuleConfig::load(&[bad_regex], dir.path()).unwrap_err();
    assert!(error.to_string().contains("bad pattern"), "{error}");
}

#[test]
fn a_pack_sets_a_rules_tolerance() {
    let text = "Job cuts\n\nAbout 40% of the 200 staff, or 83 people, left.";
    let fires = |config: RuleConfig| -> usize {
        let mut rules = config;
        rules.select = vec!["consistency/fraction-mismatch".to_string()];
        figcheck::check(
            "x",
            text,
            &Options {
                rules,
                ..Options::default()
            },
        )
        .findings
        .len()
    };
    // 83 of 200 is 41.5%: within 5% of "about 40%", not within 1%.
    assert_eq!(fires(RuleConfig::builtin()), 0);
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("strict.toml");
    std::fs::write(
        &pack,
        "[rule.\"consistency/fraction-mismatch\"]\napproximate = 0.01\n",
    )
    .unwrap();
    assert_eq!(fires(RuleConfig::load(&[pack], dir.path()).unwrap()), 1);
}

/// A pack's `[words.*]` additions reach the parsers: a house verb of saying
/// becomes an attribution cue and a new unit makes a quantity; without the
/// pack, neither. (Abbreviations are covered by the lexicon's unit tests.)
#[test]
fn a_pack_extends_the_parsers_word_lists() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("words.toml");
    std::fs::write(
        &pack,
        "[words.attribution]\nspeech_verbs = [\"quipped\"]\n\n\
         [[words.units.unit]]\nsymbol = \"tael\"\nnames = [\"tael\", \"taels\"]\n\n\
         [words.abbreviations]\nabbreviations = [\"Supt.\"]\n",
    )
    .unwrap();
    let text = "Output rose to 40,000 taels a day, Supt. Anna Berg quipped.";
    let extended = Options {
        rules: RuleConfig::load(&[pack], dir.path()).unwrap(),
        ..Options::default()
    };
    let report = figcheck::check("words", text, &extended);
    let claim = &report.claims[0];
    assert_eq!(claim.text, "40,000 taels a day");
    assert_eq!(claim.kind, figcheck::ClaimKind::Quantity);
    assert_eq!(
        claim.attribution.as_ref().map(|a| a.cue.as_str()),
        Some("quipped"),
        "{claim:?}"
    );
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule == "sourcing/unsourced-figure"));

    let plain = figcheck::check("words", text, &Options::default());
    assert_eq!(plain.claims[0].kind, figcheck::ClaimKind::Count);
    assert!(plain.claims[0].attribution.is_none());
    assert!(plain
        .findings
        .iter()
        .any(|f| f.rule == "sourcing/unsourced-figure"));
}

#[test]
fn a_malformed_word_list_names_the_pack_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("bad.toml");
    std::fs::write(&pack, "[words.units]\nunit = [{ names = [\"barrel\"] }]\n").unwrap();
    let error = RuleConfig::load(&[pack], dir.path())
        .unwrap_err()
        .to_string();
    assert!(error.contains("bad.toml"), "{error}");
    assert!(
        error.contains("[words.units]") && error.contains("symbol"),
        "{error}"
    );

    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[words.slang]\nwords = [\"x\"]\n").unwrap();
    let error = RuleConfig::load(&[other], dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("[words.slang] extends no data file"),
        "{error}"
    );
}
