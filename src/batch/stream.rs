//! The JSON Lines stream (`--input-format jsonl`): one `{"id", "text",
//! "as_of"}` object per input line in, one report per line out, in the same
//! order, each line written as soon as it and the lines before it are done.
//!
//! A reader thread reads a line, hands it to the pool and reads the next;
//! the calling thread puts the results back in order and passes them on.
//! At most a small window of lines (a few per thread) is in flight, so
//! memory stays bounded by a handful of documents however long the stream,
//! and a caller that sends one line and waits for its answer gets it.

use std::io::{self, BufRead, Read, Write};

use serde::{Deserialize, Serialize};

use super::{check_guarded, in_input_order, Outcome, Queue};
use crate::source::Reason;
use crate::{DocumentReport, Options};

/// One input line's result, with what names it.
#[derive(Debug)]
pub struct Entry {
    /// 1-based line number in the input.
    pub line: usize,
    /// The line's `id`, if it could be read (a string or a number).
    pub id: Option<serde_json::Value>,
    /// The report, or a one-line error naming the line.
    pub outcome: Outcome,
}

/// What one input line holds. Other fields are allowed and ignored, so rows
/// with more columns can be piped in as they are.
#[derive(Debug, Deserialize)]
struct Record {
    id: Id,
    text: String,
    #[serde(default)]
    as_of: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// Reads `reader` (named `input` in error lines) to its end, checks each non-blank line on `pool` and
/// calls `emit` with every line's entry in input order, from the calling
/// thread. Lines longer than `max_bytes` are errors, never truncated.
///
/// Stops early, with that error, when `emit` fails (a closed pipe); a read
/// error ends the stream with that error after the lines before it.
pub fn run<R: BufRead + Send>(
    input: &str,
    reader: R,
    max_bytes: u64,
    options: &Options,
    pool: &rayon::ThreadPool,
    mut emit: impl FnMut(Entry) -> io::Result<()>,
) -> io::Result<()> {
    in_input_order(
        pool,
        |queue| read_lines(input, reader, max_bytes, options, queue),
        &mut emit,
    )
}

/// Reads every line and queues its check.
fn read_lines<'scope, R: BufRead>(
    input: &'scope str,
    mut reader: R,
    max_bytes: u64,
    options: &'scope Options,
    queue: &mut Queue<'_, 'scope, Entry>,
) -> io::Result<()> {
    let mut buffer = Vec::new();
    for line in 1.. {
        let Some(fits) = read_line(&mut reader, max_bytes, &mut buffer)? else {
            return Ok(());
        };
        if fits && buffer.trim_ascii().is_empty() {
            continue;
        }
        let queued = if fits {
            let bytes = std::mem::take(&mut buffer);
            queue.push(move || check_line(input, line, &bytes, options))
        } else {
            let error = Reason::TooLarge { limit: max_bytes }.to_string();
            queue.push(move || failed(input, line, None, error))
        };
        if !queued {
            return Ok(()); // the writer has stopped
        }
    }
    Ok(())
}

/// Reads one line, newline included, into `buffer`: `None` at the end,
/// `Some(false)` when it is longer than `max_bytes` (the rest of it is
/// skipped, so one huge line costs no memory).
fn read_line(
    reader: &mut impl BufRead,
    max_bytes: u64,
    buffer: &mut Vec<u8>,
) -> io::Result<Option<bool>> {
    buffer.clear();
    let limit = max_bytes.saturating_add(1);
    if reader.by_ref().take(limit).read_until(b'\n', buffer)? == 0 {
        return Ok(None);
    }
    if buffer.ends_with(b"\n") || (buffer.len() as u64) <= max_bytes {
        return Ok(Some(true));
    }
    buffer.clear();
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                break;
            }
            None => {
                let length = available.len();
                reader.consume(length);
            }
        }
    }
    Ok(Some(false))
}

/// Decodes and checks one line; every way it can fail is an error entry.
fn check_line(input: &str, line: usize, bytes: &[u8], options: &Options) -> Entry {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return failed(
                input,
                line,
                None,
                Reason::InvalidUtf8(error.valid_up_to()).to_string(),
            )
        }
    };
    let value: serde_json::Value = match serde_json::from_str(text.trim_end_matches(['\n', '\r'])) {
        Ok(value) => value,
        Err(error) => return failed(input, line, None, json_error(&error)),
    };
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned();
    let record: Record = match serde_json::from_value(value) {
        Ok(record) => record,
        Err(error) => return failed(input, line, id, record_error(&error)),
    };
    let name = match &record.id {
        Id::Text(text) => text.clone(),
        Id::Number(number) => number.to_string(),
    };
    let dated = match dated_options(&record, options) {
        Ok(dated) => dated,
        Err(message) => return failed(input, line, id, message),
    };
    if record.text.trim().is_empty() {
        return failed(input, line, id, Reason::Empty.to_string());
    }
    let options = dated.as_ref().unwrap_or(options);
    match check_guarded(|| Ok(crate::check(&name, &record.text, options))) {
        Ok(document) => Entry {
            line,
            id,
            outcome: Ok(document),
        },
        Err(message) => failed(input, line, id, message),
    }
}

/// The options for a line that names its own publication date (it wins over
/// `--as-of`); `None` when the run's options apply as they are.
fn dated_options(record: &Record, options: &Options) -> Result<Option<Options>, String> {
    let Some(text) = &record.as_of else {
        return Ok(None);
    };
    let date = text
        .parse::<jiff::civil::Date>()
        .map_err(|_| format!("as_of '{text}' is not a date in the form YYYY-MM-DD"))?;
    Ok(Some(Options {
        as_of: Some(date),
        ..options.clone()
    }))
}

/// "not valid JSON: expected `,` or `}` at column 12": serde's message
/// without its line number, which would count lines within the line.
fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(reason, _)| reason);
    format!("not valid JSON: {reason} at column {}", error.column())
}

/// serde's message, in the words of this format: the fields it wants.
fn record_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if message.starts_with("data did not match any variant") {
        "'id' must be a string or a number".to_string()
    } else if message.starts_with("invalid type") {
        format!("expected an object with \"id\" and \"text\" ({message})")
    } else {
        message
    }
}

/// An error entry whose message names the line (and its id, where known).
fn failed(input: &str, line: usize, id: Option<serde_json::Value>, reason: String) -> Entry {
    let named = match &id {
        Some(id) => format!("{input}: line {line} (id {id}): {reason}"),
        None => format!("{input}: line {line}: {reason}"),
    };
    Entry {
        line,
        id,
        outcome: Err(named),
    }
}

/// One output line: the document object of the JSON report, with the
/// contract's version, so every line stands alone.
#[derive(Serialize)]
struct ReportLine<'a> {
    version: u32,
    #[serde(flatten)]
    document: &'a DocumentReport,
}

/// The output line for a line that has no report.
#[derive(Serialize)]
struct ErrorLine<'a> {
    version: u32,
    id: &'a Option<serde_json::Value>,
    line: usize,
    error: &'a str,
}

/// Writes `entry` as one JSON line and flushes it, so a reader downstream
/// gets each report as soon as it is ready.
pub fn write_line(out: &mut dyn Write, entry: &Entry) -> io::Result<()> {
    match &entry.outcome {
        Ok(document) => serde_json::to_writer(
            &mut *out,
            &ReportLine {
                version: 1,
                document,
            },
        ),
        Err(message) => serde_json::to_writer(
            &mut *out,
            &ErrorLine {
                version: 1,
                id: &entry.id,
                line: entry.line,
                error: message,
            },
        ),
    }?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, max_bytes: u64) -> Vec<Option<(bool, String)>> {
        let mut reader = io::BufReader::with_capacity(4, input.as_bytes());
        let mut buffer = Vec::new();
        let mut lines = Vec::new();
        loop {
            let line = read_line(&mut reader, max_bytes, &mut buffer).unwrap();
            let done = line.is_none();
            lines.push(line.map(|fits| (fits, String::from_utf8(buffer.clone()).unwrap())));
            if done {
                return lines;
            }
        }
    }

    #[test]
    fn long_lines_are_skipped_whole_and_the_next_is_read() {
        let lines = read_all("short\nmuch too long a line\nok", 8);
        assert_eq!(
            lines,
            vec![
                Some((true, "short\n".to_string())),
                Some((false, String::new())),
                Some((true, "ok".to_string())),
                None,
            ]
        );
    }

    #[test]
    fn malformed_lines_say_why_and_keep_the_id_they_have() {
        let options = Options::default();
        let entry = check_line("-", 3, br#"{"id": "a", "text": 5}"#, &options);
        assert_eq!(entry.id, Some(serde_json::json!("a")));
        let message = entry.outcome.unwrap_err();
        assert!(message.starts_with("-: line 3 (id \"a\"): "), "{message}");
        let entry = check_line("-", 4, b"{\"id\": 1, \"text\": ", &options);
        assert_eq!(entry.id, None);
        assert!(entry
            .outcome
            .unwrap_err()
            .ends_with(": line 4: not valid JSON: EOF while parsing a value at column 18"));
        let entry = check_line("-", 5, br#"{"id": [1], "text": "x"}"#, &options);
        assert!(entry.outcome.unwrap_err().contains("'id' must be a string"));
        let entry = check_line(
            "-",
            6,
            br#"{"id": 7, "text": "x", "as_of": "May"}"#,
            &options,
        );
        assert_eq!(entry.id, Some(serde_json::json!(7)));
        assert!(entry.outcome.unwrap_err().contains("as_of 'May'"));
    }
}
