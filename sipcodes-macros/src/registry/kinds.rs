//! The kinds of constraint: each kind's own keys and its parser, in one table.
//! Adding a kind is a row here and its parser; the errors for a misplaced or
//! unknown key are computed from this table.

use super::fields::{At, Fields};
use super::symbol::{CONSTRAINT_KEYS, HEADER, ROLES, TREAT_AS, UNLESS_HEADER};
use super::{Kind, RegistryError, Role, check_token, one_of};
use crate::spec::grammar::{self, OutOfRange};
use crate::spec::vocab::Vocabulary;

pub struct KindSpec {
    pub word: &'static str,
    /// The keys this kind takes besides `CONSTRAINT_KEYS`.
    pub keys: &'static [&'static str],
    pub parse: fn(&Fields<'_, '_>, &mut Vec<RegistryError>) -> Option<Kind>,
}

pub const KINDS: &[KindSpec] = &[
    KindSpec {
        word: "header",
        keys: &[HEADER],
        parse: header,
    },
    KindSpec {
        word: "body",
        keys: &[],
        parse: |_, _| Some(Kind::Body),
    },
    KindSpec {
        word: "sender",
        keys: &[ROLES],
        parse: |fields, errors| roles(fields, errors).map(Kind::Sender),
    },
    KindSpec {
        word: "receiver",
        keys: &[ROLES, TREAT_AS, UNLESS_HEADER],
        parse: receiver,
    },
];

pub fn find(word: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|kind| kind.word == word)
}

/// `"header", "body", "sender" or "receiver"`.
pub fn words() -> String {
    one_of(&KINDS.iter().map(|kind| kind.word).collect::<Vec<_>>())
}

/// Reports each key of a constraint that its kind does not take. With no known
/// kind, only keys that no kind takes are reported.
pub fn check_keys(
    fields: &Fields<'_, '_>,
    kind: Option<&KindSpec>,
    errors: &mut Vec<RegistryError>,
) {
    for (key, offset) in fields.keys() {
        let owners: Vec<&KindSpec> = KINDS.iter().filter(|k| k.keys.contains(&key)).collect();
        let allowed = CONSTRAINT_KEYS.contains(&key)
            || kind.map_or(!owners.is_empty(), |kind| kind.keys.contains(&key));
        if allowed {
            continue;
        }
        let message = match kind {
            Some(kind) if !owners.is_empty() => format!(
                "`{key}` does not belong in {} with kind {:?}; it is only for kind {}",
                fields.context(),
                kind.word,
                one_of(&owners.iter().map(|owner| owner.word).collect::<Vec<_>>())
            ),
            _ => format!(
                "unknown key `{key}` in {}; the keys are {}",
                fields.context(),
                all_keys()
            ),
        };
        errors.push(RegistryError::at(offset, message));
    }
}

/// Every key a constraint can have, in table order: `` `kind`, `level`, … ``.
fn all_keys() -> String {
    let mut keys: Vec<&str> = CONSTRAINT_KEYS.to_vec();
    for key in KINDS.iter().flat_map(|kind| kind.keys) {
        if !keys.contains(key) {
            keys.push(key);
        }
    }
    let keys: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    keys.join(", ")
}

fn header(fields: &Fields<'_, '_>, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let names = fields.strings(HEADER, true, true, errors)?;
    for name in &names {
        check_token(fields, HEADER, name, errors);
    }
    Some(Kind::Header(
        names.into_iter().map(|name| name.value).collect(),
    ))
}

fn receiver(fields: &Fields<'_, '_>, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let roles = roles(fields, errors);
    let treat_as = match fields.integer(TREAT_AS, false, errors) {
        Some(At { value, offset }) => match u16::try_from(value) {
            Ok(code) if grammar::is_code(code) => Some(code),
            _ => {
                errors.push(RegistryError::at(
                    offset,
                    format!(
                        "`{TREAT_AS}` in {}: {}",
                        fields.context(),
                        OutOfRange(value)
                    ),
                ));
                return None;
            }
        },
        None => None,
    };
    let unless_header = fields.string(UNLESS_HEADER, false, errors);
    if let Some(header) = &unless_header {
        check_token(fields, UNLESS_HEADER, header, errors);
    }
    Some(Kind::Receiver {
        roles: roles?,
        treat_as,
        unless_header: unless_header.map(|header| header.value),
    })
}

fn roles(fields: &Fields<'_, '_>, errors: &mut Vec<RegistryError>) -> Option<Vec<Role>> {
    let words = fields.strings(ROLES, true, false, errors)?;
    let mut roles = Vec::new();
    for At { value, offset } in words {
        match Role::from_word(&value) {
            Some(role) => roles.push(role),
            None => errors.push(RegistryError::at(
                offset,
                format!(
                    "unknown role {value:?} in {}; use {}",
                    fields.context(),
                    one_of(
                        &Role::ALL
                            .iter()
                            .map(|role| role.as_str())
                            .collect::<Vec<_>>()
                    )
                ),
            )),
        }
    }
    Some(roles)
}
