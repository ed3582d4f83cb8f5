//! Rule packs: TOML files that turn rules on and off, set severities and
//! parameters, and declare rules without Rust (phrase rules and claim rules).
//!
//! The packs in rules/ that hold rules are compiled in; `--rules DIR` and a
//! `figcheck.toml` found in the working directory or a parent are loaded
//! after them, so later packs override earlier ones. A pack that does not
//! parse stops the run with an error naming its file, line and column: no
//! article is checked with half a configuration.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Severity;
use crate::extract::ClaimKind;
use crate::lookup::ReferenceEntry;

/// The packs compiled into the binary, in load order.
const BUILTIN_PACKS: &[(&str, &str)] = &[(
    "rules/core.toml",
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/core.toml")),
)];

/// One pack file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pack {
    /// Settings of rules by id: `[rule."sourcing/unsourced-figure"]`.
    #[serde(default)]
    pub rule: BTreeMap<String, RuleSettings>,
    /// Phrase rules: `[[phrase]]`.
    #[serde(default)]
    pub phrase: Vec<PhraseRule>,
    /// Claim rules: `[[claim]]`.
    #[serde(default)]
    pub claim: Vec<ClaimRule>,
    /// Look-up link templates to add, replace or turn off: `[[reference]]`.
    #[serde(default)]
    pub reference: Vec<toml::Spanned<ReferenceEntry>>,
    /// Line and column of each `[[reference]]` entry, for errors found when
    /// packs are merged.
    #[serde(skip)]
    pub reference_at: Vec<(usize, usize)>,
    /// Additions to the built-in data files: `[words.attribution]`,
    /// `[[words.units.unit]]` (see `crate::lexicon`).
    #[serde(default)]
    pub words: BTreeMap<String, toml::Table>,
    /// Where the online services live: `[services] wikidata = "http://..."`.
    pub services: Option<crate::lookup::ServicesTable>,
}

/// On/off, severity and parameters of one rule.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct RuleSettings {
    pub enabled: Option<bool>,
    pub severity: Option<SeverityName>,
    /// Rule-specific parameters: tolerances, word lists.
    #[serde(flatten)]
    pub params: toml::Table,
}

/// A severity as a pack spells it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SeverityName {
    Info,
    Warning,
    Error,
}

impl From<SeverityName> for Severity {
    fn from(name: SeverityName) -> Severity {
        match name {
            SeverityName::Info => Severity::Info,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Error => Severity::Error,
        }
    }
}

/// Texts a rule must fire on and texts it must not; the test suite runs them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Examples {
    pub fires: Vec<String>,
    pub passes: Vec<String>,
}

/// A house-style rule: a word list or a regular expression.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseRule {
    pub id: String,
    pub severity: SeverityName,
    /// The finding's message; `{match}` stands for the matched text.
    pub message: String,
    #[serde(default)]
    pub words: Vec<String>,
    pub pattern: Option<String>,
    /// A suggested replacement, shown after the message.
    pub replacement: Option<String>,
    pub summary: Option<String>,
    pub examples: Examples,
}

/// Whether a claim rule wants claims with, without or with vague attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AttributionFilter {
    Present,
    Absent,
    Vague,
}

/// A rule that selects claims and reports each one it selects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimRule {
    pub id: String,
    pub severity: SeverityName,
    /// The message template: `{text}`, `{value}`, `{source}` are filled in.
    pub message: String,
    #[serde(default)]
    pub kinds: Vec<ClaimKind>,
    /// The claim's value must be at least / at most this.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The claim's unit must be one of these (ISO currency, "%", "km", ...).
    #[serde(default)]
    pub units: Vec<String>,
    /// The claim's subject must contain one of these words.
    #[serde(default)]
    pub subject_words: Vec<String>,
    pub attribution: Option<AttributionFilter>,
    pub summary: Option<String>,
    pub examples: Examples,
}

/// A pack that could not be loaded: one line naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub reason: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.reason)
            }
            _ => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for PackError {}

/// Parses one pack's text; `file` names it in errors.
pub(crate) fn parse(file: &str, text: &str) -> Result<Pack, PackError> {
    let at = |offset: usize| {
        let (line, column) = line_column(text, offset);
        move |reason: String| PackError {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            reason,
        }
    };
    let mut pack = toml::from_str::<Pack>(text).map_err(|error| match error.span() {
        Some(span) => at(span.start)(error.message().trim().replace('\n', "; ")),
        None => PackError {
            file: file.to_string(),
            line: None,
            column: None,
            reason: error.message().trim().replace('\n', "; "),
        },
    })?;
    for entry in &pack.reference {
        let start = entry.span().start;
        entry.get_ref().validate().map_err(at(start))?;
        pack.reference_at.push(line_column(text, start));
    }
    Ok(pack)
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The built-in packs, parsed.
pub(crate) fn builtin() -> Vec<(String, Pack)> {
    BUILTIN_PACKS
        .iter()
        .map(|(file, text)| match parse(file, text) {
            Ok(pack) => (file.to_string(), pack),
            // The built-in packs are tested; a failure here is a build defect.
            Err(error) => panic!("built-in pack is malformed: {error}"),
        })
        .collect()
}

/// Reads the packs of a `--rules` directory (every .toml file in name order)
/// or a single pack file.
pub(crate) fn read_dir_or_file(path: &Path) -> Result<Vec<(String, Pack)>, PackError> {
    let error = |reason: String| PackError {
        file: path.display().to_string(),
        line: None,
        column: None,
        reason,
    };
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| error(e.to_string()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(error("no .toml rule packs in this directory".to_string()));
        }
        files
    } else if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        return Err(error("no such file or directory".to_string()));
    };
    files
        .into_iter()
        .map(|file| {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(&file).map_err(|e| PackError {
                file: name.clone(),
                line: None,
                column: None,
                reason: e.to_string(),
            })?;
            parse(&name, &text).map(|pack| (name, pack))
        })
        .collect()
}

/// The `figcheck.toml` in `start` or its nearest parent, if any.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("figcheck.toml"))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_parse() {
        assert!(!builtin().is_empty());
    }

    #[test]
    fn a_malformed_pack_names_file_line_and_column() {
        let error = parse("house.toml", "[rule.\"x\"]\nenabled = maybe\n").unwrap_err();
        assert_eq!(error.file, "house.toml");
        assert_eq!((error.line, error.column), (Some(2), Some(11)));
        assert!(
            error.to_string().starts_with("house.toml:2:11: "),
            "{error}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_not_silently_ignored() {
        let text = "[[phrase]]\nid = \"house/x\"\nseverity = \"info\"\nmesage = \"typo\"\n";
        let error = parse("house.toml", text).unwrap_err();
        assert!(
            error.reason.contains("mesage") || error.reason.contains("message"),
            "{error}"
        );
    }

    #[test]
    fn a_reference_without_a_url_names_its_line() {
        let text = "# house links\n\n[[reference]]\nname = \"archive\"\ntitle = \"Archive\"\n";
        let error = parse("house.toml", text).unwrap_err();
        assert_eq!((error.line, error.column), (Some(3), Some(1)), "{error}");
        assert!(error.reason.contains("needs a url"), "{error}");
    }

    #[test]
    fn a_reference_with_a_bad_kind_is_a_parse_error() {
        let text = "[[reference]]\nname = \"x\"\ntitle = \"X\"\nurl = \"https://x.org/{query}\"\nkinds = [\"amount\"]\n";
        let error = parse("house.toml", text).unwrap_err();
        assert_eq!(error.line, Some(5), "{error}");
    }
}
