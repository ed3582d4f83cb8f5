//! The settings of the online stage and what it found. These types are
//! compiled with or without the `net` feature: the rules read the results
//! from here and never go to the network themselves.

use std::time::Duration;

use serde::Deserialize;

use crate::extract::Span;

/// What the user allowed to go online, and how.
#[derive(Debug, Clone)]
pub struct NetworkOptions {
    /// `--check-links`: check every link the article cites.
    pub check_links: bool,
    /// `--lookup`: look figures up in Wikidata and earlier fact-checks.
    pub lookup: bool,
    /// `--allow-private`: let requests reach private and loopback addresses.
    pub allow_private: bool,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// The largest body read, before and after any decoding.
    pub max_bytes: u64,
    pub services: Services,
    /// `--no-cache` turns this off: every answer is asked for afresh.
    pub use_cache: bool,
    /// The Google Fact Check Tools key (FIGCHECK_FACTCHECK_KEY); without it
    /// no fact-check search is made.
    pub factcheck_key: Option<String>,
}

/// Ten seconds to connect, thirty for a whole request.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl Default for NetworkOptions {
    fn default() -> NetworkOptions {
        NetworkOptions {
            check_links: false,
            lookup: false,
            allow_private: false,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_bytes: crate::source::DEFAULT_MAX_BYTES,
            services: Services::default(),
            use_cache: true,
            factcheck_key: None,
        }
    }
}

/// Where the online services live; `[services]` in figcheck.toml moves them
/// (the tests point them at servers on 127.0.0.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Services {
    /// Wikidata's base URL; the API is at {base}/w/api.php.
    pub wikidata: String,
    /// The Fact Check Tools base URL; claims are searched at {base}/v1alpha1/claims:search.
    pub factcheck: String,
    /// The web archive's base URL; a link's copies are listed at {base}/web/*/URL.
    pub archive: String,
    /// How long a cached answer is used, in hours.
    pub cache_ttl_hours: u64,
}

impl Default for Services {
    fn default() -> Services {
        Services {
            wikidata: "https://www.wikidata.org".to_string(),
            factcheck: "https://factchecktools.googleapis.com".to_string(),
            archive: "https://web.archive.org".to_string(),
            cache_ttl_hours: 24,
        }
    }
}

/// `[services]` as one pack writes it: only the keys it sets override.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicesTable {
    pub wikidata: Option<String>,
    pub factcheck: Option<String>,
    pub archive: Option<String>,
    pub cache_ttl_hours: Option<u64>,
}

impl Services {
    /// Applies one pack's `[services]`; a base URL must be http(s).
    pub fn apply(&mut self, table: ServicesTable) -> Result<(), String> {
        for (key, value, slot) in [
            ("wikidata", table.wikidata, &mut self.wikidata),
            ("factcheck", table.factcheck, &mut self.factcheck),
            ("archive", table.archive, &mut self.archive),
        ] {
            if let Some(value) = value {
                let lower = value.to_ascii_lowercase();
                if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                    return Err(format!(
                        "[services] {key} = \"{value}\" is not an http(s) base URL"
                    ));
                }
                *slot = value.trim_end_matches('/').to_string();
            }
        }
        if let Some(hours) = table.cache_ttl_hours {
            self.cache_ttl_hours = hours;
        }
        Ok(())
    }

    /// The archive's list of copies of `url`.
    pub fn archive_link(&self, url: &str) -> String {
        format!("{}/web/*/{url}", self.archive)
    }
}

/// Everything the online stage found for one document.
#[derive(Debug, Clone, Default)]
pub struct Online {
    /// One entry per cited link, in text order.
    pub links: Vec<LinkCheck>,
    /// Figures compared with reference data.
    pub references: Vec<ReferenceCheck>,
    /// Earlier fact-checks, by claim id.
    pub reviews: Vec<(String, Vec<crate::extract::Review>)>,
    /// Look-ups that failed ("wikidata: HTTP 500 ..."), for a note to the user.
    pub notes: Vec<String>,
}

/// One cited link and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkCheck {
    pub url: String,
    pub span: Span,
    pub outcome: LinkOutcome,
    /// Where the archive keeps copies of it.
    pub archive: String,
}

/// How a cited link answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// It answered (2xx or 3xx ending on the same site).
    Alive { status: u16 },
    /// It redirected to another site, which answered.
    Moved { status: u16, to: String },
    /// It did not answer: an HTTP error, no such host, no connection, a timeout.
    Dead { reason: String },
    /// figcheck would not ask: a private address, a redirect to another scheme.
    NotChecked { reason: String },
}

impl LinkOutcome {
    /// A short description for the report ("404 not found", "moved to ...").
    pub fn describe(&self) -> String {
        match self {
            LinkOutcome::Alive { status } => format!("ok ({status})"),
            LinkOutcome::Moved { to, .. } => format!("moved to {to}"),
            LinkOutcome::Dead { reason } => format!("dead: {reason}"),
            LinkOutcome::NotChecked { reason } => format!("not checked: {reason}"),
        }
    }
}

/// A figure compared with reference data.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceCheck {
    pub claim: String,
    pub span: Span,
    /// What the reference gives, as a phrase: "a population of 522,250 in 2021".
    pub reference: String,
    /// The name the figure is about ("Lyon").
    pub subject: String,
    /// The figure as the article states it ("1.2 million").
    pub stated: String,
    /// The reference item ("https://www.wikidata.org/wiki/Q456").
    pub item: String,
    /// The date the reference value holds at, where it has one.
    pub date: Option<String>,
    pub agrees: bool,
}
