//! Fuzz target for the whole pipeline: any valid UTF-8 input must run through
//! `figcheck::check` without panicking, and every claim's span must lie on
//! char boundaries inside the text, spell the claim's text, come after the
//! previous claim and carry the right line and column.
//!
//! Run from the project root: `cargo +nightly fuzz run extract`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = figcheck::check("fuzz.txt", text, &figcheck::Options::default());
    let mut previous_end = 0;
    for claim in &report.claims {
        let span = claim.span;
        assert!(span.start < span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(&text[span.start..span.end], claim.text);
        assert!(
            span.start >= previous_end,
            "claims overlap or are out of order"
        );
        previous_end = span.end;
        let before = &text[..span.start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..span.start].chars().count() + 1;
        assert_eq!((span.line, span.column), (line, column));
    }
});
