//! The online stage: runs the checks the user asked for and gathers what
//! they found into [`Online`]. Without `--check-links` or `--lookup` (or
//! without the `net` feature) it returns at once and sends nothing.

use super::{CitedUrl, NetworkOptions, Online};
use crate::document::Document;
use crate::extract::Claim;

/// Runs the online checks `options` asks for on one document. `cited` are
/// the links it cites, with their places.
#[cfg(feature = "net")]
pub fn run(
    document: &Document,
    claims: &[Claim],
    cited: &[CitedUrl],
    options: &NetworkOptions,
) -> Online {
    let mut online = Online::default();
    if options.check_links {
        online.links = super::link_check::check_links(cited, options);
    }
    if options.lookup {
        let client = match super::http::Client::for_services(options) {
            Ok(client) => client,
            Err(error) => {
                online.notes.push(format!("look-ups skipped: {error}"));
                return online;
            }
        };
        let cache = super::cache::Cache::new(options);
        let services = &options.services;
        online.references = super::wikidata::compare(
            document,
            claims,
            &client,
            &cache,
            services,
            &mut online.notes,
        );
        if let Some(key) = &options.factcheck_key {
            online.reviews = super::factcheck::search(
                document,
                claims,
                &client,
                &cache,
                services,
                key,
                &mut online.notes,
            );
        }
    }
    online
}

/// Built without the `net` feature nothing goes online.
#[cfg(not(feature = "net"))]
pub fn run(
    _document: &Document,
    _claims: &[Claim],
    _cited: &[CitedUrl],
    _options: &NetworkOptions,
) -> Online {
    Online::default()
}
