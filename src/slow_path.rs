//! Test-only switches that send a shortcut back to the slower reading it
//! replaced, so that a property test can show the two give the same output.
//!
//! A shortcut that skips work (a dispatch, a gate, a per-sentence cache, a
//! shared value) asks [`taken`] with its own [`SlowPath`]. Outside tests
//! nothing can switch a path, [`taken`] is a constant `false` and the
//! shortcut costs nothing.

/// The shortcuts that a test can turn off, each named for the slow reading
/// it then takes.
// Some shortcuts ask only in code that exists in tests alone (the slow
// reading itself needs test-only helpers), so outside tests their variant is
// never made.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Copy)]
pub(crate) enum SlowPath {
    /// Exclusion runs every test on every token of a full token list,
    /// instead of jumping between the bytes a test can match.
    EveryToken,
    /// The temporal parsers try every alternative at every position,
    /// instead of those the first word and the sentence allow.
    EveryAlternative,
    /// The temporal parsers read the tense cues around each date, instead
    /// of from the cues worked out once per sentence.
    CuesAroundEachDate,
    /// The numeric parsers are offered every position, without the gates
    /// that turn away words no figure can start or continue with.
    NoGates,
    /// Look-up links write every claim's URLs afresh, instead of sharing
    /// one between claims that fill a template alike.
    EveryUrl,
    /// Look-up queries cut a whole ASCII sentence into tokens, instead of
    /// reading it from the capitals that start names.
    WholeSentences,
    /// unsourced-superlative searches each sentence's region on to the next
    /// break, instead of stopping at the sentence's last byte.
    WideRegions,
    /// Attribution offers every word of a sentence as a cue start, read
    /// from a list of all its words, instead of the words its key words
    /// reach, read from the text around them.
    EveryWord,
    /// The numeric parsers read every decimal number with the standard
    /// parse, instead of from its digits as an integer when it has at most
    /// 15.
    ParsedDecimals,
    /// Look-up links find the words of template conditions with the
    /// automaton in each sentence, instead of at the sentence's word starts.
    AutomatonWords,
    /// Look-up links search every sentence with a claim for the words of
    /// template conditions, instead of only those with a claim of a kind
    /// that a template with conditions takes.
    EverySentenceSearched,
    /// Exclusion runs every test on a token and looks every neighbour up
    /// in its word list, instead of only what the token's bytes and the
    /// lists' filters let through.
    EveryTest,
    /// The numeric parsers try the percent, currency and unit readers on
    /// every text after a number, instead of only where one of their forms
    /// can start.
    EverySuffix,
    /// The calendar grammar tries every month and weekday name at a
    /// position, instead of those that start with its first letter.
    EveryName,
    /// The numeric parsers read each word of a spelled number from the word
    /// lists, instead of from one table of packed words.
    NumberWordLists,
}

impl SlowPath {
    #[cfg(test)]
    fn bit(self) -> u32 {
        1 << self as u32
    }
}

#[cfg(test)]
thread_local! {
    /// The paths switched to their slow reading on this thread, one bit each.
    static TAKEN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether `path` is switched to its slow reading (only ever in a test).
#[inline(always)]
pub(crate) fn taken(path: SlowPath) -> bool {
    #[cfg(test)]
    {
        TAKEN.with(|taken| taken.get() & path.bit() != 0)
    }
    #[cfg(not(test))]
    {
        let _ = path;
        false
    }
}

/// Runs `f` with `path` on its slow reading when `slow` is true (and on its
/// shortcut otherwise), then puts the switch back as it was, also when `f`
/// panics (a failing property test goes on to shrink its input).
#[cfg(test)]
pub(crate) fn run<R>(path: SlowPath, slow: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            TAKEN.with(|taken| taken.set(self.0));
        }
    }
    let before = TAKEN.with(std::cell::Cell::get);
    let _restore = Restore(before);
    let now = if slow {
        before | path.bit()
    } else {
        before & !path.bit()
    };
    TAKEN.with(|taken| taken.set(now));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_taken_only_inside_run_and_only_that_path() {
        assert!(!taken(SlowPath::NoGates));
        run(SlowPath::NoGates, true, || {
            assert!(taken(SlowPath::NoGates));
            assert!(!taken(SlowPath::EveryUrl));
            run(SlowPath::NoGates, false, || {
                assert!(!taken(SlowPath::NoGates));
            });
            assert!(taken(SlowPath::NoGates));
        });
        assert!(!taken(SlowPath::NoGates));
    }

    #[test]
    fn a_panic_inside_run_puts_the_switch_back() {
        let outcome = std::panic::catch_unwind(|| {
            run(SlowPath::WideRegions, true, || panic!("a failing case"));
        });
        assert!(outcome.is_err());
        assert!(!taken(SlowPath::WideRegions));
    }
}
