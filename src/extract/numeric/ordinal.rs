//! Ordinals with the noun they rank: "the 22nd meeting" (22, "meeting"),
//! "third-largest city" (3, "largest city"), "ninth of 12 teams" (a
//! partitive of the 12 teams).

use crate::extract::Partitive;

use super::count::{counted, noun_phrase, Counted};
use super::text::{at_boundary, last_word_lower};

/// Words before a spelled ordinal that make it one ("the first", "its
/// second"); without them "first" and "second" are too often adverbs.
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "my", "your", "a", "an", "this", "that", "every",
    "each", "whose",
];

/// What an ordinal ranks.
pub(super) struct Ranked<'a> {
    pub subject: Option<String>,
    pub partitive: Partitive,
    pub rest: &'a str,
}

/// Reads the rest of an ordinal claim after its number. `spelled` ordinals
/// need a determiner before them and a noun or superlative after.
pub(super) fn ranked<'a>(after: &'a str, before: &str, spelled: bool) -> Option<Ranked<'a>> {
    // "third-largest", "second-most", "fifth-highest"
    let mut rest = after;
    let mut superlative: Option<&str> = None;
    if let Some(tail) = after.strip_prefix('-') {
        let word = super::text::leading_word(tail);
        let lower = super::text::lower(word);
        if (lower.ends_with("est") || lower == "most" || lower == "least")
            && at_boundary(&tail[word.len()..])
        {
            superlative = Some(word);
            rest = &tail[word.len()..];
        } else {
            return None;
        }
    }
    let noun = match counted(rest) {
        Counted::Explicit => {
            return Some(Ranked {
                subject: superlative.map(str::to_string),
                partitive: Partitive::Explicit,
                rest,
            })
        }
        // "the sixth year in a row", "its 22nd season": an ordinal ranks
        // periods too; a date ("the 5th of May") is the temporal family's
        // longer match.
        Counted::Time => {
            let spaced = super::text::skip_space(rest);
            let word = super::text::leading_word(spaced);
            return Some(Ranked {
                subject: Some(word.to_string()),
                partitive: Partitive::None,
                rest: &spaced[word.len()..],
            });
        }
        // the noun phrase `counted` read, which it reads unless a
        // pronoun follows "of"
        Counted::Noun(noun, after) => Some((noun, after)),
        Counted::Nothing => None,
        Counted::Anaphoric(_) => noun_phrase(rest),
    };
    let subject = match (superlative, &noun) {
        (Some(s), Some((n, _))) => Some(format!("{s} {n}")),
        (Some(s), None) => Some(s.to_string()),
        (None, Some((n, _))) => Some(n.clone()),
        (None, None) => None,
    };
    if let Some((_, after_noun)) = noun {
        rest = after_noun;
    }
    if spelled {
        let determined = DETERMINERS.contains(&last_word_lower(before).as_ref());
        if superlative.is_none() && (!determined || subject.is_none()) {
            return None;
        }
    }
    Some(Ranked {
        subject,
        partitive: Partitive::None,
        rest,
    })
}
