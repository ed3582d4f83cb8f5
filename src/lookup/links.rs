//! Fills each claim's look-up links from the templates whose conditions its
//! sentence meets (claim kind, topic words, countries named).

use crate::document::Document;
use crate::extract::{format_amount, Claim, Link, Value};

use super::query::{self, SentenceWords, Window};
use super::templates::{self, reference_data, References, Template};

/// What the templates are filled with for one claim.
struct Fill {
    query: String,
    value: String,
    window: Option<Window>,
}

/// Gives every claim its look-up links, in template order.
pub(crate) fn fill_links(document: &Document, claims: &mut [Claim], references: &References) {
    let data = reference_data();
    let days = data.query.window_days;
    let published = document
        .published
        .and_then(|date| Window::around(date, days));
    let own_windows: Vec<Option<Window>> = claims
        .iter()
        .map(|c| {
            c.temporal()
                .and_then(|t| claim_window(&t.timex, t.end.as_deref(), days))
        })
        .collect();
    // The first date of each sentence, for the claims beside it.
    let mut sentence_windows = std::collections::HashMap::new();
    for (claim, window) in claims.iter().zip(&own_windows) {
        if let Some(window) = window {
            sentence_windows.entry(claim.sentence).or_insert(*window);
        }
    }
    // Claims come in text order: what depends on the sentence alone is
    // found once per sentence.
    let mut current: Option<(usize, SentenceFacts)> = None;
    for i in 0..claims.len() {
        let claim = &claims[i];
        if current
            .as_ref()
            .is_none_or(|(index, _)| *index != claim.sentence)
        {
            let sentence = document
                .sentences
                .get(claim.sentence)
                .map_or("", |s| &document.text()[s.span.clone()]);
            current = Some((claim.sentence, SentenceFacts::new(sentence)));
        }
        let Some((_, facts)) = &current else {
            continue;
        };
        // The claim's own date, else a date in its sentence, else the publication date.
        let window = own_windows[i]
            .or_else(|| sentence_windows.get(&claim.sentence).copied())
            .or(published);
        let subject = match &claim.value {
            Value::Number(n) => n.subject.as_deref(),
            Value::Temporal(t) => t.subject.as_deref(),
        };
        let fill = Fill {
            query: facts.words.query(subject, &data.query),
            value: value_text(claim),
            window,
        };
        let links = references
            .templates
            .iter()
            .filter(|t| applies(t, claim, &facts.lower, &facts.countries))
            .filter_map(|t| {
                Some(Link {
                    title: t.title.clone(),
                    url: fill_url(&t.url, &fill)?,
                })
            })
            .collect();
        claims[i].links = links;
    }
}

/// What the links of every claim in one sentence share.
struct SentenceFacts {
    words: SentenceWords,
    lower: String,
    countries: Vec<&'static str>,
}

impl SentenceFacts {
    fn new(sentence: &str) -> SentenceFacts {
        let data = reference_data();
        SentenceFacts {
            words: SentenceWords::new(sentence, &data.query),
            lower: sentence.to_lowercase(),
            countries: countries_named(sentence, &data.countries),
        }
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

/// The countries a sentence names, by the words of the countries table
/// (whole words, case as written).
fn countries_named<'a>(
    sentence: &str,
    table: &'a std::collections::BTreeMap<String, Vec<String>>,
) -> Vec<&'a str> {
    table
        .iter()
        .filter(|(_, names)| names.iter().any(|n| contains_word(sentence, n)))
        .map(|(country, _)| country.as_str())
        .collect()
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn applies(template: &Template, claim: &Claim, lower_sentence: &str, countries: &[&str]) -> bool {
    let kind = template.kinds.is_empty() || template.kinds.contains(&claim.kind);
    let topic = template.topics.is_empty()
        || template.topics.iter().any(|topic| {
            lower_sentence.match_indices(topic.as_str()).any(|(at, _)| {
                !lower_sentence[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        });
    let country = template.countries.is_empty()
        || template.countries.iter().any(|c| countries.contains(&c.as_str()))
        // A country the table does not know is matched by its own name.
        || template
            .countries
            .iter()
            .any(|c| !reference_data().countries.contains_key(c) && contains_word(lower_sentence, &c.to_lowercase()));
    kind && topic && country
}

/// The template's URL with its placeholders filled; none when it needs a
/// date window the claim lacks.
fn fill_url(url: &str, fill: &Fill) -> Option<String> {
    let names = templates::placeholders(url).ok()?;
    if fill.window.is_none() && names.iter().any(|n| templates::DATED.contains(n)) {
        return None;
    }
    let mut out = url.to_string();
    for name in names {
        let value = match name {
            "query" => query::encode(&fill.query),
            "value" => query::encode(&fill.value),
            "from" => fill.window?.from.to_string(),
            "to" => fill.window?.to.to_string(),
            "year" => fill.window?.from.year().to_string(),
            _ => return None,
        };
        out = out.replacen(&format!("{{{name}}}"), &value, 1);
    }
    Some(out)
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
        links.iter().map(|l| l.title.as_str()).collect()
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
        let news = all[0].iter().find(|l| l.title == "News").unwrap();
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
        all.iter().flatten().map(|l| l.title.clone()).collect()
    }

    #[test]
    fn placeholders_are_filled_and_encoded() {
        let fill = Fill {
            query: "Bank of England".to_string(),
            value: "2 billion GBP".to_string(),
            window: Window::of_timex("2017", 7),
        };
        assert_eq!(
            fill_url("https://x.org/{query}?v={value}&y={year}&f={from}&t={to}", &fill).unwrap(),
            "https://x.org/Bank%20of%20England?v=2%20billion%20GBP&y=2017&f=2017-01-01&t=2017-12-31"
        );
        let undated = Fill {
            window: None,
            ..fill
        };
        assert_eq!(fill_url("https://x.org/?y={year}", &undated), None);
    }
}
