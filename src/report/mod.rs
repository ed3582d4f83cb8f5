//! The report model (what the JSON contract serialises) and its renderers.

use serde::Serialize;

use crate::document::Document;
use crate::extract::Claim;

/// The report for one input.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub source: String,
    pub as_of: Option<String>,
    pub claims: Vec<Claim>,
    pub findings: Vec<serde_json::Value>,
}

impl DocumentReport {
    pub fn new(source: &str, document: &Document, claims: Vec<Claim>) -> DocumentReport {
        DocumentReport {
            source: source.to_string(),
            as_of: document.published.map(|d| d.to_string()),
            claims,
            findings: Vec::new(),
        }
    }
}

/// The report for a whole run: version 1 of the JSON contract.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentReport>,
}
