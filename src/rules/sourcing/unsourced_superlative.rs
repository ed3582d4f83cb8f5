//! sourcing/unsourced-superlative: "record", "largest", "unprecedented" with
//! nobody quoted for it.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::rules::{declare_rule, Finding, Rule, RuleConfig, RuleContext, RuleMeta, Severity};

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
        let Some(search) = Search::for_config(cx.config) else {
            return;
        };
        let doc = cx.doc;
        let text = doc.text();
        // The automaton holds the words lowered: searching the lowered text
        // finds what a case-insensitive search of the text finds, at the
        // same offsets, and lets the search use its vectorised prefilter.
        let lowered = doc.lowered_text();
        let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        for region in search.regions(cx) {
            let input = Input::new(lowered).span(region);
            for found in search.automaton.find_iter(input) {
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
}

/// The search for one word list: its automaton, and the bytes no word holds
/// (in either case). No match runs across such a byte, so searching the
/// stretches between them one by one finds the same matches as searching
/// the whole text; only the stretches around sentences with no source
/// nearby are searched (most articles quote someone in most sentences).
struct Search {
    automaton: AhoCorasick,
    breaks: [bool; 256],
}

impl Search {
    /// The search for the configured word list, None when the list is
    /// empty. Building one costs far more than searching an article with
    /// it, so the last one built is kept and reused while the configured
    /// list stays the same (it does for a whole run): known at once for a
    /// configuration of the same generation, else by comparing the lists.
    fn for_config(config: &RuleConfig) -> Option<Arc<Search>> {
        type Cached = Option<(u64, Vec<String>, Arc<Search>)>;
        static LAST: Mutex<Cached> = Mutex::new(None);
        let generation = config.generation();
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((cached_generation, _, search)) = last.as_ref() {
            if *cached_generation == generation {
                return Some(Arc::clone(search));
            }
        }
        let words = config.words(UnsourcedSuperlative::META.id, "words");
        // An empty list turns the rule off.
        words.clone().next()?;
        if let Some((cached_generation, cached_words, search)) = last.as_mut() {
            if cached_words.iter().map(String::as_str).eq(words.clone()) {
                *cached_generation = generation;
                return Some(Arc::clone(search));
            }
        }
        let words: Vec<String> = words.map(str::to_string).collect();
        // A plain multi-pattern search: a Unicode-aware regex with word
        // boundaries falls back to its slowest engine on non-ASCII text.
        // It runs over the lowered text, with the words lowered: an ASCII
        // case-insensitive search gets no vectorised prefilter.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words.iter().map(|w| w.to_ascii_lowercase()))
            .ok()?;
        let mut breaks = [true; 256];
        for byte in words.iter().flat_map(|w| w.bytes()) {
            breaks[usize::from(byte.to_ascii_lowercase())] = false;
            breaks[usize::from(byte.to_ascii_uppercase())] = false;
        }
        let search = Arc::new(Search { automaton, breaks });
        *last = Some((generation, words, Arc::clone(&search)));
        Some(search)
    }

    /// The byte ranges to search: each sentence with no source in it or
    /// beside it, widened back to the nearest byte no word holds and on to
    /// its last such byte or the next one, merged where they meet or one
    /// such byte apart.
    fn regions(&self, cx: &RuleContext) -> Vec<Range<usize>> {
        let bytes = cx.doc.text().as_bytes();
        let mut regions: Vec<Range<usize>> = Vec::new();
        for (index, sentence) in cx.doc.sentences.iter().enumerate() {
            if cx.attributed_near(index, true) {
                continue;
            }
            let (start, end) = (sentence.span.start, sentence.span.end);
            let start = bytes[..start]
                .iter()
                .rposition(|&b| self.breaks[usize::from(b)])
                .map_or(0, |i| i + 1);
            // A match holds no break, so one that starts in the sentence
            // ends by the sentence's last byte when that is a break (a full
            // stop, nearly always); a match after it starts in the next
            // sentence, found in that sentence's own region if it has no
            // source nearby and reported only then. So the region may stop
            // there rather than run on into the next sentence.
            let from = end.saturating_sub(1).max(sentence.span.start);
            #[cfg(test)]
            let from = if crate::slow_path::taken(crate::slow_path::SlowPath::WideRegions) {
                end
            } else {
                from
            };
            let end = bytes[from..]
                .iter()
                .position(|&b| self.breaks[usize::from(b)])
                .map_or(bytes.len(), |i| from + i);
            // Regions one break apart merge too (the break holds no match),
            // so sentences in a row are searched in one go.
            match regions.last_mut() {
                Some(last) if start <= last.end + 1 => last.end = last.end.max(end),
                _ => regions.push(start..end),
            }
        }
        regions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Superlatives, sources, sentence ends and paragraph breaks.
    const PIECES: &[&str] = &[
        "The port had a ",
        "record",
        " year",
        "largest",
        " first ever ",
        "unprecedented",
        " historic",
        ", officials said",
        " according to the ministry",
        ".",
        ". ",
        "! ",
        "? ",
        ", ",
        " ",
        "-",
        "\n\n",
        "It ",
        "\"",
        "1,200",
    ];

    proptest::proptest! {
        /// Stopping a region at its sentence's last break finds every
        /// finding the wider region found, and no other.
        #[test]
        fn narrower_regions_change_no_finding(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 1..24)
        ) {
            let text = pieces.concat();
            let findings = |wide: bool| {
                let report = crate::slow_path::run(crate::slow_path::SlowPath::WideRegions, wide, || crate::check("t", &text, &crate::Options::default()));
                report
                    .findings
                    .into_iter()
                    .filter(|f| f.rule == UnsourcedSuperlative::META.id)
                    .collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(findings(false), findings(true), "{:?}", text);
        }
    }
}
