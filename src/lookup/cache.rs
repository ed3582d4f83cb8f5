//! The disk cache of look-up answers (Wikidata, fact-check searches), so a
//! desk that checks the same story twice asks the services once a day.
//!
//! The cache lives in the user's cache directory (from `directories`), or in
//! FIGCHECK_CACHE_DIR when that is set (the tests point it at a temporary
//! directory). Each answer is one file named by a hash of its key, holding
//! the time it was stored and the key on its first line, then the body. An
//! answer older than the TTL is asked for again. A cache that cannot be read
//! or written is passed over: it only ever saves a request.
//!
//! Article fetches and link checks are not cached: both ask whether
//! something answers now.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::http::{Client, FetchError};
use super::NetworkOptions;

pub(crate) struct Cache {
    /// None when caching is off (`--no-cache`) or no directory is known.
    dir: Option<PathBuf>,
    ttl: Duration,
}

impl Cache {
    pub fn new(options: &NetworkOptions) -> Cache {
        let dir = options.use_cache.then(cache_dir).flatten();
        Cache {
            dir,
            ttl: Duration::from_secs(options.services.cache_ttl_hours.saturating_mul(3600)),
        }
    }

    /// The answer for `url`, from the cache when a fresh one is stored, else
    /// from the service (and then stored). `key` is the URL without secrets:
    /// API keys are never written to disk.
    pub fn get_json(&self, client: &Client, url: &str, key: &str) -> Result<Vec<u8>, FetchError> {
        if let Some(body) = self.read(key) {
            return Ok(body);
        }
        let body = client.get_json(url)?;
        self.write(key, &body);
        Ok(body)
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Some(
            self.dir
                .as_ref()?
                .join(format!("{:016x}.cache", fnv1a(key))),
        )
    }

    fn read(&self, key: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)?).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..newline]).ok()?;
        let (stored, stored_key) = header.split_once(' ')?;
        let age = now().checked_sub(stored.parse().ok()?)?;
        (stored_key == key && age < self.ttl.as_secs()).then(|| bytes[newline + 1..].to_vec())
    }

    fn write(&self, key: &str, body: &[u8]) {
        let (Some(dir), Some(path)) = (&self.dir, self.path(key)) else {
            return;
        };
        let mut bytes = format!("{} {}\n", now(), key.replace('\n', " ")).into_bytes();
        bytes.extend_from_slice(body);
        // Written aside and renamed, so a reader never sees half a file.
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&temporary, &bytes))
            .and_then(|()| std::fs::rename(&temporary, &path));
    }
}

fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("FIGCHECK_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "figcheck").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// FNV-1a, 64 bits: a stable file name for a key (std's hasher may change
/// between Rust releases, which would only empty the cache, but this never does).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache_in(dir: &std::path::Path, ttl_hours: u64) -> Cache {
        Cache {
            dir: Some(dir.to_path_buf()),
            ttl: Duration::from_secs(ttl_hours * 3600),
        }
    }

    #[test]
    fn stored_answers_come_back_for_their_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path(), 24);
        cache.write("https://a.example/x", b"{\"a\":1}");
        assert_eq!(cache.read("https://a.example/x").unwrap(), b"{\"a\":1}");
        assert_eq!(cache.read("https://a.example/y"), None);
    }

    #[test]
    fn answers_older_than_the_ttl_are_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache_in(dir.path(), 24);
        cache.write("k", b"body");
        let stale = cache_in(dir.path(), 0);
        assert_eq!(stale.read("k"), None);
    }

    #[test]
    fn the_file_name_is_a_stable_hash() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
