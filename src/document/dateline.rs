//! Publication date from a dateline or byline.

use std::ops::Range;

pub(super) fn find(
    _text: &str,
    _paragraphs: &[Range<usize>],
    _has_headline: bool,
) -> Option<(Range<usize>, Option<jiff::civil::Date>)> {
    None
}
