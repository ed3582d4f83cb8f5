//! The rule configuration of one run: the built-in packs merged with the
//! user's, plus the command line's --select and --ignore.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::pack::{self, ClaimRule, Pack, PackError, PhraseRule, RuleSettings};
use super::{catalogue, Severity};
use crate::lexicon::WordLists;
use crate::lookup::References;

/// A phrase rule ready to run.
#[derive(Debug, Clone)]
pub(crate) struct CompiledPhrase {
    pub rule: PhraseRule,
    pub regex: Regex,
}

/// Everything the engine needs to know about which rules run and how.
#[derive(Debug, Clone)]
pub struct RuleConfig {
    /// By rule id; hashed, since every rule looks its parameters up for
    /// every document.
    settings: FxHashMap<String, RuleSettings>,
    pub(crate) phrases: Vec<CompiledPhrase>,
    pub(crate) claim_rules: Vec<ClaimRule>,
    /// The look-up link templates, built-in and from packs.
    references: References,
    /// Run only these ids or families (empty: all that are on).
    pub select: Vec<String>,
    /// Skip these ids or families.
    pub ignore: Vec<String>,
    /// Where the packs came from, in load order (for `figcheck rules`).
    pub sources: Vec<String>,
    /// The packs' additions to the word lists the parsers read.
    pub(crate) words: WordLists,
    /// The online services' base URLs and cache lifetime (`[services]`).
    pub services: crate::lookup::Services,
    /// Which built-in rules run, decided on first use: `rules::run` asks
    /// for every document, and a settings look-up per rule per document
    /// costs more than some rules do. `add` clears it.
    builtin_plan: OnceLock<BuiltinPlan>,
    /// The severity of each built-in rule, in catalogue order, worked out
    /// on first use for the same reason. `add` clears it.
    builtin_severities: OnceLock<Vec<Severity>>,
    /// Names the rule settings as they stand: a copy keeps it, and `add`
    /// takes a new one, so a rule that builds something from its
    /// parameters (an automaton) can tell it is still valid in O(1).
    generation: u64,
}

/// A generation no configuration has had.
fn fresh_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Which built-in rules run, for the --select and --ignore it was made for
/// (they are public fields, so a caller may change them after first use).
#[derive(Debug, Clone)]
struct BuiltinPlan {
    select: Vec<String>,
    ignore: Vec<String>,
    /// One per rule, in catalogue order.
    runs: Vec<bool>,
}

impl Default for RuleConfig {
    fn default() -> RuleConfig {
        RuleConfig::builtin()
    }
}

/// One rule as the configuration sees it, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub severity: Severity,
    pub enabled: bool,
    pub summary: String,
    pub documentation: String,
    /// For rules declared in packs: texts it must fire on, and must not.
    pub fires: Vec<String>,
    pub passes: Vec<String>,
}

impl RuleConfig {
    /// The built-in packs alone (parsed once per process).
    pub fn builtin() -> RuleConfig {
        static BUILTIN: OnceLock<RuleConfig> = OnceLock::new();
        BUILTIN.get_or_init(RuleConfig::parse_builtin).clone()
    }

    fn parse_builtin() -> RuleConfig {
        let mut config = RuleConfig {
            settings: FxHashMap::default(),
            phrases: Vec::new(),
            claim_rules: Vec::new(),
            references: References::builtin(),
            select: Vec::new(),
            ignore: Vec::new(),
            sources: Vec::new(),
            words: WordLists::default(),
            services: crate::lookup::Services::default(),
            builtin_plan: OnceLock::new(),
            builtin_severities: OnceLock::new(),
            generation: fresh_generation(),
        };
        for (file, pack) in pack::builtin() {
            if let Err(error) = config.add(&file, pack) {
                panic!("built-in pack is inconsistent: {error}");
            }
        }
        config
    }

    /// The built-in packs, then the `figcheck.toml` found from `working_dir`
    /// upwards, then each `--rules` path in order.
    pub fn load(rule_paths: &[PathBuf], working_dir: &Path) -> Result<RuleConfig, PackError> {
        let mut config = RuleConfig::builtin();
        let discovered = pack::discover(working_dir);
        let mut packs = Vec::new();
        for path in discovered.iter().chain(rule_paths) {
            packs.extend(pack::read_dir_or_file(path)?);
        }
        for (file, pack) in packs {
            config.add(&file, pack)?;
        }
        Ok(config)
    }

    /// Adds one pack on top of what is loaded.
    pub(crate) fn add(&mut self, file: &str, pack: Pack) -> Result<(), PackError> {
        self.builtin_plan = OnceLock::new();
        self.builtin_severities = OnceLock::new();
        self.generation = fresh_generation();
        let error = |reason: String| PackError {
            file: file.to_string(),
            line: None,
            column: None,
            reason,
        };
        for (id, settings) in pack.rule {
            if !self.knows(&id) {
                return Err(error(format!(
                    "[rule.\"{id}\"] names no rule (figcheck rules lists them)"
                )));
            }
            let merged = self.settings.entry(id).or_default();
            if settings.enabled.is_some() {
                merged.enabled = settings.enabled;
            }
            if settings.severity.is_some() {
                merged.severity = settings.severity;
            }
            merged.params.extend(settings.params);
        }
        for rule in pack.phrase {
            check_new_id(self, &rule.id).map_err(&error)?;
            if rule.words.is_empty() == rule.pattern.is_none() {
                return Err(error(format!(
                    "phrase rule {} needs either words or a pattern",
                    rule.id
                )));
            }
            let regex = phrase_regex(&rule).map_err(|e| {
                error(format!(
                    "phrase rule {}: bad pattern: {}",
                    rule.id,
                    one_line(&e)
                ))
            })?;
            self.phrases.push(CompiledPhrase { rule, regex });
        }
        for rule in pack.claim {
            check_new_id(self, &rule.id).map_err(&error)?;
            self.claim_rules.push(rule);
        }
        for (entry, (line, column)) in pack.reference.iter().zip(&pack.reference_at) {
            self.references
                .apply(entry.get_ref())
                .map_err(|reason| PackError {
                    line: Some(*line),
                    column: Some(*column),
                    ..error(reason)
                })?;
        }
        for (name, additions) in pack.words {
            self.words.extend(&name, additions).map_err(&error)?;
        }
        if let Some(services) = pack.services {
            self.services.apply(services).map_err(&error)?;
        }
        self.sources.push(file.to_string());
        Ok(())
    }

    /// The look-up link templates claims get.
    pub fn references(&self) -> &References {
        &self.references
    }

    fn knows(&self, id: &str) -> bool {
        catalogue().any(|m| m.id == id)
            || self.phrases.iter().any(|p| p.rule.id == id)
            || self.claim_rules.iter().any(|c| c.id == id)
    }

    /// Whether a rule runs in this configuration.
    pub(crate) fn runs(&self, id: &str, default_enabled: bool) -> bool {
        let family = id.split('/').next().unwrap_or(id);
        let named = |patterns: &[String]| patterns.iter().any(|p| p == id || p == family);
        let enabled = self
            .settings
            .get(id)
            .and_then(|s| s.enabled)
            .unwrap_or(default_enabled);
        if !self.select.is_empty() {
            return named(&self.select) && !named(&self.ignore);
        }
        enabled && !named(&self.ignore)
    }

    /// Whether each built-in rule runs, in catalogue order: `runs` for
    /// each, worked out once per configuration.
    pub(crate) fn builtin_runs(&self) -> Cow<'_, [bool]> {
        let plan = |config: &RuleConfig| BuiltinPlan {
            select: config.select.clone(),
            ignore: config.ignore.clone(),
            runs: catalogue().map(|meta| config.runs(meta.id, true)).collect(),
        };
        let cached = self.builtin_plan.get_or_init(|| plan(self));
        if cached.select == self.select && cached.ignore == self.ignore {
            Cow::Borrowed(&cached.runs)
        } else {
            Cow::Owned(plan(self).runs)
        }
    }

    /// The severity each built-in rule's findings get, in catalogue order.
    pub(crate) fn builtin_severities(&self) -> &[Severity] {
        self.builtin_severities.get_or_init(|| {
            catalogue()
                .map(|meta| self.severity(meta.id, meta.default_severity))
                .collect()
        })
    }

    /// The severity a rule's findings get.
    pub(crate) fn severity(&self, id: &str, default: Severity) -> Severity {
        self.settings
            .get(id)
            .and_then(|s| s.severity)
            .map_or(default, Severity::from)
    }

    /// What names the rule settings: equal generations have equal settings.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// A numeric parameter of a rule, or its default.
    pub(crate) fn number(&self, id: &str, key: &str, default: f64) -> f64 {
        self.param(id, key)
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .unwrap_or(default)
    }

    /// A word-list parameter of a rule (empty when unset), borrowed: a rule
    /// that caches what it builds from the list compares it each time.
    pub(crate) fn words(&self, id: &str, key: &str) -> impl Iterator<Item = &str> + Clone {
        self.param(id, key)
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_str)
    }

    fn param(&self, id: &str, key: &str) -> Option<&toml::Value> {
        self.settings.get(id).and_then(|s| s.params.get(key))
    }

    /// Names in --select or --ignore that match no rule or family.
    pub fn unknown_names(&self) -> Vec<String> {
        let infos = self.rules();
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|name| {
                !infos
                    .iter()
                    .any(|r| &r.id == *name || r.id.split('/').next() == Some(name.as_str()))
            })
            .cloned()
            .collect()
    }

    /// Every rule, built-in and declared in packs, as configured.
    pub fn rules(&self) -> Vec<RuleInfo> {
        let builtin = catalogue().map(|meta| RuleInfo {
            id: meta.id.to_string(),
            severity: self.severity(meta.id, meta.default_severity),
            enabled: self.runs(meta.id, true),
            summary: meta.summary(),
            documentation: meta.documentation(),
            fires: Vec::new(),
            passes: Vec::new(),
        });
        // Phrase and claim rules are documented alike, from their pack entry.
        let phrases = self.phrases.iter().map(|p| {
            let r = &p.rule;
            (&r.id, r.severity, &r.summary, &r.message, &r.examples)
        });
        let claims = self
            .claim_rules
            .iter()
            .map(|r| (&r.id, r.severity, &r.summary, &r.message, &r.examples));
        let declared = phrases
            .chain(claims)
            .map(|(id, severity, summary, message, examples)| {
                pack_rule_info(
                    self,
                    id,
                    severity.into(),
                    summary.as_deref(),
                    message,
                    examples,
                )
            });
        builtin.chain(declared).collect()
    }
}

fn pack_rule_info(
    config: &RuleConfig,
    id: &str,
    severity: Severity,
    summary: Option<&str>,
    message: &str,
    examples: &pack::Examples,
) -> RuleInfo {
    let summary = summary.unwrap_or(message).to_string();
    let quote = |texts: &[String]| {
        texts
            .iter()
            .map(|t| format!("    {}", t.replace('\n', "\n    ")))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    RuleInfo {
        id: id.to_string(),
        severity: config.severity(id, severity),
        enabled: config.runs(id, true),
        documentation: format!(
            "## What it flags\n{summary}\n\n## Message\n{message}\n\n## Fires on\n{}\n\n## Does not fire on\n{}",
            quote(&examples.fires),
            quote(&examples.passes)
        ),
        summary,
        fires: examples.fires.clone(),
        passes: examples.passes.clone(),
    }
}

fn check_new_id(config: &RuleConfig, id: &str) -> Result<(), String> {
    if !id.contains('/') {
        return Err(format!("rule id {id} needs a family, as in house/{id}"));
    }
    if config.knows(id) {
        return Err(format!("rule id {id} is declared twice"));
    }
    Ok(())
}

fn phrase_regex(rule: &PhraseRule) -> Result<Regex, regex::Error> {
    match &rule.pattern {
        Some(pattern) => Regex::new(pattern),
        None => {
            let alternatives: Vec<String> = rule.words.iter().map(|w| regex::escape(w)).collect();
            Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|")))
        }
    }
}

fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_each(config: &RuleConfig) -> Vec<bool> {
        catalogue().map(|meta| config.runs(meta.id, true)).collect()
    }

    #[test]
    fn builtin_plan_follows_select_ignore_and_packs() {
        let mut config = RuleConfig::builtin();
        assert_eq!(*config.builtin_runs(), runs_each(&config));
        config.select = vec!["sourcing".to_string()];
        config.ignore = vec!["sourcing/dead-link".to_string()];
        let selected = config.builtin_runs().into_owned();
        assert_eq!(selected, runs_each(&config));
        assert!(selected.contains(&true) && selected.contains(&false));
        config.select.clear();
        config.ignore.clear();
        let off = catalogue().next().expect("a built-in rule").id;
        let pack = pack::parse("test.toml", &format!("[rule.\"{off}\"]\nenabled = false\n"))
            .expect("a valid pack");
        config.add("test.toml", pack).expect("pack applies");
        let plan = config.builtin_runs().into_owned();
        assert_eq!(plan, runs_each(&config));
        assert!(!plan[0]);
    }
}
