//! Attribution: who each claim is quoted from. Each sentence is searched once
//! for a cue from rules/attribution.toml — a verb of saying with its subject,
//! a phrase such as "according to" with the source after it, or a vague cue
//! that names nobody — and a claim takes the attribution of its own sentence,
//! else of the next or the previous sentence in the same paragraph
//! ("..., she said." closes a quotation that began a sentence earlier).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::word_table::WordTable;
use super::{ascii_alphanumeric, byte_class, ALPHANUMERIC, TOP_BITS};
use super::{Attribution, Claim};
use crate::document::{Document, SpanCursor};
use crate::lexicon;

#[derive(Debug, Deserialize)]
pub(crate) struct Cues {
    speech_verbs: Vec<String>,
    source_follows: Vec<String>,
    vague: Vec<String>,
    source_stops: Vec<String>,
}

lexicon::builtin!(cues, Cues, "attribution");

/// Cue phrases indexed by their first word, so each word of a sentence is
/// looked up once rather than compared with every phrase. The first words
/// and the stop words are packed-word tables: a lookup per word of every
/// sentence costs a binary search over integers rather than a hash.
struct CueIndex {
    /// The phrases of each first word, at the number `first_words` gives
    /// that word, minus one.
    phrases: Vec<Vec<(Vec<String>, CueType)>>,
    first_words: WordTable,
    /// Turns down most words before `first_words` is searched.
    first_word_filter: LengthLetterFilter,
    stops: WordTable,
    /// The longest word of every phrase: a sentence in which none of them
    /// stands cannot hold a cue, and most sentences are passed over after
    /// this quick test instead of being read word by word. None when a word
    /// is not plain ASCII letters and digits, which the test cannot see.
    key_words: Option<KeyWords>,
}

impl CueIndex {
    /// The phrases that start with `word` (lower-case), longest first.
    fn starting_with(&self, word: &str) -> Option<&[(Vec<String>, CueType)]> {
        if !self.first_word_filter.may_hold(word.as_bytes()) {
            return None;
        }
        let at = self.first_words.get(word).checked_sub(1)?;
        Some(&self.phrases[at as usize])
    }

    fn is_stop(&self, word: &str) -> bool {
        self.stops.get(word) != 0
    }

    /// False when the sentence surely holds no cue phrase.
    fn may_hold_cue(&self, sentence: &str) -> bool {
        self.key_words
            .as_ref()
            .is_none_or(|key_words| key_words.any_in(sentence))
    }
}

/// Words of ASCII letters and digits, of at most 16 bytes, found in any
/// case among the runs of ASCII letters and digits of a text.
struct KeyWords {
    /// The words, looked up packed as `word_table::key` packs them.
    table: WordTable,
    /// Most runs are turned down by their length and first letter alone.
    filter: LengthLetterFilter,
}

impl KeyWords {
    fn new(words: &[&str]) -> Option<KeyWords> {
        for word in words {
            let plain = word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            if !plain || word.is_empty() || word.len() > 16 {
                return None;
            }
        }
        Some(KeyWords {
            table: WordTable::new(words.iter().map(|w| (*w, 1))),
            filter: LengthLetterFilter::new(words.iter().map(|w| w.as_bytes())),
        })
    }

    /// Whether one of the words is a run of the text. A word of a sentence
    /// (see [`words_of`]) that equals one of them is such a run, since the
    /// characters around it are neither letters nor digits. One loop with
    /// one table look-up per byte: this runs over every sentence of every
    /// article, and a run is only looked at where it ends.
    ///
    /// Eight ASCII bytes are classed at once (see
    /// [`super::ascii_alphanumeric`]) and only the bytes that end a run are
    /// visited; a chunk with a byte outside ASCII is read byte by byte.
    fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        // Where the current run of letters and digits began.
        let mut run_start = 0;
        let mut at = 0;
        while at < bytes.len() {
            if let Some(chunk) = bytes.get(at..at + 8) {
                let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if chunk & TOP_BITS == 0 {
                    let mut others = !ascii_alphanumeric(chunk) & TOP_BITS;
                    while others != 0 {
                        let other = at + (others.trailing_zeros() / 8) as usize;
                        if run_start < other && self.holds(&bytes[run_start..other]) {
                            return true;
                        }
                        run_start = other + 1;
                        others &= others - 1;
                    }
                    at += 8;
                    continue;
                }
            }
            let byte = bytes[at];
            if byte_class(byte) & ALPHANUMERIC == 0 {
                if run_start < at && self.holds(&bytes[run_start..at]) {
                    return true;
                }
                // The Kelvin sign (E2 84 AA) is the one character outside
                // ASCII whose lower case is an ASCII letter ("k"); the runs
                // do not see it.
                if byte == 0xE2 && bytes[at + 1..].starts_with(&[0x84, 0xAA]) {
                    return true;
                }
                run_start = at + 1;
            }
            at += 1;
        }
        run_start < bytes.len() && self.holds(&bytes[run_start..])
    }

    fn holds(&self, run: &[u8]) -> bool {
        if run.len() > 16 || !self.filter.may_hold(run) {
            return false;
        }
        // Setting 0x20 lowers an ASCII letter and leaves a digit as it is.
        let mut lower = [0u8; 16];
        for (to, from) in lower.iter_mut().zip(run) {
            *to = from | 0x20;
        }
        self.table.get_key(u128::from_be_bytes(lower)) != 0
    }
}

/// A quick test before a word table is searched: for each length up to 16
/// bytes, a bit for each first letter a word of that length has (see
/// [`letter_bit`]). A word that is longer, or does not open with an ASCII
/// letter or digit, always passes.
struct LengthLetterFilter {
    first_letters: [u32; 17],
}

impl LengthLetterFilter {
    fn new<'w>(words: impl Iterator<Item = &'w [u8]>) -> LengthLetterFilter {
        let mut first_letters = [0; 17];
        for word in words {
            if let Some(&first) = word.first().filter(|_| word.len() <= 16) {
                first_letters[word.len()] |= letter_bit(first);
            }
        }
        LengthLetterFilter { first_letters }
    }

    /// False when no word of the table can equal `word` (in the case the
    /// table holds it).
    fn may_hold(&self, word: &[u8]) -> bool {
        match word.first() {
            Some(&first) if word.len() <= 16 && first.is_ascii_alphanumeric() => {
                self.first_letters[word.len()] & letter_bit(first) != 0
            }
            _ => true,
        }
    }
}

/// A bit for an ASCII letter (in any case) or digit; digits share bits with
/// letters, which only lets a few more words through to the full test.
fn letter_bit(byte: u8) -> u32 {
    1 << ((byte | 0x20).wrapping_sub(b'a') & 31)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CueType {
    Speech,
    SourceFollows,
    Vague,
}

fn index() -> &'static CueIndex {
    static CELL: std::sync::OnceLock<CueIndex> = std::sync::OnceLock::new();
    lexicon::resolve(&CELL, || {
        let cues = cues();
        let mut by_first_word: HashMap<String, Vec<(Vec<String>, CueType)>> = HashMap::new();
        let lists = [
            (&cues.vague, CueType::Vague),
            (&cues.source_follows, CueType::SourceFollows),
            (&cues.speech_verbs, CueType::Speech),
        ];
        for (list, kind) in lists {
            for phrase in list {
                let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                if let Some(first) = words.first() {
                    by_first_word
                        .entry(first.clone())
                        .or_default()
                        .push((words, kind));
                }
            }
        }
        // Longest phrases first, so "according to sources" beats "according to".
        for phrases in by_first_word.values_mut() {
            phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        let key_words: Vec<&str> = by_first_word
            .values()
            .flatten()
            // The first of the longest words: "data" of "data from".
            .filter_map(|(words, _)| words.iter().rev().max_by_key(|w| w.len()))
            .map(String::as_str)
            .collect();
        let key_words = KeyWords::new(&key_words);
        let (first_words, phrases): (Vec<String>, Vec<_>) = by_first_word.into_iter().unzip();
        let stops: Vec<String> = cues.source_stops.iter().map(|s| s.to_lowercase()).collect();
        CueIndex {
            first_words: WordTable::new(first_words.iter().zip(1..).map(|(w, n)| (w.as_str(), n))),
            first_word_filter: LengthLetterFilter::new(first_words.iter().map(|w| w.as_bytes())),
            phrases,
            stops: WordTable::new(stops.iter().map(|w| (w.as_str(), 1))),
            key_words,
        }
    })
}

/// A word of a sentence with its byte range in the document.
#[derive(Debug, Clone)]
struct Word<'t> {
    range: Range<usize>,
    /// Borrowed from the sentence's ASCII-lowered copy unless the word has
    /// characters outside ASCII, so reading a sentence allocates little.
    lower: Cow<'t, str>,
    capitalised: bool,
    /// Punctuation between the previous word and this one.
    gap_before: &'t str,
}

/// The words of `text[range]` into `words`: runs of letters and digits,
/// joined across a single apostrophe, hyphen or point ("o'clock", "U.S.").
/// `lowered` is `text` with its ASCII letters lowered, which gives most
/// words their lower case without a copy. Reads bytes and decodes a
/// character only outside ASCII.
fn words_of<'t>(text: &'t str, lowered: &'t str, range: Range<usize>, words: &mut Vec<Word<'t>>) {
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    let mut gap_start = 0;
    let mut at = 0;
    while at < slice.len() {
        let (alphanumeric, width) = alphanumeric_at(slice, at);
        if !alphanumeric {
            at += width;
            continue;
        }
        // Whether a byte of the word lies outside ASCII: it needs lowering
        // on its own.
        let mut outside_ascii = !bytes[at].is_ascii();
        let mut end = at + width;
        while end < slice.len() {
            // Most words are ASCII letters and digits through and through.
            if byte_class(bytes[end]) & ALPHANUMERIC != 0 {
                end += 1;
                continue;
            }
            let (alphanumeric, width) = alphanumeric_at(slice, end);
            let joins = alphanumeric
                || ((matches!(bytes[end], b'\'' | b'-' | b'.')
                    || bytes[end..].starts_with("’".as_bytes()))
                    && end + width < slice.len()
                    && alphanumeric_at(slice, end + width).0);
            if !joins {
                break;
            }
            outside_ascii |= !bytes[end].is_ascii();
            end += width;
        }
        let word = &slice[at..end];
        let lower = if outside_ascii {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(&lowered[range.start + at..range.start + end])
        };
        let capitalised = if bytes[at].is_ascii() {
            bytes[at].is_ascii_uppercase()
        } else {
            word.starts_with(char::is_uppercase)
        };
        words.push(Word {
            range: range.start + at..range.start + end,
            lower,
            capitalised,
            gap_before: trim(&slice[gap_start..at]),
        });
        gap_start = end;
        at = end;
    }
}

/// `str::trim`, without decoding characters when the text is ASCII (most
/// gaps between words are a space or a comma and a space).
fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [] | [b' '] => return "",
        _ if !text.is_ascii() => return text.trim(),
        _ => {}
    }
    // The ASCII characters Unicode counts as white space: tab to carriage
    // return, and the space.
    let white = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !white(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !white(b))
        .map_or(start, |i| i + 1);
    &text[start..end.max(start)]
}

/// Whether the character at byte `at` (a character boundary) of `text` is
/// a letter or digit, and its length in bytes; decodes only outside ASCII.
fn alphanumeric_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte_class(byte) & ALPHANUMERIC != 0, 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// Finds the attribution a sentence states, if any, once
/// [`CueIndex::may_hold_cue`] has passed it. `spans` makes the cue's span;
/// it serves every sentence of the document in turn.
/// `words` is a buffer the sentences of a document share, so that reading
/// each does not allocate.
fn sentence_attribution<'t>(
    doc: &'t Document,
    range: Range<usize>,
    spans: &mut SpanCursor,
    words: &mut Vec<Word<'t>>,
) -> Option<Attribution> {
    let text = doc.text();
    let index = index();
    words.clear();
    words_of(text, doc.lowered_text(), range, words);
    let words = &words[..];
    let mut vague: Option<Attribution> = None;
    let mut inside_vague_cue_until = 0;
    for (i, word) in words.iter().enumerate() {
        if i < inside_vague_cue_until {
            continue;
        }
        let Some(phrases) = index.starting_with(&word.lower) else {
            continue;
        };
        for (phrase, kind) in phrases {
            let Some(matched) = words.get(i..i + phrase.len()) else {
                continue;
            };
            let same_words = matched.iter().zip(phrase).all(|(w, p)| &w.lower == p)
                && matched.iter().skip(1).all(|w| w.gap_before.is_empty());
            if !same_words {
                continue;
            }
            let cue_range = matched[0].range.start..matched[matched.len() - 1].range.end;
            let cue_text = text[cue_range.clone()].to_string();
            let found = match kind {
                CueType::Vague => {
                    inside_vague_cue_until = i + phrase.len();
                    vague.get_or_insert(Attribution {
                        source: cue_text.clone(),
                        cue: cue_text,
                        span: spans.span(cue_range.start, cue_range.end),
                        vague: true,
                    });
                    None
                }
                CueType::SourceFollows => source_after(text, &words[i + phrase.len()..], index)
                    .map(|source| (source, cue_text, cue_range)),
                CueType::Speech if !reports_speech(words, i) => None,
                CueType::Speech => speech_source(text, words, i, phrase.len(), index)
                    .map(|source| (source, cue_text, cue_range)),
            };
            if let Some((source, cue, cue_range)) = found {
                return Some(Attribution {
                    source,
                    cue,
                    span: spans.span(cue_range.start, cue_range.end),
                    vague: false,
                });
            }
            break;
        }
    }
    vague
}

/// "added" and "adds" also mean adding things ("the company added 4,800
/// employees"): they report speech only after a comma or quote, before
/// "that", or at the end of a clause.
fn reports_speech(words: &[Word], verb: usize) -> bool {
    if !matches!(words[verb].lower.as_ref(), "added" | "adds") {
        return true;
    }
    let after_comma_or_quote = words[verb].gap_before.ends_with([',', '"', '”', '\'', '’']);
    let next = words.get(verb + 1);
    after_comma_or_quote || next.is_none_or(|w| w.lower == "that" || !w.gap_before.is_empty())
}

/// The source named after a cue: words up to punctuation or a stop word.
fn source_after(text: &str, after: &[Word], index: &CueIndex) -> Option<String> {
    let mut taken: Vec<&Word> = Vec::new();
    for word in after.iter().take(8) {
        let punctuated = !word.gap_before.is_empty() && !word.gap_before.starts_with('\'');
        if (!taken.is_empty() && punctuated) || index.is_stop(&word.lower) {
            break;
        }
        if word.lower.starts_with(char::is_numeric) {
            break;
        }
        taken.push(word);
    }
    phrase_text(text, &taken)
}

/// The speaker of a verb of saying at `verb`: ", said Anna Berg" names the
/// speaker after the verb; otherwise it is the phrase before the verb.
fn speech_source(
    text: &str,
    words: &[Word],
    verb: usize,
    verb_length: usize,
    index: &CueIndex,
) -> Option<String> {
    let after = &words[verb + verb_length..];
    let verb_follows_comma_or_quote = words[verb].gap_before.ends_with([',', '"', '”', '\'', '’']);
    if verb_follows_comma_or_quote {
        if let Some(first) = after.first() {
            // ", said Anna Berg", ", said the mayor", ", said councillor Ian Frost"
            let titled_name = !index.is_stop(&first.lower)
                && after
                    .get(1)
                    .is_some_and(|second| second.capitalised && second.gap_before.is_empty());
            if first.gap_before.is_empty()
                && (first.capitalised || first.lower == "the" || first.lower == "a" || titled_name)
            {
                if let Some(source) = source_after(text, after, index) {
                    return Some(source);
                }
            }
        }
    }
    // "Jan Kowalski, 46, who has fished here for 30 years, said": after an
    // appositive the speaker is the phrase that opens the sentence.
    if words[verb].gap_before.ends_with(',') {
        if let Some(opening) = opening_phrase(words, verb) {
            return phrase_text(text, &opening);
        }
    }
    let mut taken: Vec<&Word> = Vec::new();
    let mut position = verb;
    while position > 0 && taken.len() < 6 {
        let word = &words[position - 1];
        let next_gap = words[position].gap_before;
        // A possessive or an initial's stop joins the phrase; other
        // punctuation ends it.
        let joins = matches!(next_gap, "" | "'" | "’" | ".")
            || (next_gap == "," && word.capitalised && taken.is_empty());
        let breaks = !joins;
        if breaks || index.is_stop(&word.lower) || word.lower.starts_with(char::is_numeric) {
            break;
        }
        taken.insert(0, word);
        position -= 1;
    }
    // An adverb between subject and verb ("the ministry also said").
    while taken
        .last()
        .is_some_and(|w| w.lower.ends_with("ly") || w.lower == "also")
    {
        taken.pop();
    }
    phrase_text(text, &taken)
}

/// The words before the first comma of the sentence, when they name someone
/// (a capitalised word among at most six).
fn opening_phrase<'w, 't>(words: &'w [Word<'t>], verb: usize) -> Option<Vec<&'w Word<'t>>> {
    let first_comma = words[..verb]
        .iter()
        .position(|w| w.gap_before.contains(','))
        .filter(|&i| i > 0)?;
    let opening: Vec<&Word> = words[..first_comma].iter().collect();
    let names_someone = opening.len() <= 6
        && opening.iter().any(|w| w.capitalised)
        && opening
            .iter()
            .all(|w| !w.gap_before.contains(['"', '“', ':']));
    names_someone.then_some(opening)
}

fn phrase_text(text: &str, words: &[&Word]) -> Option<String> {
    let first = words.first()?;
    let last = words.last()?;
    Some(text[first.range.start..last.range.end].to_string())
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Whether `source` in lower case is one of [`PRONOUNS`]. An ASCII case
/// comparison serves, without lowering a copy: the one character outside
/// ASCII whose lower case is ASCII is the Kelvin sign ("k"), in no pronoun.
fn is_pronoun(source: &str) -> bool {
    PRONOUNS.iter().any(|p| source.eq_ignore_ascii_case(p))
}

/// The attribution each sentence states, in sentence order.
pub(crate) fn sentence_attributions(doc: &Document) -> Vec<Option<Attribution>> {
    let mut spans = doc.span_cursor();
    let index = index();
    let mut words = Vec::new();
    doc.sentences
        .iter()
        .map(|s| {
            index
                .may_hold_cue(&doc.text()[s.span.clone()])
                .then(|| sentence_attribution(doc, s.span.clone(), &mut spans, &mut words))
                .flatten()
        })
        .collect()
}

/// Sets each claim's attribution from its own sentence, else the next, else
/// the previous one in the same paragraph, given each sentence's own.
pub(crate) fn attribute(doc: &Document, by_sentence: &[Option<Attribution>], claims: &mut [Claim]) {
    let mut last_named: Option<String> = None;
    for claim in claims.iter_mut() {
        let s = claim.sentence;
        if doc.in_front_matter(claim.span.start) {
            continue;
        }
        let paragraph = doc.sentences[s].paragraph;
        let neighbours = [Some(s), s.checked_add(1), s.checked_sub(1)];
        let found = neighbours
            .into_iter()
            .flatten()
            .filter(|&n| {
                // A sentence may open with the dateline; only one that lies
                // wholly in the headline or dateline is passed over.
                n < doc.sentences.len()
                    && doc.sentences[n].paragraph == paragraph
                    && !doc.in_front_matter(doc.sentences[n].span.end - 1)
            })
            .find_map(|n| by_sentence[n].clone());
        if let Some(mut attribution) = found {
            if is_pronoun(&attribution.source) {
                if let Some(named) = &last_named {
                    attribution.source = named.clone();
                }
            } else if !attribution.vague {
                last_named = Some(attribution.source.clone());
            }
            claim.attribution = Some(attribution);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(sentence: &str) -> Option<(String, String, bool)> {
        let doc = Document::parse(sentence, None);
        sentence_attribution(
            &doc,
            0..sentence.len(),
            &mut doc.span_cursor(),
            &mut Vec::new(),
        )
        .map(|a| (a.source, a.cue, a.vague))
    }

    fn source(sentence: &str) -> Option<String> {
        attribution(sentence).map(|(source, _, _)| source)
    }

    #[test]
    fn finds_the_subject_of_a_verb_of_saying() {
        assert_eq!(
            source("The ministry said exports rose 5%."),
            Some("The ministry".into())
        );
        assert_eq!(source("\"Exports rose 5%,\" she said."), Some("she".into()));
        assert_eq!(
            source("Anna Berg told reporters that 70 firms signed."),
            Some("Anna Berg".into())
        );
        assert_eq!(
            source("Exports rose 5%, said Anna Berg, the minister."),
            Some("Anna Berg".into())
        );
        assert_eq!(
            source("The mayor also noted 12 closures."),
            Some("The mayor".into())
        );
    }

    #[test]
    fn finds_the_source_after_according_to() {
        assert_eq!(
            attribution("Exports rose 5%, according to the trade ministry."),
            Some(("the trade ministry".into(), "according to".into(), false))
        );
        assert_eq!(
            source("Figures from Eurostat show a 3% fall."),
            Some("Eurostat".into())
        );
        assert_eq!(
            source("A report by the World Bank put growth at 2%."),
            Some("the World Bank".into())
        );
    }

    #[test]
    fn vague_cues_are_marked_vague_and_named_sources_win() {
        assert_eq!(
            attribution("It is reported that 40 people died."),
            Some(("It is reported".into(), "It is reported".into(), true))
        );
        assert_eq!(
            attribution("Experts say 10% is likely.").map(|a| a.2),
            Some(true)
        );
        assert_eq!(
            attribution("Reportedly 40 died, the ministry said.").map(|a| (a.0, a.2)),
            Some(("the ministry".into(), false))
        );
    }

    #[test]
    fn the_quick_test_finds_key_words_in_any_case_between_any_marks() {
        let key_words = KeyWords::new(&["said", "according"]).expect("plain words");
        assert!(key_words.any_in("\"Yes,\" SAID Anna."));
        assert!(key_words.any_in("(according—to"));
        assert!(key_words.any_in("caf\u{e9}said 5"));
        assert!(!key_words.any_in("unsaid saidso accord"));
        assert!(KeyWords::new(&["seg\u{fa}n"]).is_none());
        assert_eq!(
            source("THE MINISTRY SAID exports rose 5%."),
            Some("THE MINISTRY".into())
        );
    }

    mod filter {
        use super::*;
        use proptest::prelude::*;

        /// Cue words in several cases, words next to them, and marks that
        /// join or part words.
        const WORDS: &[&str] = &[
            "said",
            "SAID",
            "Said",
            "says",
            "say",
            "told",
            "data",
            "from",
            "Data",
            "by",
            "according",
            "to",
            "the",
            "a",
            "report",
            "it",
            "is",
            "reported",
            "experts",
            "sources",
            "close",
            "some",
            "figures",
            "published",
            "people",
            "familiar",
            "with",
            "pointed",
            "out",
            "Anna",
            "Berg",
            "ministry",
            "5%",
            "rose",
            "unsaid",
            "caf\u{e9}",
            "\u{212A}",
            "U.S.",
            "o'clock",
            "well-known",
            "x",
        ];
        const MARKS: &[&str] = &[
            " ", " ", " ", ", ", ". ", "-", "'", "\u{2019}", " \"", "\u{a0}",
        ];

        /// Texts of words from [`WORDS`], each followed by a mark from
        /// [`MARKS`].
        fn texts(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
            prop::collection::vec(
                (prop::sample::select(WORDS), prop::sample::select(MARKS)),
                words,
            )
            .prop_map(|parts| parts.iter().flat_map(|(w, m)| [*w, *m]).collect())
        }

        /// The key-word test that [`KeyWords::any_in`] replaced: one byte
        /// at a time.
        fn any_in_reference(key_words: &KeyWords, text: &str) -> bool {
            let bytes = text.as_bytes();
            let mut run_start = 0;
            for (at, &byte) in bytes.iter().enumerate() {
                if byte.is_ascii_alphanumeric() {
                    continue;
                }
                if run_start < at && key_words.holds(&bytes[run_start..at]) {
                    return true;
                }
                if byte == 0xE2 && bytes[at + 1..].starts_with(&[0x84, 0xAA]) {
                    return true;
                }
                run_start = at + 1;
            }
            run_start < bytes.len() && key_words.holds(&bytes[run_start..])
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            /// Classing eight bytes at once finds a key word exactly where
            /// reading byte by byte does.
            #[test]
            fn the_key_word_test_reads_as_a_byte_by_byte_test_does(text in texts(0..12)) {
                let key_words = index().key_words.as_ref().expect("plain key words");
                prop_assert_eq!(
                    key_words.any_in(&text),
                    any_in_reference(key_words, &text),
                    "{:?}", text
                );
            }

            /// A sentence the quick key-word test turns down gets no
            /// attribution when it is read word by word.
            #[test]
            fn the_key_word_test_turns_down_no_attribution(sentence in texts(1..9)) {
                let sentence = sentence.trim_end();
                let doc = Document::parse(sentence, None);
                let read = sentence_attribution(&doc, 0..sentence.len(), &mut doc.span_cursor(), &mut Vec::new());
                prop_assert!(
                    index().may_hold_cue(sentence) || read.is_none(),
                    "{:?} turned down but attributed to {:?}", sentence, read
                );
            }
        }
    }

    #[test]
    fn pronouns_are_known_in_any_case_as_lowering_knows_them() {
        for source in [
            "He", "SHE", "they", "It", "i", "\u{130}t", "\u{212A}", "Hen", "Anna",
        ] {
            let lowered = source.to_lowercase();
            assert_eq!(
                is_pronoun(source),
                PRONOUNS.contains(&lowered.as_str()),
                "{source}"
            );
        }
    }

    #[test]
    fn no_cue_means_no_attribution() {
        assert_eq!(attribution("Exports rose 5% in March."), None);
    }

    #[test]
    fn a_claim_takes_the_attribution_of_the_next_sentence_in_its_paragraph() {
        let text = "\"Prices rose 5%. Wages rose 2%,\" Anna Berg said.\n\nRents rose 4%.";
        let doc = Document::parse(text, None);
        let mut claims: Vec<Claim> = [("5%", 0), ("2%", 1), ("4%", 2)]
            .into_iter()
            .map(|(figure, sentence)| (text.find(figure).unwrap(), sentence))
            .map(|(start, sentence)| {
                Claim::new(
                    String::new(),
                    crate::ClaimKind::Percent,
                    String::new(),
                    doc.span(start, start + 2),
                    crate::Value::Temporal(Default::default()),
                    sentence,
                )
            })
            .collect();
        attribute(&doc, &sentence_attributions(&doc), &mut claims);
        let sources: Vec<Option<&str>> = claims
            .iter()
            .map(|c| c.attribution.as_ref().map(|a| a.source.as_str()))
            .collect();
        assert_eq!(sources, vec![Some("Anna Berg"), Some("Anna Berg"), None]);
    }
}
