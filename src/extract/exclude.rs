//! Text that holds digits but no claim: URLs, e-mail addresses, times of day,
//! phone numbers, scores, names and identifiers with numbers in them.

use std::ops::Range;

/// Sorted, non-overlapping byte ranges where no claim may start or end.
pub(crate) fn excluded_ranges(_text: &str) -> Vec<Range<usize>> {
    Vec::new()
}
