//! Checks the links an article cites: each distinct URL once, eight at a
//! time and never more than two at once on one host (a newsroom's checker
//! should not hammer a small site), HEAD first and GET where HEAD is not
//! taken. A link that does not answer is dead; one that ends on another site
//! has moved; one figcheck would not ask (a private address, a redirect to
//! another scheme) is reported as not checked.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Condvar, Mutex};

use super::http::{Client, FetchError};
use super::{CitedUrl, LinkCheck, LinkOutcome, NetworkOptions};

/// Links checked at once.
const WORKERS: usize = 8;
/// Requests at once to one host.
const PER_HOST: usize = 2;

/// Checks every cited link; the result has one entry per citation, in the
/// order given.
pub(crate) fn check_links(cited: &[CitedUrl], options: &NetworkOptions) -> Vec<LinkCheck> {
    let mut distinct: Vec<&str> = cited.iter().map(|c| c.url.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let outcomes = check_distinct(&distinct, options);
    cited
        .iter()
        .map(|c| LinkCheck {
            url: c.url.clone(),
            span: c.span,
            outcome: outcomes.get(c.url.as_str()).cloned().unwrap_or_else(|| {
                LinkOutcome::NotChecked {
                    reason: "the check did not finish".to_string(),
                }
            }),
            archive: options.services.archive_link(&c.url),
        })
        .collect()
}

fn check_distinct<'u>(urls: &[&'u str], options: &NetworkOptions) -> HashMap<&'u str, LinkOutcome> {
    let queue = Mutex::new(urls.iter().copied());
    let hosts = HostSlots::default();
    let results = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                // One client per worker: each has its own runtime thread.
                let client = Client::new(options);
                while let Some(url) = queue.lock().map(|mut q| q.next()).ok().flatten() {
                    let outcome = match &client {
                        Ok(client) => {
                            let host = host_of(url);
                            hosts.acquire(&host);
                            let outcome = outcome_of(url, client.probe(url));
                            hosts.release(&host);
                            outcome
                        }
                        Err(error) => LinkOutcome::NotChecked {
                            reason: error.to_string(),
                        },
                    };
                    if let Ok(mut results) = results.lock() {
                        results.insert(url, outcome);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// What a probe's answer means for a cited link.
fn outcome_of(url: &str, answer: Result<(u16, String), FetchError>) -> LinkOutcome {
    match answer {
        Ok((status, _)) if status >= 400 => LinkOutcome::Dead {
            reason: FetchError::Status(super::http::status_text(status)).to_string(),
        },
        Ok((status, to)) if site_of(&to) != site_of(url) => LinkOutcome::Moved { status, to },
        Ok((status, _)) => LinkOutcome::Alive { status },
        Err(
            error @ (FetchError::Private(_)
            | FetchError::BadScheme(_)
            | FetchError::NotHttp
            | FetchError::Other(_)),
        ) => LinkOutcome::NotChecked {
            reason: error.to_string(),
        },
        Err(error) => LinkOutcome::Dead {
            reason: error.to_string(),
        },
    }
}

/// The host of a URL, lower case, with its port.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// The site a URL belongs to: its host without port or a leading "www.",
/// so http→https and example.org→www.example.org are not moves.
fn site_of(url: &str) -> String {
    let host = host_of(url);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) && !name.ends_with(':') => {
            name.to_string()
        }
        _ => host,
    };
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// Requests in flight per host, with a wait for a free slot.
#[derive(Default)]
struct HostSlots {
    busy: Mutex<BTreeMap<String, usize>>,
    freed: Condvar,
}

impl HostSlots {
    fn acquire(&self, host: &str) {
        let Ok(mut busy) = self.busy.lock() else {
            return;
        };
        while busy.get(host).copied().unwrap_or(0) >= PER_HOST {
            busy = match self.freed.wait(busy) {
                Ok(guard) => guard,
                Err(_) => return,
            };
        }
        *busy.entry(host.to_string()).or_default() += 1;
    }

    fn release(&self, host: &str) {
        if let Ok(mut busy) = self.busy.lock() {
            if let Some(count) = busy.get_mut(host) {
                *count = count.saturating_sub(1);
            }
        }
        self.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_ignore_scheme_port_and_www() {
        assert_eq!(site_of("https://www.Example.org/a"), "example.org");
        assert_eq!(site_of("http://example.org:8080/a?b"), "example.org");
        assert_eq!(site_of("http://user@news.example/a"), "news.example");
        assert_eq!(site_of("http://[::1]:80/a"), "[::1]");
    }

    #[test]
    fn statuses_and_failures_map_to_outcomes() {
        let url = "https://example.org/a";
        assert_eq!(
            outcome_of(url, Ok((404, url.to_string()))),
            LinkOutcome::Dead {
                reason: "HTTP 404 Not Found".to_string()
            }
        );
        assert_eq!(
            outcome_of(url, Ok((200, "https://www.example.org/b".to_string()))),
            LinkOutcome::Alive { status: 200 }
        );
        assert_eq!(
            outcome_of(url, Ok((200, "https://other.example/b".to_string()))),
            LinkOutcome::Moved {
                status: 200,
                to: "https://other.example/b".to_string()
            }
        );
        assert!(matches!(
            outcome_of(url, Err(FetchError::Timeout(30))),
            LinkOutcome::Dead { .. }
        ));
        assert!(matches!(
            outcome_of(url, Err(FetchError::Private("10.0.0.1".to_string()))),
            LinkOutcome::NotChecked { .. }
        ));
    }
}
