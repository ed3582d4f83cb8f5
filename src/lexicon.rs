//! Word lists and tables kept as data in `rules/*.toml`, compiled into the
//! binary so figcheck needs no setup, and extendable by the user's packs.
//!
//! A pack adds to a data file under `[words.NAME]`, NAME being the file's
//! stem, in the file's own shape: `[words.attribution] speech_verbs =
//! ["quipped"]`, `[[words.units.unit]] symbol = "bbl"`. Lists are appended to
//! and tables merged key by key, so a newsroom extends the built-in lists
//! rather than copying them.
//!
//! The parsers are free functions (nom's `fn(&str) -> IResult`), so they
//! reach their data through accessors rather than an argument threaded
//! through every parser: [`builtin!`] declares one. [`WordLists::activate`]
//! makes a configuration's additions the ones the accessors on this thread
//! see while one check runs; without additions the accessors cost what a
//! `OnceLock` costs. Each distinct set of additions is parsed once per
//! process and kept for its lifetime, like the built-in data.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, Mutex, MutexGuard, OnceLock};

use serde::de::DeserializeOwned;

/// The data files a pack may extend, by the name used in `[words.NAME]`,
/// each with the check that the extended file still reads as its type.
const EXTENDABLE: &[(&str, Validator)] = &[
    ("abbreviations", reads_as::<Abbreviations>),
    ("attribution", reads_as::<crate::extract::data::Cues>),
    ("currencies", reads_as::<crate::extract::data::CurrencyFile>),
    ("numbers", reads_as::<crate::extract::data::Numbers>),
    ("temporal", reads_as::<crate::extract::data::TemporalWords>),
    ("units", reads_as::<crate::extract::data::UnitFile>),
];

type Validator = fn(toml::Table) -> Result<(), String>;

fn reads_as<T: DeserializeOwned>(table: toml::Table) -> Result<(), String> {
    table
        .try_into::<T>()
        .map(drop)
        .map_err(|error| error.message().to_string())
}

/// The additions of the user's packs to the built-in data files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordLists {
    additions: BTreeMap<String, toml::Table>,
    /// Which interned set the accessors use; 0 is the built-in data alone.
    id: usize,
}

impl WordLists {
    /// Adds a pack's `[words.NAME]` table. The error is one line naming the
    /// table and what is wrong with it.
    pub(crate) fn extend(&mut self, name: &str, table: toml::Table) -> Result<(), String> {
        let Some((_, validate)) = EXTENDABLE.iter().find(|(known, _)| *known == name) else {
            let known: Vec<&str> = EXTENDABLE.iter().map(|(known, _)| *known).collect();
            return Err(format!(
                "[words.{name}] extends no data file (one of: {})",
                known.join(", ")
            ));
        };
        let mut additions = self.additions.get(name).cloned().unwrap_or_default();
        merge(&mut additions, table);
        let mut extended = builtin_table(name);
        merge(&mut extended, additions.clone());
        validate(extended).map_err(|reason| format!("[words.{name}]: {reason}"))?;
        self.additions.insert(name.to_string(), additions);
        self.id = intern(&self.additions);
        Ok(())
    }

    /// Runs `work` with these additions visible to the data accessors on
    /// this thread, then restores what was there before (also on panic).
    pub fn activate<R>(&self, work: impl FnOnce() -> R) -> R {
        struct Restore(usize);
        impl Drop for Restore {
            fn drop(&mut self) {
                ACTIVE.with(|active| active.set(self.0));
            }
        }
        let _restore = Restore(ACTIVE.with(|active| active.replace(self.id)));
        work()
    }
}

/// Appends lists, merges tables key by key, and replaces other values.
fn merge(into: &mut toml::Table, from: toml::Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Array(list)), toml::Value::Array(more)) => list.extend(more),
            (Some(toml::Value::Table(table)), toml::Value::Table(more)) => merge(table, more),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// Every distinct set of additions seen in this process; its index + 1 is its id.
static INTERNED: Mutex<Vec<BTreeMap<String, toml::Table>>> = Mutex::new(Vec::new());

fn intern(additions: &BTreeMap<String, toml::Table>) -> usize {
    if additions.is_empty() {
        return 0;
    }
    let mut interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(index) = interned.iter().position(|known| known == additions) {
        return index + 1;
    }
    interned.push(additions.clone());
    interned.len()
}

thread_local! {
    static ACTIVE: Cell<usize> = const { Cell::new(0) };
    /// This thread's view of [`DERIVED`], so a look-up takes no lock.
    static LOCAL: RefCell<HashMap<(usize, usize), &'static (dyn Any + Send + Sync)>> =
        RefCell::new(HashMap::new());
}

type Shared = &'static (dyn Any + Send + Sync);

/// Data built from a set of additions, by (set id, accessor).
static DERIVED: LazyLock<Mutex<HashMap<(usize, usize), Shared>>> = LazyLock::new(Mutex::default);

/// The value of one accessor for the active data: `builtin` when no pack
/// adds anything, else the value `build` makes from the extended data, made
/// once per set of additions. `build` may call other accessors.
// Inlined because the parsers call it at every word of a text; the pack
// path is kept out of line so the common case stays two loads.
#[inline]
pub(crate) fn resolve<T: Send + Sync + 'static>(
    builtin: &'static OnceLock<T>,
    build: fn() -> T,
) -> &'static T {
    let id = ACTIVE.with(Cell::get);
    if id == 0 {
        return builtin.get_or_init(build);
    }
    resolve_extended(id, builtin, build)
}

/// [`resolve`] when a pack has added data (`id` names the additions).
#[inline(never)]
fn resolve_extended<T: Send + Sync + 'static>(
    id: usize,
    builtin: &'static OnceLock<T>,
    build: fn() -> T,
) -> &'static T {
    // The accessor is known by the address of its own cell.
    let key = (id, builtin as *const OnceLock<T> as usize);
    let cached = LOCAL.with(|local| local.borrow().get(&key).copied());
    let shared = cached.unwrap_or_else(|| {
        let known = lock_derived().get(&key).copied();
        let shared = known.unwrap_or_else(|| {
            // Built without the lock held, since `build` may resolve others;
            // a thread that loses the race drops its copy.
            let made: Shared = Box::leak(Box::new(build()));
            *lock_derived().entry(key).or_insert(made)
        });
        LOCAL.with(|local| local.borrow_mut().insert(key, shared));
        shared
    });
    shared
        .downcast_ref::<T>()
        .expect("an accessor's cell holds one type")
}

fn lock_derived() -> MutexGuard<'static, HashMap<(usize, usize), Shared>> {
    DERIVED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The built-in source of a data file, by name.
fn builtin_source(name: &str) -> &'static str {
    macro_rules! sources {
        ($($name:literal),*) => {
            match name {
                $($name => include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $name, ".toml")),)*
                _ => unreachable!("{name} is not a data file"),
            }
        };
    }
    sources!(
        "abbreviations",
        "attribution",
        "currencies",
        "numbers",
        "references",
        "temporal",
        "units"
    )
}

fn builtin_table(name: &str) -> toml::Table {
    match builtin_source(name).parse::<toml::Table>() {
        Ok(table) => table,
        Err(error) => panic!("built-in rules/{name}.toml is malformed: {error}"),
    }
}

/// Reads a data file as the active packs extend it. The built-in files are
/// part of the source tree and additions were checked when their pack
/// loaded, so a failure here is a defect.
pub(crate) fn read_data<T: DeserializeOwned>(name: &str) -> T {
    let mut table = builtin_table(name);
    let id = ACTIVE.with(Cell::get);
    if id != 0 {
        let interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(additions) = interned[id - 1].get(name) {
            merge(&mut table, additions.clone());
        }
    }
    match table.try_into() {
        Ok(value) => value,
        Err(error) => panic!("rules/{name}.toml with its additions is malformed: {error}"),
    }
}

/// Declares an accessor for a data file: `builtin!(NAME, Type, "stem")` makes
/// `pub(crate) fn NAME() -> &'static Type`, read from rules/stem.toml with
/// the active packs' additions. The stem must be listed in `EXTENDABLE`.
macro_rules! builtin {
    ($fn_name:ident, $ty:ty, $name:literal) => {
        pub(crate) fn $fn_name() -> &'static $ty {
            static BUILTIN: ::std::sync::OnceLock<$ty> = ::std::sync::OnceLock::new();
            $crate::lexicon::resolve(&BUILTIN, || $crate::lexicon::read_data($name))
        }
    };
}
pub(crate) use builtin;

/// Abbreviations that do not end a sentence, as rules/abbreviations.toml writes them.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Abbreviations {
    pub abbreviations: Vec<String>,
}

builtin!(abbreviation_file, Abbreviations, "abbreviations");

/// Abbreviations that do not end a sentence, for look-up.
pub(crate) fn abbreviations() -> &'static std::collections::HashSet<String> {
    static BUILTIN: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    resolve(&BUILTIN, || {
        abbreviation_file().abbreviations.iter().cloned().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_extendable_file_reads_as_its_type_unextended() {
        for (name, validate) in EXTENDABLE {
            assert_eq!(validate(builtin_table(name)), Ok(()), "{name}");
        }
    }

    #[test]
    fn abbreviations_load() {
        assert!(abbreviations().contains("U.S."));
    }

    fn table(text: &str) -> toml::Table {
        text.parse().unwrap()
    }

    #[test]
    fn additions_are_seen_only_while_active() {
        let mut words = WordLists::default();
        words
            .extend("abbreviations", table("abbreviations = ['Supt.']"))
            .unwrap();
        assert!(!abbreviations().contains("Supt."));
        words.activate(|| {
            assert!(abbreviations().contains("Supt."));
            assert!(abbreviations().contains("U.S."), "built-in entries stay");
        });
        assert!(!abbreviations().contains("Supt."));
    }

    #[test]
    fn equal_additions_share_one_id() {
        let mut one = WordLists::default();
        let mut two = WordLists::default();
        for words in [&mut one, &mut two] {
            words
                .extend("abbreviations", table("abbreviations = ['Insp.']"))
                .unwrap();
        }
        assert_eq!(one.id, two.id);
        assert_ne!(one.id, 0);
    }

    #[test]
    fn merge_appends_lists_and_merges_tables() {
        let mut into = table("a = [1]\n[t]\nx = 1\ny = [2]");
        merge(&mut into, table("a = [3]\n[t]\ny = [4]\nz = 5"));
        assert_eq!(into, table("a = [1, 3]\n[t]\nx = 1\ny = [2, 4]\nz = 5"));
    }

    #[test]
    fn bad_additions_are_named() {
        let mut words = WordLists::default();
        let error = words.extend("unit", table("symbol = 'bbl'")).unwrap_err();
        assert!(
            error.starts_with("[words.unit] extends no data file"),
            "{error}"
        );
        let error = words
            .extend("units", table("[[unit]]\nnames = ['barrel']"))
            .unwrap_err();
        assert!(
            error.contains("[words.units]") && error.contains("symbol"),
            "{error}"
        );
        let error = words
            .extend("attribution", table("vague = 'insiders'"))
            .unwrap_err();
        assert!(error.starts_with("[words.attribution]:"), "{error}");
        assert_eq!(words, WordLists::default(), "nothing half-added");
    }
}
