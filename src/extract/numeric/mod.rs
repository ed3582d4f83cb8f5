//! Numeric claims: counts, quantities, money, percentages and ordinals.

use super::{Claim, Ctx, Found};

/// The numeric claim that starts at `start`, if any.
pub(crate) fn parse_at(_ctx: &Ctx, _start: usize) -> Option<Found> {
    None
}

/// Sets `part_of` on partitive counts to the id of the claim they are part of.
pub(crate) fn link_partitives(_claims: &mut [Claim]) {}
