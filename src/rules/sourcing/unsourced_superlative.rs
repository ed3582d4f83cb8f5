//! sourcing/unsourced-superlative: "record", "largest", "unprecedented" with
//! nobody quoted for it.

use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::rules::{declare_rule, Finding, Rule, RuleContext, RuleMeta, Severity};

declare_rule! {
    /// ## What it flags
    /// A superlative from the pack's word list ("unprecedented", "record high",
    /// "largest", "first ever", "most advanced", "historic") in the body of the
    /// article with no attribution in its sentence or the sentence before or
    /// after it in the same paragraph.
    ///
    /// ## Why it matters
    /// A superlative is a claim about every other case, and the easiest kind to
    /// get wrong; someone has to have measured it.
    ///
    /// ## Fires on
    /// "The port handled a record number of containers."
    ///
    /// ## Does not fire on
    /// "The port handled a record number of containers, its operator said."
    /// A superlative in the headline is not checked.
    pub(crate) struct UnsourcedSuperlative => "sourcing/unsourced-superlative", Severity::Warning
}

impl Rule for UnsourcedSuperlative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext, findings: &mut Vec<Finding>) {
        let words = cx.config.words(Self::META.id, "words");
        if words.is_empty() {
            return;
        }
        let Some(pattern) = automaton(words) else {
            return;
        };
        let doc = cx.doc;
        let text = doc.text();
        let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        for found in pattern.find_iter(text) {
            let whole_word = !is_word_char(text[..found.start()].chars().next_back())
                && !is_word_char(text[found.end()..].chars().next());
            if !whole_word {
                continue;
            }
            let Some(sentence) = doc.sentence_at(found.start()) else {
                continue;
            };
            if doc.in_front_matter(found.start()) {
                continue;
            }
            let attributed = cx.attributed_near(sentence, true);
            if attributed {
                continue;
            }
            findings.push(Self::META.finding(
                format!(
                    "\"{}\" is a superlative with no source in its sentence or the ones beside it",
                    text[found.range()].to_lowercase()
                ),
                doc.span(found.start(), found.end()),
                Vec::new(),
                Vec::new(),
            ));
        }
    }
}

/// The search automaton for a word list. Building one costs far more than
/// searching an article with it, so the last one built is kept and reused
/// while the configured list stays the same (it does for a whole run).
fn automaton(words: Vec<String>) -> Option<Arc<AhoCorasick>> {
    type Cached = Option<(Vec<String>, Arc<AhoCorasick>)>;
    static LAST: Mutex<Cached> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((cached_words, pattern)) = last.as_ref() {
        if *cached_words == words {
            return Some(Arc::clone(pattern));
        }
    }
    // A plain multi-pattern search: a Unicode-aware regex with word
    // boundaries falls back to its slowest engine on non-ASCII text.
    let pattern = Arc::new(
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .ok()?,
    );
    *last = Some((words, Arc::clone(&pattern)));
    Some(pattern)
}
