//! What the temporal parser knows about the sentence being scanned: where
//! the words some alternatives need occur ([`Clues`]), what its mentions
//! share for their tense cues ([`SentenceCues`]: where its first modal is),
//! and the cue last read, which the grammars and [`super::parse_at`] both
//! ask for.
//!
//! The extract stage keeps one [`SentenceCache`] per document and hands it
//! to the parsers with each sentence; it starts over when the sentence
//! changes.

use std::cell::RefCell;
use std::ops::Range;

use super::dispatch::{Alternatives, Clues};
use super::tense::{SentenceCues, Tense};
use crate::extract::Ctx;

/// The per-sentence state (see the module documentation).
#[derive(Default)]
pub(crate) struct SentenceCache {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The span of the sentence the state describes.
    sentence: Range<usize>,
    /// What the sentence's mentions share for their tense cues.
    cues: SentenceCues,
    /// The last mention asked about and its cue: the grammars ask about a
    /// reading before [`super::parse_at`] asks about the winning one.
    last_cue: Option<(usize, usize, Option<Tense>)>,
    /// Where the words that some alternatives need occur, once found.
    clues: Clues,
}

impl State {
    /// Forgets what it knew when `ctx` is about another sentence.
    fn for_sentence(&mut self, ctx: &Ctx) {
        if self.sentence != ctx.sentence.span {
            self.sentence = ctx.sentence.span.clone();
            self.cues.build();
            self.last_cue = None;
            self.clues = Clues::default();
        }
    }
}

/// `can` without the alternatives that the sentence of `ctx` rules out at
/// `start`: those whose clue words do not occur after it (see [`Clues`]).
pub(super) fn prune(ctx: &Ctx, can: Alternatives, start: usize) -> Alternatives {
    let mut state = ctx.temporal.state.borrow_mut();
    state.for_sentence(ctx);
    let span = ctx.sentence.span.clone();
    let sentence = ctx
        .doc
        .lowered_text()
        .as_bytes()
        .get(span.clone())
        .unwrap_or(&[]);
    state.clues.prune(can, start, sentence, span.start)
}

/// [`prune`] where the sentence of `ctx` has been searched for clue words
/// at or before `start` already; `can` as it is otherwise. No search is
/// started.
pub(super) fn prune_known(ctx: &Ctx, can: Alternatives, start: usize) -> Alternatives {
    let mut state = ctx.temporal.state.borrow_mut();
    state.for_sentence(ctx);
    state.clues.prune_known(can, start)
}

/// The tense cue around a mention from `start` to `end` of the sentence
/// (document offsets), as [`super::tense::cue_near`] reads it from the text
/// before and after the mention.
pub(super) fn cue_near(ctx: &Ctx, start: usize, end: usize) -> Option<Tense> {
    let mut state = ctx.temporal.state.borrow_mut();
    state.for_sentence(ctx);
    if let Some((s, e, cue)) = state.last_cue {
        if (s, e) == (start, end) {
            return cue;
        }
    }
    let text = (ctx.text, ctx.doc.lowered_text());
    let cue = state.cues.cue(text, &ctx.sentence.span, start, end);
    state.last_cue = Some((start, end, cue));
    cue
}
