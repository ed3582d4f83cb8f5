//! Going online, tested against real HTTP servers on 127.0.0.1 started here:
//! httpmock for answers in the services' shapes, and a few lines of
//! `TcpListener` for what a mock cannot do (answer slowly, send a body
//! longer than it says, count every connection). Nothing leaves loopback:
//! the names that should fail to resolve are under `.invalid`, which figcheck
//! never asks the DNS about.
//!
//! This file is also where the network rules ("sourcing/dead-link",
//! "sourcing/moved-link", "reference/contradicted") are driven, since their
//! findings depend on what servers answer rather than on the text alone.
#![cfg(feature = "net")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use httpmock::MockServer;
use serde_json::Value;

/// The environment variables that name a proxy.
const PROXY_VARIABLES: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The figcheck binary, run in `dir` with its cache in `dir/cache`, no
/// fact-check key and no proxy unless a test sets them.
fn figcheck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("figcheck").unwrap();
    command
        .current_dir(dir)
        .env("FIGCHECK_CACHE_DIR", dir.join("cache"))
        .env_remove("FIGCHECK_FACTCHECK_KEY");
    for variable in PROXY_VARIABLES {
        command.env_remove(variable);
    }
    command
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let output = command.output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Runs figcheck in `dir` with `args` and `--format json`, expects exit 0,
/// and returns the first document of the report.
fn json_document(dir: &Path, args: &[&str]) -> Value {
    let out = run(figcheck(dir).args(args).args(["--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    json(&out)["documents"][0].clone()
}

/// The messages of one rule's findings in a JSON report's document.
fn messages(document: &Value, rule: &str) -> Vec<String> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

const ARTICLE: &str = "Harbour reopens\n\nThe harbour reopened on Monday after 14 months of work, the port authority said.\n";

fn serve_text(server: &MockServer, path: &str, content_type: &str, body: &str) {
    server.mock(|when, then| {
        when.method("GET").path(path);
        then.status(200)
            .header("content-type", content_type)
            .body(body);
    });
}

/// Fetches `url` as the article and returns the run.
fn check_url(url: &str, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    run(figcheck(dir.path()).arg("check").arg(url).args(extra))
}

/// A server on 127.0.0.1 that hands each connection to `handle` and counts
/// them. Its threads end with the test process.
fn raw_server(handle: fn(TcpStream)) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || handle(stream));
        }
    });
    (base, count)
}

fn read_request(stream: &mut TcpStream) {
    let mut buffer = [0u8; 4096];
    let mut seen = Vec::new();
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}

// ---------------------------------------------------------------- URL input

#[test]
fn a_url_is_fetched_with_a_clear_user_agent_and_checked_like_a_file() {
    let server = MockServer::start();
    let page = server.mock(|when, then| {
        when.method("GET").path("/story").header(
            "user-agent",
            format!("figcheck/{}", env!("CARGO_PKG_VERSION")),
        );
        then.status(200)
            .header("content-type", "text/plain; charset=utf-8")
            .body(ARTICLE);
    });
    let url = server.url("/story");
    let out = check_url(&url, &["--allow-private", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    page.assert_calls(1);
    let report = json(&out);
    assert_eq!(report["documents"][0]["source"], url.as_str());
    let claims: Vec<&str> = report["documents"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(claims.contains(&"14 months"), "{claims:?}");
}

#[test]
fn loopback_urls_are_refused_without_allow_private() {
    let server = MockServer::start();
    serve_text(&server, "/story", "text/plain", ARTICLE);
    let url = server.url("/story");
    let out = check_url(&url, &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(&format!("figcheck: error: {url}: 127.0.0.1 is a private or loopback address, refused (allow it with --allow-private)")),
        "{}",
        out.stderr
    );
}

/// Every failure is one line naming the URL and the cause.
fn assert_fails(url: &str, extra: &[&str], cause: &str) {
    let mut args = vec!["--allow-private"];
    args.extend_from_slice(extra);
    let out = check_url(url, &args);
    assert_eq!(out.code, 2, "{url}: {}", out.stderr);
    let line = format!("figcheck: error: {url}: {cause}");
    assert!(
        out.stderr.contains(&line),
        "wanted {line:?}, got {:?}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn http_errors_name_the_status() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/gone");
        then.status(404).body("no");
    });
    server.mock(|when, then| {
        when.path("/broken");
        then.status(500).body("oops");
    });
    assert_fails(&server.url("/gone"), &[], "HTTP 404 Not Found");
    assert_fails(
        &server.url("/broken"),
        &[],
        "HTTP 500 Internal Server Error",
    );
}

#[test]
fn pages_that_are_not_articles_are_refused() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/photo.png");
        then.status(200)
            .header("content-type", "image/png")
            .body([0x89, b'P', b'N', b'G']);
    });
    assert_fails(
        &server.url("/photo.png"),
        &[],
        "not an article (content type image/png)",
    );
}

#[test]
fn bodies_over_the_limit_are_refused_by_length_and_while_reading() {
    let server = MockServer::start();
    serve_text(&server, "/long", "text/plain", &"word ".repeat(200));
    assert_fails(
        &server.url("/long"),
        &["--max-bytes", "100"],
        "larger than the limit of 100 bytes (raise it with --max-bytes)",
    );
    // No Content-Length: the read stops past the limit.
    let (base, _) = raw_server(|mut stream| {
        read_request(&mut stream);
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n");
        for _ in 0..100 {
            if stream.write_all(&[b'a'; 1000]).is_err() {
                return;
            }
        }
    });
    assert_fails(
        &format!("{base}/endless"),
        &["--max-bytes", "5000"],
        "larger than the limit of 5000 bytes (raise it with --max-bytes)",
    );
}

#[test]
fn compressed_bodies_are_refused_not_inflated() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/zipped");
        then.status(200)
            .header("content-type", "text/plain")
            .header("content-encoding", "gzip")
            .body([0x1f, 0x8b, 0x08, 0x00]);
    });
    assert_fails(
        &server.url("/zipped"),
        &[],
        "compressed body refused (content encoding gzip)",
    );
}

#[test]
fn slow_answers_time_out() {
    let (base, _) = raw_server(|mut stream| {
        read_request(&mut stream);
        std::thread::sleep(Duration::from_secs(4));
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\nlate.",
        );
    });
    assert_fails(
        &format!("{base}/slow"),
        &["--timeout", "1"],
        "timed out after 1 s",
    );
}

#[test]
fn redirect_loops_too_many_redirects_and_other_schemes_are_refused() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/a");
        then.status(302).header("location", "/b");
    });
    server.mock(|when, then| {
        when.path("/b");
        then.status(302).header("location", "/a");
    });
    for step in 1..=7 {
        server.mock(move |when, then| {
            when.path(format!("/hop{step}"));
            then.status(301)
                .header("location", format!("/hop{}", step + 1));
        });
    }
    server.mock(|when, then| {
        when.path("/secret");
        then.status(302).header("location", "file:///etc/passwd");
    });
    let loop_url = server.url("/a");
    assert_fails(
        &loop_url,
        &[],
        &format!("redirect loop (back to {loop_url})"),
    );
    assert_fails(
        &server.url("/hop1"),
        &[],
        "too many redirects (more than 5)",
    );
    assert_fails(
        &server.url("/secret"),
        &[],
        "redirect to a non-http scheme refused (file:)",
    );
}

#[test]
fn dns_refused_connections_and_tls_failures_are_named() {
    assert_fails(
        "http://newsroom.invalid/story",
        &[],
        "no such host (newsroom.invalid)",
    );
    // A port nobody listens on: bind one, then free it.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    assert_fails(
        &format!("http://127.0.0.1:{port}/story"),
        &[],
        "connection refused",
    );
    // TLS spoken to a server that answers plain HTTP.
    let server = MockServer::start();
    serve_text(&server, "/story", "text/plain", ARTICLE);
    let out = check_url(
        &format!("https://127.0.0.1:{}/story", server.port()),
        &["--allow-private"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains(": TLS failure ("), "{}", out.stderr);
}

// ------------------------------------------------------------ --check-links

fn links_article(base: &str) -> String {
    format!(
        "Port figures\n\nThe port handled 2 million containers, its report says (see {base}/ok).\n\n\
         Older figures were at {base}/gone and {base}/broken, and the rules at {base}/old-rules.\n\n\
         The timetable is at {base}/no-head.\n"
    )
}

fn link_server() -> MockServer {
    let server = MockServer::start();
    for (path, status) in [("/ok", 200), ("/gone", 404), ("/broken", 500)] {
        server.mock(move |when, then| {
            when.method("HEAD").path(path);
            then.status(status);
        });
    }
    // The same server under another name: another site.
    let elsewhere = format!("http://localhost:{}/new-rules", server.port());
    server.mock(move |when, then| {
        when.method("HEAD").path("/old-rules");
        then.status(301).header("location", elsewhere.as_str());
    });
    server.mock(|when, then| {
        when.method("HEAD").path("/new-rules");
        then.status(200);
    });
    server.mock(|when, then| {
        when.method("HEAD").path("/no-head");
        then.status(405);
    });
    server.mock(|when, then| {
        when.method("GET").path("/no-head");
        then.status(200)
            .header("content-type", "text/html")
            .body("<p>timetable</p>");
    });
    server
}

fn write_services(dir: &Path, services: &str) {
    std::fs::write(
        dir.join("figcheck.toml"),
        format!("[services]\n{services}\n"),
    )
    .unwrap();
}

#[test]
fn check_links_reports_dead_and_moved_links_with_archive_links() {
    let server = link_server();
    let dir = tempfile::tempdir().unwrap();
    write_services(dir.path(), "archive = \"http://archive.invalid\"");
    let article = dir.path().join("links.txt");
    std::fs::write(&article, links_article(&server.base_url())).unwrap();
    let document = &json_document(
        dir.path(),
        &["check", "--check-links", "--allow-private", "links.txt"],
    );
    let base = server.base_url();
    let port = server.port();
    assert_eq!(
        messages(document, "sourcing/dead-link"),
        vec![
            format!("cited link does not answer (HTTP 404 Not Found): {base}/gone; archived copies: http://archive.invalid/web/*/{base}/gone"),
            format!("cited link does not answer (HTTP 500 Internal Server Error): {base}/broken; archived copies: http://archive.invalid/web/*/{base}/broken"),
        ]
    );
    assert_eq!(
        messages(document, "sourcing/moved-link"),
        vec![format!("cited link now leads to another site: http://localhost:{port}/new-rules; check it still says what the article cites it for (archived copies: http://archive.invalid/web/*/{base}/old-rules)")]
    );
    let statuses: Vec<&str> = document["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses[0], "ok (200)");
    assert_eq!(statuses[4], "ok (200)", "GET after HEAD 405");
    // The finding's span is the URL in the text.
    let text = links_article(&base);
    let span = &document["findings"][0]["span"];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], format!("{base}/gone"));
}

#[test]
fn cited_links_on_private_addresses_are_not_checked_without_allow_private() {
    let server = link_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("links.txt"),
        links_article(&server.base_url()),
    )
    .unwrap();
    let out =
        run(figcheck(dir.path()).args(["check", "--check-links", "--format", "json", "links.txt"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out);
    let document = &report["documents"][0];
    for link in document["links"].as_array().unwrap() {
        assert!(
            link["status"]
                .as_str()
                .unwrap()
                .starts_with("not checked: 127.0.0.1 is a private or loopback address"),
            "{link}"
        );
    }
    assert!(document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "sourcing/dead-link" && f["rule"] != "sourcing/moved-link"));
}

#[test]
fn a_cited_link_redirecting_to_another_scheme_is_not_followed() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method("HEAD").path("/download");
        then.status(302)
            .header("location", "ftp://files.invalid/report.pdf");
    });
    let dir = tempfile::tempdir().unwrap();
    let text = format!("Report\n\nThe report is at {}.\n", server.url("/download"));
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let document = json_document(
        dir.path(),
        &["check", "--check-links", "--allow-private", "a.txt"],
    );
    assert_eq!(
        document["links"][0]["status"],
        "not checked: redirect to a non-http scheme refused (ftp:)"
    );
    assert!(messages(&document, "sourcing/dead-link").is_empty());
}

#[test]
fn a_slow_link_is_dead_by_timeout() {
    let (base, _) = raw_server(|mut stream| {
        read_request(&mut stream);
        std::thread::sleep(Duration::from_secs(4));
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        format!("Data\n\nSee {base}/slow for data.\n"),
    )
    .unwrap();
    let out = run(figcheck(dir.path()).args([
        "check",
        "--check-links",
        "--allow-private",
        "--timeout",
        "1",
        "--format",
        "json",
        "a.txt",
    ]));
    let report = json(&out);
    let dead = messages(&report["documents"][0], "sourcing/dead-link");
    assert_eq!(dead.len(), 1, "{}", out.stdout);
    assert!(dead[0].starts_with(&format!(
        "cited link does not answer (timed out after 1 s): {base}/slow"
    )));
}

#[test]
fn no_more_than_two_requests_at_once_go_to_one_host() {
    static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
    static MOST: AtomicUsize = AtomicUsize::new(0);
    let (base, connections) = raw_server(|mut stream| {
        read_request(&mut stream);
        let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
        MOST.fetch_max(now, Ordering::SeqCst);
        // Long enough for the other workers to pile up behind this one.
        std::thread::sleep(Duration::from_millis(300));
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        let _ =
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    });
    let links: Vec<String> = (1..=6).map(|i| format!("{base}/page{i}")).collect();
    let dir = tempfile::tempdir().unwrap();
    let text = format!("Sources\n\nSee {}.\n", links.join(" and "));
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let document = json_document(
        dir.path(),
        &["check", "--check-links", "--allow-private", "a.txt"],
    );
    assert_eq!(document["links"].as_array().unwrap().len(), 6);
    assert_eq!(connections.load(Ordering::SeqCst), 6);
    let most = MOST.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} requests at once");
}

// ------------------------------------------------- nothing online unless asked

#[test]
fn nothing_goes_to_the_network_unless_asked() {
    let (base, connections) = raw_server(|mut stream| {
        read_request(&mut stream);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
        );
    });
    let dir = tempfile::tempdir().unwrap();
    write_services(
        dir.path(),
        &format!("wikidata = \"{base}\"\nfactcheck = \"{base}\"\narchive = \"{base}\""),
    );
    let article = format!(
        "Links\n\nLyon has a population of 1.2 million, says {base}/census.\n\nAnna Berg, 42, cited {base}/a and {base}/b?c=1 and http://localhost:{}/d.\n",
        base.rsplit(':').next().unwrap()
    );
    std::fs::write(dir.path().join("urls.txt"), &article).unwrap();
    for format in ["table", "json"] {
        let out = run(figcheck(dir.path())
            .env("FIGCHECK_FACTCHECK_KEY", "key")
            .args(["check", "--allow-private", "--format", format, "urls.txt"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    assert_eq!(connections.load(Ordering::SeqCst), 0);
    // The same server is reachable: asking does connect.
    let out =
        run(figcheck(dir.path()).args(["check", "--check-links", "--allow-private", "urls.txt"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(connections.load(Ordering::SeqCst) > 0);
}

// ------------------------------------------------------------------ proxies

/// A forward proxy on 127.0.0.1 that answers every request itself with
/// [`ARTICLE`] and keeps each request line ("GET http://host/path HTTP/1.1").
fn recording_proxy() -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && matches!(stream.read(&mut byte), Ok(1)) {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            seen.lock()
                .unwrap()
                .push(head.lines().next().unwrap_or("").to_string());
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{ARTICLE}",
                ARTICLE.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (port.to_string(), requests)
}

#[test]
fn a_proxy_in_the_environment_carries_the_requests() {
    let (port, requests) = recording_proxy();
    // The proxy is named, not written as an address: its name resolves to
    // loopback, and the user's own proxy is never refused for that.
    let dir = tempfile::tempdir().unwrap();
    let out = run(figcheck(dir.path())
        .env("HTTP_PROXY", format!("http://localhost:{port}"))
        .args(["check", "--allow-private", "--format", "json"])
        .arg("http://localhost:1/story"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        *requests.lock().unwrap(),
        ["GET http://localhost:1/story HTTP/1.1"]
    );
    assert!(out.stdout.contains("14 months"), "{}", out.stdout);
}

#[test]
fn a_proxy_does_not_carry_requests_for_private_names() {
    let (port, requests) = recording_proxy();
    let dir = tempfile::tempdir().unwrap();
    // Through a proxy the proxy would resolve the name: figcheck resolves it
    // first and refuses it, as it does without a proxy.
    let out = run(figcheck(dir.path())
        .env("http_proxy", format!("127.0.0.1:{port}"))
        .args(["check", "http://localhost:1/story"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("figcheck: error: http://localhost:1/story: localhost (")
            && out.stderr.contains(
                ") is a private or loopback address, refused (allow it with --allow-private)"
            ),
        "{}",
        out.stderr
    );
    // A name that does not resolve here is not handed to the proxy either.
    let out = run(figcheck(dir.path())
        .env("http_proxy", format!("127.0.0.1:{port}"))
        .args(["check", "http://story.invalid/a"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("story.invalid does not resolve here"),
        "{}",
        out.stderr
    );
    assert!(requests.lock().unwrap().is_empty());
}

// ------------------------------------------------------------------ --lookup

const LOOKUP_ARTICLE: &str = "Lyon figures\n\nLyon has a population of 1.2 million, the tourist office said.\n\nAnna Berg, 42, runs Acme Group, which was founded in 1999, she said. Anna Berg was born in 1980.\n\nSpringfield has a population of 3 million, officials said.\n";

/// A mock of Wikidata's API answering `action` (wbsearchentities with
/// search=NAME, wbgetentities with ids=Q..) with `body`.
fn wikidata_api<'a>(
    server: &'a MockServer,
    action: &str,
    (param, value): (&str, &str),
    body: Value,
) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method("GET")
            .path("/w/api.php")
            .query_param("action", action)
            .query_param(param, value);
        then.status(200)
            .header("content-type", "application/json")
            .json_body(body);
    })
}

/// A directory whose figcheck.toml points Wikidata at `server`, with a.txt
/// giving Lyon's population.
fn lyon_dir(server: &MockServer) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_services(dir.path(), &format!("wikidata = \"{}\"", server.base_url()));
    let text = "Lyon\n\nLyon has a population of 1.2 million, officials said.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    dir
}

/// A Wikidata answering in its real shapes: label search and entity claims.
fn wikidata_server() -> MockServer {
    let server = MockServer::start();
    let time = |time: &str, precision: u8| {
        serde_json::json!({ "time": time, "precision": precision, "timezone": 0,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727" })
    };
    let population = |amount: &str, year: &str| {
        serde_json::json!({ "rank": "normal",
            "mainsnak": { "snaktype": "value", "property": "P1082",
                "datavalue": { "type": "quantity", "value": { "amount": amount, "unit": "1" } } },
            "qualifiers": { "P585": [ { "snaktype": "value", "property": "P585",
                "datavalue": { "type": "time", "value": time(&format!("+{year}-01-01T00:00:00Z"), 9) } } ] } })
    };
    let dated = |property: &str, value: Value| {
        serde_json::json!([{ "rank": "normal",
            "mainsnak": { "snaktype": "value", "property": property,
                "datavalue": { "type": "time", "value": value } } }])
    };
    let hit = |id: &str, label: &str, description: &str| serde_json::json!({ "id": id, "label": label, "description": description });
    // Each name: what the label search answers, and the one item's claims.
    let items = [
        (
            "Lyon",
            vec![
                hit("Q456", "Lyon", "city in France"),
                hit("Q1867", "Lyon Airport", "airport"),
            ],
            serde_json::json!({ "P1082": [
                population("+415487", "1990"),
                population("+522250", "2021"),
                population("+530000", "2030")
            ] }),
        ),
        (
            "Anna Berg",
            vec![hit("Q900001", "Anna Berg", "harbour master")],
            serde_json::json!({ "P569": dated("P569", time("+1981-03-04T00:00:00Z", 11)) }),
        ),
        (
            "Acme Group",
            vec![hit("Q900002", "Acme Group", "shipping company")],
            serde_json::json!({ "P571": dated("P571", time("+1998-00-00T00:00:00Z", 9)) }),
        ),
        (
            "Springfield",
            vec![
                hit("Q151076", "Springfield", "city in Illinois"),
                hit("Q49233", "Springfield", "city in Massachusetts"),
            ],
            serde_json::json!({ "P1082": [population("+114394", "2020")] }),
        ),
    ];
    for (name, hits, claims) in items {
        let id = hits[0]["id"].as_str().unwrap().to_string();
        let search = serde_json::json!({ "search": hits });
        wikidata_api(&server, "wbsearchentities", ("search", name), search);
        let entity = serde_json::json!({ "entities": { &id: { "id": &id, "claims": claims } } });
        wikidata_api(&server, "wbgetentities", ("ids", &id), entity);
    }
    server
}

fn lookup_dir(wikidata: &MockServer) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_services(
        dir.path(),
        &format!("wikidata = \"{}\"", wikidata.base_url()),
    );
    std::fs::write(dir.path().join("lyon.txt"), LOOKUP_ARTICLE).unwrap();
    dir
}

#[test]
fn lookup_compares_figures_with_wikidata_at_the_publication_date() {
    let server = wikidata_server();
    let dir = lookup_dir(&server);
    let document = &json_document(
        dir.path(),
        &["check", "--lookup", "--as-of", "2023-06-01", "lyon.txt"],
    );
    let base = server.base_url();
    assert_eq!(
        messages(document, "reference/contradicted"),
        vec![
            format!("wikidata gives Lyon a population of 522,250 in 2021, not 1.2 million ({base}/wiki/Q456)"),
            format!("wikidata gives Acme Group a founding (inception) year of 1998, not 1999 ({base}/wiki/Q900002)"),
            format!("wikidata gives Anna Berg a birth year of 1981, not 1980 ({base}/wiki/Q900001)"),
        ]
    );
    let claims = document["claims"].as_array().unwrap();
    let age = claims.iter().find(|c| c["text"] == "42").unwrap();
    assert_eq!(
        age["confirmed"],
        serde_json::json!({
            "source": "wikidata",
            "value": "a date of birth of 1981-03-04, an age of 42 on 2023-06-01",
            "url": format!("{base}/wiki/Q900001")
        })
    );
    // Only set fields are serialised: the other claims have no "confirmed".
    assert_eq!(
        claims
            .iter()
            .filter(|c| c.get("confirmed").is_some())
            .count(),
        1
    );
    assert!(claims.iter().all(|c| c.get("reviews").is_none()));
    // Springfield names two items, so it is not compared (Wikidata's
    // 114,394 would contradict "3 million"): the list above has no third entry.
    let table = run(figcheck(dir.path()).env("COLUMNS", "400").args([
        "check",
        "--lookup",
        "--as-of",
        "2023-06-01",
        "lyon.txt",
    ]));
    assert!(
        table
            .stdout
            .contains("confirmed: wikidata gives a date of birth of 1981-03-04"),
        "{}",
        table.stdout
    );
}

#[test]
fn lookup_answers_are_cached_on_disk_unless_no_cache() {
    let server = MockServer::start();
    let search = wikidata_api(
        &server,
        "wbsearchentities",
        ("search", "Lyon"),
        serde_json::json!({ "search": [{ "id": "Q456", "label": "Lyon", "description": "city" }] }),
    );
    let entity = wikidata_api(
        &server,
        "wbgetentities",
        ("ids", "Q456"),
        serde_json::json!({ "entities": { "Q456": { "claims": {} } } }),
    );
    let dir = lyon_dir(&server);
    let args = ["check", "--lookup", "--format", "json", "a.txt"];
    for _ in 0..2 {
        let out = run(figcheck(dir.path()).args(args));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    search.assert_calls(1);
    entity.assert_calls(1);
    let out = run(figcheck(dir.path()).args(args).arg("--no-cache"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    search.assert_calls(2);
    entity.assert_calls(2);
}

#[test]
fn failed_lookups_are_a_note_not_a_failure() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.path("/w/api.php");
        then.status(500).body("down");
    });
    let dir = lyon_dir(&server);
    let out = run(figcheck(dir.path()).args(["check", "--lookup", "a.txt"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "figcheck: note: a.txt: wikidata look-up of Lyon failed: HTTP 500 Internal Server Error"
    );
}

#[test]
fn fact_checks_are_searched_with_the_key_and_attached_to_claims() {
    let server = MockServer::start();
    let sentence = "Lyon has a population of 1.2 million, the tourist office said.";
    let search = server.mock(|when, then| {
        when.method("GET")
            .path("/v1alpha1/claims:search")
            .query_param("query", sentence)
            .query_param("key", "test-key");
        then.status(200)
            .header("content-type", "application/json")
            .json_body(serde_json::json!({ "claims": [ {
                "text": "Lyon has more than a million inhabitants",
                "claimant": "a campaign leaflet",
                "claimReview": [ {
                    "publisher": { "name": "Desk Check", "site": "deskcheck.example" },
                    "url": "https://deskcheck.example/lyon-population",
                    "title": "Lyon's population is about half a million",
                    "textualRating": "False",
                    "reviewDate": "2023-02-01T00:00:00Z"
                } ]
            } ] }));
    });
    let wikidata = server.mock(|when, then| {
        when.path("/w/api.php");
        then.status(200)
            .header("content-type", "application/json")
            .json_body(serde_json::json!({ "search": [] }));
    });
    let dir = tempfile::tempdir().unwrap();
    write_services(
        dir.path(),
        &format!("wikidata = \"{0}\"\nfactcheck = \"{0}\"", server.base_url()),
    );
    std::fs::write(dir.path().join("a.txt"), format!("Lyon\n\n{sentence}\n")).unwrap();
    // Without the key, no fact-check search is made.
    let out = run(figcheck(dir.path()).args(["check", "--lookup", "a.txt"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    search.assert_calls(0);
    assert!(wikidata.calls() > 0);
    let out = run(figcheck(dir.path())
        .env("FIGCHECK_FACTCHECK_KEY", "test-key")
        .args(["check", "--lookup", "--format", "json", "a.txt"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    search.assert_calls(1);
    let report = json(&out);
    assert_eq!(
        report["documents"][0]["claims"][0]["reviews"],
        serde_json::json!([{
            "publisher": "Desk Check",
            "rating": "False",
            "url": "https://deskcheck.example/lyon-population",
            "title": "Lyon's population is about half a million",
            "claim": "Lyon has more than a million inhabitants",
            "date": "2023-02-01T00:00:00Z"
        }])
    );
    // The key is never written to the cache.
    for entry in std::fs::read_dir(dir.path().join("cache")).unwrap() {
        let stored = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!stored.contains("test-key"), "{stored}");
    }
    let table = run(figcheck(dir.path())
        .env("COLUMNS", "400")
        .env("FIGCHECK_FACTCHECK_KEY", "test-key")
        .args(["check", "--lookup", "a.txt"]));
    assert!(
        table.stdout.contains("fact-checked by Desk Check: False"),
        "{}",
        table.stdout
    );
}

#[test]
fn services_tables_with_unknown_keys_or_bad_urls_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Plain text with 3 figures.\n").unwrap();
    write_services(dir.path(), "wikidta = \"http://127.0.0.1:1\"");
    let out = run(figcheck(dir.path()).args(["check", "a.txt"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("figcheck.toml") && out.stderr.contains("wikidta"),
        "{}",
        out.stderr
    );
    write_services(dir.path(), "archive = \"ftp://archive.example\"");
    let out = run(figcheck(dir.path()).args(["check", "a.txt"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("[services] archive = \"ftp://archive.example\" is not an http(s) base URL"),
        "{}",
        out.stderr
    );
}

/// In Markdown and HTML input a cited link is an element, not text: it is
/// checked all the same, and its finding points at the link's text in the
/// source file.
#[test]
fn links_of_markdown_and_html_input_are_checked_on_their_text() {
    let server = link_server();
    let base = server.base_url();
    let dir = tempfile::tempdir().unwrap();
    write_services(dir.path(), "archive = \"http://archive.invalid\"");
    let markdown = format!(
        "# Port figures\n\nThe port handled 2 million containers, [its annual report]({base}/gone) says.\n"
    );
    let html = format!(
        "<!doctype html><html><body><article><h1>Port figures</h1>\
         <p>The port handled 2 million containers, <a href=\"{base}/gone\">its annual report</a> says.</p>\
         </article></body></html>"
    );
    for (name, text) in [("links.md", markdown), ("links.html", html)] {
        std::fs::write(dir.path().join(name), &text).unwrap();
        let document = &json_document(
            dir.path(),
            &["check", "--check-links", "--allow-private", name],
        );
        let dead: Vec<&Value> = document["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "sourcing/dead-link")
            .collect();
        assert_eq!(dead.len(), 1, "{name}: {document}");
        let span = &dead[0]["span"];
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], "its annual report", "{name}");
        assert_eq!(
            document["links"][0]["url"],
            format!("{base}/gone"),
            "{name}"
        );
    }
}
