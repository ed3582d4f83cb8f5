//! Numeric claims: counts, quantities, money, percentages and ordinals.
//!
//! [`parse_at`] is offered every word start (and the claim symbols `$ € £ ~
//! ≈ < > ...`) of a sentence. It rejects on the first word unless that word
//! can open a figure (a digit, a currency sign or code, a qualifier, a number
//! or fraction word), then reads, in order:
//!
//! 1. a qualifier ("more than", "about", "~") or "between";
//! 2. a currency prefix ("US$", "€", "Rs");
//! 3. the number (number.rs, words.rs), a share ("two-thirds", "one in
//!    five") or an open plural scale ("thousands of");
//! 4. a suffix: percent (percent.rs), currency name (money.rs) or unit
//!    (quantity.rs);
//! 5. a range ("10-20", "10 to 20", "between 10 and 20") or a tolerance
//!    ("5.2 ± 0.3 mg");
//! 6. a qualifier after the number ("or more", "-odd", "+");
//! 7. for a bare number, what it counts (count.rs): a noun phrase, a
//!    partitive ("17 of which", "nine of the 12 teams"), or a duration noun,
//!    which leaves the number to the temporal family.
//!
//! Decisions worth knowing:
//! - Shares ("half of", "a third of", "two-thirds", "one in five") are
//!   percent claims with unit "%" (one in five is 20), so the consistency
//!   rules compare them with stated percentages.
//! - A range's `number` is its low end; `low` and `high` give the range.
//!   A tolerance ("5 ± 0.3") keeps the stated number with the interval.
//! - "thousands of", "billions of dollars" are open intervals from twice the
//!   scale, qualifier at-least.
//! - A bare year-like integer ("2014") is never a count unless qualified
//!   ("more than 2000 people"); a spelled "one" counts only with a noun or a
//!   partitive, and never after "no", "any", "the".
//! - "m" glued to digits is metres ("the 100m", "a 10m wall"), except after a
//!   currency ("$3.5m") or before a plural noun, unit or currency ("200m
//!   people", "40m tonnes"), where it is millions.
//! - A unit ending a list applies to every item ("2.5, 4 and 9 kg"), but
//!   not across ", or" ("1.4bn, or 18%"), which restates.
//! - A number right after a time noun ("day 3"), glued into a label
//!   ("18O/16O", "under-18s", "1990s") or left over from a declined figure
//!   ("2014-17", "1,000th") is not a claim; durations and dates belong to
//!   the temporal family.
//! - Signs the scanner does not stop at ("∼", "−", "⩾") still shape the
//!   value: a minus sign negates, "∼" makes it approximate.

mod count;
mod lexicon;
mod money;
mod number;
mod ordinal;
mod percent;
mod qualifier;
mod quantity;
mod text;
mod words;

use super::word_table::{self, WordTable};
use super::{Claim, ClaimKind, Ctx, Found, NumberValue, Partitive, Qualifier, Value};
use count::Counted;
pub(crate) use lexicon::{numbers, CurrencyFile, Numbers, UnitFile};
use text::{at_boundary, last_word_lower, skip_space, space1, word_ci};

/// The numeric claim that starts at `start`, if any: the longest reading.
/// `first_word` is the word at `start` as `word_table::leading_word_key`
/// packs it.
// Inlined into the scanner: nearly every position is ruled out by one
// look-up of the packed first word, and the rest of the work is kept out of
// line.
#[inline]
pub(crate) fn parse_at(
    ctx: &Ctx,
    start: usize,
    first_word: Option<u128>,
    tables: &Tables,
) -> Option<Found> {
    let opener = Opener::at(ctx.text, start, first_word, tables.openers)?;
    parse_opened(ctx, start, opener)
}

/// The tables the family's first test reads at every word start, resolved
/// once per document rather than at each start (a resolution reads a
/// thread-local and a `OnceLock`, which cost as much as the test itself).
pub(crate) struct Tables {
    openers: &'static Openers,
}

impl Tables {
    pub(crate) fn resolve() -> Tables {
        Tables {
            openers: opener_words(),
        }
    }
}

/// True while a test runs the family without its gates.
#[cfg(test)]
fn gates_off() -> bool {
    crate::slow_path::taken(crate::slow_path::SlowPath::NoGates)
}

#[inline(never)]
fn parse_opened(ctx: &Ctx, start: usize, opener: Opener) -> Option<Found> {
    let rest = ctx.rest(start);
    let before = ctx.before(start);
    // the second half of "18O/16O" or "12/3b": part of a label; the
    // second half of "5-7" or "2014-17" when the range was declined; the
    // tail of a figure the parsers declined ("1,000th", "1,2")
    // (Most words follow a space: the last byte rules both out first; 0x93
    // ends "–".)
    let may_be_tail = matches!(
        before.as_bytes().last(),
        Some(b'/' | b'-' | 0x93 | b',' | b'.')
    );
    if may_be_tail {
        let tail_of_label = before
            .strip_suffix(['/', '-', '–'])
            .is_some_and(|b| b.ends_with(char::is_alphanumeric));
        let tail_of_number = before
            .strip_suffix([',', '.'])
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        if tail_of_label || tail_of_number {
            return None;
        }
    }
    let prefix = qualifier::prefix(rest, opener.qualifier_group());
    match prefix {
        // "about the", "over a week", "some people": most qualifier words
        // are followed by no figure at all
        Some((_, body)) if !may_open_figure(body) => return None,
        None if !opener.opens_unqualified(rest) => return None,
        _ => {}
    }
    let parsed = parse(rest, before, prefix)?;
    Some(Found {
        start,
        end: start + parsed.len,
        kind: parsed.kind,
        value: Value::Number(parsed.value),
    })
}

/// A numeric claim read from the start of a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parsed {
    pub len: usize,
    pub kind: ClaimKind,
    pub value: NumberValue,
}

/// What the first word or sign at a position says about the claims that can
/// start there, from the cheap first test.
#[derive(Debug, Clone, Copy)]
enum Opener {
    /// A digit or a claim symbol: every parser may apply.
    Figure,
    /// A word, with its [`opener_words`] bits (0 when only a currency
    /// prefix can start here).
    Word(u32),
}

/// Bits of [`opener_words`]: what a leading word can open.
mod opens {
    /// A number, ordinal or fraction word or a plural scale ("seventeen",
    /// "ninth", "half", "thousands"), or "between".
    pub const NUMBER: u32 = 1;
    /// The first word of a qualifier ("more", "in" of "in excess of").
    pub const QUALIFIER: u32 = 2;
    /// "a", "an": a number only before a scale or a denominator ("a
    /// hundred", "a third"), else only as a qualifier ("a minimum of").
    pub const ARTICLE: u32 = 4;
    /// What may follow "a" in a figure: the scale words, "hundred",
    /// "dozen" and the fraction denominators.
    pub const AFTER_ARTICLE: u32 = 8;
    /// The leading ASCII letters of a currency prefix ("us" of "US$",
    /// "rs"): a capitalised word opens a money prefix only with these.
    pub const MONEY: u32 = 16;
    /// The second word of a qualifier phrase ("than" of "more than").
    pub const SECOND: u32 = 32;
    /// A qualifier's first word also carries the number of its group of
    /// phrases (`qualifier::first_words`) from this bit up.
    pub const GROUP_SHIFT: u32 = 8;
}

impl Opener {
    /// The cheap first test: None when no numeric claim can start at
    /// `start` of `text`.
    #[inline]
    fn at(text: &str, start: usize, first_word: Option<u128>, openers: &Openers) -> Option<Opener> {
        #[cfg(test)]
        if gates_off() {
            return Some(Opener::Figure);
        }
        let &first = text.as_bytes().get(start)?;
        let Some(packed) = first_word.filter(|_| first.is_ascii_alphabetic()) else {
            return Opener::at_other(&text[start..]);
        };
        let bits = openers.get_key(packed);
        if bits & opens::NUMBER != 0 {
            return Some(Opener::Word(bits));
        }
        // "in", "a", "at", "as", "not": common words that open a figure
        // only before a few words
        if bits & (opens::QUALIFIER | opens::ARTICLE) != 0
            && next_word_goes_on(&text[start..], openers)
        {
            return Some(Opener::Word(bits));
        }
        // A capitalised word opens a money prefix only when its letters are
        // a prefix's letters ("US" of "US$", "Rs"), which the table marks.
        let money = bits & opens::MONEY != 0 && first.is_ascii_uppercase();
        (money && money::may_start(&text[start..])).then_some(Opener::Word(bits))
    }

    /// [`Opener::at`] for what does not start with a short ASCII word: a
    /// digit, a sign, a letter outside ASCII or a word too long to pack.
    #[inline(never)]
    fn at_other(s: &str) -> Option<Opener> {
        let &first = s.as_bytes().first()?;
        if first.is_ascii_digit() {
            return Some(Opener::Figure);
        }
        if !first.is_ascii_alphabetic() {
            let c = s.chars().next()?;
            let symbol = matches!(
                c,
                '$' | '€'
                    | '£'
                    | '¥'
                    | '₹'
                    | '₩'
                    | '₽'
                    | '₦'
                    | '₪'
                    | '₺'
                    | '₴'
                    | '₿'
                    | '~'
                    | '≈'
                    | '∼'
                    | '<'
                    | '>'
                    | '≥'
                    | '≤'
            );
            return symbol.then_some(Opener::Figure);
        }
        let letters = text::ascii_letters(s);
        if letters > 24 {
            return None;
        }
        let mut buf = [0u8; 24];
        let bits = crate::extract::leading_word_lower(s, &mut buf)
            .map_or(0, |w| opener_words().words.get(w));
        let opens = bits & (opens::NUMBER | opens::QUALIFIER | opens::ARTICLE) != 0;
        (opens || first.is_ascii_uppercase() && money::may_start(s)).then_some(Opener::Word(bits))
    }

    /// The group of qualifier phrases the first word opens, 0 for none.
    fn qualifier_group(self) -> usize {
        match self {
            Opener::Figure => 0,
            Opener::Word(bits) => (bits >> opens::GROUP_SHIFT) as usize,
        }
    }

    /// True when a figure can start here without a qualifier before it (the
    /// caller found none): a digit or sign, a number word, "a" before a
    /// scale or denominator, or a currency prefix. A qualifier's first word
    /// ("as", "in", "at", "not") opens nothing on its own.
    fn opens_unqualified(self, s: &str) -> bool {
        let bits = match self {
            Opener::Figure => return true,
            Opener::Word(bits) => bits,
        };
        if bits & opens::NUMBER != 0 {
            return true;
        }
        if bits & opens::ARTICLE != 0 && article_opens(s) {
            return true;
        }
        s.as_bytes()[0].is_ascii_uppercase() && money::may_start(s)
    }
}

/// False when the word after a qualifier's or an article's first word
/// (which starts `s`) shows that neither goes on into a figure: a
/// qualifier needs its next word ("than" of "more than") or a figure
/// ([`may_open_figure`]), an article a scale or a denominator ("a
/// hundred", "a third"). Anything but spaces and an ASCII word after the
/// first word ("approx.", "a-third", "as\n") is let through.
#[inline(never)]
fn next_word_goes_on(s: &str, openers: &Openers) -> bool {
    #[cfg(test)]
    if gates_off() {
        return true;
    }
    let bytes = s.as_bytes();
    let mut at = text::ascii_letters(s);
    if bytes.get(at) != Some(&b' ') {
        return true;
    }
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        return true;
    }
    let goes_on =
        opens::NUMBER | opens::ARTICLE | opens::MONEY | opens::AFTER_ARTICLE | opens::SECOND;
    match word_table::leading_word_key(&s[at..]) {
        Some(packed) => openers.get_key(packed) & goes_on != 0,
        // a longer word: let the parsers decide
        None => true,
    }
}

/// False when no figure can start `body`, the text after a qualifier: a
/// figure opens with a digit or a sign, or with a word that opens a number
/// or a share ("five", "half", "thousands", "a" of "a third") or whose
/// letters are a currency prefix's ("US" of "US$").
fn may_open_figure(body: &str) -> bool {
    #[cfg(test)]
    if gates_off() {
        return true;
    }
    match body.as_bytes().first() {
        None => false,
        Some(first) if first.is_ascii_alphabetic() => match word_table::leading_word_key(body) {
            Some(packed) => {
                let figure_bits = opens::NUMBER | opens::ARTICLE | opens::MONEY;
                opener_words().get_key(packed) & figure_bits != 0
            }
            // a longer word: let the parsers decide
            None => true,
        },
        Some(_) => true,
    }
}

/// "a hundred", "a-third", "an eighth": whether the word after a leading
/// "a" or "an" (after a hyphen or spaces) can carry a figure.
fn article_opens(s: &str) -> bool {
    let letters = text::ascii_letters(s);
    let after = &s[letters..];
    let next = after
        .strip_prefix('-')
        .unwrap_or_else(|| text::skip_space(after));
    match word_table::leading_word_key(next) {
        Some(packed) => opener_words().get_key(packed) & opens::AFTER_ARTICLE != 0,
        // a longer word: let the parsers decide
        None => next.starts_with(|c: char| c.is_ascii_alphabetic()),
    }
}

/// The lower-case words that can open a numeric claim, with [`opens`] bits:
/// number, ordinal and fraction words, the first words of qualifiers,
/// "between", the articles and the words that may follow them. One table of
/// packed words, built once per word-list configuration (a pack may add
/// scale words).
struct Openers {
    words: WordTable,
    /// The packed words of `words`: nearly every word of a text opens
    /// nothing, and the filter says so without a table probe.
    filter: word_table::PackedFilter,
}

impl Openers {
    /// The [`opens`] bits of the word packed as `packed`.
    fn get_key(&self, packed: u128) -> u32 {
        if !self.filter.may_contain(packed) {
            return 0;
        }
        self.words.get_key(packed)
    }
}

fn opener_words() -> &'static Openers {
    static WORDS: std::sync::OnceLock<Openers> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&WORDS, || {
        let money_letters: Vec<String> = money::prefix_letters().collect();
        let entries: Vec<(&str, u32)> = words::opener_words()
            .chain(["between"])
            .map(|w| (w, opens::NUMBER))
            .chain(
                qualifier::first_words()
                    .map(|(w, group)| (w, opens::QUALIFIER | (group as u32) << opens::GROUP_SHIFT)),
            )
            .chain(["a", "an"].map(|w| (w, opens::ARTICLE)))
            .chain(words::after_article().map(|w| (w, opens::AFTER_ARTICLE)))
            .chain(money_letters.iter().map(|w| (w.as_str(), opens::MONEY)))
            .chain(qualifier::second_words().map(|w| (w, opens::SECOND)))
            .collect();
        let mut filter = word_table::PackedFilter::default();
        for packed in entries.iter().filter_map(|(w, _)| word_table::key(w)) {
            filter.insert(packed);
        }
        Openers {
            words: WordTable::new(entries),
            filter,
        }
    })
}

/// How a range's two ends may be joined.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RangeJoin {
    /// "10-20", "10–20", "10 to 20"
    DashOrTo,
    /// "10-20" only (after "from" or "by", "to" starts the next figure)
    Dash,
    /// "between 10 and 20"
    And,
}

/// A figure: what follows the qualifier, up to the end of the claim.
#[derive(Debug, Clone)]
struct Figure<'a> {
    number: f64,
    /// Set for ranges and tolerances.
    interval: Option<(Option<f64>, Option<f64>)>,
    kind: ClaimKind,
    unit: Option<String>,
    subject: Option<String>,
    partitive: Partitive,
    /// A qualifier the figure itself carries ("thousands of", "70 or more").
    qualifier: Option<Qualifier>,
    rest: &'a str,
}

impl<'a> Figure<'a> {
    fn new(number: f64, kind: ClaimKind, rest: &'a str) -> Figure<'a> {
        Figure {
            number,
            interval: None,
            kind,
            unit: None,
            subject: None,
            partitive: Partitive::None,
            qualifier: None,
            rest,
        }
    }
}

/// The claim at the start of `s`, after `before`; `qualifier` is the
/// qualifier that opens `s`, if any, as [`qualifier::prefix`] reads it.
fn parse<'a>(s: &'a str, before: &str, qualifier: Option<(Qualifier, &'a str)>) -> Option<Parsed> {
    let (prefix, body) = match qualifier {
        Some((q, body)) => (Some(q), body),
        // a sign the scanner does not stop at ("∼12 Ma", "⩾ 400 K") still
        // qualifies the value, though the span starts at the number
        None => (qualifier::symbol_before(before), s),
    };
    // "about -173°C": a sign between the qualifier and the number.
    let signed_body = prefix.and_then(|_| {
        let unsigned = body.strip_prefix(['-', '−'])?;
        unsigned
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some(unsigned)
    });
    let body = signed_body.unwrap_or(body);
    let last = last_word_lower(before);
    let figure = match word_ci(body, "between").and_then(space1) {
        Some(after) if prefix.is_none() => {
            let f = figure(after, before, &last, RangeJoin::And, false)?;
            f.interval?;
            f
        }
        _ => {
            let join = if prefix.is_none() && matches!(last.as_ref(), "from" | "by") {
                RangeJoin::Dash
            } else {
                RangeJoin::DashOrTo
            };
            figure(body, before, &last, join, prefix.is_some())?
        }
    };
    if !at_boundary(figure.rest) {
        return None;
    }
    let len = s.len() - figure.rest.len();
    let negative = figure.interval.is_none() && (signed_body.is_some() || starts_negative(before));
    let sign = if negative { -1.0 } else { 1.0 };
    let number = figure.number * sign;
    let (qualifier, low, high) = match (prefix, figure.qualifier, figure.interval) {
        (_, _, Some((low, high))) => (prefix.unwrap_or(Qualifier::Exact), low, high),
        (Some(q), _, None) | (None, Some(q), None) => {
            let (low, high) = qualifier::bounds(q, number);
            let (low, high) = match figure.qualifier {
                // open plural scales keep their own floor
                Some(Qualifier::AtLeast) if prefix.is_none() => (Some(number), None),
                _ => (low, high),
            };
            (q, low, high)
        }
        (None, None, None) => (Qualifier::Exact, Some(number), Some(number)),
    };
    Some(Parsed {
        len,
        kind: figure.kind,
        value: NumberValue {
            number,
            low,
            high,
            qualifier,
            unit: figure.unit,
            subject: figure.subject,
            part_of: None,
            partitive: figure.partitive,
        },
    })
}

/// A minus sign right before the number that is a sign, not a dash: "−5 °C",
/// "( -3%", but not "2014-15" or "F-16".
fn starts_negative(before: &str) -> bool {
    let Some(stripped) = before.strip_suffix(['-', '−']) else {
        return false;
    };
    stripped
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '=' | '~' | '≈' | '∼' | ':'))
}

/// A percent, currency name or unit after a number: the kind, the unit,
/// the factor to apply and the rest.
fn suffix<'a>(s: &'a str, before: &str) -> Option<(ClaimKind, String, f64, &'a str)> {
    if !may_start_suffix(s) {
        return None;
    }
    if let Some((unit, factor, rest)) = percent::suffix(s, before) {
        return Some((ClaimKind::Percent, unit.to_string(), factor, rest));
    }
    if let Some((currency, rest)) = money::name(s) {
        return Some((
            ClaimKind::Money,
            currency.code.to_string(),
            currency.factor,
            rest,
        ));
    }
    let (unit, rest) = quantity::unit(s)?;
    Some((ClaimKind::Quantity, unit, 1.0, rest))
}

/// False when no suffix can start `s`: the three readers [`suffix`] asks
/// each start at `s` after its spaces, or after a hyphen that opens it
/// ("a 10-kilometre walk", "5-per-cent"), with one of their forms. Nearly
/// every text after a number ("people", "of the", ".") starts none, and one
/// gate over all their forms says so once, where each reader skipped the
/// spaces and tested the text against its own forms.
fn may_start_suffix(s: &str) -> bool {
    if crate::slow_path::taken(crate::slow_path::SlowPath::EverySuffix) {
        return true;
    }
    let gate = suffix_forms();
    gate.may_start(skip_space(s))
        || s.strip_prefix('-')
            .is_some_and(|attached| gate.may_start(attached))
}

/// The gate of [`may_start_suffix`]: the unit symbols as written, and the
/// unit names, currency names and percentage forms in lower case, made once
/// per word-list configuration (a pack may add units and currencies).
fn suffix_forms() -> &'static lexicon::StartGate {
    static GATE: std::sync::OnceLock<lexicon::StartGate> = std::sync::OnceLock::new();
    crate::lexicon::resolve(&GATE, || {
        let units = lexicon::units();
        let names = units.names.keys().chain(lexicon::currencies().names.keys());
        lexicon::StartGate::new(
            units.symbols.keys().map(String::as_str),
            names.map(String::as_str).chain(percent::forms()),
        )
    })
}

/// The figure at the start of `s`, after `before` whose last word (lower
/// case) is `last_word`; `qualified` when a qualifier came before it ("more
/// than 2000 people" is a count even though 2000 reads as a year).
fn figure<'a>(
    s: &'a str,
    before: &str,
    last_word: &str,
    join: RangeJoin,
    qualified: bool,
) -> Option<Figure<'a>> {
    let (currency, body) = match money::prefix(s) {
        Some((c, body)) => (Some(c), body),
        None => (None, s),
    };
    if currency.is_none() {
        if let Some(f) = open_scale(body) {
            return Some(f);
        }
    }
    // the number is read once for the share and the plain readings
    let num = number::number(body, currency.is_some());
    if currency.is_none() {
        // "rose by a fifth": after "by" a fraction needs no "of"
        let after_by = last_word == "by";
        if let Some((share, len)) =
            words::one_in(body, num).or_else(|| words::fraction(body, after_by))
        {
            let mut f = Figure::new(share * 100.0, ClaimKind::Percent, &body[len..]);
            f.unit = Some("%".to_string());
            return Some(f);
        }
    }
    let mut num = num?;
    let mut rest = &body[num.len..];
    if currency.is_none() && num.scale.is_none() {
        if let Some(after) = million_before_noun(rest) {
            num.value *= 1e6;
            num.scale = Some(1e6);
            num.year_like = false;
            rest = after;
        }
    }
    if num.ordinal {
        if currency.is_some() {
            return None;
        }
        let ranked = ordinal::ranked(rest, before, num.spelled)?;
        let mut f = Figure::new(num.value, ClaimKind::Ordinal, ranked.rest);
        f.subject = ranked.subject;
        f.partitive = ranked.partitive;
        return Some(f);
    }
    // "the 1990s", "the 80s", "under-18s": decades and age groups, not
    // seconds (which a measurement writes "30 s" or "2.5s")
    let glued_s = rest.starts_with('s') && at_boundary(&rest[1..]);
    let integer = !body[..num.len].contains('.');
    if glued_s && integer && !num.spelled {
        return None;
    }
    let mut f = Figure::new(num.value, ClaimKind::Count, rest);
    if let Some(c) = currency {
        f.kind = ClaimKind::Money;
        f.unit = Some(c.code.to_string());
        f.number *= c.factor;
    } else if let Some((kind, unit, factor, after)) = suffix(rest, before) {
        f.kind = kind;
        f.unit = Some(unit);
        f.number *= factor;
        rest = after;
    }
    // ranges: "10-20", "10 to 20 km", "$10-20 million", "between 10 and 20"
    if let Some((low_scale, high, after, second_suffix)) =
        range_tail(rest, before, join, currency.is_some(), f.unit.is_some())
    {
        let mut low = f.number;
        if num.scale.is_none() {
            if let Some(scale) = low_scale {
                low *= scale;
            }
        }
        let mut high = high;
        if let Some((kind, unit, factor)) = second_suffix {
            match &f.unit {
                Some(existing) if *existing != unit => {
                    return finish_count(f, rest, num, before, last_word, qualified)
                }
                _ => {}
            }
            if f.unit.is_none() {
                low *= factor;
            }
            high *= factor;
            f.kind = kind;
            f.unit = Some(unit);
        }
        if high > low {
            f.number = low;
            f.interval = Some((Some(low), Some(high)));
            f.rest = after;
            if f.kind != ClaimKind::Count {
                return Some(f);
            }
            // "days 3-5" is a span of time; "2014-2017" a span of years: both
            // belong to the temporal family
            if numbers().time_nouns.contains(last_word) {
                return None;
            }
            if num.year_like && high.fract() == 0.0 && (1700.0..=2100.0).contains(&high) {
                return None;
            }
            // "10-20 people", but "2-4 weeks" is a duration
            return match count::counted(after) {
                Counted::Time => None,
                Counted::Noun(noun, tail) => {
                    f.subject = Some(noun);
                    f.rest = tail;
                    Some(f)
                }
                _ => Some(f),
            };
        }
    }
    if join == RangeJoin::And {
        return None;
    }
    // tolerance: "5.2 ± 0.3 mg"
    if let Some((tolerance, after)) = tolerance(rest) {
        let mut after = after;
        if f.unit.is_none() {
            if let Some((kind, unit, factor, tail)) = suffix(after, before) {
                f.kind = kind;
                f.unit = Some(unit);
                f.number *= factor;
                after = tail;
            }
        } else if let Some((_, unit, _, tail)) = suffix(after, before) {
            if Some(&unit) == f.unit.as_ref() {
                after = tail;
            }
        }
        f.interval = Some((Some(f.number - tolerance), Some(f.number + tolerance)));
        f.rest = after;
        return Some(f);
    }
    if f.kind != ClaimKind::Count {
        if let Some((q, after)) = qualifier::suffix(rest) {
            f.qualifier = Some(q);
            rest = after;
        }
        f.rest = rest;
        return Some(f);
    }
    finish_count(f, rest, num, before, last_word, qualified)
}

/// A bare number: a post qualifier, then what it counts.
fn finish_count<'a>(
    mut f: Figure<'a>,
    rest: &'a str,
    num: number::Num,
    before: &str,
    last_word: &str,
    qualified: bool,
) -> Option<Figure<'a>> {
    let mut rest = rest;
    if f.kind != ClaimKind::Count {
        f.rest = rest;
        return Some(f);
    }
    if let Some((q, after)) = qualifier::suffix(rest) {
        f.qualifier = Some(q);
        rest = after;
    }
    let qualified = qualified || f.qualifier.is_some();
    // A bare year-like number is no count whatever follows it (checked
    // below too): most are years, so the noun after them is not read.
    if num.year_like && !qualified {
        return None;
    }
    // "a 10-point plan", "a 12-member team": a compound adjective, not a count
    if rest.starts_with('-') && rest[1..].starts_with(char::is_alphabetic) {
        return None;
    }
    let counted = count::counted(rest);
    f.partitive = count::partitive(&counted);
    match counted {
        Counted::Time => return None,
        Counted::Anaphoric(after) => rest = after,
        Counted::Explicit => {}
        Counted::Nothing => {
            // "2.5, 4 and 9 kg": the unit at the end of a list is every item's
            if f.qualifier.is_none() && num.scale.is_none() {
                if let Some((kind, unit, factor)) = list_suffix(rest, before) {
                    f.kind = kind;
                    f.unit = Some(unit);
                    f.number *= factor;
                }
            }
        }
        Counted::Noun(noun, after) => {
            f.subject = Some(noun);
            rest = after;
        }
    }
    // "day 3", "week 12", "year 2": a point in time, not a count
    if f.subject.is_none() && numbers().time_nouns.contains(last_word) {
        return None;
    }
    if num.spelled && num.value == 1.0 {
        // "no one", "any one", "the one": a pronoun, not a count
        let pronoun = matches!(
            last_word,
            "no" | "any" | "every" | "each" | "the" | "this" | "that" | "which" | "some"
        );
        if pronoun || f.subject.is_none() && f.partitive == Partitive::None {
            return None;
        }
    }
    f.rest = rest;
    Some(f)
}

/// The second end of a range after the first figure: the scale it carries
/// (to apply to an unscaled first end), its value, the rest, and its own
/// suffix if the first had none.
#[allow(clippy::type_complexity)]
fn range_tail<'a>(
    s: &'a str,
    before: &str,
    join: RangeJoin,
    money: bool,
    has_unit: bool,
) -> Option<(Option<f64>, f64, &'a str, Option<(ClaimKind, String, f64)>)> {
    let after_sep = match join {
        RangeJoin::And => word_ci(skip_space(s), "and").and_then(space1)?,
        RangeJoin::Dash | RangeJoin::DashOrTo => {
            let spaced = skip_space(s);
            if let Some(after) = spaced.strip_prefix(['-', '–', '—']) {
                // "10-20" or "10 – 20", but not "10 -20"
                let tight = spaced.len() == s.len();
                let after_space = skip_space(after);
                if tight != (after_space.len() == after.len()) {
                    return None;
                }
                after_space
            } else if join == RangeJoin::DashOrTo && spaced.len() < s.len() {
                word_ci(spaced, "to").and_then(space1)?
            } else {
                return None;
            }
        }
    };
    let body = if money {
        money::prefix(after_sep).map_or(after_sep, |(_, b)| b)
    } else {
        after_sep
    };
    if !body.starts_with(|c: char| c.is_ascii_digit()) && join != RangeJoin::And {
        words::number_words(body)?;
    }
    let num = number::number(body, money)?;
    if num.ordinal {
        return None;
    }
    let mut rest = &body[num.len..];
    let mut second_suffix = None;
    if !money {
        if let Some((kind, unit, factor, after)) = suffix(rest, before) {
            if !has_unit || kind != ClaimKind::Count {
                second_suffix = Some((kind, unit, factor));
            }
            rest = after;
        } else if has_unit {
            // "fell 10% to 2,200": a unit on the first figure only ends a
            // change, not a range ("10 to 20%" and "10% to 20%" are ranges).
            return None;
        }
    }
    Some((num.scale, num.value, rest, second_suffix))
}

/// "200m people", "40m tonnes", "3m yuan": an attached "m" before a plural
/// noun, a unit or a currency is millions; elsewhere ("a 10m wall", "the
/// 100m in 9.58 seconds") it is metres. Returns the text after the "m".
fn million_before_noun(rest: &str) -> Option<&str> {
    let after = rest.strip_prefix('m')?;
    let next = space1(after)?;
    let word = text::leading_word(next);
    if !at_boundary(after)
        || word.is_empty()
        || !at_boundary(&next[word.len()..])
            && !next[word.len()..].starts_with(['.', ',', ';', ':'])
    {
        return None;
    }
    let lower = text::lower(word);
    let plural = lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss")
        || matches!(
            lower.as_ref(),
            "people" | "staff" | "children" | "men" | "women" | "cattle" | "livestock"
        );
    let stop = numbers().noun_stop_words.contains(lower.as_ref())
        || numbers().time_nouns.contains(lower.as_ref());
    let measured = quantity::unit(after).is_some() || money::name(after).is_some();
    ((plural && !stop) || measured).then_some(after)
}

/// The suffix that ends a list of bare numbers ("2.5, 4 and 9 kg", "5, 10
/// or 15%"), read ahead at most six items.
fn list_suffix(s: &str, before: &str) -> Option<(ClaimKind, String, f64)> {
    let mut rest = s;
    for _ in 0..6 {
        let after_comma = rest.strip_prefix(',').unwrap_or(rest);
        let spaced = space1(after_comma)?;
        let comma = after_comma.len() < rest.len();
        // ", or" restates rather than lists: "1.4bn, or 18% of"
        if comma && word_ci(spaced, "or").is_some() {
            return None;
        }
        let item = ["and", "or"]
            .iter()
            .find_map(|joiner| word_ci(spaced, joiner).and_then(space1))
            .unwrap_or(spaced);
        let joined = comma || item.len() < spaced.len();
        if !joined || !item.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let num = number::number(item, false)?;
        if num.ordinal || num.year_like {
            return None;
        }
        let after = &item[num.len..];
        if let Some((kind, unit, factor, _)) = suffix(after, before) {
            return Some((kind, unit, factor));
        }
        rest = after;
    }
    None
}

/// "± 0.3", "+/- 0.3", "+-0.3": the tolerance and the rest.
fn tolerance(s: &str) -> Option<(f64, &str)> {
    let spaced = skip_space(s);
    let after = ["±", "+/-", "+/−", "+-"]
        .iter()
        .find_map(|sign| spaced.strip_prefix(sign))?;
    let body = skip_space(after);
    let num = number::number(body, false)?;
    (!num.ordinal && !num.spelled).then(|| (num.value, &body[num.len..]))
}

/// "thousands of people", "billions of dollars", "tens of thousands",
/// "hundreds of millions of pounds": an open interval from twice the scale.
fn open_scale(s: &str) -> Option<Figure<'_>> {
    let data = numbers();
    let mut buf = [0u8; 24];
    let word = crate::extract::leading_word_lower(s, &mut buf)?;
    let &scale = data.plural_scales.get(word)?;
    let mut value = scale;
    let mut rest = word_ci(s, word)?;
    let mut multiplied = false;
    if let Some(after_of) = space1(rest).and_then(|r| word_ci(r, "of")).and_then(space1) {
        let mut buf = [0u8; 24];
        if let Some(next) = crate::extract::leading_word_lower(after_of, &mut buf) {
            if let Some(&bigger) = data.plural_scales.get(next).filter(|&&b| b > scale) {
                value *= bigger;
                rest = &after_of[next.len()..];
                multiplied = true;
            }
        }
    }
    if !multiplied && matches!(word, "tens" | "scores" | "dozens" | "hundreds") {
        // these need "of": "dozens of", not "scores" of a match
        space1(rest).and_then(|r| word_ci(r, "of"))?;
    }
    let mut f = Figure::new(2.0 * value, ClaimKind::Count, rest);
    f.qualifier = Some(Qualifier::AtLeast);
    if let Some(after_of) = space1(rest).and_then(|r| word_ci(r, "of")) {
        if let Some((currency, after)) = money::name(after_of) {
            f.kind = ClaimKind::Money;
            f.unit = Some(currency.code.to_string());
            f.number *= currency.factor;
            f.rest = after;
            return Some(f);
        }
        if let Some((noun, after)) = count::noun_phrase(after_of) {
            f.subject = Some(noun);
            f.rest = after;
        }
    }
    Some(f)
}

/// Sets `part_of` on partitive counts to the id of the claim they are part
/// of: for "nine of the 12 teams" the next claim in the sentence; for "17 of
/// which" the nearest earlier count, quantity or money claim in the same
/// sentence, else in the sentence before. A part with no noun of its own
/// takes its whole's.
pub(crate) fn link_partitives(claims: &mut [Claim]) {
    let is_whole = |c: &Claim| {
        matches!(
            c.kind,
            ClaimKind::Count | ClaimKind::Quantity | ClaimKind::Money
        ) && c.number().is_some_and(|n| n.partitive == Partitive::None)
    };
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let Some(value) = claim.number() else {
            continue;
        };
        let whole = match value.partitive {
            Partitive::None => None,
            Partitive::Explicit => claims
                .get(i + 1)
                .filter(|next| next.sentence == claim.sentence && next.number().is_some())
                .map(|_| i + 1),
            Partitive::Anaphoric => {
                let earlier = &claims[..i];
                let same = earlier
                    .iter()
                    .rposition(|c| c.sentence == claim.sentence && is_whole(c));
                same.or_else(|| {
                    earlier.iter().rposition(|c| {
                        claim.sentence > 0 && c.sentence == claim.sentence - 1 && is_whole(c)
                    })
                })
            }
        };
        if let Some(j) = whole {
            links.push((i, j));
        }
    }
    for (part, whole) in links {
        let id = claims[whole].id.clone();
        let whole_subject = claims[whole].number().and_then(|n| n.subject.clone());
        if let Value::Number(n) = &mut claims[part].value {
            n.part_of = Some(id);
            if n.subject.is_none() && n.partitive == Partitive::Explicit {
                n.subject = whole_subject;
            }
        }
    }
}

#[cfg(test)]
mod tests;
