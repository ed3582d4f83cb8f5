//! Quantities: a number with a unit from rules/units.toml ("5 km", "10
//! kilometres", "3.5 °C", "40 mg/kg", "2 mg kg−1", "5 km per hour"),
//! reported with the table's canonical symbol.

use super::lexicon::{units, with_normalised_words, UnitRef};
use super::number::{exponent, is_superscript_digit};
use super::text::{at_boundary, phrase_ci, skip_space};

/// Characters that end a unit symbol token.
fn ends_token(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | ':'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '“'
                | '”'
                | '/'
                | '·'
                | '–'
                | '—'
                | '±'
        )
}

/// A unit after a number, attached ("10km"), after spaces ("10 km") or a
/// hyphen ("a 10-kilometre walk"), with exponents and compounds. Returns the
/// canonical symbol and the rest.
pub(super) fn unit(s: &str) -> Option<(String, &str)> {
    let spaced = skip_space(s);
    let gap = spaced.len() < s.len();
    // A line break between a number and a word is not a unit.
    if s[..s.len() - spaced.len()].contains('\n') {
        return None;
    }
    let start = if !gap {
        s.strip_prefix('-').unwrap_or(s)
    } else {
        spaced
    };
    let (head, mut rest) = simple_unit(start, false)?;
    // A single capital glued to the number ("41.5C", "300K") is a unit only
    // before a space or closing punctuation: "18O/16O", "14C-dated" and
    // "2C]" are labels and isotopes.
    let one_capital =
        start.len() - rest.len() == 1 && start.starts_with(|c: char| c.is_ascii_uppercase());
    if !gap
        && one_capital
        && !(rest.is_empty()
            || rest.starts_with(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')')
            }))
    {
        return None;
    }
    // "5x" is fivefold; "5 x" is the start of "5 x 10 m"
    if head.starts_with('x')
        && (gap || head != "x" || rest.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let mut symbol = head;
    // compounds: "/kg", " per hour", " kg−1", "·s"
    for _ in 0..3 {
        if let Some(after) = rest.strip_prefix('/').or_else(|| rest.strip_prefix('·')) {
            let joiner = if rest.starts_with('/') { "/" } else { "·" };
            if let Some((next, after)) = simple_unit(after, true) {
                symbol.push_str(joiner);
                symbol.push_str(&next);
                rest = after;
                continue;
            }
        }
        let spaced = skip_space(rest);
        if spaced.len() < rest.len() {
            let per = phrase_ci(spaced, "per").or_else(|| phrase_ci(spaced, "a"));
            if let Some(after) = per.map(skip_space) {
                if let Some((next, after)) = simple_unit(after, true) {
                    symbol.push('/');
                    symbol.push_str(&next);
                    rest = after;
                    continue;
                }
            }
            // "mg kg−1": a following unit counts only with a negative exponent
            if let Some((next, after)) = simple_unit(spaced, true) {
                if next.contains('⁻') {
                    symbol.push('·');
                    symbol.push_str(&next);
                    rest = after;
                    continue;
                }
            }
        }
        break;
    }
    Some((symbol, rest))
}

/// One unit with its exponent: a symbol (case-sensitive) or a name
/// (case-insensitive, up to three words). Units only used after "/" or "per"
/// are accepted when `denominator` is set.
fn simple_unit(s: &str, denominator: bool) -> Option<(String, &str)> {
    let table = units();
    if !table.start.may_start(s) {
        return None;
    }
    let accept = |unit: &UnitRef| denominator || !unit.denominator;
    // names: longest first over up to three words
    let mut best: Option<(UnitRef, &str)> = None;
    // the ends of the first one, two and three words, after the end of a
    // first word's part before a hyphen (on the stack: this runs after
    // most numbers)
    let mut ends = [0usize; 4];
    let mut count = 1;
    let mut pos = 0;
    for _ in 0..3 {
        let tail = &s[pos..];
        let len = tail
            .char_indices()
            .find(|(_, c)| !(c.is_alphabetic() || *c == '-'))
            .map_or(tail.len(), |(i, _)| i);
        if len == 0 {
            break;
        }
        ends[count] = pos + len;
        count += 1;
        let after = &tail[len..];
        let next = after.trim_start_matches(' ');
        if next.len() == after.len() || !next.starts_with(char::is_alphabetic) {
            break;
        }
        pos = s.len() - next.len();
    }
    // "a 10-kilometre-long road": the name before the hyphen, tried last
    let mut first = 1;
    if let Some(hyphen) = (count > 1).then(|| s[..ends[1]].find('-')).flatten() {
        ends[0] = hyphen;
        first = 0;
    }
    for &end in ends[first..count].iter().rev() {
        let candidate = s[..end].trim_end_matches('-');
        if let Some(unit) = with_normalised_words(candidate, |key| table.names.get(key)) {
            if accept(unit) && at_boundary(&s[candidate.len()..]) {
                best = Some((*unit, &s[candidate.len()..]));
                break;
            }
        }
    }
    // symbols: the longest prefix of the token (or of two tokens: "sq km")
    let token_end = s
        .char_indices()
        .find(|(_, c)| ends_token(*c))
        .map_or(s.len(), |(i, _)| i);
    let two_token_end = s[token_end..]
        .strip_prefix(' ')
        .map(|t| {
            token_end
                + 1
                + t.char_indices()
                    .find(|(_, c)| ends_token(*c))
                    .map_or(t.len(), |(i, _)| i)
        })
        .unwrap_or(token_end);
    let mut symbol_match: Option<(UnitRef, usize)> = None;
    for end_limit in [two_token_end, token_end] {
        let limit = end_limit.min(s.len()).min(table.longest_symbol);
        for end in (1..=limit).rev() {
            if !s.is_char_boundary(end) || !table.may_be_symbol(s, end) {
                continue;
            }
            let Some(unit) = table.symbols.get(&s[..end]) else {
                continue;
            };
            let after = &s[end..];
            let ends_well = at_boundary(after)
                || after.starts_with(is_superscript_digit)
                || exponent(after, true).is_ok();
            // "." may close an abbreviated symbol in the table, never a bare one
            if accept(unit) && ends_well {
                symbol_match = Some((*unit, end));
                break;
            }
        }
        if symbol_match.is_some() {
            break;
        }
    }
    let (unit, mut rest) = match (best, symbol_match) {
        (Some((unit, rest)), Some((_, end))) if s.len() - rest.len() >= end => (unit, rest),
        (_, Some((unit, end))) => (unit, &s[end..]),
        (Some((unit, rest)), None) => (unit, rest),
        (None, None) => return None,
    };
    let mut symbol = table.symbol(unit).to_string();
    if let Ok((after, power)) = exponent(rest, true) {
        if power != 1 && power != 0 {
            symbol.push_str(&superscript(power));
        }
        rest = after;
    }
    Some((symbol, rest))
}

/// An exponent in superscript digits ("²", "⁻¹").
fn superscript(power: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if power < 0 {
        out.push('⁻');
    }
    for d in power.unsigned_abs().to_string().bytes() {
        out.push(DIGITS[(d - b'0') as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_of(s: &str) -> Option<(String, &str)> {
        unit(s)
    }

    #[test]
    fn simple_units() {
        assert_eq!(unit_of(" km away"), Some(("km".into(), " away")));
        assert_eq!(unit_of("km"), Some(("km".into(), "")));
        assert_eq!(unit_of(" kilometres."), Some(("km".into(), ".")));
        assert_eq!(unit_of("-kilometre walk"), Some(("km".into(), " walk")));
        assert_eq!(unit_of(" square kilometres"), Some(("km²".into(), "")));
        assert_eq!(unit_of(" sq km"), Some(("km²".into(), "")));
        assert_eq!(unit_of(" °C"), Some(("°C".into(), "")));
        assert_eq!(unit_of("°C,"), Some(("°C".into(), ",")));
        assert_eq!(unit_of(" degrees Celsius"), Some(("°C".into(), "")));
        assert_eq!(unit_of(" MW of"), Some(("MW".into(), " of")));
        assert_eq!(unit_of(" m2"), Some(("m²".into(), "")));
        assert_eq!(unit_of(" people"), None);
        assert_eq!(unit_of(" mind"), None);
        assert_eq!(unit_of(" days"), None);
        assert_eq!(
            unit_of("-kilometre-long road"),
            Some(("km".into(), "-long road"))
        );
    }

    #[test]
    fn compound_units() {
        assert_eq!(unit_of(" mg/kg"), Some(("mg/kg".into(), "")));
        assert_eq!(unit_of(" mg kg−1 of"), Some(("mg·kg⁻¹".into(), " of")));
        assert_eq!(unit_of(" km/h"), Some(("km/h".into(), "")));
        assert_eq!(unit_of(" km per hour"), Some(("km/h".into(), "")));
        assert_eq!(unit_of(" barrels a day"), Some(("bpd".into(), "")));
        assert_eq!(unit_of(" µmol m−2 s−1"), Some(("µmol·m⁻²·s⁻¹".into(), "")));
        assert_eq!(unit_of(" mg per day"), Some(("mg/d".into(), "")));
    }
}
