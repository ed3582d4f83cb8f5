//! Temporal claims: dates, relative dates and durations, with TIMEX3 values.
//!
//! [`parse_at`] is offered every word start of a sentence. It first checks
//! the word against a small trigger set (a digit, a month or weekday, a
//! number word, a deictic word such as "today" or "last"), so most words
//! cost one comparison. Only then do the nom grammars run:
//!
//! - [`absolute`]: calendar dates, months, years, decades, seasons,
//!   quarters, fiscal years, year ranges;
//! - [`relative`]: "yesterday", weekdays, "last year", "17 years ago",
//!   "earlier this month", "recently";
//! - [`duration`]: "four years", "a three-year contract", "the past decade",
//!   ages ("Anna Berg, 39,").
//!
//! The longest reading wins. Values are resolved against the publication
//! date (`as_of`) where one is known, using the tense around the mention to
//! choose between the last and the next occurrence of a year-less date
//! ([`tense`]); without one they keep TIMEX3 placeholders ("XXXX-11-01").

mod absolute;
mod dispatch;
mod duration;
mod relative;
mod sentence;
mod tense;
mod timex;
mod trigger;
mod words;

use std::borrow::Cow;

use jiff::civil::Date;

use super::{ClaimKind, Ctx, Found, TemporalValue, Value};
#[cfg(feature = "net")]
pub(crate) use duration::NOT_NAMES;
use tense::Tense;
use timex::Direction;
pub(crate) use words::Lexicon as TemporalWords;
use words::PResult;

use crate::extract::word_table::leading_word_key;
use crate::extract::{ascii_word_starts, TOP_BITS};

pub(crate) use sentence::SentenceCache;
/// Read by look-up links, whose date windows print as TIMEX3 dates do.
pub(crate) use timex::date as iso_date;

/// Whether the per-sentence tense cues are read (always, outside tests).
fn per_sentence() -> bool {
    !crate::slow_path::taken(crate::slow_path::SlowPath::CuesAroundEachDate)
}

/// The temporal claim that starts at `start`, if any. `first_word` is the
/// word there as `word_table::leading_word_key` packs it.
// Inlined into the scanner, which asks at every word: most words are turned
// away here by the trigger filter on their first word, in fewer
// instructions than a call costs, before anything else is read or sliced.
#[inline]
pub(crate) fn parse_at(ctx: &Ctx, start: usize, first_word: Option<u128>) -> Option<Found> {
    let first = ctx.text.as_bytes().get(start)?;
    if !first.is_ascii_digit() && !first_word.is_some_and(trigger::may_have_class) {
        return None;
    }
    parse_triggered(ctx, start, first_word)
}

/// [`parse_at`] for a position that passed its trigger filter.
#[inline(never)]
fn parse_triggered(ctx: &Ctx, start: usize, first_word: Option<u128>) -> Option<Found> {
    // The scanner offers positions inside the sentence on character
    // boundaries; anything else is refused rather than sliced.
    let offset = start.checked_sub(ctx.sentence.span.start)?;
    let sentence = ctx.sentence_text();
    if offset >= sentence.len() || !sentence.is_char_boundary(offset) {
        return None;
    }
    let can = may_start(ctx, start, first_word)?;
    let env = Env::with(ctx, start, can)?;
    let mut hit = parse_env(&env)?;
    let end = start + hit.len;
    if hit.len == 0 || !ctx.text.is_char_boundary(end) {
        return None;
    }
    // The rules read the tense only where a word shows it, never a default.
    // Its one reader, the timeline rule, judges only dates against the
    // publication date, so the cue is not read for other claims nor in a
    // document without that date.
    if hit.kind == ClaimKind::Date && ctx.as_of.is_some() {
        hit.value.tense = cue_between(ctx, start, end);
    }
    Some(Found {
        start,
        end,
        kind: hit.kind,
        value: Value::Temporal(hit.value),
    })
}

/// The tense cue around a mention from `start` to `end` of the sentence.
fn cue_between(ctx: &Ctx, start: usize, end: usize) -> Option<Tense> {
    if per_sentence() {
        sentence::cue_near(ctx, start, end)
    } else {
        tense::cue_near(ctx.before(start), &ctx.text[end..ctx.sentence.span.end])
    }
}

fn parse_env(env: &Env) -> Option<Hit> {
    // Every alternative offers its reading to one `Longest` in turn, which
    // picks what picking the longest of each grammar's longest would (the
    // earlier on a tie), without moving each grammar's reading out.
    let mut best = Longest::default();
    absolute::parse(env, &mut best);
    relative::parse(env, &mut best);
    duration::parse(env, &mut best);
    best.offer(modified(env));
    best.0
}

/// A reading of the text at one position: how many bytes it covers, and
/// what it means.
#[derive(Debug, Clone, PartialEq)]
struct Hit {
    len: usize,
    kind: ClaimKind,
    value: TemporalValue,
}

/// What a grammar rule returns on success.
type Parsed = (ClaimKind, TemporalValue);

/// The hit for a nom result read from `input`.
fn hit<'a>(input: &'a str, result: PResult<'a, Parsed>) -> Option<Hit> {
    let (rest, (kind, value)) = result.ok()?;
    Some(Hit {
        len: input.len() - rest.len(),
        kind,
        value,
    })
}

/// The longest of several readings offered in turn; the earlier one on a
/// tie. Readings are large values, so each is moved at most once rather
/// than gathered into an array first.
#[derive(Default)]
struct Longest(Option<Hit>);

impl Longest {
    #[inline]
    fn offer(&mut self, candidate: Option<Hit>) {
        if let Some(candidate) = candidate {
            if self.0.as_ref().is_none_or(|b| candidate.len > b.len) {
                self.0 = Some(candidate);
            }
        }
    }

    /// Offers the hit of `parser` on `input` when the set `can` holds
    /// `alternative` (see [`dispatch`]); the parser does not run otherwise.
    #[inline]
    fn run<'a>(
        &mut self,
        can: dispatch::Alternatives,
        alternative: dispatch::Alternatives,
        input: &'a str,
        parser: impl FnOnce(&'a str) -> PResult<'a, Parsed>,
    ) {
        if can & alternative != 0 {
            self.offer(hit(input, parser(input)));
        }
    }
}

/// Where a grammar rule is being tried: the sentence around the position,
/// and the publication date.
struct Env<'c, 'a> {
    ctx: &'c Ctx<'a>,
    start: usize,
    as_of: Option<Date>,
    /// The alternatives that can match at the position (see [`dispatch`]),
    /// found once for the three grammars.
    can: dispatch::Alternatives,
}

impl<'c, 'a> Env<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>, start: usize) -> Env<'c, 'a> {
        let input = ctx.rest(start);
        let can = dispatch::alternatives_of(input, leading_word_key(input));
        Env {
            ctx,
            start,
            as_of: ctx.as_of,
            can: sentence::prune(ctx, can, start),
        }
    }

    /// The position `start`, where the alternatives `can` are left by the
    /// first word; None when the sentence rules all of them out.
    fn with(ctx: &'c Ctx<'a>, start: usize, can: dispatch::Alternatives) -> Option<Env<'c, 'a>> {
        let can = sentence::prune(ctx, can, start);
        (can != 0).then_some(Env {
            ctx,
            start,
            as_of: ctx.as_of,
            can,
        })
    }

    /// The sentence text from the position on.
    fn input(&self) -> &'a str {
        self.ctx.rest(self.start)
    }

    /// The sentence text before the position.
    fn before(&self) -> &'a str {
        self.ctx.before(self.start)
    }

    /// The word just before the position, lower-cased, when only spaces
    /// separate it from the position.
    fn previous_word(&self) -> Option<Cow<'a, str>> {
        let before = self.before();
        // "mid-November": the word before a hyphen counts as adjacent.
        let before = before.strip_suffix('-').unwrap_or(before);
        // Most words are lower-case ASCII already: borrowed as they are.
        words::last_word(before).map(crate::extract::lower_case)
    }

    /// The same sentence, `offset` bytes further on.
    fn at(&self, offset: usize) -> Env<'c, 'a> {
        Env::new(self.ctx, self.start + offset)
    }

    /// The tense cue around a mention of `len` bytes, if a word shows one.
    fn cue(&self, len: usize) -> Option<Tense> {
        match self.input().get(len..) {
            Some(_) => cue_between(self.ctx, self.start, self.start + len),
            None => tense::cue_near(self.before(), ""),
        }
    }

    /// The tense of the sentence around a mention of `len` bytes.
    fn tense(&self, len: usize) -> Tense {
        self.cue(len).unwrap_or(Tense::Past)
    }

    /// Which occurrence a year-less mention of `len` bytes means.
    fn direction(&self, len: usize) -> Direction {
        match self.tense(len) {
            Tense::Past => Direction::OnOrBefore,
            Tense::Future => Direction::OnOrAfter,
        }
    }

    /// Whether a year-less mention of `len` bytes means the occurrence
    /// `future_days` after publication rather than the one `past_days`
    /// before it.
    ///
    /// With `strict` (a day of the month) the tense decides, as a reader
    /// would: "reopened on December 1" is the last one. But a date that is
    /// a goal ("extended the offer to Nov. 20", "payable Jan. 2") takes no
    /// tense from the verb, and neither does a season or quarter, which a
    /// cue only weighs three to one (a quarter just ended is still "the
    /// third quarter" in a sentence about expectations). Without a cue the
    /// nearer occurrence wins, the past one unless the future one is twice
    /// as near, as news mostly reports the past.
    fn prefers_future(&self, len: usize, past_days: i64, future_days: i64, strict: bool) -> bool {
        let goal = self.previous_word().is_some_and(|w| {
            matches!(
                &*w,
                "to" | "until" | "till" | "through" | "by" | "payable" | "effective" | "from"
            )
        });
        let cue = if goal { None } else { self.cue(len) };
        let (past_weight, future_weight) = match cue {
            Some(Tense::Past) if strict => (1.0, f64::INFINITY),
            Some(Tense::Future) if strict => (f64::INFINITY, 1.0),
            Some(Tense::Past) => (1.0, 3.0),
            Some(Tense::Future) => (3.0, 1.0),
            None => (1.0, 2.0),
        };
        (future_days as f64) * future_weight < (past_days as f64) * past_weight
    }

    /// The year of a year-less period that runs from `first` to `last`
    /// (month and day) in any year: the occurrence before or after
    /// publication, as [`Env::prefers_future`] decides.
    fn choose_year(
        &self,
        len: usize,
        first: (i8, i8),
        last: (i8, i8),
        strict: bool,
    ) -> Option<i32> {
        let as_of = self.as_of?;
        let y = i32::from(as_of.year());
        let at = |year: i32, (month, day): (i8, i8)| -> Option<Date> {
            let start = Date::new(i16::try_from(year).ok()?, month, 1).ok()?;
            Date::new(start.year(), month, day.min(start.days_in_month())).ok()
        };
        // The period this year, and the last one that started on or before
        // publication and the next one that ends on or after it.
        let (start, end) = (at(y, first)?, at(y, last)?);
        if start <= as_of && as_of <= end {
            return Some(y);
        }
        let (past_year, future_year) = if end < as_of { (y, y + 1) } else { (y - 1, y) };
        let past_days = (as_of - at(past_year, last)?).get_days().into();
        let future_days = (at(future_year, first)? - as_of).get_days().into();
        Some(
            if self.prefers_future(len, past_days, future_days, strict) {
                future_year
            } else {
                past_year
            },
        )
    }

    /// The quarter a passage reports on, when it speaks of one: "third
    /// quarter" gives that quarter (the latest one by publication), "the
    /// quarter" or "the latest quarter" the last completed one. Earnings
    /// reports compare "a year ago" with that quarter, not with the whole
    /// year, often a sentence or two after naming it, so the two sentences
    /// before this one are read too (the nearest mention wins).
    fn reported_quarter(&self) -> Option<Date> {
        let as_of = self.as_of?;
        let sentences = &self.ctx.doc.sentences;
        let index = self.ctx.doc.sentence_at(self.start)?;
        // At most the last 600 bytes, so a run-on "sentence" costs no more.
        let mut from = sentences[index.saturating_sub(2)]
            .span
            .start
            .max(self.start.saturating_sub(600));
        while !self.ctx.text.is_char_boundary(from) {
            from += 1;
        }
        let passage = self.ctx.text.get(from..self.start)?.to_ascii_lowercase();
        let sentence_rest = self
            .input()
            .get(..self.input().len().min(200))
            .unwrap_or("")
            .to_ascii_lowercase();
        let ordinal_of = |head: &str| {
            let head = head.trim_end_matches(['-', ' ']);
            [("first", 1), ("second", 2), ("third", 3), ("fourth", 4)]
                .into_iter()
                .find(|(word, _)| head.ends_with(word))
                .map(|(_, n)| n)
        };
        let names_period = |head: &str| {
            let head = head.trim_end();
            ["the", "latest", "fiscal", "year-ago", "year-earlier"]
                .iter()
                .any(|w| head.ends_with(w))
        };
        // The last mention before the claim, else the first after it in
        // the same sentence.
        let mention = passage
            .rmatch_indices("quarter")
            .map(|(at, _)| &passage[..at])
            .chain(
                sentence_rest
                    .match_indices("quarter")
                    .map(|(at, _)| &sentence_rest[..at]),
            )
            .find(|head| ordinal_of(head).is_some() || names_period(head))?;
        let ordinal = ordinal_of(mention);
        let current = timex::quarter_of(as_of.month());
        let y = i32::from(as_of.year());
        let (y, n) = match ordinal {
            Some(n) if n <= current => (y, n),
            Some(n) => (y - 1, n),
            None if current == 1 => (y - 1, 4),
            None => (y, current - 1),
        };
        Date::new(i16::try_from(y).ok()?, (n - 1) * 3 + 1, 1).ok()
    }

    /// The publication date as the `anchor` field writes it.
    fn anchor(&self) -> Option<String> {
        self.as_of.map(timex::date)
    }
}

/// Cheap test on the first word: can a temporal claim start at `start` at
/// all? `first_word` is the word there, packed. Returns the alternatives
/// that can match there (see [`dispatch`]), none of which can when there
/// are none.
fn may_start(ctx: &Ctx, start: usize, first_word: Option<u128>) -> Option<dispatch::Alternatives> {
    let input = ctx.rest(start);
    // A figure, or a word with a trigger class (see `trigger`): none else
    // opens a temporal expression. The word's class and its alternatives
    // are one table lookup: most openers ("the company", "that") open none
    // of the alternatives, and the words after them are not read.
    let (class, can) = if input.as_bytes()[0].is_ascii_digit() {
        (None, dispatch::alternatives_of(input, first_word))
    } else {
        let (class, can) = dispatch::opening(input, first_word?)?;
        (Some(class), can)
    };
    if can == 0 {
        return None;
    }
    // A word temporal in itself needs no look-ahead (and the sentence's
    // clue words are read once the grammars are to run).
    if class == Some(trigger::Class::Temporal) {
        return Some(can);
    }
    // What the sentence's clue words rule out, where a position before
    // this one has found them already: most openers ("a", "at", "more")
    // are turned away here without reading the words after them.
    let can = sentence::prune_known(ctx, can, start);
    if can == 0 {
        return None;
    }
    // Common words ("the", "at", "some", "more") open temporal expressions
    // only before a word that is temporal in itself, which keeps the
    // grammars from running at most of the text's words.
    let may = match class {
        // The opener's letters are packed already: the look-ahead starts
        // after them.
        Some(_) => next_words_temporal(input, first_word.map_or(0, packed_len)),
        None => digits_may_start(input),
    };
    may.then_some(can)
}

/// Whether a figure can open a temporal expression: a year ("2014",
/// "1990s"), a date or range written with punctuation ("2017-11-01",
/// "2014–17", "01/11"), a day ("5th"), an age ("Anna Berg, 39,"), or a number
/// before a temporal word ("four years", "10 to 12 months", "5 November").
/// Most figures are counts ("3,000 people") and are left to the numeric family
/// without running the temporal grammars.
fn digits_may_start(input: &str) -> bool {
    let digits = input.bytes().take_while(u8::is_ascii_digit).count();
    let after = &input[digits..];
    if digits == 4 || after.starts_with([',', ')']) {
        return true;
    }
    if after.starts_with(['/', '-', '–', '.', ':', '\'', '’', 's'])
        || ["st", "nd", "rd", "th"]
            .iter()
            .any(|suffix| after.starts_with(suffix))
    {
        return true;
    }
    next_words_temporal(input, 0) || next_word_joins(input)
}

/// Whether the word after the first one is `to`, `or`, `and`, `more`, `of`
/// or `a` (in any case).
fn next_word_joins(input: &str) -> bool {
    let Some(gap) = find_alphanumeric(input, false) else {
        return false;
    };
    let Some(next) = find_alphanumeric(&input[gap..], true) else {
        return false;
    };
    let mut buffer = [0u8; 16];
    matches!(
        crate::extract::leading_word_lower(&input[gap + next..], &mut buffer),
        Some("to" | "or" | "and" | "more" | "of" | "a")
    )
}

/// The byte offset of the first character of `text` that is alphanumeric
/// (`wanted`) or not. The scanner asks at the words after every opener, so
/// ASCII is read byte by byte without decoding.
fn find_alphanumeric(text: &str, wanted: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // The ASCII run first, in a tight loop.
        while let Some(byte) = bytes.get(i).filter(|b| b.is_ascii()) {
            if byte.is_ascii_alphanumeric() == wanted {
                return Some(i);
            }
            i += 1;
        }
        // `i` is on a character boundary: the end, or a non-ASCII one.
        let c = text[i..].chars().next()?;
        if c.is_alphanumeric() == wanted {
            return Some(i);
        }
        i += c.len_utf8();
    }
}

/// Whether one of the next four words is a digit or a temporal word: the
/// runs of letters and digits after the one the position starts, which
/// goes on at least to byte `skip` (none starts before it).
fn next_words_temporal(input: &str, skip: usize) -> bool {
    let bytes = input.as_bytes();
    let mut at = skip;
    for _ in 0..4 {
        let Some(next) = next_run(input, at) else {
            return false;
        };
        if bytes[next].is_ascii_digit() {
            return true;
        }
        // Most words are turned away on their first two letters, before
        // they are packed; `next_run` steps over the whole word from its
        // start as from the end of its letters.
        if !trigger::may_be_temporal(&bytes[next..]) {
            at = next;
            continue;
        }
        let rest = &input[next..];
        let key = leading_word_key(rest);
        if key.and_then(trigger::class_of) == Some(trigger::Class::Temporal) {
            return true;
        }
        // The word's leading letters are read already: skip them.
        at = next + key.map_or(0, packed_len);
    }
    false
}

/// How many letters `leading_word_key` packed into `key`: the packed word
/// ends in a zero byte for each of the 16 it does not fill.
fn packed_len(key: u128) -> usize {
    16 - (key.trailing_zeros() / 8) as usize
}

/// The start of the first run of letters and digits in `text` after the one
/// byte `at` (a character boundary) is in, or after `at` when it is in
/// none: [`find_alphanumeric`] for the gap and then for the next word, in
/// one pass. Where the text goes on in ASCII, eight bytes are classed at
/// once; elsewhere [`next_run_by_chars`] reads it.
fn next_run(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = at;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        // The first byte in the lowest lanes.
        let chunk = u64::from_le_bytes(*chunk);
        if chunk & TOP_BITS != 0 {
            break;
        }
        // The bytes after the first that start a run: alphanumeric, after
        // one that is not (the first byte counts as after one that is).
        let (starts, _) = ascii_word_starts(chunk, true);
        if starts != 0 {
            return Some(at + (starts.trailing_zeros() / 8) as usize);
        }
        // No run starts after the first byte, so none starts before the
        // last either: the answer is the same from the last byte.
        at += 7;
    }
    next_run_by_chars(text, at)
}

/// [`next_run`] character by character: ASCII bytes are classed by a
/// table, in a tight loop for each of the two steps.
fn next_run_by_chars(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    // Whether the character at `i` is alphanumeric, and its length.
    let class = |i: usize| match RUN_BYTES[usize::from(bytes[i])] {
        words::WORD_BYTE => Some((true, 1)),
        words::GAP_BYTE => Some((false, 1)),
        _ => text[i..]
            .chars()
            .next()
            .map(|c| (c.is_alphanumeric(), c.len_utf8())),
    };
    // The rest of the run `at` is in, then the gap.
    for wanted in [false, true] {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (alphanumeric, width) = class(i)?;
            if alphanumeric == wanted {
                break;
            }
            i += width;
        }
    }
    Some(i)
}

/// The kind of each byte to [`next_run`] (the apostrophe ends a word here).
static RUN_BYTES: [u8; 256] = words::byte_kinds(false);

/// "early 1991", "late November", "mid-1990s", "the end of 2017": a period
/// with a TIMEX3 `mod`.
fn modified(env: &Env) -> Option<Hit> {
    let input = env.input();
    if env.can & dispatch::MODIFIED == 0 {
        return None;
    }
    const PREFIXES: [(&str, &str); 10] = [
        ("early", "START"),
        ("late", "END"),
        ("mid", "MID"),
        ("the early", "START"),
        ("the late", "END"),
        ("the mid", "MID"),
        ("the end of", "END"),
        ("the beginning of", "START"),
        ("the start of", "START"),
        ("the middle of", "MID"),
    ];
    let mut best = Longest::default();
    for (prefix, modifier) in PREFIXES {
        let Ok((rest, ())) = words::phrase(input, prefix) else {
            continue;
        };
        let Ok((rest, _)) = words::sp_or_hyphen(rest) else {
            continue;
        };
        let offset = input.len() - rest.len();
        let inner_env = env.at(offset);
        let mut inner = Longest::default();
        absolute::parse(&inner_env, &mut inner);
        relative::parse(&inner_env, &mut inner);
        let Some(inner) = inner.0 else { continue };
        if inner.kind == ClaimKind::Duration || inner.value.modifier.is_some() {
            continue;
        }
        let mut value = inner.value;
        value.modifier = Some(modifier.to_string());
        best.offer(Some(Hit {
            len: offset + inner.len,
            kind: inner.kind,
            value,
        }));
    }
    best.0
}

#[cfg(test)]
mod tests;
