//! Finds the publication date an article states near its top: a byline line
//! ("Published 5 November 2017", "By Anna Berg | Nov. 5, 2017"), a date alone
//! on a line ("November 5, 2017"), or a wire-service dateline opening the
//! first paragraph ("BEIJING, Nov. 5 (Xinhua) --").

use std::ops::Range;

use jiff::civil::Date;

use crate::calendar::{self, PartialDate};

/// How many lines from the top a byline or a lone date may stand on.
const TOP_LINES: usize = 6;

/// Words that may open a byline date ("Published: 5 Nov 2017").
const BYLINE_PREFIXES: &[&str] = &[
    "published on",
    "published",
    "updated on",
    "updated",
    "last updated",
    "posted on",
    "posted",
    "first published",
    "date",
    "dated",
];

/// The dateline's byte range and the date it states (None when it states a
/// day and month but no year, and the text names no year to take).
pub(super) fn find(
    text: &str,
    paragraphs: &[Range<usize>],
    has_headline: bool,
) -> Option<(Range<usize>, Option<Date>)> {
    let body = &paragraphs[usize::from(has_headline).min(paragraphs.len())..];
    let top_lines = body
        .iter()
        .flat_map(|p| line_ranges_in(text, p.clone()))
        .take(TOP_LINES);
    for line in top_lines {
        if let Some(date) = byline_date(&text[line.clone()]) {
            return Some((line, Some(date)));
        }
    }
    let first = body.first()?;
    let (length, stated) = wire_dateline(&text[first.clone()])?;
    let date = match stated.year {
        Some(_) => stated.to_date(),
        None => most_mentioned_year(text).and_then(|year| {
            PartialDate {
                year: Some(year),
                ..stated
            }
            .to_date()
        }),
    };
    Some((first.start..first.start + length, date))
}

/// The lines of a paragraph, trimmed at their ends, found as they are
/// read: only the first few lines of the text are.
fn line_ranges_in(text: &str, paragraph: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = &text.as_bytes()[paragraph.clone()];
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    let mut start = 0;
    ends.map(move |end| {
        let line = &text[paragraph.start + start..paragraph.start + end];
        let range = paragraph.start + start..paragraph.start + start + line.trim_end().len();
        start = end + 1;
        range
    })
}

/// A line that is only a full date, perhaps after a byline prefix or a
/// "By NAME" credit, perhaps followed by a time of day.
fn byline_date(line: &str) -> Option<Date> {
    // A character takes one to four bytes: only a line of 101 to 400 bytes
    // needs its characters counted (news paragraphs are long lines).
    if line.len() > 400 || line.len() > 100 && line.chars().count() > 100 {
        return None;
    }
    let mut rest = line.trim();
    if let Some(after_by) = strip_prefix_ignore_case(rest, "by ") {
        // "By Anna Berg, 5 November 2017" or "By Anna Berg | Nov. 5, 2017"
        let separator = after_by.find([',', '|', '·', '—', '-'])?;
        rest = after_by[separator..].trim_start_matches([',', '|', '·', '—', '-', ' ']);
    }
    for prefix in BYLINE_PREFIXES {
        if let Some(after) = strip_prefix_ignore_case(rest, prefix) {
            if after.starts_with([' ', ':']) {
                rest = after.trim_start_matches([' ', ':']);
                break;
            }
        }
    }
    let (after, date) = calendar::calendar_date(rest).ok()?;
    date.year?;
    let tail = after.trim_start_matches([',', ' ', '|', '·', '-', '—']);
    (tail.is_empty() || looks_like_time(tail)).then(|| date.to_date())?
}

/// "10:30 GMT", "10.30am", "9:05 a.m. ET", "1830 BST".
fn looks_like_time(tail: &str) -> bool {
    let starts_with_digit = tail.starts_with(|c: char| c.is_ascii_digit());
    starts_with_digit
        && tail.len() <= 20
        && tail
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | ' '))
}

/// "BEIJING, Nov. 5 (Xinhua) --", "LONDON, 5 November 2017 —": returns the
/// dateline's length in bytes and the date.
fn wire_dateline(paragraph: &str) -> Option<(usize, PartialDate)> {
    let comma = paragraph.find(',')?;
    let place = &paragraph[..comma];
    let is_place = place.len() <= 40
        && place.chars().any(char::is_alphabetic)
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''));
    if !is_place {
        return None;
    }
    let after_comma = paragraph[comma + 1..].trim_start();
    let (mut rest, date) = calendar::calendar_date(after_comma).ok()?;
    rest = rest.trim_start();
    if rest.starts_with('(') {
        let close = rest.find(')')?;
        rest = rest[close + 1..].trim_start();
    }
    let dash = ["--", "—", "–", "-"]
        .into_iter()
        .find(|dash| rest.starts_with(dash))?;
    rest = &rest[dash.len()..];
    Some((paragraph.len() - rest.len(), date))
}

/// The year the text names most often (the latest on a tie), for a dateline
/// that gives only day and month.
fn most_mentioned_year(text: &str) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() && !previous.is_some_and(|p| p.is_alphanumeric()) {
            if let Ok((_, year)) = calendar::year(&text[i..]) {
                if (1900..=2100).contains(&year) {
                    *counts.entry(year).or_default() += 1;
                }
            }
        }
        previous = Some(c);
    }
    counts
        .into_iter()
        .max_by_key(|&(year, count)| (count, year))
        .map(|(year, _)| year)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    fn published(text: &str) -> Option<String> {
        Document::parse(text, None).published.map(|d| d.to_string())
    }

    #[test]
    fn reads_bylines_and_lone_dates() {
        let body = "\n\nThe council met on Tuesday.";
        for top in [
            "Published 5 November 2017",
            "Published: Sunday, 5 November 2017 10:30 GMT",
            "November 5, 2017",
            "By Anna Berg | Nov. 5, 2017",
            "Updated on 2017-11-05",
        ] {
            let text = format!("Council budget passes\n\n{top}{body}");
            assert_eq!(published(&text).as_deref(), Some("2017-11-05"), "{top}");
        }
    }

    #[test]
    fn reads_wire_datelines_and_takes_the_year_from_the_text() {
        let text = "BEIJING, Nov. 5 (Xinhua) -- Trade rose in 2017, officials said, after a flat 2016 and a weak 2017 start.";
        assert_eq!(published(text).as_deref(), Some("2017-11-05"));
        let doc = Document::parse(text, None);
        assert_eq!(&text[doc.dateline.unwrap()], "BEIJING, Nov. 5 (Xinhua) --");
    }

    #[test]
    fn a_date_inside_a_sentence_is_not_a_dateline() {
        assert_eq!(
            published("Title\n\nThe vote on 5 November 2017 was close."),
            None
        );
        assert_eq!(
            published("Washington, 5 November 2017 -- lower case place"),
            None
        );
    }

    #[test]
    fn as_of_overrides_the_dateline() {
        let date = jiff::civil::date(2020, 1, 2);
        let doc = Document::parse("Title\n\nPublished 5 November 2017\n\nText.", Some(date));
        assert_eq!(doc.published, Some(date));
    }
}
