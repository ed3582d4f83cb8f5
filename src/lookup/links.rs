//! Fills each claim's look-up links from the templates whose conditions its
//! sentence meets (claim kind, topic words, countries named).
//!
//! The templates of a configuration are compiled once ([`Prepared`]): their
//! URLs cut at the placeholders, and the words their conditions look for
//! gathered into automata. A sentence is then scanned once for all the
//! templates, and each claim in it only checks its kind and fills URLs.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::AhoCorasick;

use crate::document::Document;
use crate::extract::{format_amount, Claim, ClaimKind, Link, LinkUrl, Value};

use super::query::{self, SentenceWords, Window};
use super::templates::{reference_data, References, Template, UrlPart, DATED};

/// What the templates are filled with for one claim, already URL-encoded.
struct Fill<'a> {
    query: &'a str,
    value: &'a str,
    dates: Option<&'a Dates>,
}

/// A date window as URLs write it: the dates are written once for all
/// the claims that share the window.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dates {
    window: Window,
    from: String,
    to: String,
    year: String,
}

impl Dates {
    fn new(window: Window) -> Dates {
        let from = date_text(window.from);
        // A year of four digits is how its date starts; others (never in
        // news) are written as numbers are.
        let year = match window.from.year() {
            1000..=9999 => from[..4].to_string(),
            other => other.to_string(),
        };
        Dates {
            window,
            from,
            to: date_text(window.to),
            year,
        }
    }

    /// The dates of `window` in `known` (the windows of a document's claims
    /// so far), added if new: claims go back and forth between their own
    /// dates, their sentences' and the publication's.
    fn of_window(known: &mut Vec<Dates>, window: Window) -> usize {
        match known.iter().position(|dates| dates.window == window) {
            Some(at) => at,
            None => {
                known.push(Dates::new(window));
                known.len() - 1
            }
        }
    }
}

/// A date as it prints ("2017-11-05"): for a year of four digits (every
/// date of a news article) written as a TIMEX3 date is, without the
/// formatting machinery.
fn date_text(date: jiff::civil::Date) -> String {
    if !(1..=9999).contains(&date.year()) {
        return date.to_string();
    }
    crate::extract::iso_date(date)
}

/// Gives every claim its look-up links, in template order.
// Once per document: kept out of line so that profiles show the stage whole.
#[inline(never)]
pub(crate) fn fill_links(document: &Document, claims: &mut [Claim], references: &References) {
    let prepared = references.prepared();
    let settings = &reference_data().query;
    let days = settings.window_days;
    let published = document
        .published
        .and_then(|date| Window::around(date, days));
    let mut buffers = SPARE_BUFFERS.take().unwrap_or_default();
    let Buffers {
        own_windows,
        sentence_windows,
        urls: url_buffers,
        scratch,
        meets,
        met_ids,
        query,
        known_dates,
    } = &mut buffers;
    own_windows.clear();
    own_windows.extend(claims.iter().map(|c| {
        c.temporal()
            .and_then(|t| claim_window(&t.timex, t.end.as_deref(), days))
    }));
    // The first date of each sentence, for the claims beside it.
    let sentences = claims.iter().map(|c| c.sentence + 1).max().unwrap_or(0);
    sentence_windows.clear();
    sentence_windows.resize(sentences, None);
    for (claim, window) in claims.iter().zip(own_windows.iter()) {
        if let Some(window) = window {
            sentence_windows[claim.sentence].get_or_insert(*window);
        }
    }
    let mut urls = Urls::new(prepared, claims.len(), url_buffers);
    // Claims come in text order: what depends on the sentence alone is
    // found once per sentence, and a query once for the claims beside each
    // other that share a subject (or have none).
    let mut current: Option<usize> = None;
    let mut words = SentenceWords::default();
    let mut sentence = "";
    // Whether `meets` holds the current sentence's answers.
    let mut met = false;
    let mut query_for: Option<usize> = None;
    // Room for a long query, so that it does not grow.
    query.clear();
    query.reserve(QUERY_BYTES);
    let mut query_words = Vec::with_capacity(16);
    let mut value = String::new();
    // Dates are kept from one document to the next, as long as they are few.
    if known_dates.len() > KNOWN_DATES {
        known_dates.clear();
    }
    // The claim's dates, in `known_dates`.
    let mut dates: Option<usize> = None;
    for (i, claim) in claims.iter().enumerate() {
        if current != Some(claim.sentence) {
            sentence = document
                .sentences
                .get(claim.sentence)
                .map_or("", |s| &document.text()[s.span.clone()]);
            words.read(sentence, settings);
            current = Some(claim.sentence);
            query_for = None;
            met = false;
        }
        // The sentence is searched for the conditions' words only once a
        // claim of a kind that a template with conditions takes needs them:
        // for a claim of another kind, only templates without conditions
        // can give links, and those the sentence always meets.
        if !met && (prepared.conditions_take(claim.kind) || search_every_sentence()) {
            prepared.sentence_meets(sentence, scratch, meets);
            met_ids.clear();
            met_ids.extend(with_url(&prepared.templates, meets));
            met = true;
        }
        let met_ids = match met {
            true => &met_ids[..],
            false => &prepared.unconditioned_ids[..],
        };
        // The claim's own date, else a date in its sentence, else the publication date.
        let window = own_windows[i]
            .or(sentence_windows[claim.sentence])
            .or(published);
        if dates.map(|d| known_dates[d].window) != window {
            dates = window.map(|window| Dates::of_window(known_dates, window));
        }
        let subject = subject_of(claim);
        // Only what some template puts in its URL is made.
        let new_query = prepared.uses_query
            && query_for.is_none_or(|made_for| subject_of(&claims[made_for]) != subject);
        if new_query {
            query.clear();
            words.write_query(subject, settings, &mut query_words, query);
            query_for = Some(i);
        }
        if prepared.uses_value {
            value = query::encode(&value_text(claim));
        }
        let fill = Fill {
            query,
            value: &value,
            dates: dates.map(|d| &known_dates[d]),
        };
        urls.add_claim(claim.kind, met_ids, &fill, new_query);
    }
    // The query's words borrow the claims' subjects, which `give` changes.
    drop(query_words);
    urls.give(claims);
    if buffers.urls.text.capacity() <= KEEP_URL_BYTES {
        SPARE_BUFFERS.set(Some(buffers));
    }
}

/// The buffers of one document's filling that hold nothing borrowed from
/// it: kept from one document to the next on each thread, rather than a
/// dozen made and freed for each.
#[derive(Default)]
struct Buffers {
    /// By claim: its own date window.
    own_windows: Vec<Option<Window>>,
    /// By sentence: the window of its first dated claim.
    sentence_windows: Vec<Option<Window>>,
    urls: UrlBuffers,
    scratch: Scratch,
    /// By template: whether the current sentence meets its conditions.
    meets: Vec<bool>,
    /// The templates the sentence meets that have a URL, by id: what each
    /// of its claims looks at, rather than every template.
    met_ids: Vec<usize>,
    /// The current query, as URLs write it.
    query: String,
    /// The dates of the windows met so far.
    known_dates: Vec<Dates>,
}

thread_local! {
    /// The buffers the last document filled on this thread left.
    static SPARE_BUFFERS: Cell<Option<Buffers>> = const { Cell::new(None) };
}

/// How many windows' dates are kept from one document to the next.
const KNOWN_DATES: usize = 64;

/// Buffers whose URL text grew past this (a document of some thousands of
/// claims) are dropped rather than kept for the next document, so that one
/// huge document does not hold its memory for the rest of a run.
const KEEP_URL_BYTES: usize = 1 << 20;

/// Whether every sentence with a claim is searched for the words of the
/// templates' conditions (only in tests).
fn search_every_sentence() -> bool {
    crate::slow_path::taken(crate::slow_path::SlowPath::EverySentenceSearched)
}

/// Whether a URL made for one claim is shared with the next claims that
/// fill its template alike (always, outside tests).
fn share_urls() -> bool {
    !crate::slow_path::taken(crate::slow_path::SlowPath::EveryUrl)
}

/// The links of a document's claims as they are made: their URLs written
/// one after another into one text, which every link then shares.
struct Urls<'p, 'b> {
    prepared: &'p Prepared,
    buffers: &'b mut UrlBuffers,
    /// Counts the queries made, to tell one fill's query from another's.
    queries: usize,
}

/// What [`Urls`] writes into, kept from one document to the next.
#[derive(Default)]
struct UrlBuffers {
    text: String,
    /// By link, in claim order: its template and its URL's range in `text`.
    links: Vec<(usize, Range<usize>)>,
    /// By claim: how many links it has.
    counts: Vec<usize>,
    /// By template: the fill its last URL was made with, and that URL, so
    /// that claims filling a template alike share one URL.
    last: Vec<Option<(FillKey, Range<usize>)>>,
}

/// What a template's URL was filled from: the query (by its number in
/// the document), the value (by its claim) and the window, as far as the
/// template uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FillKey {
    query: usize,
    value: usize,
    window: Option<Window>,
}

/// Room for a query as URLs write it: eight words, percent-encoded.
const QUERY_BYTES: usize = 256;

/// About the bytes of new URL text a claim's links take (what the
/// built-in templates make in news articles).
const URL_BYTES_PER_CLAIM: usize = 320;

/// About the most links a claim has (what the built-in templates give in
/// news articles: three or four on average, up to six).
const LINKS_PER_CLAIM: usize = 6;

impl<'p, 'b> Urls<'p, 'b> {
    fn new(prepared: &'p Prepared, claims: usize, buffers: &'b mut UrlBuffers) -> Urls<'p, 'b> {
        // Room for what a claim's links take (three to six links, a
        // hundred bytes or so of new URL text each), so that the buffers
        // seldom grow.
        buffers.text.clear();
        buffers.text.reserve(claims * URL_BYTES_PER_CLAIM);
        buffers.links.clear();
        buffers.links.reserve(claims * LINKS_PER_CLAIM);
        buffers.counts.clear();
        buffers.counts.reserve(claims);
        buffers.last.clear();
        buffers.last.resize(prepared.templates.len(), None);
        Urls {
            prepared,
            buffers,
            queries: 0,
        }
    }

    /// Adds a claim's links: the templates its sentence meets that have a
    /// URL (`met_ids`, in order) that take its kind and can be filled.
    /// `new_query`: the fill's query was written afresh for this claim.
    fn add_claim(&mut self, kind: ClaimKind, met_ids: &[usize], fill: &Fill, new_query: bool) {
        self.queries += usize::from(new_query);
        let claim = self.buffers.counts.len();
        let before = self.buffers.links.len();
        for &id in met_ids {
            let template = &self.prepared.templates[id];
            if !template.kinds.has(kind) {
                continue;
            }
            let Some(url) = &template.url else {
                continue;
            };
            let key = FillKey {
                query: if url.uses_query { self.queries } else { 0 },
                value: if url.uses_value { claim + 1 } else { 0 },
                window: fill.dates.map(|d| d.window).filter(|_| url.dated),
            };
            let range = match &self.buffers.last[id] {
                Some((last, range)) if *last == key && share_urls() => range.clone(),
                _ => {
                    let start = self.buffers.text.len();
                    if !url.fill(fill, &mut self.buffers.text) {
                        continue;
                    }
                    let range = start..self.buffers.text.len();
                    self.buffers.last[id] = Some((key, range.clone()));
                    range
                }
            };
            self.buffers.links.push((id, range));
        }
        self.buffers.counts.push(self.buffers.links.len() - before);
    }

    /// Gives each claim its links (claims as given to [`Urls::add_claim`]).
    fn give(self, claims: &mut [Claim]) {
        let text: Arc<str> = Arc::from(self.buffers.text.as_str());
        let templates = &self.prepared.templates;
        let mut start = 0;
        for (claim, &count) in claims.iter_mut().zip(&self.buffers.counts) {
            // From a slice, whose length the collection knows: one
            // allocation of the right size and a plain loop.
            let own = &self.buffers.links[start..start + count];
            start += count;
            claim.links = own
                .iter()
                .map(|(id, range)| Link {
                    title: templates[*id].title.clone(),
                    url: LinkUrl::shared(&text, range.clone()),
                })
                .collect();
        }
    }
}

/// The subject a claim's query takes words from.
fn subject_of(claim: &Claim) -> Option<&str> {
    match &claim.value {
        Value::Number(n) => n.subject.as_deref(),
        Value::Temporal(t) => t.subject.as_deref(),
    }
}

/// A claim's own window: from its date (or range start) to its date (or range end).
fn claim_window(timex: &str, end: Option<&str>, days: i32) -> Option<Window> {
    let start = Window::of_timex(timex, days)?;
    let to = end
        .and_then(|e| Window::of_timex(e, days))
        .map_or(start.to, |w| w.to.max(start.to));
    Some(Window {
        from: start.from,
        to,
    })
}

/// "70", "2 billion USD", "9.7 %", or the TIMEX3 value of a date.
fn value_text(claim: &Claim) -> String {
    match &claim.value {
        Value::Number(n) => match &n.unit {
            Some(unit) => format!("{} {unit}", format_amount(n.number)),
            None => format_amount(n.number),
        },
        Value::Temporal(t) => t.timex.clone(),
    }
}

/// The templates of one configuration compiled for filling; made once per
/// [`References`] (so a pack's templates are honoured) and shared by every
/// claim of every document checked with it.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    templates: Vec<PreparedTemplate>,
    /// Every word the templates' conditions look for.
    words: WordSet,
    /// By word: the templates whose topic, country condition it meets.
    topic_of: Vec<Vec<usize>>,
    country_of: Vec<Vec<usize>>,
    /// Whether any template fills {query}, {value}: a claim's are made only then.
    uses_query: bool,
    uses_value: bool,
    /// The templates with no topic nor country condition (which a sentence
    /// not searched for their words meets) that have a URL, by id.
    unconditioned_ids: Vec<usize>,
    /// The claim kinds some template with a condition takes.
    conditioned_kinds: Kinds,
}

/// A set of claim kinds, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kinds(u32);

impl Kinds {
    /// The kinds a template takes: every kind when it names none.
    fn taken(kinds: &[ClaimKind]) -> Kinds {
        match kinds {
            [] => Kinds(u32::MAX),
            _ => Kinds(kinds.iter().fold(0, |set, &kind| set | Kinds::bit(kind))),
        }
    }

    fn bit(kind: ClaimKind) -> u32 {
        1 << kind as u32
    }

    fn has(self, kind: ClaimKind) -> bool {
        self.0 & Kinds::bit(kind) != 0
    }
}

#[derive(Debug, Clone)]
struct PreparedTemplate {
    title: Arc<str>,
    kinds: Kinds,
    /// Ids in `words`: any one found meets the topic condition.
    topics: Vec<usize>,
    /// Ids in `words` of the names of its countries: any one found meets
    /// the country condition.
    countries: Vec<usize>,
    /// None when the URL cannot be filled (unclosed brace, unknown placeholder).
    url: Option<Url>,
}

impl Prepared {
    pub(super) fn new(templates: &[Template], table: &BTreeMap<String, Vec<String>>) -> Prepared {
        let mut words = Vec::new();
        let prepared_templates: Vec<PreparedTemplate> = templates
            .iter()
            .map(|template| {
                let topics = template
                    .topics
                    .iter()
                    .map(|topic| word_id(&mut words, Word::lower(topic, Rule::StartsWord)))
                    .collect();
                let mut countries = Vec::new();
                for country in &template.countries {
                    match table.get(country) {
                        Some(names) => countries.extend(
                            names
                                .iter()
                                .map(|name| word_id(&mut words, Word::as_written(name))),
                        ),
                        // A country the table does not know is matched by its own name.
                        None => countries.push(word_id(
                            &mut words,
                            Word::lower(&country.to_lowercase(), Rule::WholeWord),
                        )),
                    }
                }
                PreparedTemplate {
                    title: Arc::from(template.title.as_str()),
                    kinds: Kinds::taken(&template.kinds),
                    topics,
                    countries,
                    url: Url::parse(&template.url),
                }
            })
            .collect();
        let uses = |wanted: fn(&Url) -> bool| {
            prepared_templates
                .iter()
                .filter_map(|t| t.url.as_ref())
                .any(wanted)
        };
        let mut topic_of = vec![Vec::new(); words.len()];
        let mut country_of = vec![Vec::new(); words.len()];
        for (id, template) in prepared_templates.iter().enumerate() {
            for &word in &template.topics {
                topic_of[word].push(id);
            }
            for &word in &template.countries {
                country_of[word].push(id);
            }
        }
        let unconditioned: Vec<bool> = prepared_templates
            .iter()
            .map(|t| t.topics.is_empty() && t.countries.is_empty())
            .collect();
        let conditioned = || {
            prepared_templates
                .iter()
                .zip(&unconditioned)
                .filter(|(_, unconditioned)| !**unconditioned)
                .map(|(template, _)| template)
        };
        Prepared {
            conditioned_kinds: Kinds(conditioned().fold(0, |set, t| set | t.kinds.0)),
            unconditioned_ids: with_url(&prepared_templates, &unconditioned).collect(),
            topic_of,
            country_of,
            uses_query: uses(|url| url.uses_query),
            uses_value: uses(|url| url.uses_value),
            templates: prepared_templates,
            words: WordSet::new(words),
        }
    }

    /// Whether a template with a topic or country condition takes claims
    /// of `kind`.
    fn conditions_take(&self, kind: ClaimKind) -> bool {
        self.conditioned_kinds.has(kind)
    }

    /// By template, into `meets`: whether `sentence` meets its topic and
    /// country conditions, which hold for every claim in the sentence.
    fn sentence_meets(&self, sentence: &str, scratch: &mut Scratch, meets: &mut Vec<bool>) {
        // A condition is met by any of its words: what the few words found
        // meet is marked, rather than every condition's words looked at.
        meets.clear();
        meets.extend(self.templates.iter().map(|t| t.topics.is_empty()));
        let country = &mut scratch.country;
        country.clear();
        country.extend(self.templates.iter().map(|t| t.countries.is_empty()));
        self.words.find(sentence, &mut scratch.words);
        for &id in &scratch.words.hits {
            self.topic_of[id].iter().for_each(|&t| meets[t] = true);
            self.country_of[id].iter().for_each(|&t| country[t] = true);
        }
        meets
            .iter_mut()
            .zip(country.iter())
            .for_each(|(topic, country)| *topic &= country);
    }
}

/// The ids of the templates marked in `meets` (by template) that have a URL.
fn with_url<'t>(
    templates: &'t [PreparedTemplate],
    meets: &'t [bool],
) -> impl Iterator<Item = usize> + 't {
    templates
        .iter()
        .zip(meets)
        .enumerate()
        .filter(|(_, (template, meets))| **meets && template.url.is_some())
        .map(|(id, _)| id)
}

/// Buffers that finding the templates a sentence meets reuses from one
/// sentence to the next (and, with the others of [`Buffers`], from one
/// document to the next).
#[derive(Debug, Default)]
struct Scratch {
    /// By template: whether the sentence meets its country condition.
    country: Vec<bool>,
    words: Found,
}

/// How an occurrence of a condition's word must sit in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// At the start of a word ("econom" in "economy").
    StartsWord,
    /// As a whole word ("US", not in "USB").
    WholeWord,
}

impl Rule {
    fn holds(self, text: &str, word: &str) -> bool {
        match self {
            Rule::StartsWord => text.match_indices(word).any(|(at, _)| {
                !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            }),
            Rule::WholeWord => contains_word(text, word),
        }
    }
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A word a template's condition looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    rule: Rule,
    /// Looked for in the lower-case sentence (topics, and countries the
    /// table lacks), else as written (the table's names).
    in_lower: bool,
    /// In an ASCII sentence, whether the word holds where the automaton
    /// finds it is known at that place (see [`checked_in_place`]).
    checked_in_place: bool,
}

impl Word {
    fn lower(text: &str, rule: Rule) -> Word {
        Word {
            text: text.to_string(),
            rule,
            in_lower: true,
            checked_in_place: checked_in_place(text, true),
        }
    }

    fn as_written(text: &str) -> Word {
        Word {
            text: text.to_string(),
            rule: Rule::WholeWord,
            in_lower: false,
            checked_in_place: checked_in_place(text, false),
        }
    }
}

/// Whether, in an ASCII sentence, a word's rule can be checked at each
/// place the case-blind automaton finds it, with the same answer as a
/// search of the (lowered) sentence for the word alone. That search skips
/// an occurrence that overlaps the one before it; such an occurrence
/// starts `k` bytes into the earlier one, where the word's end and start
/// agree, so the character before it is the word's `k`th. When that is a
/// letter or digit for every such `k`, a skipped occurrence never meets a
/// rule (both ask for no letter or digit before), and every place counts.
/// The word must be ASCII too, and in lower case when it is looked for in
/// the lowered sentence (then a case-blind match is a match there).
fn checked_in_place(word: &str, in_lower: bool) -> bool {
    let bytes = word.as_bytes();
    let n = bytes.len();
    n > 0
        && word.is_ascii()
        && !(in_lower && bytes.iter().any(u8::is_ascii_uppercase))
        && (1..n)
            .filter(|&k| bytes[k..] == bytes[..n - k])
            .all(|k| bytes[k - 1].is_ascii_alphanumeric())
}

/// The id of `word` in `words`, added if new.
fn word_id(words: &mut Vec<Word>, word: Word) -> usize {
    match words.iter().position(|known| *known == word) {
        Some(id) => id,
        None => {
            words.push(word);
            words.len() - 1
        }
    }
}

/// The words the templates look for, found in a sentence in one pass.
#[derive(Debug, Clone)]
struct WordSet {
    words: Vec<Word>,
    /// Finds every place a word may occur, ignoring ASCII case; none if it
    /// could not be built, and then every word is tried. Made on first use:
    /// with the word starts, only a sentence with letters beyond ASCII
    /// needs it.
    automaton: OnceLock<Option<AhoCorasick>>,
    /// The words by how they start, when every word is ASCII and starts
    /// with a letter or digit (as every built-in one does).
    starts: Option<StartIndex>,
}

/// The words of a sentence that a [`WordSet`] finds, in buffers kept from
/// one sentence to the next.
#[derive(Debug, Default)]
struct Found {
    /// By word: whether it occurs in the sentence as its rule asks.
    found: Vec<bool>,
    /// By word: whether it was searched for in the whole sentence.
    searched: Vec<bool>,
    /// The words found, each once.
    hits: Vec<usize>,
}

impl Found {
    fn reset(&mut self, words: usize) {
        for flags in [&mut self.found, &mut self.searched] {
            flags.clear();
            flags.resize(words, false);
        }
        self.hits.clear();
    }

    /// Takes the answer of a search that gives every word's.
    fn set_all(&mut self, found: Vec<bool>) {
        self.hits.extend(
            found
                .iter()
                .enumerate()
                .filter(|(_, f)| **f)
                .map(|(id, _)| id),
        );
        self.found = found;
    }

    fn set(&mut self, id: usize, found: bool) {
        if found && !self.found[id] {
            self.hits.push(id);
        }
        self.found[id] |= found;
    }
}

/// The words of a [`WordSet`] by how they start, ignoring ASCII case: a
/// sentence's word starts are looked up here. Bytes are compared folded
/// (with bit 0x20 set), which keeps apart what differs other than in
/// ASCII case nearly always: a filter, each word it lets through is then
/// compared in full.
#[derive(Debug, Clone)]
struct StartIndex {
    /// By a first byte folded (below 0x80): bit `b` set when a word that
    /// starts with it goes on with a byte whose folded low seven bits are
    /// `b` (every bit for a word of one byte).
    second: Vec<u128>,
    /// Bit [`trigram`] of each word's first three bytes set (of every three
    /// that go on with a word of one or two bytes): a second filter, for
    /// the many word starts whose first two bytes begin some word ("in",
    /// "re", "pr").
    thirds: Vec<u64>,
    /// By a first byte folded: the range of `starts` holding the words that
    /// start with it.
    first: Vec<Range<usize>>,
    starts: Vec<WordStart>,
}

/// A word's first eight bytes (or fewer), folded, and its id.
#[derive(Debug, Clone, Copy)]
struct WordStart {
    folded: u64,
    /// The bytes of `folded` the word has.
    mask: u64,
    id: usize,
}

/// Bit 0x20 in each byte of a u64: ASCII letters differ in case by it.
const FOLD: u64 = 0x2020_2020_2020_2020;

/// How many [`trigram`]s there are.
const TRIGRAMS: usize = 1 << 15;

/// Three bytes by their low five bits, which tell apart ASCII letters
/// whatever their case (and digits, from all but a few letters): equal
/// for three bytes that are equal folded.
fn trigram(a: u8, b: u8, c: u8) -> usize {
    usize::from(a & 31) << 10 | usize::from(b & 31) << 5 | usize::from(c & 31)
}

/// Up to eight bytes of `bytes` from `at`, the first in the low byte, none
/// (zero) past the end.
fn eight_bytes(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut padded = [0u8; 8];
            let rest = &bytes[at.min(bytes.len())..];
            padded[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(padded)
        }
    }
}

impl StartIndex {
    /// None when a word is empty, not ASCII or starts with neither a
    /// letter nor a digit.
    fn new(words: &[Word]) -> Option<StartIndex> {
        let mut starts = Vec::with_capacity(words.len());
        for (id, word) in words.iter().enumerate() {
            let bytes = word.text.as_bytes();
            if !(word.text.is_ascii() && bytes.first()?.is_ascii_alphanumeric()) {
                return None;
            }
            let length = bytes.len().min(8);
            let mask = u64::MAX >> (64 - 8 * length);
            starts.push(WordStart {
                folded: (eight_bytes(bytes, 0) | FOLD) & mask,
                mask,
                id,
            });
        }
        // The folded first byte is the low one.
        starts.sort_by_key(|start| start.folded as u8);
        let mut first = vec![0..0; 128];
        let mut second = vec![0u128; 128];
        let mut at = 0;
        while at < starts.len() {
            let byte = usize::from(starts[at].folded as u8);
            let from = at;
            while at < starts.len() && usize::from(starts[at].folded as u8) == byte {
                second[byte] |= match words[starts[at].id].text.len() {
                    1 => u128::MAX,
                    _ => 1 << ((starts[at].folded >> 8) & 0x7f),
                };
                at += 1;
            }
            first[byte] = from..at;
        }
        let mut thirds = vec![0u64; TRIGRAMS / 64];
        let mut mark = |trigram: usize| thirds[trigram / 64] |= 1 << (trigram % 64);
        for word in words {
            match *word.text.as_bytes() {
                [a] => (0..32).for_each(|b| (0..32).for_each(|c| mark(trigram(a, b, c)))),
                [a, b] => (0..32).for_each(|c| mark(trigram(a, b, c))),
                [a, b, c, ..] => mark(trigram(a, b, c)),
                [] => {}
            }
        }
        Some(StartIndex {
            second,
            thirds,
            first,
            starts,
        })
    }

    /// Whether a word may start at `at` in `bytes` (an ASCII letter or
    /// digit), by its first three bytes.
    #[inline(always)]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let first = usize::from(bytes[at] | 0x20);
        let next = bytes.get(at + 1).map_or(0, |b| (b | 0x20) & 0x7f);
        if self.second[first] >> next & 1 == 0 {
            return false;
        }
        // Past the end, a word of one or two bytes may still end there.
        let third = trigram(bytes[at], next, bytes.get(at + 2).map_or(0, |&b| b));
        self.thirds[third / 64] >> (third % 64) & 1 != 0
    }

    /// The words that may start at `at` in `bytes` (an ASCII letter or
    /// digit): those whose first eight bytes match there, folded.
    fn candidates<'s>(&'s self, bytes: &[u8], at: usize) -> impl Iterator<Item = usize> + 's {
        let there = eight_bytes(bytes, at) | FOLD;
        self.starts[self.first[usize::from(bytes[at] | 0x20)].clone()]
            .iter()
            .filter(move |start| there & start.mask == start.folded)
            .map(|start| start.id)
    }
}

/// Whether the words are found at the sentence's word starts (always,
/// outside tests).
fn at_word_starts() -> bool {
    !crate::slow_path::taken(crate::slow_path::SlowPath::AutomatonWords)
}

/// Whether every character of `sentence` beyond ASCII is neither a letter
/// nor a digit and is its own lower case ("£", "’"). In such a sentence,
/// lowering changes ASCII letters only, in place, and the character before
/// or after a place is a letter or digit exactly when its byte is an ASCII
/// one: the sentence reads, for finding words, as an ASCII one does.
fn reads_as_ascii(sentence: &str) -> bool {
    sentence.is_ascii()
        || sentence.chars().all(|c| {
            c.is_ascii()
                || (!c.is_alphanumeric() && {
                    let mut lower = c.to_lowercase();
                    lower.next() == Some(c) && lower.next().is_none()
                })
        })
}

/// Gives `at` every word start of `bytes`: each ASCII letter or digit
/// after a byte that is neither (or at the start). Eight ASCII bytes are
/// read at a time; a byte beyond ASCII is never a letter or digit here.
fn each_word_start(bytes: &[u8], mut at: impl FnMut(usize)) {
    use crate::extract::{ascii_word_starts, TOP_BITS};
    let mut previous_alphanumeric = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if chunk & TOP_BITS == 0 {
                let (mut starts, last_alphanumeric) =
                    ascii_word_starts(chunk, previous_alphanumeric);
                while starts != 0 {
                    at(i + (starts.trailing_zeros() / 8) as usize);
                    starts &= starts - 1;
                }
                previous_alphanumeric = last_alphanumeric;
                i += 8;
                continue;
            }
        }
        let alphanumeric = bytes[i].is_ascii_alphanumeric();
        if alphanumeric && !previous_alphanumeric {
            at(i);
        }
        previous_alphanumeric = alphanumeric;
        i += 1;
    }
}

impl WordSet {
    fn new(words: Vec<Word>) -> WordSet {
        WordSet {
            automaton: OnceLock::new(),
            starts: StartIndex::new(&words),
            words,
        }
    }

    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(self.words.iter().map(|w| &w.text))
                    .ok()
            })
            .as_ref()
    }

    /// By word: whether it occurs in `sentence` (or its lower case) as its
    /// rule asks.
    #[cfg(test)]
    fn found(&self, sentence: &str) -> Vec<bool> {
        let mut found = Found::default();
        self.find(sentence, &mut found);
        found.found
    }

    /// Finds the words in `sentence`, into `found`.
    fn find(&self, sentence: &str, found: &mut Found) {
        found.reset(self.words.len());
        if let Some(starts) = &self.starts {
            if at_word_starts() && reads_as_ascii(sentence) {
                return self.find_at_starts(starts, sentence, found);
            }
        }
        match self.automaton() {
            Some(automaton) if sentence.is_ascii() => {
                found.set_all(self.found_in_ascii(automaton, sentence))
            }
            _ => found.set_all(self.found_by_search(sentence)),
        }
    }

    /// [`WordSet::find`] for a sentence that reads as ASCII (see
    /// [`reads_as_ascii`]), looking only at its word starts: both rules ask
    /// for no letter or digit before a word, and every word starts with a
    /// letter or digit, so a word that meets its rule starts a word of the
    /// sentence. There it is checked as [`WordSet::found_in_ascii`] checks
    /// it where the automaton finds it; a word that may hide an occurrence
    /// in an overlapping one is searched for as before, and only when it
    /// starts a word somewhere (else no search finds it).
    fn find_at_starts(&self, index: &StartIndex, sentence: &str, found: &mut Found) {
        let mut lowered: Option<String> = None;
        let bytes = sentence.as_bytes();
        each_word_start(bytes, |at| {
            // Most word starts begin no word: they are turned away here, in
            // the scan, without a call.
            if index.may_start(bytes, at) {
                self.check_start(index, sentence, at, found, &mut lowered)
            }
        });
    }

    /// Checks the words that may start at `at`, a word start of `sentence`
    /// (see [`WordSet::find_at_starts`]); `lowered` is the sentence in lower
    /// case, once made.
    #[inline(never)]
    fn check_start(
        &self,
        index: &StartIndex,
        sentence: &str,
        at: usize,
        found: &mut Found,
        lowered: &mut Option<String>,
    ) {
        let bytes = sentence.as_bytes();
        for id in index.candidates(bytes, at) {
            let word = &self.words[id];
            let text = word.text.as_bytes();
            let end = at + text.len();
            if found.found[id] || found.searched[id] {
                continue;
            }
            let Some(there) = bytes.get(at..end).filter(|t| t.eq_ignore_ascii_case(text)) else {
                continue;
            };
            if !word.checked_in_place {
                found.searched[id] = true;
                let text = match word.in_lower {
                    true => lowered.get_or_insert_with(|| sentence.to_lowercase()),
                    false => sentence,
                };
                found.set(id, word.rule.holds(text, &word.text));
                continue;
            }
            let word_char_after = word.rule == Rule::WholeWord
                && bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
            found.set(id, (word.in_lower || there == text) && !word_char_after);
        }
    }

    /// [`WordSet::find`] for an ASCII sentence, from the places the
    /// automaton finds: lowering ASCII moves no byte, so a word looked for
    /// in the lower case matches where the automaton matched it, and the
    /// rule is checked at that place. Only a word that may hide an
    /// occurrence in an overlapping one is searched for as before.
    fn found_in_ascii(&self, automaton: &AhoCorasick, sentence: &str) -> Vec<bool> {
        let bytes = sentence.as_bytes();
        let mut found = vec![false; self.words.len()];
        let mut searched = vec![false; self.words.len()];
        let mut lowered: Option<String> = None;
        for m in automaton.find_overlapping_iter(sentence) {
            let id = m.pattern().as_usize();
            let word = &self.words[id];
            if found[id] || searched[id] {
                continue;
            }
            if !word.checked_in_place {
                searched[id] = true;
                let text = match word.in_lower {
                    true => lowered.get_or_insert_with(|| sentence.to_ascii_lowercase()),
                    false => sentence,
                };
                found[id] = word.rule.holds(text, &word.text);
                continue;
            }
            let (start, end) = (m.start(), m.end());
            let word_char = |at: usize| bytes[at].is_ascii_alphanumeric();
            found[id] = (word.in_lower || &bytes[start..end] == word.text.as_bytes())
                && !(start > 0 && word_char(start - 1))
                && !(word.rule == Rule::WholeWord && end < bytes.len() && word_char(end));
        }
        found
    }

    /// [`WordSet::find`] by searching the sentence for each word the
    /// automaton (if any) finds.
    fn found_by_search(&self, sentence: &str) -> Vec<bool> {
        let lowered = sentence.to_lowercase();
        let mut found = vec![false; self.words.len()];
        let mut tried = vec![false; self.words.len()];
        let mut try_word = |id: usize| {
            if !tried[id] {
                tried[id] = true;
                let word = &self.words[id];
                let text = if word.in_lower { &lowered } else { sentence };
                found[id] = word.rule.holds(text, &word.text);
            }
        };
        let Some(automaton) = self.automaton() else {
            (0..self.words.len()).for_each(try_word);
            return found;
        };
        // Ignoring ASCII case, a scan of the sentence finds the lower-case
        // words too when lowering moves no byte, that is in ASCII text;
        // other text is scanned lowered as well.
        for m in automaton.find_overlapping_iter(sentence) {
            try_word(m.pattern().as_usize());
        }
        if !sentence.is_ascii() {
            for m in automaton.find_overlapping_iter(lowered.as_str()) {
                try_word(m.pattern().as_usize());
            }
        }
        found
    }
}

/// A template's URL cut at its placeholders: each piece of text with the
/// placeholder after it, if any. Filling it takes one fixed turn per
/// placeholder, rather than a choice among every kind of piece at every
/// piece (a jump the processor mostly mispredicts, URL after URL).
#[derive(Debug, Clone)]
struct Url {
    pieces: Vec<(String, Option<Placeholder>)>,
    /// It holds a placeholder that needs a date window.
    dated: bool,
    /// It holds {query}, {value}: what its filled URLs depend on.
    uses_query: bool,
    uses_value: bool,
}

/// What a placeholder is filled with: an index in [`Fill::values`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    Query,
    Value,
    From,
    To,
    Year,
}

impl Fill<'_> {
    /// What each [`Placeholder`] is filled with, in its order; none for a
    /// date without a window.
    fn values(&self) -> [Option<&str>; 5] {
        let dates = self.dates;
        [
            Some(self.query),
            Some(self.value),
            dates.map(|d| d.from.as_str()),
            dates.map(|d| d.to.as_str()),
            dates.map(|d| d.year.as_str()),
        ]
    }
}

impl Url {
    /// None when the URL has an unclosed brace or an unknown placeholder
    /// (packs are validated; this keeps a bad one from making a link).
    fn parse(url: &str) -> Option<Url> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut dated = false;
        for part in super::templates::url_parts(url).ok()? {
            match part {
                UrlPart::Text(more) => text.push_str(more),
                UrlPart::Placeholder(name) => {
                    dated |= DATED.contains(&name);
                    let placeholder = match name {
                        "query" => Placeholder::Query,
                        "value" => Placeholder::Value,
                        "from" => Placeholder::From,
                        "to" => Placeholder::To,
                        "year" => Placeholder::Year,
                        _ => return None,
                    };
                    pieces.push((std::mem::take(&mut text), Some(placeholder)));
                }
            }
        }
        if !text.is_empty() || pieces.is_empty() {
            pieces.push((text, None));
        }
        let uses = |wanted| {
            pieces
                .iter()
                .any(|(_, placeholder)| *placeholder == Some(wanted))
        };
        Some(Url {
            dated,
            uses_query: uses(Placeholder::Query),
            uses_value: uses(Placeholder::Value),
            pieces,
        })
    }

    /// Writes the URL with its placeholders filled at the end of `out`;
    /// false, and nothing written, when it needs a date window the claim
    /// lacks.
    fn fill(&self, fill: &Fill, out: &mut String) -> bool {
        let start = out.len();
        let values = fill.values();
        for (text, placeholder) in &self.pieces {
            out.push_str(text);
            let Some(placeholder) = placeholder else {
                continue;
            };
            match values[*placeholder as usize] {
                Some(value) => out.push_str(value),
                None => {
                    out.truncate(start);
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links_of(text: &str) -> Vec<Vec<Link>> {
        let document = Document::parse(text, None);
        let mut claims = crate::extract::extract(&document).claims;
        fill_links(&document, &mut claims, &References::builtin());
        claims.into_iter().map(|c| c.links).collect()
    }

    fn titles(links: &[Link]) -> Vec<&str> {
        links.iter().map(|l| &*l.title).collect()
    }

    #[test]
    fn every_claim_gets_the_general_links() {
        let all = links_of(
            "Harbour bridge reopens\n\nPublished 5 November 2017\n\nThe council approved 70 projects.\n",
        );
        assert!(!all.is_empty());
        for links in &all {
            let titles = titles(links);
            for want in ["Wikipedia", "Wikidata", "News", "Fact check"] {
                assert!(titles.contains(&want), "{titles:?}");
            }
        }
    }

    #[test]
    fn news_search_is_limited_to_the_window_around_the_date() {
        let all = links_of("The Bank of England raised rates on 2 November 2017.\n");
        let news = all[0].iter().find(|l| &*l.title == "News").unwrap();
        assert_eq!(
            news.url,
            "https://news.google.com/search?q=Bank%20of%20England%20after%3A2017-10-26%20before%3A2017-11-09"
        );
    }

    #[test]
    fn no_date_window_means_no_news_link() {
        let all = links_of("The council approved 70 projects.\n");
        assert!(!titles(&all[0]).contains(&"News"), "{:?}", all[0]);
    }

    #[test]
    fn statistics_offices_follow_the_country_and_the_kind() {
        let all = links_of("Unemployment in France rose to 9.7% last year.\n");
        let titles = titles(&all[0]);
        assert!(titles.contains(&"INSEE"), "{titles:?}");
        assert!(titles.contains(&"Eurostat"), "{titles:?}");
        assert!(titles.contains(&"OECD"), "{titles:?}");
        assert!(!titles.contains(&"ONS"), "{titles:?}");
        // A date is not a statistic.
        let dated = links_of("In Britain, the law changed in March 2016.\n");
        assert!(
            !titles_of_all(&dated).contains(&"ONS".to_string()),
            "{dated:?}"
        );
        let british = links_of("In Britain, 1,200 schools closed.\n");
        assert!(titles_of_all(&british).contains(&"ONS".to_string()));
    }

    fn titles_of_all(all: &[Vec<Link>]) -> Vec<String> {
        all.iter().flatten().map(|l| l.title.to_string()).collect()
    }

    fn fill_url(url: &str, fill: &Fill) -> Option<String> {
        let mut out = "before ".to_string();
        let filled = Url::parse(url)?.fill(fill, &mut out);
        // A URL that cannot be filled writes nothing.
        assert_eq!(out.len() > "before ".len(), filled, "{out}");
        Some(out.strip_prefix("before ")?.to_string()).filter(|_| filled)
    }

    #[test]
    fn placeholders_are_filled() {
        let query = query::encode("Bank of England");
        let value = query::encode("2 billion GBP");
        let dates = Window::of_timex("2017", 7).map(Dates::new);
        let fill = Fill {
            query: &query,
            value: &value,
            dates: dates.as_ref(),
        };
        assert_eq!(
            fill_url("https://x.org/{query}?v={value}&y={year}&f={from}&t={to}", &fill).unwrap(),
            "https://x.org/Bank%20of%20England?v=2%20billion%20GBP&y=2017&f=2017-01-01&t=2017-12-31"
        );
        let undated = Fill {
            dates: None,
            ..fill
        };
        assert_eq!(fill_url("https://x.org/?y={year}", &undated), None);
        assert_eq!(
            fill_url("https://x.org/?q={query}", &undated).unwrap(),
            "https://x.org/?q=Bank%20of%20England"
        );
        // A URL that could not be checked as a pack's is never filled.
        assert_eq!(fill_url("https://x.org/?q={qeury}", &undated), None);
        assert_eq!(fill_url("https://x.org/?q={query", &undated), None);
    }

    /// The built-in templates and "T", with `topics` (a TOML list) and
    /// two countries, one the table lacks.
    fn with_template_t(topics: &str) -> References {
        let mut references = References::builtin();
        let entry = format!(
            "name = \"t\"\ntitle = \"T\"\nurl = \"https://t.org/?q={{query}}\"\ntopics = {topics}\ncountries = [\"Ruritania\", \"France\"]"
        );
        references
            .apply(&toml::from_str::<crate::lookup::ReferenceEntry>(&entry).unwrap())
            .unwrap();
        references
    }

    #[test]
    fn topics_start_words_and_countries_are_whole_words() {
        let references = with_template_t("[\"tax\"]");
        let has_t = |text: &str| {
            let document = Document::parse(text, None);
            let mut claims = crate::extract::extract(&document).claims;
            fill_links(&document, &mut claims, &references);
            claims[0].links.iter().any(|l| &*l.title == "T")
        };
        assert!(has_t("Taxes in France rose by 9%.\n"));
        assert!(
            has_t("In Ruritania, taxes rose by 9%.\n"),
            "a country the table lacks, by its name"
        );
        assert!(
            has_t("French taxes rose by 9%.\n"),
            "the table's names for France"
        );
        assert!(
            !has_t("Syntax errors in France rose by 9%.\n"),
            "a topic starts a word"
        );
        assert!(
            !has_t("Taxes in Frances rose by 9%.\n"),
            "a country is a whole word"
        );
        assert!(!has_t("Taxes in Germany rose by 9%.\n"));
    }

    #[test]
    fn words_that_may_hide_in_an_overlap_are_searched_for() {
        assert!(checked_in_place("tax", true));
        assert!(checked_in_place("U.K.", false));
        assert!(checked_in_place("aa", true));
        assert!(!checked_in_place("a.a", true), "\"a.a.a\" hides the second");
        assert!(!checked_in_place("Tax", true), "not in lower case");
        assert!(!checked_in_place("é", true));
    }

    proptest::proptest! {
        /// In ASCII sentences the words are checked where the automaton
        /// finds them; that agrees with searching for each word.
        #[test]
        fn found_in_place_agrees_with_searching(
            pieces in proptest::collection::vec(
                proptest::sample::select(&["a", "A", "b", "B", ".", " ", ",", "-", "a.a", "Ab", "aba"][..]),
                0..14,
            )
        ) {
            let sentence = pieces.concat();
            let words = WordSet::new(vec![
                Word::lower("a", Rule::StartsWord),
                Word::lower("aa", Rule::StartsWord),
                Word::lower("a.a", Rule::StartsWord),
                Word::lower("a.a", Rule::WholeWord),
                Word::lower("ab", Rule::WholeWord),
                Word::lower("b-b", Rule::WholeWord),
                Word::as_written("A.B"),
                Word::as_written("Ab"),
                Word::as_written("aba"),
                Word::as_written("B"),
            ]);
            let automaton = crate::slow_path::run(crate::slow_path::SlowPath::AutomatonWords, true, || words.found(&sentence));
            proptest::prop_assert_eq!(&automaton, &words.found_by_search(&sentence));
            proptest::prop_assert_eq!(words.found(&sentence), automaton);
        }

        /// Finding the templates' words at the word starts of a sentence
        /// agrees with the automaton's search, also in sentences with
        /// characters beyond ASCII, and with words that may hide an
        /// occurrence in an overlapping one.
        #[test]
        fn word_starts_agree_with_the_automaton(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    " ", " ", ",", ".", "-", "'", "£", "’", "é", "É", "\u{212a}", "\u{a0}", "İ",
                    "UK", "U.K.", "uk", "US", "U.S.", "USB", "Britain", "British", "France",
                    "french", "French", "econom", "Economy", "tax", "Taxes", "syntax", "job",
                    "jobs", "life expectancy", "Life", "expectancy", "aa", "a.a", "Kelvin", "k", "2",
                ][..]),
                0..16,
            )
        ) {
            let sentence = pieces.concat();
            let references = with_template_t("[\"aa\", \"a.a\", \"k\", \"2\"]");
            let words = &references.prepared().words;
            proptest::prop_assert!(words.starts.is_some());
            let automaton = crate::slow_path::run(crate::slow_path::SlowPath::AutomatonWords, true, || words.found(&sentence));
            proptest::prop_assert_eq!(words.found(&sentence), automaton, "{:?}", sentence);
        }
    }

    proptest::proptest! {
        /// The word starts read eight bytes at a time are those a reading
        /// byte by byte finds.
        #[test]
        fn word_starts_are_read_as_byte_by_byte(text in "[a-zA-Z0-9 .,'£é\\-]{0,40}") {
            let bytes = text.as_bytes();
            let mut starts = Vec::new();
            each_word_start(bytes, |at| starts.push(at));
            let by_byte: Vec<usize> = (0..bytes.len())
                .filter(|&at| {
                    bytes[at].is_ascii_alphanumeric()
                        && !(at > 0 && bytes[at - 1].is_ascii_alphanumeric())
                })
                .collect();
            proptest::prop_assert_eq!(starts, by_byte);
        }
    }

    #[test]
    fn only_words_starting_with_an_ascii_letter_or_digit_are_indexed() {
        assert!(
            StartIndex::new(&[Word::lower("tax", Rule::StartsWord), Word::as_written("9")])
                .is_some()
        );
        assert!(
            StartIndex::new(&[Word::lower("tax", Rule::StartsWord), Word::as_written("£")])
                .is_none()
        );
        assert!(StartIndex::new(&[Word::as_written("Österreich")]).is_none());
        assert!(StartIndex::new(&[Word::as_written("")]).is_none());
    }

    #[test]
    fn sentences_read_as_ascii_when_other_characters_are_caseless_marks() {
        assert!(reads_as_ascii("Taxes rose by £2bn, it’s said."));
        assert!(!reads_as_ascii("Taxes in Zürich rose."));
        assert!(!reads_as_ascii("A \u{212a} sign lowers to k."));
        assert!(reads_as_ascii(
            "A non-breaking\u{a0}space is no letter and has no case."
        ));
    }

    /// Claims filling a template alike share one URL; each reads as the
    /// URL written afresh for it would, and serialises as that string.
    #[test]
    fn shared_urls_are_the_urls_written_for_each_claim() {
        let text = "Harbour bridge reopens\n\nPublished 5 November 2017\n\n\
            The council approved 70 projects and 12 schools in France, and unemployment \
            in Britain rose to 9.7% in March 2016.\nToll income (the Treasury's) fell by \
            £2 million on 3 May 2017, to 40 million, after 2 November 2017.\n";
        let shared = links_of(text);
        let written = crate::slow_path::run(crate::slow_path::SlowPath::EveryUrl, true, || {
            links_of(text)
        });
        assert!(shared.len() > 4, "{shared:?}");
        assert_eq!(shared, written);
        let news = shared[0].iter().find(|l| &*l.title == "News").unwrap();
        let json = serde_json::to_string(news).unwrap();
        assert_eq!(
            json,
            format!("{{\"title\":\"News\",\"url\":{:?}}}", news.url.as_str())
        );
        assert_eq!(news.url.to_string(), news.url.as_str());
        assert_eq!(Link::clone(news).url, news.url);
    }

    /// Claim phrases of every kind, and words that meet or miss the
    /// templates' topic and country conditions.
    const LINK_PIECES: &[&str] = &[
        "The council approved 70 projects",
        "unemployment in France rose to 9.7%",
        "taxes in Britain fell by £2 million",
        "on 3 May 2017",
        "in March 2016",
        "two days ago",
        "for three years",
        "the third time",
        "inflation",
        "Ruritania",
        "the economy",
        "jobs in the US",
        "and",
        ".",
        ",",
    ];

    proptest::proptest! {
        /// Searching only the sentences with a claim of a kind that a
        /// template with conditions takes gives every claim the links that
        /// searching every sentence does, with the built-in templates and
        /// with one whose conditions take any kind.
        #[test]
        fn searching_some_sentences_gives_the_links_of_searching_all(
            pieces in proptest::collection::vec(proptest::sample::select(LINK_PIECES), 1..14),
            any_kind in proptest::bool::ANY,
        ) {
            let text = format!("{}.\n", pieces.join(" "));
            let references = match any_kind {
                true => with_template_t("[\"econom\", \"job\"]"),
                false => References::builtin(),
            };
            let links = |slow: bool| {
                crate::slow_path::run(crate::slow_path::SlowPath::EverySentenceSearched, slow, || {
                    let document = Document::parse(&text, None);
                    let mut claims = crate::extract::extract(&document).claims;
                    fill_links(&document, &mut claims, &references);
                    claims.into_iter().map(|c| c.links).collect::<Vec<_>>()
                })
            };
            proptest::prop_assert_eq!(links(false), links(true), "{:?}", text);
        }
    }

    proptest::proptest! {
        /// Dates written as TIMEX3 dates read as they print.
        #[test]
        fn dates_are_written_as_they_print(year in -9999i16..=9999, month in 1i8..=12, day in 1i8..=31) {
            let Ok(date) = jiff::civil::Date::new(year, month, day) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(date_text(date), date.to_string());
            let dates = Dates::new(Window { from: date, to: date });
            proptest::prop_assert_eq!(dates.year, date.year().to_string());
        }
    }

    proptest::proptest! {
        /// Claims share a URL where their fills agree, also when their
        /// queries are written alike for different subjects; each URL
        /// reads as the one written afresh for its claim.
        #[test]
        fn shared_urls_read_as_urls_written_afresh(
            pieces in proptest::collection::vec(proptest::sample::select(LINK_PIECES), 1..14),
        ) {
            let text = format!("{}.\n", pieces.join(" "));
            let written = crate::slow_path::run(crate::slow_path::SlowPath::EveryUrl, true, || links_of(&text));
            proptest::prop_assert_eq!(links_of(&text), written, "{:?}", text);
        }
    }

    #[test]
    fn templates_added_after_first_use_are_honoured() {
        let mut references = References::builtin();
        let text = "The council approved 70 projects.\n";
        let document = Document::parse(text, None);
        let mut claims = crate::extract::extract(&document).claims;
        fill_links(&document, &mut claims, &references);
        let before = claims[0].links.len();
        references
            .apply(
                &toml::from_str(
                    "name = \"extra\"\ntitle = \"Extra\"\nurl = \"https://e.org/?v={value}\"",
                )
                .unwrap(),
            )
            .unwrap();
        fill_links(&document, &mut claims, &references);
        assert_eq!(claims[0].links.len(), before + 1);
        assert_eq!(claims[0].links.last().unwrap().url, "https://e.org/?v=70");
    }
}
