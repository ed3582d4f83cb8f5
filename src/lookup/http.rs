//! The HTTP client every online check shares: rustls with the ring provider,
//! a User-Agent that names figcheck, connect and total timeouts, at most five
//! redirects and never to a scheme other than http(s), body size limits, and
//! the guard that keeps requests off private and loopback addresses unless
//! the user allows them. Every failure becomes one [`FetchError`] that says in
//! a few words what went wrong.
//!
//! A proxy named in the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`, either case, as curl reads them) is used, as a newsroom
//! behind one needs. Through a proxy the proxy resolves the target's name,
//! so the guard resolves it first itself; the proxy's own address, like the
//! services' addresses, is the user's choice and is never refused.
//!
//! No body is ever decompressed: figcheck does not offer compression, and a
//! body sent compressed anyway is refused rather than inflated, so the size
//! limit is the limit on what is read and on what is decoded alike.

use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Once};
use std::time::Duration;

use reqwest::blocking::Response;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{CONTENT_ENCODING, CONTENT_TYPE, LOCATION};
use reqwest::{Method, Url};

use super::NetworkOptions;

/// The most redirects followed for one request.
pub const MAX_REDIRECTS: usize = 5;

/// Media types read as articles.
const ARTICLE_TYPES: &[&str] = &[
    "text/html",
    "text/plain",
    "text/markdown",
    "application/xhtml+xml",
];

/// "figcheck/0.1.0 (+https://...)": who is asking, and where to read about it.
pub fn user_agent() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match env!("CARGO_PKG_REPOSITORY") {
        "" => format!("figcheck/{version}"),
        repository => format!("figcheck/{version} (+{repository})"),
    }
}

/// Why a request failed, in words an editor can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not an http(s) URL")]
    NotHttp,
    #[error("no such host ({0})")]
    Dns(String),
    #[error("connection refused")]
    ConnectionRefused,
    #[error("could not connect ({0})")]
    Connect(String),
    #[error("TLS failure ({0})")]
    Tls(String),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("HTTP {0}")]
    Status(String),
    #[error("larger than the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge { limit: u64 },
    #[error("not an article (content type {0})")]
    NotArticle(String),
    #[error("compressed body refused (content encoding {0})")]
    Compressed(String),
    #[error("redirect loop (back to {0})")]
    RedirectLoop(String),
    #[error("too many redirects (more than {MAX_REDIRECTS})")]
    TooManyRedirects,
    #[error("redirect to a non-http scheme refused ({0})")]
    BadScheme(String),
    #[error("{0} is a private or loopback address, refused (allow it with --allow-private)")]
    Private(String),
    #[error("{0} does not resolve here, so it cannot be checked for a private address before the proxy is asked for it (allow it with --allow-private)")]
    Unverifiable(String),
    #[error("{0}")]
    Other(String),
}

/// What a successful request brought back.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub status: u16,
    /// The media type without parameters ("text/html").
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// A configured client. Each one has its own connection pool and runtime
/// thread, so the link checker gives each worker its own.
pub struct Client {
    inner: reqwest::blocking::Client,
    guard: Guarded,
    timeout: Duration,
    max_bytes: u64,
}

/// The ring provider goes in before the first client is built: reqwest is
/// built without a provider of its own (aws-lc costs minutes of build).
fn install_crypto_provider() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // An embedding program may have installed one already; that is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Client {
    /// A client for the article and its cited links: private addresses
    /// only with `--allow-private`.
    pub fn new(options: &NetworkOptions) -> Result<Client, FetchError> {
        Client::build(options, options.allow_private)
    }

    /// A client for the look-up services, whose base URLs the user set
    /// (so a service on a private address is the user's choice).
    pub fn for_services(options: &NetworkOptions) -> Result<Client, FetchError> {
        Client::build(options, true)
    }

    fn build(options: &NetworkOptions, allow_private: bool) -> Result<Client, FetchError> {
        install_crypto_provider();
        let guard = Guarded {
            allow_private,
            proxies: Arc::new(environment_proxy_hosts(&|name| std::env::var(name).ok())),
        };
        let redirect_guard = guard.clone();
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let url = attempt.url().clone();
            if let Err(error) = redirect_guard.check(&url) {
                let error = match error {
                    FetchError::NotHttp => FetchError::BadScheme(format!("{}:", url.scheme())),
                    other => other,
                };
                return attempt.error(Guard(error));
            }
            if attempt.previous().contains(&url) {
                return attempt.error(Guard(FetchError::RedirectLoop(url.to_string())));
            }
            if attempt.previous().len() > MAX_REDIRECTS {
                return attempt.error(Guard(FetchError::TooManyRedirects));
            }
            attempt.follow()
        });
        let inner = reqwest::blocking::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(policy)
            .dns_resolver(Arc::new(guard.clone()))
            .build()
            .map_err(|e| FetchError::Other(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Client {
            inner,
            guard,
            timeout: options.timeout,
            max_bytes: options.max_bytes,
        })
    }

    /// Fetches an article: a 2xx answer with an article's media type and a
    /// body within the size limit.
    pub fn get_article(&self, url: &str) -> Result<Fetched, FetchError> {
        let response = self.send(Method::GET, url)?;
        let response = success(response)?;
        let content_type = media_type(&response);
        match &content_type {
            Some(t) if ARTICLE_TYPES.contains(&t.as_str()) => {}
            Some(t) => return Err(FetchError::NotArticle(t.clone())),
            None => return Err(FetchError::NotArticle("none given".to_string())),
        }
        self.read_body(response, content_type)
    }

    /// Fetches a service's JSON answer (2xx, within the size limit).
    pub fn get_json(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        let response = success(self.send(Method::GET, url)?)?;
        let content_type = media_type(&response);
        Ok(self.read_body(response, content_type)?.body)
    }

    /// Asks whether a link answers: HEAD, or GET where the server does not
    /// take HEAD (405, 501). The body is never read. Returns the final
    /// status and URL, whatever the status.
    pub fn probe(&self, url: &str) -> Result<(u16, String), FetchError> {
        let mut response = self.send(Method::HEAD, url)?;
        if matches!(response.status().as_u16(), 405 | 501) {
            response = self.send(Method::GET, url)?;
        }
        Ok((response.status().as_u16(), response.url().to_string()))
    }

    fn send(&self, method: Method, url: &str) -> Result<Response, FetchError> {
        let parsed = Url::parse(url).map_err(|e| FetchError::Other(format!("not a URL ({e})")))?;
        self.guard.check(&parsed)?;
        let response = self
            .inner
            .request(method, parsed)
            .send()
            .map_err(|e| classify(&e, self.timeout))?;
        // reqwest hands back, unfollowed, a redirect to a scheme it cannot
        // fetch (file:, ftp:, javascript:): that is a refusal, not an answer.
        if response.status().is_redirection() {
            let target = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| response.url().join(l).ok());
            if let Some(target) = target.filter(|t| !matches!(t.scheme(), "http" | "https")) {
                return Err(FetchError::BadScheme(format!("{}:", target.scheme())));
            }
        }
        Ok(response)
    }

    fn read_body(
        &self,
        response: Response,
        content_type: Option<String>,
    ) -> Result<Fetched, FetchError> {
        let limit = self.max_bytes;
        if let Some(encoding) = response.headers().get(CONTENT_ENCODING) {
            let encoding = encoding.to_str().unwrap_or("?").trim().to_ascii_lowercase();
            if encoding != "identity" {
                return Err(FetchError::Compressed(encoding));
            }
        }
        // A stated length over the limit is refused before reading a byte;
        // the read itself stops one byte past the limit whatever was stated.
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let url = response.url().to_string();
        let status = response.status().as_u16();
        let mut body = Vec::new();
        response
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| classify_io(&e, self.timeout))?;
        if body.len() as u64 > limit {
            return Err(FetchError::TooLarge { limit });
        }
        Ok(Fetched {
            url,
            status,
            content_type,
            body,
        })
    }
}

fn success(response: Response) -> Result<Response, FetchError> {
    let status = response.status();
    if status.is_success() {
        Ok(response)
    } else {
        Err(FetchError::Status(status_text(status.as_u16())))
    }
}

/// A service's answer as JSON.
pub fn parse_json(body: &[u8]) -> Result<serde_json::Value, FetchError> {
    serde_json::from_slice(body).map_err(|e| FetchError::Other(format!("answer is not JSON ({e})")))
}

/// "404 Not Found".
pub fn status_text(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!("{status} {reason}").trim_end().to_string()
}

fn media_type(response: &Response) -> Option<String> {
    let value = response.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

/// Refuses URLs that are not http(s), and hosts that are private or
/// loopback IP literals (names are checked when they are resolved).
fn guard_url(url: &Url, allow_private: bool) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::NotHttp);
    }
    let host = url.host_str().unwrap_or("");
    let Ok(ip) = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    else {
        return Ok(());
    };
    if !allow_private && is_private(ip) {
        return Err(FetchError::Private(ip.to_string()));
    }
    Ok(())
}

/// Loopback, private, link-local and unspecified addresses: 127/8, 10/8,
/// 172.16/12, 192.168/16, 169.254/16, 0/8, ::1, ::, fc00::/7, fe80::/10 and
/// IPv4-mapped forms of these.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.octets()[0] == 0
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

/// A refusal raised inside reqwest (resolver, redirect policy) and found
/// again in the error's source chain.
#[derive(Debug)]
struct Guard(FetchError);

impl std::fmt::Display for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Guard {}

/// What a client refuses, and the resolver it connects through: names are
/// resolved with the system resolver, then private and loopback addresses
/// are refused unless allowed. Checking the addresses actually connected
/// to, rather than a lookup made beforehand, leaves no gap for a name that
/// resolves differently the second time; only through a proxy, which
/// resolves the target itself, is a lookup beforehand the best there is.
#[derive(Clone)]
struct Guarded {
    allow_private: bool,
    /// The hosts of the proxies in the environment, lower case; none when
    /// requests go straight to their targets.
    proxies: Arc<Vec<String>>,
}

impl Guarded {
    /// Refuses `url` before any request: a scheme other than http(s), a
    /// private address written in it, and, when a proxy would carry the
    /// request, a name that resolves to a private address (or cannot be
    /// resolved here to tell).
    fn check(&self, url: &Url) -> Result<(), FetchError> {
        guard_url(url, self.allow_private)?;
        if self.allow_private || self.proxies.is_empty() {
            return Ok(());
        }
        // An address written in the URL was checked above; a name is not
        // resolved here unless it must be.
        let Some(name) = url.domain() else {
            return Ok(());
        };
        match resolve_host(name, false) {
            Err(FetchError::Dns(host)) => Err(FetchError::Unverifiable(host)),
            other => other.map(|_| ()),
        }
    }
}

impl Resolve for Guarded {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        let allow_private = self.allow_private || self.proxies.contains(&host);
        let result = resolve_host(name.as_str(), allow_private)
            .map(|addrs| Box::new(addrs.into_iter()) as Addrs)
            .map_err(|e| Box::new(Guard(e)) as Box<dyn std::error::Error + Send + Sync>);
        Box::pin(std::future::ready(result))
    }
}

/// The hosts of the proxies the environment names, lower case, read from
/// the variables reqwest reads (`HTTP_PROXY` not under CGI, where a client
/// can set it with a request header). `var` reads one variable.
fn environment_proxy_hosts(var: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let cgi = var("REQUEST_METHOD").is_some();
    let names: &[&str] = if cgi {
        &[
            "ALL_PROXY",
            "all_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "http_proxy",
        ]
    } else {
        &[
            "ALL_PROXY",
            "all_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
        ]
    };
    let mut hosts: Vec<String> = names
        .iter()
        .filter_map(|name| var(name))
        .filter(|value| !value.trim().is_empty())
        .filter_map(|value| {
            let value = value.trim();
            // "proxy.example:3128" with no scheme means http, as for curl.
            let url = match value.contains("://") {
                true => Url::parse(value),
                false => Url::parse(&format!("http://{value}")),
            };
            let host = url.ok()?.host_str()?.to_ascii_lowercase();
            Some(
                host.trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_string(),
            )
        })
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

fn resolve_host(host: &str, allow_private: bool) -> Result<Vec<SocketAddr>, FetchError> {
    let lower = host.trim_end_matches('.').to_ascii_lowercase();
    // RFC 6761: names under .invalid never resolve, so none is asked for.
    if lower == "invalid" || lower.ends_with(".invalid") {
        return Err(FetchError::Dns(host.to_string()));
    }
    let addrs: Vec<SocketAddr> = (host, 0)
        .to_socket_addrs()
        .map_err(|_| FetchError::Dns(host.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(FetchError::Dns(host.to_string()));
    }
    if !allow_private {
        if let Some(addr) = addrs.iter().find(|a| is_private(a.ip())) {
            return Err(FetchError::Private(format!("{host} ({})", addr.ip())));
        }
    }
    Ok(addrs)
}

/// Turns reqwest's error into what went wrong, looking through its causes
/// for our own refusals, refused connections and TLS failures.
fn classify(error: &reqwest::Error, timeout: Duration) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut tls = None;
    while let Some(cause) = source {
        if let Some(Guard(inner)) = cause.downcast_ref::<Guard>() {
            return inner.clone();
        }
        if let Some(rustls_error) = cause.downcast_ref::<rustls::Error>() {
            tls = Some(rustls_error.to_string());
        }
        source = match cause.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                return FetchError::ConnectionRefused;
            }
            // An io::Error's source() skips the error it wraps: step into it.
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => cause.source(),
        };
    }
    if error.is_timeout() {
        return FetchError::Timeout(timeout.as_secs());
    }
    if let Some(reason) = tls {
        return FetchError::Tls(reason);
    }
    let detail = innermost(error);
    if error.is_connect() {
        return FetchError::Connect(detail);
    }
    FetchError::Other(detail)
}

fn classify_io(error: &std::io::Error, timeout: Duration) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(inner) = cause.downcast_ref::<reqwest::Error>() {
            return classify(inner, timeout);
        }
        source = cause.source();
    }
    if error.kind() == std::io::ErrorKind::TimedOut {
        return FetchError::Timeout(timeout.as_secs());
    }
    FetchError::Other(format!("reading the body failed ({error})"))
}

/// The last cause in an error's chain, the one that says most.
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_are_recognised() {
        for private in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_private(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "172.32.0.1",
            "172.15.255.255",
            "192.169.0.1",
            "2001:db8::1",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_private(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn literal_private_hosts_and_other_schemes_are_refused() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            guard_url(&url("http://127.0.0.1:8080/a"), false),
            Err(FetchError::Private("127.0.0.1".to_string()))
        );
        assert!(guard_url(&url("http://[::1]/a"), false).is_err());
        assert_eq!(guard_url(&url("http://127.0.0.1/a"), true), Ok(()));
        assert_eq!(
            guard_url(&url("file:///etc/passwd"), true),
            Err(FetchError::NotHttp)
        );
        assert_eq!(guard_url(&url("https://example.org/"), false), Ok(()));
    }

    #[test]
    fn invalid_names_are_never_looked_up() {
        assert_eq!(
            resolve_host("news.invalid", true),
            Err(FetchError::Dns("news.invalid".to_string()))
        );
    }

    #[test]
    fn localhost_resolves_but_is_refused_unless_allowed() {
        assert!(matches!(
            resolve_host("localhost", false),
            Err(FetchError::Private(_))
        ));
        assert!(resolve_host("localhost", true).is_ok());
    }

    #[test]
    fn proxy_hosts_are_read_as_curl_reads_them() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert!(environment_proxy_hosts(&env(&[])).is_empty());
        assert_eq!(
            environment_proxy_hosts(&env(&[
                ("HTTPS_PROXY", "http://Proxy.Example:3128"),
                ("http_proxy", "proxy.example:3128"),
                ("ALL_PROXY", "socks5://[::1]:1080"),
                ("NO_PROXY", "ignored.example"),
            ])),
            ["::1", "proxy.example"]
        );
        // Under CGI a request header can set HTTP_PROXY: it is not a proxy.
        assert!(environment_proxy_hosts(&env(&[
            ("REQUEST_METHOD", "GET"),
            ("HTTP_PROXY", "http://evil.example:80"),
        ]))
        .is_empty());
    }

    #[test]
    fn through_a_proxy_names_are_checked_before_the_request_and_the_proxy_is_allowed() {
        let url = |s: &str| Url::parse(s).unwrap();
        let direct = Guarded {
            allow_private: false,
            proxies: Arc::new(Vec::new()),
        };
        // Straight to the target, the resolver checks the name as it connects.
        assert_eq!(direct.check(&url("http://localhost:9/a")), Ok(()));
        let proxied = Guarded {
            allow_private: false,
            proxies: Arc::new(vec!["localhost".to_string()]),
        };
        assert!(matches!(
            proxied.check(&url("http://localhost:9/a")),
            Err(FetchError::Private(_))
        ));
        assert_eq!(
            proxied.check(&url("http://news.invalid/a")),
            Err(FetchError::Unverifiable("news.invalid".to_string()))
        );
        assert!(matches!(
            proxied.check(&url("http://10.0.0.1/a")),
            Err(FetchError::Private(_))
        ));
        let allowed = Guarded {
            allow_private: true,
            ..proxied.clone()
        };
        assert_eq!(allowed.check(&url("http://localhost:9/a")), Ok(()));
    }

    /// What the resolver answers for `host` (its answer is always ready).
    fn resolved(guard: &Guarded, host: &str) -> Result<Vec<SocketAddr>, String> {
        use std::str::FromStr;
        use std::task::{Context, Poll, Waker};
        let mut resolving = guard.resolve(Name::from_str(host).unwrap());
        match resolving
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(result) => result.map(Iterator::collect).map_err(|e| e.to_string()),
            Poll::Pending => panic!("the resolver answers at once"),
        }
    }

    #[test]
    fn the_proxy_itself_may_be_on_a_private_address() {
        let guard = Guarded {
            allow_private: false,
            proxies: Arc::new(vec!["localhost".to_string()]),
        };
        assert!(resolved(&guard, "localhost").is_ok());
        let no_proxy = Guarded {
            proxies: Arc::new(Vec::new()),
            ..guard
        };
        let refused = resolved(&no_proxy, "localhost").unwrap_err();
        assert!(refused.contains("private or loopback"), "{refused}");
    }

    #[test]
    fn user_agent_names_figcheck_and_its_version() {
        assert!(user_agent().starts_with(&format!("figcheck/{}", env!("CARGO_PKG_VERSION"))));
    }
}
