//! Earlier fact-checks: each sentence that holds a claim is searched for in
//! the Google Fact Check Tools claim search (with the key in
//! FIGCHECK_FACTCHECK_KEY), and the reviews it returns (publisher, verdict,
//! URL) are attached to that sentence's claims. The key goes in the request
//! only: the cache stores answers under the URL without it.

use super::cache::Cache;
use super::http::{Client, FetchError};
use super::Services;
use crate::document::Document;
use crate::extract::{Claim, Review};

/// At most this many sentences are searched per article, so a long article
/// does not spend a day's quota.
const MAX_SENTENCES: usize = 40;
/// Reviews asked for per sentence.
const PAGE_SIZE: &str = "5";

/// Reviews by claim id.
pub(crate) fn search(
    document: &Document,
    claims: &[Claim],
    client: &Client,
    cache: &Cache,
    services: &Services,
    key: &str,
    notes: &mut Vec<String>,
) -> Vec<(String, Vec<Review>)> {
    let mut sentences: Vec<usize> = claims.iter().map(|c| c.sentence).collect();
    sentences.dedup();
    let mut found = Vec::new();
    for sentence in sentences.into_iter().take(MAX_SENTENCES) {
        let Some(range) = document.sentences.get(sentence).map(|s| s.span.clone()) else {
            continue;
        };
        let query = document.text()[range]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let reviews = match reviews_for(client, cache, services, key, &query) {
            Ok(reviews) => reviews,
            Err(error) => {
                notes.push(format!("fact-check search failed: {error}"));
                // One failure (a bad key, the service down) would repeat for
                // every sentence: stop asking.
                break;
            }
        };
        if reviews.is_empty() {
            continue;
        }
        for claim in claims.iter().filter(|c| c.sentence == sentence) {
            found.push((claim.id.clone(), reviews.clone()));
        }
    }
    found
}

fn search_url(services: &Services, query: &str, key: Option<&str>) -> Result<String, FetchError> {
    let mut params = vec![("query", query), ("pageSize", PAGE_SIZE)];
    if let Some(key) = key {
        params.push(("key", key));
    }
    reqwest::Url::parse_with_params(
        &format!("{}/v1alpha1/claims:search", services.factcheck),
        &params,
    )
    .map(String::from)
    .map_err(|e| FetchError::Other(format!("bad fact-check URL ({e})")))
}

fn reviews_for(
    client: &Client,
    cache: &Cache,
    services: &Services,
    key: &str,
    query: &str,
) -> Result<Vec<Review>, FetchError> {
    let url = search_url(services, query, Some(key))?;
    let cache_key = search_url(services, query, None)?;
    let body = cache.get_json(client, &url, &cache_key)?;
    parse_reviews(&body)
}

/// The reviews in a claims:search answer:
/// `{"claims":[{"text","claimant","claimReview":[{"publisher":{"name","site"},"url","title","textualRating","reviewDate"}]}]}`.
fn parse_reviews(body: &[u8]) -> Result<Vec<Review>, FetchError> {
    let answer = super::http::parse_json(body)?;
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut reviews = Vec::new();
    for claim in answer["claims"].as_array().into_iter().flatten() {
        for review in claim["claimReview"].as_array().into_iter().flatten() {
            let (Some(url), Some(rating)) = (text(&review["url"]), text(&review["textualRating"]))
            else {
                continue;
            };
            let publisher = text(&review["publisher"]["name"])
                .or_else(|| text(&review["publisher"]["site"]))
                .unwrap_or_else(|| "unknown publisher".to_string());
            reviews.push(Review {
                publisher,
                rating,
                url,
                title: text(&review["title"]),
                claim: text(&claim["text"]),
                date: text(&review["reviewDate"]),
            });
        }
    }
    Ok(reviews)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviews_are_read_from_the_claim_search_shape() {
        let body = br#"{"claims":[{"text":"Lyon has 2 million people","claimant":"a blog",
            "claimReview":[{"publisher":{"name":"Desk Check","site":"deskcheck.example"},
            "url":"https://deskcheck.example/lyon","title":"No, Lyon is smaller",
            "textualRating":"False","reviewDate":"2023-01-02T00:00:00Z"},
            {"publisher":{"site":"other.example"},"url":"https://other.example/x","textualRating":"Misleading"},
            {"publisher":{"name":"No URL"},"textualRating":"True"}]}]}"#;
        let reviews = parse_reviews(body).unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews[0].publisher, "Desk Check");
        assert_eq!(reviews[0].rating, "False");
        assert_eq!(
            reviews[0].claim.as_deref(),
            Some("Lyon has 2 million people")
        );
        assert_eq!(reviews[1].publisher, "other.example");
        assert!(parse_reviews(b"{}").unwrap().is_empty());
    }

    #[test]
    fn the_key_is_not_part_of_the_cache_key() {
        let services = Services::default();
        let with = search_url(&services, "Lyon has 2 million people", Some("SECRET")).unwrap();
        let without = search_url(&services, "Lyon has 2 million people", None).unwrap();
        assert!(with.contains("key=SECRET"));
        assert!(!without.contains("SECRET"));
        assert!(without.starts_with(
            "https://factchecktools.googleapis.com/v1alpha1/claims:search?query=Lyon+has"
        ));
    }
}
