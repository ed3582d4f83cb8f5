//! Percentages: "23%", "23 per cent", "23 percent", "23pc" (unit "%"), and
//! changes in a percentage: "5 percentage points", "25 basis points", and
//! "5 points" where the sentence already speaks of per cent (unit "pp").

use super::text::{at_boundary, phrase_ci, skip_space};

/// A percentage sign or word after a number: the unit ("%" or "pp"), the
/// factor to apply (0.01 for basis points) and the rest.
pub(super) fn suffix<'a>(s: &'a str, before: &str) -> Option<(&'static str, f64, &'a str)> {
    let attached = s.strip_prefix('-').unwrap_or(s);
    for candidate in [s, attached] {
        if let Some(rest) = candidate.strip_prefix('%') {
            return Some(("%", 1.0, rest));
        }
        if let Some(rest) = candidate.strip_prefix("pc") {
            if at_boundary(rest) {
                return Some(("%", 1.0, rest));
            }
        }
    }
    let spaced = skip_space(s);
    if spaced.len() == s.len() && attached.len() == s.len() {
        return None;
    }
    let spaced = if spaced.len() == s.len() {
        attached
    } else {
        spaced
    };
    if let Some(rest) = spaced.strip_prefix('%') {
        return Some(("%", 1.0, rest));
    }
    // every word form below starts with "p" or "b": most texts after a
    // number ("people", "in") are ruled out on that letter
    if !matches!(spaced.as_bytes().first(), Some(b'p' | b'P' | b'b' | b'B')) {
        return None;
    }
    for (phrase, unit, factor) in PHRASES {
        if let Some(rest) = phrase_ci(spaced, phrase) {
            return Some((unit, factor, rest));
        }
    }
    // "points" is a change in a percentage only where per cent came before.
    for phrase in POINTS {
        if let Some(rest) = phrase_ci(spaced, phrase) {
            if speaks_of_percent(before) {
                return Some(("pp", 1.0, rest));
            }
        }
    }
    None
}

/// The percentage words after a number (after a space or hyphen), with
/// their unit and factor.
const PHRASES: [(&str, &str, f64); 11] = [
    ("per cent", "%", 1.0),
    ("per-cent", "%", 1.0),
    ("percent", "%", 1.0),
    ("pc", "%", 1.0),
    ("percentage points", "pp", 1.0),
    ("percentage point", "pp", 1.0),
    ("percentage-point", "pp", 1.0),
    ("pp", "pp", 1.0),
    ("basis points", "pp", 0.01),
    ("basis point", "pp", 0.01),
    ("bps", "pp", 0.01),
];

/// Words that are percentage points only where per cent came before.
const POINTS: [&str; 2] = ["points", "point"];

/// Every form [`suffix`] reads, lower case, for the numeric family's first
/// test of a suffix: the sign and the words.
pub(super) fn forms() -> impl Iterator<Item = &'static str> {
    PHRASES
        .iter()
        .map(|(phrase, _, _)| *phrase)
        .chain(POINTS)
        .chain(["%"])
}

/// True when the sentence before speaks of per cent. Looks back a bounded
/// distance so that a long sentence of "points" stays linear.
fn speaks_of_percent(before: &str) -> bool {
    const LOOK_BACK: usize = 400;
    let mut from = before.len().saturating_sub(LOOK_BACK);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let recent = &before[from..];
    if recent.contains('%') {
        return true;
    }
    let lower = recent.to_ascii_lowercase();
    lower.contains("per cent") || lower.contains("percent")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_forms() {
        assert_eq!(suffix("% of", "").map(|s| s.0), Some("%"));
        assert_eq!(
            suffix(" per cent.", "").map(|s| (s.0, s.2)),
            Some(("%", "."))
        );
        assert_eq!(suffix(" percent", "").map(|s| s.0), Some("%"));
        assert_eq!(suffix("pc", "").map(|s| s.0), Some("%"));
        assert_eq!(suffix("-per-cent", "").map(|s| s.0), Some("%"));
        assert_eq!(suffix(" percentage points", "").map(|s| s.0), Some("pp"));
        assert_eq!(suffix(" basis points", "").map(|s| s.1), Some(0.01));
        assert_eq!(
            suffix(" points", "rose to 23% from 18%, up "),
            Some(("pp", 1.0, ""))
        );
        assert_eq!(suffix(" points", "the team scored "), None);
        assert_eq!(suffix(" people", ""), None);
    }
}
