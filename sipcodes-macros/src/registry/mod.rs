//! The registry model: plain Rust data read from `registry.toml`, free of syn types.

mod error;
mod fields;
mod kinds;
pub(crate) mod names;
mod parse;
mod symbol;
mod valid;

use std::sync::OnceLock;

use crate::spec::grammar;
use crate::spec::vocab::Citation;

pub use crate::spec::vocab::{Level, Role};
pub use error::RegistryError;
use fields::{At, Fields};

/// The registry as shipped with this crate. Editing the file rebuilds this crate,
/// so nothing generated from it goes stale.
const SHIPPED: &str = include_str!("../../registry.toml");

/// The shipped registry, parsed and validated once per compiler process.
pub fn shipped() -> Result<&'static Registry, &'static [RegistryError]> {
    static CELL: OnceLock<Result<Registry, Vec<RegistryError>>> = OnceLock::new();
    match CELL.get_or_init(|| load(SHIPPED)) {
        Ok(registry) => Ok(registry),
        Err(errors) => Err(errors),
    }
}

/// Parses and validates a registry, reporting every problem found, in file order.
pub fn load(source: &str) -> Result<Registry, Vec<RegistryError>> {
    let mut errors = Vec::new();
    let mut entries = parse::parse(source, &mut errors);
    valid::validate(source, &entries, &mut errors);
    if errors.is_empty() {
        entries.sort_unstable_by_key(|entry| entry.code);
        Ok(Registry { entries })
    } else {
        errors.sort_by_key(|error| error.offset);
        let mut errors: Vec<RegistryError> = errors.into_iter().map(|e| e.locate(source)).collect();
        errors.dedup();
        Err(errors)
    }
}

#[derive(Debug)]
pub struct Registry {
    /// Every entry, historic ones included, in ascending order of code.
    pub entries: Vec<Entry>,
}

impl Registry {
    /// The entries that are `SipCode` variants: current and deprecated codes.
    pub fn codes(&self) -> impl Iterator<Item = &Entry> + Clone {
        self.entries
            .iter()
            .filter(|entry| entry.status != Status::Historic)
    }

    pub fn historic(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|entry| entry.status == Status::Historic)
    }

    pub fn get(&self, code: u16) -> Option<&Entry> {
        self.codes().find(|entry| entry.code == code)
    }

    pub fn by_variant(&self, name: &str) -> Option<&Entry> {
        self.codes().find(|entry| entry.variant == name)
    }
}

#[derive(Debug)]
pub struct Entry {
    pub code: u16,
    pub phrase: String,
    pub variant: String,
    pub status: Status,
    pub deprecation: Option<String>,
    pub references: Vec<Reference>,
    pub description: String,
    pub constraints: Vec<Constraint>,
    /// Byte offsets of the entry and of its `variant` or `phrase` value, for
    /// errors that look across entries.
    pub(crate) offset: usize,
    pub(crate) variant_offset: usize,
}

impl Entry {
    /// The class digit: 1 for 1xx, …, 6 for 6xx.
    pub fn class(&self) -> u16 {
        self.code / 100
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    Deprecated,
    Historic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub rfc: u16,
    pub section: Option<String>,
}

impl Reference {
    pub fn citation(&self) -> Citation<'_> {
        Citation {
            rfc: self.rfc,
            section: self.section.as_deref(),
        }
    }

    pub fn url(&self) -> String {
        self.citation().url().to_string()
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.citation().fmt(f)
    }
}

#[derive(Debug)]
pub struct Constraint {
    pub kind: Kind,
    pub level: Level,
    pub rule: String,
    /// The circumstance the rule is limited to, when the response alone cannot tell.
    pub condition: Option<String>,
    pub reference: Reference,
    pub methods: Vec<String>,
    /// Where errors about `treat-as` point.
    pub(crate) offset: usize,
}

#[derive(Debug)]
pub enum Kind {
    /// Any one of these header fields.
    Header(Vec<String>),
    Body,
    Sender(Vec<Role>),
    Receiver {
        roles: Vec<Role>,
        treat_as: Option<u16>,
        unless_header: Option<String>,
    },
}

crate::spec::vocab::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum StatusWord {
        Current = "current",
        Deprecated = "deprecated",
        Historic = "historic",
    }
}

/// `"a", "b" or "c"`, for listing what a key accepts.
pub(crate) fn one_of(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("{word:?}")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Header field names and methods are RFC 3261 tokens.
fn check_token(
    fields: &Fields<'_, '_>,
    key: &str,
    text: &At<String>,
    errors: &mut Vec<RegistryError>,
) {
    if !grammar::is_token(&text.value) {
        errors.push(RegistryError::at(
            text.offset,
            format!(
                "{:?} in `{key}` of {} is not a SIP token; use the name as the RFC spells it, \
                    e.g. \"Retry-After\" or \"INVITE\"",
                text.value,
                fields.context()
            ),
        ));
    }
}

#[cfg(test)]
mod tests;
