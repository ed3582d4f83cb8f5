//! Baseline files: the findings an editor has seen and accepted, written by
//! `--write-baseline` and read by `--baseline` to hide them.
//!
//! The file is JSON meant to be edited by hand: each entry names its rule,
//! article, line, message and claim beside the fingerprint that matches it,
//! so deleting an entry brings that finding back.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::report::DocumentReport;

/// The version of the baseline format this build reads and writes.
const VERSION: u32 = 1;

/// One recorded finding. Only `rule` and `fingerprint` match; the rest is
/// for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// A baseline file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// A baseline that could not be read or written: one line naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError {
    pub file: PathBuf,
    pub reason: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.reason)
    }
}

impl std::error::Error for BaselineError {}

impl Baseline {
    /// A baseline of these entries.
    pub fn new(entries: Vec<Entry>) -> Baseline {
        Baseline {
            version: VERSION,
            entries,
        }
    }

    /// Reads a baseline file; a missing file, bad JSON or another version
    /// is an error.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let error = |reason: String| BaselineError {
            file: path.to_path_buf(),
            reason,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| error(format!("cannot read the baseline: {e}")))?;
        // The version first, so a newer file says so rather than failing on a field.
        let version: Option<u64> = serde_json::from_str::<serde_json::Value>(&text)
            .map_err(|e| error(format!("not a figcheck baseline: {e}")))?
            .get("version")
            .and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(VERSION)) {
            return Err(error(match version {
                Some(v) => format!(
                    "baseline version {v} is not supported (this figcheck reads version {VERSION})"
                ),
                None => format!("not a figcheck baseline: no \"version\": {VERSION}"),
            }));
        }
        serde_json::from_str(&text).map_err(|e| error(format!("not a figcheck baseline: {e}")))
    }

    /// Writes the baseline as indented JSON.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| BaselineError {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| BaselineError {
            file: path.to_path_buf(),
            reason: format!("cannot write the baseline: {e}"),
        })
    }

    /// Removes the findings of `report` this baseline records; returns how
    /// many it removed.
    pub fn hide(&self, report: &mut DocumentReport) -> usize {
        let known: HashSet<(&str, &str)> = self
            .entries
            .iter()
            .map(|e| (e.rule.as_str(), e.fingerprint.as_str()))
            .collect();
        let recorded: Vec<bool> = super::entries(report)
            .iter()
            .map(|e| known.contains(&(e.rule.as_str(), e.fingerprint.as_str())))
            .collect();
        report.retain(|_| true, |index| !recorded[index]);
        recorded.iter().filter(|hidden| **hidden).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Baseline, BaselineError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.json");
        std::fs::write(&path, text).unwrap();
        Baseline::read(&path)
    }

    #[test]
    fn bad_files_are_one_line_errors_naming_the_file() {
        for (text, want) in [
            ("{\"version\": 1, \"entries\": [", "not a figcheck baseline"),
            (
                "{\"version\": 2, \"entries\": []}",
                "baseline version 2 is not supported",
            ),
            ("{\"entries\": []}", "no \"version\""),
            (
                "{\"version\": 1, \"entries\": [{\"rule\": \"x\"}]}",
                "fingerprint",
            ),
        ] {
            let error = read(text).unwrap_err().to_string();
            assert!(error.contains("review.json: "), "{error}");
            assert!(error.contains(want), "{text}: {error}");
            assert_eq!(error.lines().count(), 1, "{error}");
        }
        let missing = Baseline::read(Path::new("/nonexistent/review.json")).unwrap_err();
        assert!(missing
            .to_string()
            .starts_with("/nonexistent/review.json: cannot read"));
    }

    #[test]
    fn hand_trimmed_entries_still_load() {
        let baseline =
            read("{\"version\": 1, \"entries\": [{\"rule\": \"x/y\", \"fingerprint\": \"00\"}]}")
                .unwrap();
        assert_eq!(baseline.entries[0].message, None);
    }
}
