//! The finding: what a rule reports about a claim or a phrase. Its serialised
//! form is the `findings` entry of the JSON contract.

use serde::Serialize;

use crate::extract::Span;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One problem a rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// Lower case, no final full stop, with the numbers that prove it.
    pub message: String,
    pub span: Span,
    pub related: Vec<Span>,
    /// Ids of the claims involved.
    pub claims: Vec<String>,
    /// A replacement for the flagged text, where the rule has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}
