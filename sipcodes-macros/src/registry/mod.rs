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

pub use crate::spec::vocab::{
    Basis, DialogEffect, Failure, Level, ProxyAction, Role, Timer, Usage,
};
pub use error::RegistryError;
use fields::{At, Fields};
pub use valid::gaps;

/// The registry as shipped. Editing the file rebuilds `sipcodes-spec` and so this
/// crate, and nothing generated from it goes stale.
const SHIPPED: &str = crate::spec::REGISTRY;

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
    let mut registry = parse::parse(source, &mut errors);
    valid::validate(source, &registry, &mut errors);
    if errors.is_empty() {
        sort_by_key(&mut registry.entries, |entry| usize::from(entry.code));
        Ok(registry)
    } else {
        sort_by_key(&mut errors, |error| error.offset);
        let mut located: Vec<RegistryError> = errors
            .into_iter()
            .map(|error| error.locate(source))
            .collect();
        located.dedup();
        Err(located)
    }
}

#[derive(Debug, Default)]
pub struct Registry {
    /// Every entry, historic ones included, in ascending order of code.
    pub entries: Vec<Entry>,
    /// The rules over many codes, in file order.
    pub rules: Vec<Rule>,
    /// The header fields the registry names, in file order.
    pub headers: Vec<Header>,
    /// The dialog usages and the methods that belong to each, in file order.
    pub usages: Vec<UsageTable>,
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
    pub basis: Basis,
    pub rule: String,
    pub scope: Scope,
    pub reference: Reference,
    /// Every header field name the constraint uses, for the check against the
    /// `[[header]]` table.
    pub(crate) header_names: Vec<At<String>>,
    /// Every code the constraint names, with its key (`treat-as`, `upstream-as`).
    pub(crate) codes: Vec<(&'static str, At<u16>)>,
}

/// The circumstances a constraint is limited to; all of them hold together.
#[derive(Debug, Default, PartialEq)]
pub struct Scope {
    pub methods: Vec<String>,
    pub except_methods: Vec<String>,
    pub request_has: Option<String>,
    pub request_requires: Option<String>,
    pub request_supports: Option<String>,
    pub request_not_requires: Option<String>,
    pub request_not_supports: Option<String>,
    pub in_dialog: Option<bool>,
    pub after_final: Option<bool>,
    /// The response carries a message body, or none.
    pub has_body: Option<bool>,
    /// The elements that generated the response (rather than forwarded it).
    pub generated_by: Vec<Role>,
    /// What no key can state, in prose.
    pub condition: Option<String>,
}

#[derive(Debug, PartialEq)]
pub enum Kind {
    /// Any one of these header fields.
    Header(Vec<String>),
    /// A message body, optionally of this type.
    Body(Option<String>),
    /// The code answers only the scope's methods (or never its `except-methods`).
    Answers,
    /// Who may send it.
    Sender(Vec<Role>),
    /// When these elements send it.
    Send(Vec<Role>),
    Receiver {
        roles: Vec<Role>,
        treat_as: Option<u16>,
        unless_header: Option<String>,
        /// The failure the receiver handles as if this code had arrived.
        stands_for: Option<At<Failure>>,
        /// The timer the receiver restarts when the response arrives.
        restarts: Option<Timer>,
    },
    Dialog(DialogEffect),
    Proxy {
        action: ProxyAction,
        prefer: Option<u8>,
        upstream_as: Option<u16>,
        merge: Vec<String>,
    },
    /// The header field that carries the value to retry with.
    Retry(String),
}

/// A `[[rule]]`: a constraint over many codes.
#[derive(Debug)]
pub struct Rule {
    pub applies: Applies,
    pub constraint: Constraint,
    pub(crate) offset: usize,
}

/// The codes a `[[rule]]` is about.
#[derive(Debug, Default)]
pub struct Applies {
    pub all: bool,
    /// Class digits, 1 to 6.
    pub classes: Vec<u8>,
    pub codes: Vec<u16>,
    pub except: Vec<u16>,
}

impl Applies {
    pub fn covers(&self, code: u16) -> bool {
        !self.except.contains(&code)
            && (self.all
                || self.classes.contains(&((code / 100) as u8))
                || self.codes.contains(&code))
    }
}

impl Rule {
    /// Whether the rule holds for this registered code: it covers it, and the
    /// code does not state the same rule itself (same kind and scope, at its
    /// own level). A receiver rule that treats the code as no other says what
    /// it says in prose only, so a code's own one adds to it, never replaces
    /// it (the schema's "add to the [[rule]]s").
    pub fn holds_for(&self, entry: &Entry) -> bool {
        let restated = |own: &Constraint| {
            own.kind == self.constraint.kind
                && own.scope == self.constraint.scope
                && !matches!(own.kind, Kind::Receiver { treat_as: None, .. })
        };
        self.applies.covers(entry.code) && !entry.constraints.iter().any(restated)
    }

    /// Whether one of the code's own rules says the opposite about the same
    /// thing (forbids what this rule requires, or the reverse), so that this
    /// rule may give way to it where both apply. `Check::give_way` in
    /// sipcodes finds those own rules by the same test.
    pub fn contested_by(&self, entry: &Entry) -> bool {
        entry.constraints.iter().any(|own| {
            own.kind == self.constraint.kind
                && own.level.is_negative() != self.constraint.level.is_negative()
        })
    }
}

/// A `[[usage]]`: a dialog usage and the requests that belong to it.
#[derive(Debug)]
pub struct UsageTable {
    pub usage: At<Usage>,
    pub methods: Vec<At<String>>,
    /// The requests that end the usage (BYE for the invite usage).
    pub ended_by: Vec<At<String>>,
    pub reference: Reference,
    pub(crate) offset: usize,
}

/// A `[[header]]`: a header field the registry names.
#[derive(Debug)]
pub struct Header {
    pub name: String,
    pub compact: Option<char>,
    pub reference: Reference,
    pub(crate) offset: usize,
}

crate::spec::vocab::vocabulary! {
    pub enum StatusWord {
        Current = "current",
        Deprecated = "deprecated",
        Historic = "historic",
    }
}

/// A stable insertion sort of the short lists this crate sorts (the registry's
/// entries and errors, a derive's errors). The standard sorts cost every user
/// 0.1–0.2 CPU-s more to build this crate (medians of 9 to 11 builds).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// `` `a`, `b`, `c` ``, for listing the keys of a table.
pub(crate) fn key_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"a", "b" or "c"`, for listing what a key accepts.
pub(crate) fn one_of(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("{word:?}")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, others)) => format!("{} or {last}", others.join(", ")),
        None => String::new(),
    }
}

/// Header field names and methods are RFC 3261 tokens.
fn check_token(
    fields: &Fields<'_>,
    key: &str,
    text: &At<String>,
    errors: &mut Vec<RegistryError>,
) -> bool {
    let is_token = grammar::is_token(&text.value);
    if !is_token {
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
    is_token
}

#[cfg(test)]
mod tests;
