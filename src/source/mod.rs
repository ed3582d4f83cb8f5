//! The source stage: turns what the user named (files, directories, standard
//! input, http(s) URLs through [`url`]) into decoded article texts, or
//! one-line errors that say why not.
//!
//! Decoding accepts UTF-8 with or without a byte-order mark and UTF-16 with
//! one; anything else that is not UTF-8 is rejected with the byte offset of
//! the first bad byte, never repaired. A file with NUL bytes is binary.

mod url;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default largest input accepted, in bytes (16 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One article's text, the name to report it under, and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub text: String,
    pub format: InputFormat,
    /// The media type a web page came with ("text/html"); None for files.
    pub media_type: Option<String>,
}

/// How an input is written. New readers add a variant here and an arm in
/// the document stage's `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
}

impl InputFormat {
    /// The format a file name ending names, if it names one.
    pub fn from_extension(extension: &str) -> Option<InputFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "md" | "markdown" => Some(InputFormat::Markdown),
            "html" | "htm" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// The format of a text with no name to go by: HTML when it opens with
    /// a doctype or an `<html>` tag near its top, else plain text.
    pub fn sniff(text: &str) -> InputFormat {
        let head: String = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .take(1024)
            .collect();
        let head = head.to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.contains("<html") {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// Why an input could not be read. Displays as one line naming the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub input: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("no such file or directory")]
    NotFound,
    #[error("{0}")]
    Io(String),
    #[error("binary file (contains NUL bytes), not an article")]
    Binary,
    #[error("not valid UTF-8 (first bad byte at offset {0})")]
    InvalidUtf8(usize),
    #[error("not valid UTF-16 (first bad code unit at byte offset {0})")]
    InvalidUtf16(usize),
    #[error("larger than the limit of {limit} bytes (raise it with --max-bytes)")]
    TooLarge { limit: u64 },
    #[error("empty: there is no text to check")]
    Empty,
    /// A URL that could not be fetched, and why.
    #[error("{0}")]
    Network(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.reason)
    }
}

impl std::error::Error for SourceError {}

/// What one command-line input expands to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// An http(s) URL, fetched only because the user named it.
    Url(String),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(path) => path.display().to_string(),
            Input::Url(url) => url.clone(),
        }
    }
}

/// An input that was passed over, with the reason (shown as a note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub input: String,
    pub reason: String,
}

/// The result of expanding the command line's inputs.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<SourceError>,
}

/// Expands command-line arguments: `-` (or nothing) is standard input, a
/// directory is walked in name order for article files (.txt, .md,
/// .markdown, .html, .htm), anything else is a file. Missing inputs become
/// errors.
pub fn expand(arguments: &[String]) -> Expanded {
    let mut expanded = Expanded::default();
    if arguments.is_empty() {
        expanded.inputs.push(Input::Stdin);
    }
    for argument in arguments {
        if argument == "-" {
            expanded.inputs.push(Input::Stdin);
            continue;
        }
        if url::is_url(argument) {
            expanded.inputs.push(Input::Url(argument.clone()));
            continue;
        }
        let path = Path::new(argument);
        if path.is_dir() {
            walk_directory(path, &mut expanded);
        } else if path.exists() {
            expanded.inputs.push(Input::File(path.to_path_buf()));
        } else {
            expanded.errors.push(SourceError {
                input: argument.clone(),
                reason: Reason::NotFound,
            });
        }
    }
    expanded
}

fn walk_directory(root: &Path, expanded: &mut Expanded) {
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                if InputFormat::from_extension(&extension_of(path)).is_some() {
                    expanded.inputs.push(Input::File(path.to_path_buf()));
                } else {
                    expanded.skipped.push(Skipped {
                        input: path.display().to_string(),
                        reason: "not an article file (.txt, .md, .markdown, .html, .htm)"
                            .to_string(),
                    });
                }
            }
            Ok(_) => {}
            Err(error) => expanded.errors.push(SourceError {
                input: error
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string()),
                reason: Reason::Io(io_reason(&error.into())),
            }),
        }
    }
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads and decodes one input, refusing more than `max_bytes`. Its format
/// comes from the file name's ending, else from its content.
pub fn read(input: &Input, max_bytes: u64) -> Result<Source, SourceError> {
    let network = crate::lookup::NetworkOptions {
        max_bytes,
        ..Default::default()
    };
    read_with(input, &network)
}

/// Reads one input; a URL is fetched with `network`'s limits and timeouts.
pub fn read_with(
    input: &Input,
    network: &crate::lookup::NetworkOptions,
) -> Result<Source, SourceError> {
    let max_bytes = network.max_bytes;
    let name = input.name();
    let error = |reason| SourceError {
        input: name.clone(),
        reason,
    };
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock(), max_bytes),
        Input::File(path) => {
            let size = std::fs::metadata(path)
                .map_err(|e| error(io_error(e)))?
                .len();
            if size > max_bytes {
                return Err(error(Reason::TooLarge { limit: max_bytes }));
            }
            std::fs::File::open(path)
                .map_err(io_error)
                .and_then(|file| read_limited(file, max_bytes))
        }
        Input::Url(address) => return url::fetch(address, network),
    }
    .map_err(error)?;
    let text = decode(&bytes).map_err(error)?;
    if text.trim().is_empty() {
        return Err(error(Reason::Empty));
    }
    let by_name = match input {
        Input::File(path) => InputFormat::from_extension(&extension_of(path)),
        Input::Stdin | Input::Url(_) => None,
    };
    let format = by_name.unwrap_or_else(|| InputFormat::sniff(&text));
    Ok(Source {
        name,
        text,
        format,
        media_type: None,
    })
}

fn read_limited(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>, Reason> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Reason::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

fn io_error(error: std::io::Error) -> Reason {
    if error.kind() == std::io::ErrorKind::NotFound {
        Reason::NotFound
    } else {
        Reason::Io(io_reason(&error))
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = error.to_string();
            // Drop the "(os error N)" tail: it helps nobody at a news desk.
            text.split(" (os error")
                .next()
                .unwrap_or(&text)
                .to_lowercase()
        }
    }
}

/// Decodes an input's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<String, Reason> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let (body, bom_length) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    if body.contains(&0) {
        return Err(Reason::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => Err(Reason::InvalidUtf8(bom_length + error.valid_up_to())),
    }
}

fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Reason> {
    if !body.len().is_multiple_of(2) {
        return Err(Reason::InvalidUtf16(2 + body.len() - 1));
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    let mut text = String::with_capacity(units.len());
    for (index, decoded) in char::decode_utf16(units.iter().copied()).enumerate() {
        match decoded {
            Ok('\0') => return Err(Reason::Binary),
            Ok(c) => text.push(c),
            Err(_) => return Err(Reason::InvalidUtf16(2 + index * 2)),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xC3\xA9").unwrap(), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9").unwrap(), "café");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "30 € rise".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "30 € rise");
        assert_eq!(decode(&be).unwrap(), "30 € rise");
    }

    #[test]
    fn rejects_invalid_utf8_with_the_offset() {
        assert_eq!(decode(b"abc\xFFdef"), Err(Reason::InvalidUtf8(3)));
        assert_eq!(decode(b"\xEF\xBB\xBFab\xC3"), Err(Reason::InvalidUtf8(5)));
    }

    #[test]
    fn rejects_nul_bytes_as_binary() {
        assert_eq!(decode(b"text\0more"), Err(Reason::Binary));
    }

    #[test]
    fn rejects_unpaired_utf16_surrogates() {
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8]),
            Err(Reason::InvalidUtf16(4))
        );
    }

    #[test]
    fn formats_come_from_extensions_else_from_content() {
        assert_eq!(InputFormat::from_extension("HTM"), Some(InputFormat::Html));
        assert_eq!(
            InputFormat::from_extension("markdown"),
            Some(InputFormat::Markdown)
        );
        assert_eq!(InputFormat::from_extension("jpg"), None);
        assert_eq!(
            InputFormat::sniff("\n<!DOCTYPE html><p>x"),
            InputFormat::Html
        );
        assert_eq!(InputFormat::sniff("<head></head><html>"), InputFormat::Html);
        assert_eq!(
            InputFormat::sniff("Council <b>backs</b> plan"),
            InputFormat::Text
        );
    }

    #[test]
    fn size_limit_rejects_rather_than_truncates() {
        let reason = read_limited(&b"0123456789"[..], 5).unwrap_err();
        assert_eq!(reason, Reason::TooLarge { limit: 5 });
        assert_eq!(read_limited(&b"01234"[..], 5).unwrap(), b"01234");
    }
}
