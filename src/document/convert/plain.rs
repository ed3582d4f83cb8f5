//! Plain text needs no conversion except for inline ignore comments: a line
//! with `figcheck: ignore RULE[,RULE]` silences those rules for findings on
//! that line. The comment (from an opening `<!--`, `//`, `#`, `[` or `(` just
//! before it to the end of the line) is cut from the text the extractor
//! reads, so it is part of no claim; a line that holds only the comment is
//! dropped whole and silences the rules on the next line with text.

use super::offsets::MappedText;
use super::{directive, Converted, Ignore};

/// Openers of a comment that may stand just before the directive.
const OPENERS: &[&str] = &["<!--", "//", "#", "[", "("];

pub(super) fn convert(source: &str) -> Converted {
    if !has_directive(source) {
        // The text is the source itself (no map); the document copies it.
        return Converted::default();
    }
    let mut out = MappedText::default();
    let mut ignores = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_start = out.text.len();
        let Some((found, rules)) = directive_in(content) else {
            out.push_copy(line, start);
            if !content.trim().is_empty() && !pending.is_empty() {
                let end = line_start + content.len();
                ignores.push(Ignore {
                    range: line_start..end,
                    rules: std::mem::take(&mut pending),
                });
            }
            start += line.len();
            continue;
        };
        let kept = content[..found].trim_end();
        if kept.trim().is_empty() {
            pending.extend(rules);
        } else {
            out.push_copy(kept, start);
            out.push_copy(&line[content.len()..], start + content.len());
            let mut rules = rules;
            rules.append(&mut pending);
            ignores.push(Ignore {
                range: line_start..line_start + kept.len(),
                rules,
            });
        }
        start += line.len();
    }
    Converted {
        text: out.text,
        map: Some(out.map),
        ignores,
        ..Converted::default()
    }
}

/// Whether `source` holds "figcheck: ignore" in any ASCII case, as its
/// lower case would: looked for at each colon, so the text is neither
/// copied nor lowered (most texts have no directive).
fn has_directive(source: &str) -> bool {
    const KEYWORD: &[u8] = b"figcheck: ignore";
    const COLON: usize = 8;
    let bytes = source.as_bytes();
    source.match_indices(':').any(|(at, _)| {
        at.checked_sub(COLON)
            .and_then(|start| bytes.get(start..start + KEYWORD.len()))
            .is_some_and(|window| window.eq_ignore_ascii_case(KEYWORD))
    })
}

/// Where on the line the comment holding a `figcheck: ignore` directive
/// starts, and the rules it names.
fn directive_in(line: &str) -> Option<(usize, Vec<String>)> {
    let lower = line.to_ascii_lowercase();
    let keyword = lower.find("figcheck: ignore")?;
    let (_, rules) = directive(&line[keyword..])?;
    let before = line[..keyword].trim_end();
    let opener = OPENERS
        .iter()
        .find(|o| before.ends_with(*o))
        .map_or(0, |o| o.len());
    Some((before.len() - opener, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_directives_is_unchanged() {
        let converted = convert("Title\n\n70 projects.");
        assert!(converted.map.is_none(), "the text is the source itself");
        assert!(convert("FigCheck: Ignore x").map.is_some());
        assert!(convert("figcheck:ignore x. figcheck: ignor").map.is_none());
    }

    #[test]
    fn a_comment_at_a_line_end_is_cut_and_silences_that_line() {
        let source = "A.\n80 of 70 projects. [figcheck: ignore consistency]\nB.";
        let converted = convert(source);
        assert_eq!(converted.text, "A.\n80 of 70 projects.\nB.");
        assert_eq!(converted.ignores[0].range, 3..21);
        assert_eq!(converted.ignores[0].rules, ["consistency"]);
        let map = converted.map.unwrap();
        let b = source.find("B.").unwrap();
        assert_eq!(map.range(22..24), b..b + 2);
    }

    #[test]
    fn a_comment_line_is_dropped_and_silences_the_next_line() {
        let source = "A.\n\n<!-- figcheck: ignore sourcing -->\nIt rose 5%.\n";
        let converted = convert(source);
        assert_eq!(converted.text, "A.\n\nIt rose 5%.\n");
        assert_eq!(converted.ignores[0].range, 4..15);
        let it = source.find("It").unwrap();
        assert_eq!(converted.map.unwrap().range(4..6), it..it + 2);
    }
}
