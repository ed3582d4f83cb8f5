//! First-word dispatch for the temporal grammars: which alternatives can
//! match at a position, from the position's first word alone.
//!
//! Each position that passes the trigger check used to run some thirty
//! alternatives, nearly all of which fail on their first word ("the", "a",
//! a figure). Every alternative states here the words it can start with
//! (or, for a figure or any other opening, the [`OTHER`] set), and one
//! table lookup of the packed first word gives the set to run. A set is a
//! necessary condition only: an alternative it lets through still checks
//! everything itself, so the dispatch changes no result, only which
//! failures are skipped.

use std::sync::OnceLock;

use super::absolute::DECADE_NAMES;
use super::duration::SPAN_WORDS;
use super::relative::QUALIFIERS;
use super::trigger::{self, calendar_words, Class};
use super::words;
use crate::extract::word_table::{leading_word_key, PackedFilter, PackedMap};

/// A set of alternatives, one bit each.
pub(super) type Alternatives = u32;

pub(super) const CALENDAR_DATE: Alternatives = 1 << 0;
pub(super) const NUMERIC_DATE: Alternatives = 1 << 1;
pub(super) const MONTH_YEAR: Alternatives = 1 << 2;
pub(super) const YEAR: Alternatives = 1 << 3;
pub(super) const BARE_MONTH: Alternatives = 1 << 4;
pub(super) const MONTH_OF_RELATIVE_YEAR: Alternatives = 1 << 5;
pub(super) const YEAR_RANGE: Alternatives = 1 << 6;
pub(super) const DECADE: Alternatives = 1 << 7;
pub(super) const CENTURY: Alternatives = 1 << 8;
pub(super) const SEASON: Alternatives = 1 << 9;
pub(super) const QUARTER: Alternatives = 1 << 10;
pub(super) const HALF: Alternatives = 1 << 11;
pub(super) const FISCAL: Alternatives = 1 << 12;
pub(super) const HOLIDAY: Alternatives = 1 << 13;
pub(super) const DEICTIC_DAY: Alternatives = 1 << 14;
pub(super) const REFERENCE: Alternatives = 1 << 15;
pub(super) const WEEKDAY: Alternatives = 1 << 16;
pub(super) const RELATIVE_UNIT: Alternatives = 1 << 17;
pub(super) const AGO: Alternatives = 1 << 18;
pub(super) const EARLIER_THIS: Alternatives = 1 << 19;
pub(super) const YEAR_EARLIER: Alternatives = 1 << 20;
pub(super) const PERIOD_EDGE: Alternatives = 1 << 21;
pub(super) const CURRENT_YEAR: Alternatives = 1 << 22;
/// duration's `amount` and `compound`, which share their opening count.
pub(super) const LEAD: Alternatives = 1 << 23;
pub(super) const SPAN_OF_TIME: Alternatives = 1 << 24;
pub(super) const BARE_PLURAL: Alternatives = 1 << 25;
pub(super) const REPORTING_YEAR: Alternatives = 1 << 26;
pub(super) const AGED: Alternatives = 1 << 27;
pub(super) const AGE_AFTER_NAME: Alternatives = 1 << 28;
pub(super) const MODIFIED: Alternatives = 1 << 29;

/// The alternatives that can start with something other than an ASCII word
/// of at most 16 letters: in practice a figure ("2014", "5th", "1st
/// quarter", "39,", "four" aside).
const OTHER: Alternatives = CALENDAR_DATE
    | NUMERIC_DATE
    | YEAR
    | YEAR_RANGE
    | DECADE
    | CENTURY
    | QUARTER
    | HALF
    | AGO
    | LEAD
    | AGE_AFTER_NAME;

/// The alternatives that can open with "the" and then something other
/// than an ASCII word: "the 1990s", "the '80s", "the 20th century", "the
/// 1988 second quarter", "the 2nd half", "the 10 years".
const THE_OTHER: Alternatives = DECADE | CENTURY | QUARTER | HALF | SPAN_OF_TIME;

/// The alternatives that can match at the start of `input`.
#[cfg(test)]
pub(super) fn alternatives(input: &str) -> Alternatives {
    alternatives_of(input, leading_word_key(input))
}

/// The alternatives that can match at the start of `input`, whose first
/// word `leading_word_key` packs as `first_word` (the scanner packs it for
/// the trigger check already).
pub(super) fn alternatives_of(input: &str, first_word: Option<u128>) -> Alternatives {
    let table = table();
    match first_word {
        Some(key) => {
            let opened = table
                .by_word
                .get(&key)
                .map_or(0, |entry| entry.alternatives);
            word_alternatives(table, input, key, opened)
        }
        None if every_alternative() => Alternatives::MAX,
        None if input.starts_with(|c: char| c.is_ascii_digit()) => {
            figure_alternatives(input) | table.always
        }
        None => OTHER | table.always,
    }
}

/// The trigger class of the word `key` that starts `input` (as
/// `trigger::class_of` gives it) and the alternatives that can match at the
/// start of `input` (as [`alternatives_of`] gives them), from one probe of
/// the table; None when the word has no class.
pub(super) fn opening(input: &str, key: u128) -> Option<(Class, Alternatives)> {
    let table = table();
    // "the", the commonest word of a text by far, is kept aside: its
    // entry needs no probe of the map.
    let entry = if key == table.the {
        Some(&table.the_entry)
    } else {
        table.by_word.get(&key)
    };
    let class = if trigger::is_q_pair(key) {
        Class::Temporal
    } else {
        entry?.class?
    };
    let opened = entry.map_or(0, |entry| entry.alternatives);
    Some((class, word_alternatives(table, input, key, opened)))
}

/// The alternatives that can match at the start of `input`, whose first
/// word is `key`, which opens the alternatives `opened` by itself.
fn word_alternatives(table: &Table, input: &str, key: u128, opened: Alternatives) -> Alternatives {
    if every_alternative() {
        return Alternatives::MAX;
    }
    if key == table.the {
        // "the" opens half the alternatives, each only before a few words:
        // the next word decides which.
        (opened & after_the(table, &input[3..])) | table.always
    } else {
        opened | table.always
    }
}

/// Whether the test switch that runs every alternative everywhere is on.
fn every_alternative() -> bool {
    #[cfg(test)]
    if crate::slow_path::taken(crate::slow_path::SlowPath::EveryAlternative) {
        return true;
    }
    false
}

/// The words that end an "ago" phrase ("17 years ago", "two days later",
/// "three months from now", "a year earlier", "hence"), which the grammar
/// reads in any ASCII case.
const AGO_ENDS: [&str; 5] = ["ago", "earlier", "from", "hence", "later"];

/// The words (as part of any word, in lower case) without one of which
/// after the position an alternative cannot match, by group: "17 years
/// ago" needs a word that ends the phrase and a unit, "the third quarter"
/// the word "quarter" (or "period", or "Q3"), and so on. The grammars read
/// these words with `kw`, `phrase` and `words::unit`, which compare ASCII
/// case-insensitively, so a match shows in the text with its ASCII letters
/// lowered.
const CLUE_GROUPS: [(Alternatives, &[&str]); 8] = [
    (AGO, &AGO_ENDS),
    // Every unit word `words::unit` reads ("centur" for "century" and
    // "centuries", "second" for "seconds", ...) and its abbreviations.
    (
        AGO | LEAD | BARE_PLURAL | SPAN_OF_TIME,
        &[
            "second", "minute", "hour", "day", "week", "month", "quarter", "season", "year",
            "decade", "centur", "yr", "hrs",
        ],
    ),
    (QUARTER, &["quarter", "period", "q1", "q2", "q3", "q4"]),
    (HALF, &["half"]),
    (CENTURY, &["century"]),
    (MONTH_OF_RELATIVE_YEAR | REPORTING_YEAR, &["year"]),
    // "year-earlier", "year-ago".
    (YEAR_EARLIER, &["year-"]),
    // "the end of the", "the start of the", "the beginning of the", "the
    // middle of the", "year-end", "year's end".
    (PERIOD_EDGE, &["end", "start", "beginning", "middle"]),
];

/// Where the clue words of [`CLUE_GROUPS`] occur in one sentence: for
/// each group, the last start of one of its words at or after the offset
/// (in the document) the sentence was searched from. Whether a group's
/// word starts at or after a position is then one comparison; the sentence
/// is searched once, for every group at once, when a position first asks
/// (the scanner asks about positions in order, so again only if one asks
/// about an earlier position).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clues {
    /// The document offset the search started at; `usize::MAX` before it.
    searched_from: usize,
    /// By group, the last start found, if any.
    last: [Option<usize>; CLUE_GROUPS.len()],
}

impl Default for Clues {
    fn default() -> Clues {
        Clues {
            searched_from: usize::MAX,
            last: [None; CLUE_GROUPS.len()],
        }
    }
}

impl Clues {
    /// `can` without the alternatives none of whose clue words starts at
    /// or after `start` (for an "ago" end word, after `start`: the phrase
    /// has a word before it) in `sentence`, the sentence text with ASCII
    /// letters lowered, which starts at document offset `offset`.
    pub(super) fn prune(
        &mut self,
        can: Alternatives,
        start: usize,
        sentence: &[u8],
        offset: usize,
    ) -> Alternatives {
        if every_alternative() || can & CLUED == 0 {
            return can;
        }
        if start < self.searched_from {
            self.search(start, sentence, offset);
        }
        self.prune_known(can, start)
    }

    /// [`Clues::prune`] without a search: `can` as it is when the sentence
    /// has not been searched from `start` or before. The look-ahead that
    /// would admit a position costs more than this, and a position asked
    /// about after the first that searched is answered from what it found.
    pub(super) fn prune_known(&self, mut can: Alternatives, start: usize) -> Alternatives {
        if every_alternative() || can & CLUED == 0 || start < self.searched_from {
            return can;
        }
        for (group, (set, _)) in CLUE_GROUPS.iter().enumerate() {
            let from = if *set == AGO { start + 1 } else { start };
            if can & set != 0 && self.last[group].is_none_or(|at| at < from) {
                can &= !set;
            }
        }
        can
    }

    /// Finds the last start of a word of each group at or after `from` (a
    /// document offset at or after `offset`, where `sentence` starts).
    fn search(&mut self, from: usize, sentence: &[u8], offset: usize) {
        self.searched_from = from;
        self.last = [None; CLUE_GROUPS.len()];
        let Some(rest) = from
            .checked_sub(offset)
            .and_then(|skipped| sentence.get(skipped..))
        else {
            return;
        };
        // Backwards, so that the first start seen of a group is its last.
        let finder = finder();
        let mut seen = 0u8;
        for at in (0..rest.len().saturating_sub(1)).rev() {
            let pair = usize::from(rest[at]) << 8 | usize::from(rest[at + 1]);
            let Some(list) = finder.by_pair[pair].checked_sub(1).map(usize::from) else {
                continue;
            };
            // Most pairs that start a word of a list ("he" in "the", "en",
            // "st") go on with a byte that none of its words has third.
            let third = rest.get(at + 2).map_or(0, |b| b & 0x1F);
            if finder.third_bytes[list] & (1 << third) == 0 {
                continue;
            }
            for &(word, groups) in &finder.lists[list] {
                let mut new = groups & !seen;
                if new == 0 || !rest[at..].starts_with(word) {
                    continue;
                }
                seen |= new;
                while new != 0 {
                    self.last[new.trailing_zeros() as usize] = Some(from + at);
                    new &= new - 1;
                }
            }
            if seen == u8::MAX {
                break;
            }
        }
    }
}

/// Every alternative that a group of [`CLUE_GROUPS`] needs a word for.
const CLUED: Alternatives = {
    let mut set = 0;
    let mut group = 0;
    while group < CLUE_GROUPS.len() {
        set |= CLUE_GROUPS[group].0;
        group += 1;
    }
    set
};

/// The words of all of [`CLUE_GROUPS`] by their first two bytes (every
/// word has two or more): most pairs of bytes in a sentence start none, and
/// are passed over with one table load.
struct Finder {
    /// By a pair of bytes (the first in the high byte), one more than the
    /// index of the list of words starting with it in `lists`; 0 for none.
    by_pair: Box<[u8]>,
    /// Words, each with the groups it is in (one bit each).
    lists: Vec<Vec<(&'static [u8], u8)>>,
    /// By list, a bit for the third byte of each of its words, by its low
    /// five bits (a word of two bytes sets every bit: whatever follows).
    /// A byte whose bit is clear starts none of the list's words.
    third_bytes: Vec<u32>,
}

fn finder() -> &'static Finder {
    static FINDER: OnceLock<Finder> = OnceLock::new();
    FINDER.get_or_init(|| {
        let mut finder = Finder {
            by_pair: vec![0; 1 << 16].into_boxed_slice(),
            lists: Vec::new(),
            third_bytes: Vec::new(),
        };
        for (group, (_, list)) in CLUE_GROUPS.iter().enumerate() {
            for word in list.iter().map(|w| w.as_bytes()) {
                let pair = usize::from(word[0]) << 8 | usize::from(word[1]);
                if finder.by_pair[pair] == 0 {
                    finder.lists.push(Vec::new());
                    finder.by_pair[pair] = u8::try_from(finder.lists.len()).unwrap_or(u8::MAX);
                }
                let list = usize::from(finder.by_pair[pair] - 1);
                finder.third_bytes.resize(finder.lists.len(), 0);
                finder.third_bytes[list] |= word.get(2).map_or(u32::MAX, |b| 1 << (b & 0x1F));
                let words = &mut finder.lists[list];
                match words.iter_mut().find(|(w, _)| *w == word) {
                    Some((_, groups)) => *groups |= 1 << group,
                    None => words.push((word, 1 << group)),
                }
            }
        }
        finder
    })
}

/// The alternatives of [`OTHER`] that can open with the figure that starts
/// `input`, from how many digits it has and the byte after them. Most
/// figures the scanner offers are counts ("3,000 people", "5.5%"), which
/// no date grammar reads.
fn figure_alternatives(input: &str) -> Alternatives {
    let digits = input.bytes().take_while(u8::is_ascii_digit).count();
    let after = input.as_bytes().get(digits).map(u8::to_ascii_lowercase);
    // "5th", "21st", "3rd", "2nd".
    let ordinal = matches!(after, Some(b's' | b'n' | b'r' | b't'));
    // A count (`words::digit_number`) has at most four digits before a comma.
    let mut set = if digits <= 4 {
        AGO | LEAD | AGE_AFTER_NAME
    } else {
        0
    };
    match digits {
        // A day ("5 November", "5th of November"), a numeric date, a
        // century ("21st century"), a quarter or half ("1st half").
        1 | 2 => {
            if ordinal || matches!(after, Some(b' ' | b'\t')) {
                set |= CALENDAR_DATE;
            }
            if matches!(after, Some(b'/' | b'.' | b'-')) {
                set |= NUMERIC_DATE;
            }
            if ordinal {
                set |= CENTURY;
            }
            if digits == 1 && ordinal {
                set |= QUARTER | HALF;
            }
        }
        // A year, a range or decade, "2017-11-01", "the 1988 second quarter".
        4 => {
            set |= YEAR | YEAR_RANGE | QUARTER;
            // A decade ends in 0 and goes on with "s", "'s" or "’s".
            if input.as_bytes()[3] == b'0' && matches!(after, Some(b's' | b'\'' | 0xE2)) {
                set |= DECADE;
            }
            if after == Some(b'-') {
                set |= CALENDAR_DATE;
            }
        }
        _ => {}
    }
    set
}

/// The alternatives that can go on after "the" with `rest`.
fn after_the(table: &Table, rest: &str) -> Alternatives {
    // Every alternative spaces "the" from the word after it.
    let Ok((next, _)) = words::sp(rest) else {
        return table.after_the_always;
    };
    let set = match leading_word_key(next) {
        // Most words after "the" ("company", "government") open nothing
        // with it, which the filter says without a probe of the map.
        Some(key) if !table.after_the_filter.may_contain(key) => 0,
        Some(key) => table.after_the.get(&key).copied().unwrap_or(0),
        None => THE_OTHER,
    };
    set | table.after_the_always
}

/// What the table knows of a word that starts a position.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// Its trigger class (see [`trigger`]), kept here so that a position
    /// whose word passes the trigger filter costs one probe, not two.
    class: Option<Class>,
    /// The alternatives it opens.
    alternatives: Alternatives,
}

struct Table {
    by_word: PackedMap<Entry>,
    /// Alternatives with a pack phrase that does not start with an ASCII
    /// word (or with a longer one), which the table cannot key.
    always: Alternatives,
    /// "the" packed.
    the: u128,
    /// What `by_word` holds for "the".
    the_entry: Entry,
    /// The alternatives that open with "the", by the word after it.
    after_the: PackedMap<Alternatives>,
    /// The words of `after_the`.
    after_the_filter: PackedFilter,
    /// Those with a pack phrase "the" alone, or "the" and no ASCII word.
    after_the_always: Alternatives,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    crate::lexicon::resolve(&TABLE, build)
}

fn build() -> Table {
    let mut table = Table {
        by_word: PackedMap::default(),
        always: 0,
        the: leading_word_key("the").unwrap_or_default(),
        the_entry: Entry::default(),
        after_the: PackedMap::default(),
        after_the_filter: PackedFilter::default(),
        after_the_always: 0,
    };
    let mut add = |set: Alternatives, word: &str| match leading_word_key(word) {
        Some(key) => table.by_word.entry(key).or_default().alternatives |= set,
        None => table.always |= set,
    };
    for word in calendar_words() {
        add(
            CALENDAR_DATE | MONTH_YEAR | BARE_MONTH | MONTH_OF_RELATIVE_YEAR | WEEKDAY,
            &word,
        );
    }
    let count_words = || words::count_words();
    let unit_words = || words::unit_words().chain(["yrs", "yr", "hrs"]);
    let qualifier_words = || QUALIFIERS.iter().map(|(phrase, _)| *phrase);
    let fixed: &[(Alternatives, &[&str])] = &[
        // A year read out: "nineteen ninety-six", "two thousand and one".
        (YEAR, &["eighteen", "nineteen", "twenty", "two"]),
        (YEAR_RANGE, &["from", "between"]),
        (DECADE, &["the"]),
        (
            CENTURY,
            &["the", "eighteenth", "nineteenth", "twentieth", "twenty"],
        ),
        (SEASON, &["this", "last", "next", "the"]),
        // "the third quarter", "this year's third quarter", "fiscal
        // second-quarter", "year-ago quarter", "Q3".
        (
            QUARTER,
            &[
                "the", "this", "last", "next", "fiscal", "year", "first", "second", "third",
                "fourth", "q",
            ],
        ),
        (HALF, &["the", "first", "second", "third", "fourth", "last"]),
        (FISCAL, &["fiscal", "fy"]),
        (
            DEICTIC_DAY,
            &[
                "the",
                "tonight",
                "last",
                "this",
                "today",
                "yesterday",
                "tomorrow",
            ],
        ),
        (RELATIVE_UNIT, &["this", "the", "last", "next"]),
        (EARLIER_THIS, &["earlier", "later"]),
        (YEAR_EARLIER, &["the", "comparable", "same", "year"]),
        (PERIOD_EDGE, &["the", "year"]),
        (CURRENT_YEAR, &["the"]),
        (SPAN_OF_TIME, &["the"]),
        (SPAN_OF_TIME, &SPAN_WORDS),
        (BARE_PLURAL, &["the", "recent", "coming"]),
        (REPORTING_YEAR, &["the"]),
        (AGED, &["aged"]),
        (MODIFIED, &["early", "late", "mid", "the"]),
    ];
    for (set, list) in fixed {
        for word in *list {
            add(*set, word);
        }
    }
    for word in qualifier_words().chain(count_words()) {
        add(AGO | LEAD, word);
    }
    for word in unit_words() {
        add(AGO | BARE_PLURAL, word);
    }
    let lexicon = words::lexicon();
    for word in lexicon.seasons.keys() {
        add(SEASON, word);
    }
    for holiday in &lexicon.holidays {
        add(HOLIDAY, &holiday.name);
    }
    let references = || lexicon.references.values().flatten();
    for phrase in references() {
        add(REFERENCE, phrase);
    }
    for (key, class) in trigger::classes() {
        table.by_word.entry(key).or_default().class = Some(class);
    }
    // The words after "the".
    let the = table.the;
    let mut add_after_the = |set: Alternatives, word: &str| match leading_word_key(word) {
        Some(key) => *table.after_the.entry(key).or_default() |= set,
        None => table.after_the_always |= set,
    };
    for word in calendar_words() {
        add_after_the(RELATIVE_UNIT, &word);
    }
    let after_the: &[(Alternatives, &[&str])] = &[
        (DECADE, &DECADE_NAMES),
        (
            CENTURY,
            &["eighteenth", "nineteenth", "twentieth", "twenty"],
        ),
        (SEASON, &["coming"]),
        (
            QUARTER,
            &[
                "latest", "current", "previous", "past", "last", "next", "coming", "year",
                "fiscal", "same", "quarter", "first", "second", "third", "fourth",
            ],
        ),
        (HALF, &["first", "second", "third", "fourth", "last"]),
        (DEICTIC_DAY, &["day"]),
        (
            RELATIVE_UNIT,
            &["previous", "preceding", "following", "coming"],
        ),
        (YEAR_EARLIER, &["comparable", "same", "year"]),
        (PERIOD_EDGE, &["end", "start", "beginning", "middle"]),
        (CURRENT_YEAR, &["current", "full", "present"]),
        (SPAN_OF_TIME, &SPAN_WORDS),
        (BARE_PLURAL, &["coming"]),
        (
            REPORTING_YEAR,
            &["current", "latest", "previous", "fiscal", "year"],
        ),
        (
            MODIFIED,
            &[
                "early",
                "late",
                "mid",
                "end",
                "beginning",
                "start",
                "middle",
            ],
        ),
    ];
    for (set, list) in after_the {
        for word in *list {
            add_after_the(*set, word);
        }
    }
    for word in count_words() {
        add_after_the(SPAN_OF_TIME, word);
    }
    for word in unit_words() {
        add_after_the(RELATIVE_UNIT | SPAN_OF_TIME, word);
    }
    for word in lexicon.seasons.keys() {
        add_after_the(SEASON, word);
    }
    for phrase in references() {
        let mut phrase_words = phrase.split(' ');
        let first = phrase_words.next().unwrap_or("");
        if leading_word_key(first) == Some(the) {
            // Only "the" and a word after a space is keyed by that word;
            // "the" alone (or "the-…") is let through whatever follows.
            let next = if first.len() == 3 {
                phrase_words.next().unwrap_or("")
            } else {
                ""
            };
            add_after_the(REFERENCE, next);
        }
    }
    for key in table.after_the.keys() {
        table.after_the_filter.insert(*key);
    }
    table.the_entry = table.by_word.get(&the).copied().unwrap_or_default();
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatches_on_the_first_word() {
        assert_ne!(alternatives("November 5") & CALENDAR_DATE, 0);
        assert_ne!(alternatives("Q3 results") & QUARTER, 0);
        assert_ne!(alternatives("FY2016") & FISCAL, 0);
        assert_ne!(alternatives("year-end") & PERIOD_EDGE, 0);
        assert_ne!(alternatives("about four years") & LEAD, 0);
        assert_ne!(alternatives("2014") & YEAR, 0);
        assert_ne!(alternatives("recently") & REFERENCE, 0);
        assert_ne!(alternatives("Christmas") & HOLIDAY, 0);
        assert_eq!(alternatives("the") & (CALENDAR_DATE | AGO | FISCAL), 0);
        assert_eq!(alternatives("novel"), 0);
        assert_eq!(alternatives("2014") & (REFERENCE | DEICTIC_DAY), 0);
        assert_ne!(alternatives("the 1990s") & DECADE, 0);
        assert_ne!(alternatives("the past decade") & SPAN_OF_TIME, 0);
        assert_ne!(alternatives("the  weekend") & RELATIVE_UNIT, 0);
        assert_ne!(alternatives("the future") & REFERENCE, 0);
        assert_eq!(alternatives("the company said"), 0);
        assert_eq!(alternatives("the-year"), 0);
        assert_ne!(alternatives("5 November") & CALENDAR_DATE, 0);
        assert_ne!(alternatives("21st century") & CENTURY, 0);
        assert_ne!(alternatives("1st half") & HALF, 0);
        assert_ne!(alternatives("25/12/2017") & NUMERIC_DATE, 0);
        assert_ne!(alternatives("2017-11-01") & CALENDAR_DATE, 0);
        assert_eq!(
            alternatives("3,000 people") & (CALENDAR_DATE | YEAR | CENTURY),
            0
        );
        assert_ne!(alternatives("3,000 years") & LEAD, 0);
        assert_eq!(alternatives("123456 days") & (LEAD | AGO), 0);
    }

    /// The shortcuts for "the" keep what the maps hold: its entry as the
    /// word map has it, and every word after it in the filter that turns
    /// the others away.
    #[test]
    fn the_shortcuts_keep_the_maps() {
        let table = table();
        let the = table.by_word.get(&table.the).copied().unwrap_or_default();
        assert_eq!(table.the_entry.alternatives, the.alternatives);
        assert_eq!(table.the_entry.class, the.class);
        for key in table.after_the.keys() {
            assert!(table.after_the_filter.may_contain(*key));
        }
    }

    proptest::proptest! {
        /// One probe of the dispatch table gives the class the trigger
        /// table gives and the alternatives [`alternatives_of`] gives, and
        /// the trigger filter the scanner asks first turns away no word
        /// with a class.
        #[test]
        fn opening_is_the_class_and_the_alternatives(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "a", "an", "last", "next", "this", "qa", "Qz", "q", "Q3",
                "november", "Sept", "may", "years", "weekend", "twenty", "about", "at",
                "company", "said", "fiscal", "FY", "christmas", "recently", "decade",
                "past", "end", "early", "mid-", "2014", "1990s", "novel", "q10",
            ]), 1..4),
            word in "[a-zA-Z]{1,18}",
        ) {
            for input in [words.join(" "), format!("{word} {}", words.join(" "))] {
                let Some(key) = leading_word_key(&input) else { continue };
                let expected = trigger::class_of(key)
                    .map(|class| (class, alternatives_of(&input, Some(key))));
                proptest::prop_assert_eq!(opening(&input, key), expected, "{:?}", input);
                if expected.is_some() {
                    proptest::prop_assert!(trigger::may_have_class(key), "{:?}", input);
                }
            }
        }
    }

    /// `Clues::prune` as the groups define it: a group's alternatives stay
    /// when one of its words occurs in the lowered sentence at or after the
    /// position (after it, for an "ago" end word).
    fn pruned_by_searching(start: usize, sentence: &[u8], offset: usize) -> Alternatives {
        let mut can = Alternatives::MAX;
        for (set, words) in CLUE_GROUPS {
            let from = if set == AGO { start + 1 } else { start };
            let rest = sentence.get(from - offset..).unwrap_or(&[]);
            let occurs = words
                .iter()
                .any(|w| rest.windows(w.len()).any(|window| window == w.as_bytes()));
            if !occurs {
                can &= !set;
            }
        }
        can
    }

    proptest::proptest! {
        /// One search of the sentence for every group answers each position
        /// as a search from that position would.
        #[test]
        fn clues_match_a_search_from_each_position(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "the", "years", "year-end", "ago", "q3", "half", "centuries", "end",
                "from", "later", "period", "weekend", "midyear", "said", "2014", "a",
            ]), 0..12),
            offset in 0usize..3,
        ) {
            let sentence = words.join(" ");
            let bytes = sentence.as_bytes();
            let mut clues = Clues::default();
            // Before a search nothing is ruled out without one.
            proptest::prop_assert_eq!(clues.prune_known(Alternatives::MAX, offset), Alternatives::MAX);
            for start in offset..=offset + bytes.len() {
                let expected = pruned_by_searching(start, bytes, offset);
                proptest::prop_assert_eq!(
                    clues.prune(Alternatives::MAX, start, bytes, offset),
                    expected,
                    "{:?} at {}", sentence, start
                );
                // And after one, the positions after it are answered alike.
                proptest::prop_assert_eq!(
                    clues.prune_known(Alternatives::MAX, start),
                    expected,
                    "{:?} at {}", sentence, start
                );
            }
        }
    }
}
