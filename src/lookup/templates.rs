//! URL templates for look-up links: the built-in set from
//! rules/references.toml and the entries packs add, replace or turn off.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use fnv::FnvHashSet;
use serde::Deserialize;

use crate::extract::{ClaimKind, PackedSet};
use crate::lexicon::builtin;

use super::links::Prepared;

/// The placeholders a template's URL may hold.
const PLACEHOLDERS: &[&str] = &["query", "value", "from", "to", "year"];

/// Placeholders that need a date window: a template with one is left out
/// for a claim that has none.
pub(super) const DATED: &[&str] = &["from", "to", "year"];

/// One `[[reference]]` entry as a pack or the data file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEntry {
    /// The template's name; a later entry with the same name replaces it.
    pub name: String,
    /// `false` turns the named template off.
    pub enabled: Option<bool>,
    /// The link's short label ("Wikipedia").
    pub title: Option<String>,
    /// The URL with placeholders.
    pub url: Option<String>,
    #[serde(default)]
    pub kinds: Vec<ClaimKind>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
}

impl ReferenceEntry {
    /// Checks an entry on its own: a name, and unless it turns a template
    /// off, a title and an http(s) URL whose placeholders are known.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("reference needs a name".to_string());
        }
        if self.enabled == Some(false) {
            return Ok(());
        }
        let name = &self.name;
        if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(format!(
                "reference {name} needs a title (or enabled = false to turn it off)"
            ));
        }
        let Some(url) = &self.url else {
            return Err(format!(
                "reference {name} needs a url (or enabled = false to turn it off)"
            ));
        };
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(format!(
                "reference {name}: url must start with https:// or http://"
            ));
        }
        for placeholder in placeholders(url)? {
            if !PLACEHOLDERS.contains(&placeholder) {
                return Err(format!(
                    "reference {name}: unknown placeholder {{{placeholder}}} (known: {})",
                    PLACEHOLDERS
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        Ok(())
    }
}

/// A piece of a template's URL: literal text or a `{...}` placeholder's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UrlPart<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// A URL cut into its text and its placeholders, in order; an error for an
/// unclosed brace.
pub(super) fn url_parts(url: &str) -> Result<Vec<UrlPart<'_>>, String> {
    let mut parts = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed {{ in url {url}"))?;
        parts.push(UrlPart::Text(&rest[..open]));
        parts.push(UrlPart::Placeholder(&after[..close]));
        rest = &after[close + 1..];
    }
    parts.push(UrlPart::Text(rest));
    Ok(parts)
}

/// The names inside `{...}` in a URL, or an error for an unclosed brace.
fn placeholders(url: &str) -> Result<Vec<&str>, String> {
    Ok(url_parts(url)?
        .into_iter()
        .filter_map(|part| match part {
            UrlPart::Placeholder(name) => Some(name),
            UrlPart::Text(_) => None,
        })
        .collect())
}

/// A template ready to fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Template {
    pub name: String,
    pub title: String,
    pub url: String,
    pub kinds: Vec<ClaimKind>,
    /// Lower case word starts.
    pub topics: Vec<String>,
    pub countries: Vec<String>,
}

/// How queries are built: word lists and sizes from the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuerySettings {
    pub window_days: i32,
    pub max_words: usize,
    pub min_words: usize,
    /// Lower case.
    pub stop_words: FnvHashSet<String>,
    pub joiners: Vec<String>,
    /// The stop words that [`super::query::packed`] can pack, packed, with
    /// a filter on their ends; made on first use.
    #[serde(skip)]
    stop_keys: OnceLock<StopKeys>,
    /// The ASCII bytes that start a joiner, one bit each; made on first
    /// use, rather than for each sentence read.
    #[serde(skip)]
    joiner_initials: OnceLock<u128>,
}

/// The packable stop words, and by length (below 16) the bytes they start
/// and end with, one bit each: most words of a sentence are turned away by
/// these two bits, without being packed and looked up.
#[derive(Debug, Default, Clone)]
pub(super) struct StopKeys {
    pub keys: PackedSet,
    first: [u128; 16],
    last: [u128; 16],
    /// The stop words [`super::query::short_key`] takes, by their keys: an
    /// open-addressed table (zero marks a free slot, which no key is) whose
    /// size is a power of two, a few times their number, so a look-up
    /// seldom probes past its first slot.
    short: Vec<u64>,
}

/// Spreads a short word's key over the bits a slot's index is taken from
/// (the top ones): Fibonacci hashing.
const SHORT_HASH: u64 = 0x9E37_79B9_7F4A_7C15;

impl StopKeys {
    /// Whether the short word of `key` (see [`super::query::short_key`]) is
    /// a stop word.
    #[inline]
    pub fn holds_short(&self, key: u64) -> bool {
        let mask = self.short.len() - 1;
        let mut slot = Self::slot(key, mask);
        loop {
            match self.short[slot] {
                0 => return false,
                held if held == key => return true,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Where a key's probe starts in a table of `mask + 1` slots.
    fn slot(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(SHORT_HASH) >> 32) as usize & mask
    }

    fn add_short(&mut self, key: u64) {
        let mask = self.short.len() - 1;
        let mut slot = Self::slot(key, mask);
        while self.short[slot] != 0 && self.short[slot] != key {
            slot = (slot + 1) & mask;
        }
        self.short[slot] = key;
    }

    /// Whether a stop word of the set may be `word` (ASCII, at most 15
    /// bytes) in lower case: false only when none has its length, its first
    /// byte and its last byte (both lowered).
    #[inline]
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return true;
        };
        let length = word.len();
        self.first[length] >> (first.to_ascii_lowercase() & 0x7f) & 1 != 0
            && self.last[length] >> (last.to_ascii_lowercase() & 0x7f) & 1 != 0
    }
}

impl QuerySettings {
    /// The ASCII bytes that start a joiner, one bit each.
    pub fn joiner_initials(&self) -> u128 {
        *self.joiner_initials.get_or_init(|| {
            self.joiners
                .iter()
                .filter_map(|joiner| joiner.as_bytes().first())
                .filter(|b| b.is_ascii())
                .fold(0, |set, &b| set | 1 << b)
        })
    }

    /// The packed stop words: a short ASCII word is a stop word when its
    /// packed form is here.
    pub fn stop_keys(&self) -> &StopKeys {
        self.stop_keys.get_or_init(|| {
            // A stop word written with a capital matches no word, as in the set.
            let mut stop = StopKeys {
                // Four slots or more a word, so that a probe is short, and at
                // least one free slot, which ends every probe.
                short: vec![0; (4 * self.stop_words.len()).next_power_of_two().max(16)],
                ..StopKeys::default()
            };
            for word in self
                .stop_words
                .iter()
                .filter(|w| !w.bytes().any(|b| b.is_ascii_uppercase()))
            {
                if let Some(key) = super::query::short_key(word.as_bytes()) {
                    stop.add_short(key);
                }
                let Some(key) = super::query::packed(word) else {
                    continue;
                };
                stop.keys.insert(key);
                let bytes = word.as_bytes();
                if let (Some(first), Some(last)) = (bytes.first(), bytes.last()) {
                    stop.first[bytes.len()] |= 1 << first;
                    stop.last[bytes.len()] |= 1 << last;
                }
            }
            stop
        })
    }
}

/// rules/references.toml as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReferenceData {
    pub query: QuerySettings,
    pub countries: BTreeMap<String, Vec<String>>,
    pub reference: Vec<ReferenceEntry>,
}

builtin!(reference_data, ReferenceData, "references");

/// The templates of one run, in the order their links are listed.
#[derive(Debug, Clone)]
pub struct References {
    pub(super) templates: Vec<Template>,
    /// The templates compiled for filling, made on first use: one
    /// configuration (the built-in set or a pack's) compiles them once for
    /// all its documents.
    prepared: OnceLock<Prepared>,
}

/// Equal when the templates are: the compiled form follows from them.
impl PartialEq for References {
    fn eq(&self, other: &References) -> bool {
        self.templates == other.templates
    }
}

impl Eq for References {}

impl References {
    /// The templates of rules/references.toml.
    pub fn builtin() -> References {
        let mut references = References {
            templates: Vec::new(),
            prepared: OnceLock::new(),
        };
        for entry in &reference_data().reference {
            if let Err(reason) = entry.validate().and_then(|()| references.apply(entry)) {
                // The data file is tested; a failure here is a build defect.
                panic!("built-in rules/references.toml: {reason}");
            }
        }
        references
    }

    /// Adds, replaces or turns off a template; `entry` must be valid.
    pub fn apply(&mut self, entry: &ReferenceEntry) -> Result<(), String> {
        // Whatever this changes, the compiled form is made again.
        self.prepared = OnceLock::new();
        let existing = self.templates.iter().position(|t| t.name == entry.name);
        if entry.enabled == Some(false) {
            return match existing {
                Some(index) => {
                    self.templates.remove(index);
                    Ok(())
                }
                None => Err(format!(
                    "reference {} names no template to turn off",
                    entry.name
                )),
            };
        }
        let template = Template {
            name: entry.name.clone(),
            title: entry.title.clone().unwrap_or_default(),
            url: entry.url.clone().unwrap_or_default(),
            kinds: entry.kinds.clone(),
            topics: entry.topics.iter().map(|t| t.to_lowercase()).collect(),
            countries: entry.countries.clone(),
        };
        match existing {
            Some(index) => self.templates[index] = template,
            None => self.templates.push(template),
        }
        Ok(())
    }

    /// The templates compiled for filling.
    pub(super) fn prepared(&self) -> &Prepared {
        self.prepared
            .get_or_init(|| Prepared::new(&self.templates, &reference_data().countries))
    }

    /// The template names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.templates.iter().map(|t| t.name.as_str())
    }
}

impl Default for References {
    fn default() -> References {
        References::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> ReferenceEntry {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn builtin_templates_load_with_defaults_first() {
        let references = References::builtin();
        let names: Vec<&str> = references.names().collect();
        assert_eq!(
            &names[..4],
            &["wikipedia", "wikidata", "news", "fact-check"]
        );
        assert!(names.contains(&"ons"));
    }

    #[test]
    fn entries_are_validated() {
        assert!(
            entry("name = \"x\"\ntitle = \"X\"\nurl = \"https://x.org/?q={query}\"")
                .validate()
                .is_ok()
        );
        assert!(entry("name = \"x\"\nenabled = false").validate().is_ok());
        let missing = entry("name = \"x\"\ntitle = \"X\"").validate().unwrap_err();
        assert!(missing.contains("needs a url"), "{missing}");
        let unknown = entry("name = \"x\"\ntitle = \"X\"\nurl = \"https://x.org/{qeury}\"")
            .validate()
            .unwrap_err();
        assert!(unknown.contains("{qeury}"), "{unknown}");
        let scheme = entry("name = \"x\"\ntitle = \"X\"\nurl = \"ftp://x.org/\"")
            .validate()
            .unwrap_err();
        assert!(scheme.contains("https://"), "{scheme}");
    }

    #[test]
    fn packs_replace_and_turn_off_by_name() {
        let mut references = References::builtin();
        references
            .apply(&entry(
                "name = \"wikipedia\"\ntitle = \"Wikipédia\"\nurl = \"https://fr.wikipedia.org/?search={query}\"",
            ))
            .unwrap();
        assert_eq!(references.templates[0].title, "Wikipédia");
        references
            .apply(&entry("name = \"wikidata\"\nenabled = false"))
            .unwrap();
        assert!(!references.names().any(|n| n == "wikidata"));
        assert!(references
            .apply(&entry("name = \"nosuch\"\nenabled = false"))
            .is_err());
    }
}
