//! The built-in rules, one line each.

use super::consistency::weekday_mismatch::WeekdayMismatch;
use super::sourcing::{unsourced_figure::UnsourcedFigure, vague_attribution::VagueAttribution};
use super::Rule;

pub(super) static BUILTIN: &[&dyn Rule] = &[&WeekdayMismatch, &UnsourcedFigure, &VagueAttribution];
