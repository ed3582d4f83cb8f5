//! Word lists and tables kept as data in `rules/*.toml`, compiled into the
//! binary so figcheck needs no setup. Each stage reads the lists it needs
//! through [`builtin`], parsed once.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

/// Parses a built-in data file. The files are part of the source tree and a
/// test parses every one of them, so a failure here is a build defect.
pub(crate) fn parse_builtin<T: DeserializeOwned>(name: &str, source: &str) -> T {
    match toml::from_str(source) {
        Ok(value) => value,
        Err(error) => panic!("built-in rules/{name} is malformed: {error}"),
    }
}

/// Declares a lazily parsed built-in data file: `builtin!(NAME, Type, "file.toml")`
/// makes `pub(crate) fn NAME() -> &'static Type`.
macro_rules! builtin {
    ($fn_name:ident, $ty:ty, $file:literal) => {
        pub(crate) fn $fn_name() -> &'static $ty {
            static CELL: ::std::sync::OnceLock<$ty> = ::std::sync::OnceLock::new();
            CELL.get_or_init(|| {
                $crate::lexicon::parse_builtin(
                    $file,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $file)),
                )
            })
        }
    };
}
pub(crate) use builtin;

/// Abbreviations that do not end a sentence.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Abbreviations {
    pub abbreviations: Vec<String>,
}

pub(crate) fn abbreviations() -> &'static std::collections::HashSet<String> {
    static CELL: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let list: Abbreviations = parse_builtin(
            "abbreviations.toml",
            include_str!("../rules/abbreviations.toml"),
        );
        list.abbreviations.into_iter().collect()
    })
}

#[cfg(test)]
mod tests {
    /// Every data file in rules/ must parse, whichever stage reads it.
    #[test]
    fn every_builtin_data_file_is_valid_toml() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(error) = text.parse::<toml::Table>() {
                    panic!("{}: {error}", path.display());
                }
                checked += 1;
            }
        }
        assert!(checked >= 2, "expected the built-in data files in {dir}");
    }

    #[test]
    fn abbreviations_load() {
        assert!(super::abbreviations().contains("U.S."));
    }
}
