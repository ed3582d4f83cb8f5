//! The built-in rules, one line each, in the order `figcheck rules` lists them.

use super::{consistency, reference, sourcing, Rule};

#[rustfmt::skip]
pub(super) static BUILTIN: &[&dyn Rule] = &[
    &consistency::part_exceeds_whole::PartExceedsWhole,
    &consistency::fraction_mismatch::FractionMismatch,
    &consistency::change_mismatch::ChangeMismatch,
    &consistency::shares_exceed_total::SharesExceedTotal,
    &consistency::sum_mismatch::SumMismatch,
    &consistency::weekday_mismatch::WeekdayMismatch,
    &consistency::date_arithmetic::DateArithmetic,
    &consistency::timeline::Timeline,
    &consistency::conflicting_figures::ConflictingFigures,
    &sourcing::unsourced_figure::UnsourcedFigure,
    &sourcing::vague_attribution::VagueAttribution,
    &sourcing::unattributed_quote::UnattributedQuote,
    &sourcing::unsourced_superlative::UnsourcedSuperlative,
    &sourcing::dead_link::DeadLink,
    &sourcing::moved_link::MovedLink,
    &reference::contradicted::Contradicted,
];
