//! The kinds of constraint: each kind's own keys and its parser, in one table.
//! Adding a kind is a row here and its parser; the errors for a misplaced or
//! unknown key are computed from this table.

use super::fields::{At, Fields};
use super::symbol::{
    ACTION, CONSTRAINT_KEYS, CONTENT_TYPE, EFFECT, HEADER, MERGE, PREFER, RESTARTS_TIMER, ROLES,
    STANDS_FOR, TREAT_AS, UNLESS_HEADER, UPSTREAM_AS, scope_keys,
};
use super::{Kind, RegistryError, Role, check_token, key_list, one_of};
use crate::spec::grammar::{self, OutOfRange};
use crate::spec::vocab::Vocabulary;

/// What a kind's parser fills in besides the kind: the header field names and
/// codes it used, for the checks across the file.
#[derive(Default)]
pub struct Uses {
    pub header_names: Vec<At<String>>,
    /// With the key that names each.
    pub codes: Vec<(&'static str, At<u16>)>,
}

type Parser = fn(&Fields<'_>, &mut Uses, &mut Vec<RegistryError>) -> Option<Kind>;

pub struct KindSpec {
    pub word: &'static str,
    /// The keys this kind takes besides `CONSTRAINT_KEYS`.
    pub keys: &'static [&'static str],
    pub parse: Parser,
}

pub const KINDS: &[KindSpec] = &[
    KindSpec {
        word: "header",
        keys: &[HEADER],
        parse: header,
    },
    KindSpec {
        word: "body",
        keys: &[CONTENT_TYPE],
        parse: body,
    },
    KindSpec {
        word: "answers",
        keys: &[],
        parse: |_, _, _| Some(Kind::Answers),
    },
    KindSpec {
        word: "sender",
        keys: &[ROLES],
        parse: |fields, _, errors| roles(fields, errors).map(Kind::Sender),
    },
    KindSpec {
        word: "send",
        keys: &[ROLES],
        // Without `roles` the duty is on whichever element sends the response.
        parse: |fields, _, errors| {
            Some(Kind::Send(
                role_list(fields, ROLES, false, errors).unwrap_or_default(),
            ))
        },
    },
    KindSpec {
        word: "receiver",
        keys: &[ROLES, TREAT_AS, UNLESS_HEADER, STANDS_FOR, RESTARTS_TIMER],
        parse: receiver,
    },
    KindSpec {
        word: "dialog",
        keys: &[EFFECT],
        parse: |fields, _, errors| {
            word(fields, EFFECT, true, errors).map(|at| Kind::Dialog(at.value))
        },
    },
    KindSpec {
        word: "proxy",
        keys: &[ACTION, PREFER, UPSTREAM_AS, MERGE],
        parse: proxy,
    },
    KindSpec {
        word: "retry",
        keys: &[HEADER],
        parse: retry,
    },
];

pub fn find(word: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|kind| kind.word == word)
}

/// `"header", "body", … or "retry"`.
pub fn words() -> String {
    let words: Vec<&str> = KINDS.iter().map(|kind| kind.word).collect();
    one_of(&words)
}

/// Reports each key of a constraint that its kind does not take. With no known
/// kind, only keys that no kind takes are reported. `extra` are the keys the
/// table takes besides those of a constraint (`codes` in a `[[rule]]`).
pub fn check_keys(
    fields: &Fields<'_>,
    kind: Option<&KindSpec>,
    extra: &[&str],
    errors: &mut Vec<RegistryError>,
) {
    for (key, offset) in fields.keys() {
        let owners: Vec<&str> = KINDS
            .iter()
            .filter(|owner| owner.keys.contains(&key))
            .map(|owner| owner.word)
            .collect();
        let allowed = CONSTRAINT_KEYS.contains(&key)
            || extra.contains(&key)
            || kind.map_or(!owners.is_empty(), |kind| kind.keys.contains(&key));
        if allowed {
            continue;
        }
        let message = match kind {
            Some(kind) if !owners.is_empty() => format!(
                "`{key}` does not belong in {} with kind {:?}; it is only for kind {}",
                fields.context(),
                kind.word,
                one_of(&owners)
            ),
            _ => format!(
                "unknown key `{key}` in {}; the keys are {}",
                fields.context(),
                all_keys(extra)
            ),
        };
        errors.push(RegistryError::at(offset, message));
    }
}

/// Every key a constraint can have, in table order: `` `kind`, `level`, … ``.
fn all_keys(extra: &[&str]) -> String {
    let mut keys: Vec<&str> = extra.to_vec();
    keys.extend_from_slice(CONSTRAINT_KEYS);
    for key in KINDS.iter().flat_map(|kind| kind.keys) {
        if !keys.contains(key) {
            keys.push(key);
        }
    }
    key_list(&keys)
}

/// A word of a closed vocabulary.
pub fn word<T: Vocabulary>(
    fields: &Fields<'_>,
    key: &str,
    required: bool,
    errors: &mut Vec<RegistryError>,
) -> Option<At<T>> {
    let At { value, offset } = fields.string(key, required, errors)?;
    let parsed = T::from_word(&value).map(|value| At { value, offset });
    if parsed.is_none() {
        errors.push(RegistryError::at(
            offset,
            format!(
                "unknown {key} {value:?} in {}; use {}",
                fields.context(),
                one_of(T::WORDS)
            ),
        ));
    }
    parsed
}

/// A header field name, remembered for the check against `[[header]]`.
fn header_name(
    fields: &Fields<'_>,
    key: &str,
    name: At<String>,
    uses: &mut Uses,
    errors: &mut Vec<RegistryError>,
) -> String {
    let value = name.value.clone();
    if check_token(fields, key, &name, errors) {
        uses.header_names.push(name);
    }
    value
}

fn header(fields: &Fields<'_>, uses: &mut Uses, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let names = fields.strings(HEADER, true, true, errors)?;
    let names = names
        .into_iter()
        .map(|name| header_name(fields, HEADER, name, uses, errors))
        .collect();
    Some(Kind::Header(names))
}

fn body(fields: &Fields<'_>, _: &mut Uses, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let content_type = fields.string(CONTENT_TYPE, false, errors);
    Some(Kind::Body(
        content_type.map(|content_type| content_type.value),
    ))
}

fn retry(fields: &Fields<'_>, uses: &mut Uses, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let name = fields.string(HEADER, true, errors)?;
    Some(Kind::Retry(header_name(fields, HEADER, name, uses, errors)))
}

fn receiver(fields: &Fields<'_>, uses: &mut Uses, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let roles = roles(fields, errors);
    let treat_as = code(fields, TREAT_AS, uses, errors)?;
    let unless_header = fields
        .string(UNLESS_HEADER, false, errors)
        .map(|name| header_name(fields, UNLESS_HEADER, name, uses, errors));
    let stands_for = word(fields, STANDS_FOR, false, errors);
    let restarts = word(fields, RESTARTS_TIMER, false, errors).map(|at| at.value);
    if stands_for.is_some() {
        for &key in scope_keys().iter().chain(&[TREAT_AS, UNLESS_HEADER]) {
            if fields.has(key) {
                errors.push(RegistryError::at(
                    fields.offset_of(key),
                    format!(
                        "`{key}` in {} does not go with `{STANDS_FOR}`: a failure stands for \
                         the code whatever the request was; state `{key}` in a rule of its own",
                        fields.context()
                    ),
                ));
            }
        }
    }
    Some(Kind::Receiver {
        roles: roles?,
        treat_as,
        unless_header,
        stands_for,
        restarts,
    })
}

fn proxy(fields: &Fields<'_>, uses: &mut Uses, errors: &mut Vec<RegistryError>) -> Option<Kind> {
    let action = word(fields, ACTION, true, errors).map(|at| at.value);
    let prefer = match fields.integer(PREFER, false, errors) {
        Some(At { value, offset }) => match u8::try_from(value) {
            Ok(rank) if rank >= 1 => Some(rank),
            _ => {
                errors.push(RegistryError::at(
                    offset,
                    format!(
                        "`{PREFER}` in {} is {value}; a preference is a rank from 1 (most \
                         preferred) to 255",
                        fields.context()
                    ),
                ));
                return None;
            }
        },
        None => None,
    };
    let upstream_as = code(fields, UPSTREAM_AS, uses, errors)?;
    let merge = fields
        .strings(MERGE, false, false, errors)
        .unwrap_or_default()
        .into_iter()
        .map(|name| header_name(fields, MERGE, name, uses, errors))
        .collect();
    Some(Kind::Proxy {
        action: action?,
        prefer,
        upstream_as,
        merge,
    })
}

/// An optional code key (`treat-as`, `upstream-as`): `Some(None)` when absent,
/// `None` when malformed.
fn code(
    fields: &Fields<'_>,
    key: &'static str,
    uses: &mut Uses,
    errors: &mut Vec<RegistryError>,
) -> Option<Option<u16>> {
    let Some(At { value, offset }) = fields.integer(key, false, errors) else {
        return Some(None);
    };
    match u16::try_from(value) {
        Ok(code) if grammar::is_code(code) => {
            uses.codes.push((
                key,
                At {
                    value: code,
                    offset,
                },
            ));
            Some(Some(code))
        }
        _ => {
            errors.push(RegistryError::at(
                offset,
                format!("`{key}` in {}: {}", fields.context(), OutOfRange(value)),
            ));
            None
        }
    }
}

fn roles(fields: &Fields<'_>, errors: &mut Vec<RegistryError>) -> Option<Vec<Role>> {
    role_list(fields, ROLES, true, errors)
}

/// An array of roles under `key`; `None` when it is required and missing.
pub fn role_list(
    fields: &Fields<'_>,
    key: &str,
    required: bool,
    errors: &mut Vec<RegistryError>,
) -> Option<Vec<Role>> {
    let words = fields.strings(key, required, false, errors)?;
    let mut roles = Vec::new();
    for At { value, offset } in words {
        match Role::from_word(&value) {
            Some(role) => roles.push(role),
            None => errors.push(RegistryError::at(
                offset,
                format!(
                    "unknown role {value:?} in {}; use {}",
                    fields.context(),
                    one_of(<Role as Vocabulary>::WORDS)
                ),
            )),
        }
    }
    Some(roles)
}
