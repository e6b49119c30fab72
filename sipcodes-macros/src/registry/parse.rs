//! `registry.toml` text → entries, every problem pushed as an error.

use toml::de::DeTable;

use super::fields::{At, Fields};
use super::names::{is_variant_name, phrase_problem, variant_from_phrase};
use super::{
    Constraint, Entry, Kind, KindWord, Level, Reference, RegistryError, Role, Status, StatusWord,
    one_of,
};

const CODE_KEYS: &[&str] = &[
    "code",
    "phrase",
    "variant",
    "status",
    "deprecation",
    "references",
    "description",
    "constraints",
];

const CONSTRAINT_KEYS: &[&str] = &[
    "kind",
    "level",
    "rule",
    "when",
    "reference",
    "methods",
    "header",
    "roles",
    "treat-as",
    "unless-header",
];

pub fn parse(source: &str, errors: &mut Vec<RegistryError>) -> Vec<Entry> {
    let document = match DeTable::parse(source) {
        Ok(document) => document,
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            let message = error.message().trim_end().replace('\n', " ");
            errors.push(RegistryError::at(
                offset,
                format!("invalid TOML: {message}"),
            ));
            return Vec::new();
        }
    };
    let top = Fields::new(document.get_ref(), 0, "the top level".to_owned());
    top.reject_unknown(&["code"], errors);
    let tables = top.tables("code", errors);
    if tables.is_empty() && !top.has("code") {
        errors.push(RegistryError::at(
            0,
            "the registry has no `[[code]]` table; add one per response code",
        ));
    }
    tables
        .into_iter()
        .filter_map(|(table, offset)| entry(table, offset, errors))
        .collect()
}

fn entry(table: &DeTable<'_>, offset: usize, errors: &mut Vec<RegistryError>) -> Option<Entry> {
    let mut fields = Fields::new(table, offset, "this [[code]] table".to_owned());
    let code = fields.integer("code", true, errors).and_then(|code| {
        if (100..=699).contains(&code.value) {
            Some(code.value as u16)
        } else {
            errors.push(RegistryError::at(
                code.offset,
                format!(
                    "code {} is outside 100..=699; a SIP status code has three digits, the first from 1 to 6",
                    code.value
                ),
            ));
            None
        }
    });
    if let Some(code) = code {
        fields.set_context(format!("code {code}"));
    }
    fields.reject_unknown(CODE_KEYS, errors);

    let phrase = fields.string("phrase", true, errors);
    if let Some(At { value, offset }) = &phrase
        && let Some(problem) = phrase_problem(value)
    {
        errors.push(RegistryError::at(
            *offset,
            format!("`phrase` in {}: {problem}", fields.context()),
        ));
    }
    let variant = variant(&fields, phrase.as_ref(), errors);
    let status = keyword(
        &fields,
        "status",
        StatusWord::ALL,
        StatusWord::word,
        StatusWord::from_word,
        errors,
    );
    let deprecation = fields.string("deprecation", false, errors);
    match (status, &deprecation) {
        (Some(StatusWord::Deprecated), None) => errors.push(RegistryError::at(
            fields.offset_of("status"),
            format!(
                "{} is deprecated but has no `deprecation`; add `deprecation = \"…\"` saying why and what to use instead",
                fields.context()
            ),
        )),
        (Some(StatusWord::Current | StatusWord::Historic), Some(deprecation)) => errors.push(RegistryError::at(
            deprecation.offset,
            format!(
                "`deprecation` in {} needs `status = \"deprecated\"`; remove it or change the status",
                fields.context()
            ),
        )),
        _ => {}
    }
    let references = fields
        .strings("references", true, false, errors)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| reference(item, errors))
                .collect::<Vec<_>>()
        });
    let description = fields.string("description", true, errors);
    let constraints: Vec<Option<Constraint>> = fields
        .tables("constraints", errors)
        .into_iter()
        .map(|(table, offset)| constraint(table, offset, fields.context(), errors))
        .collect();

    let (variant_name, variant_offset) = variant?;
    Some(Entry {
        code: code?,
        phrase: phrase?.value,
        variant: variant_name,
        status: match status? {
            StatusWord::Current => Status::Current,
            StatusWord::Deprecated => Status::Deprecated,
            StatusWord::Historic => Status::Historic,
        },
        deprecation: deprecation.map(|d| d.value),
        references: references?,
        description: description?.value,
        constraints: constraints.into_iter().collect::<Option<Vec<_>>>()?,
        offset,
        variant_offset,
    })
}

/// The explicit `variant`, else the one derived from the phrase; with its offset.
fn variant(
    fields: &Fields<'_, '_>,
    phrase: Option<&At<String>>,
    errors: &mut Vec<RegistryError>,
) -> Option<(String, usize)> {
    if let Some(At { value, offset }) = fields.string("variant", false, errors) {
        if is_variant_name(&value) {
            return Some((value, offset));
        }
        errors.push(RegistryError::at(
            offset,
            format!(
                "`variant` in {} is {value:?}, not a valid variant name; use UpperCamelCase ASCII letters and digits, starting with a capital letter",
                fields.context()
            ),
        ));
        return None;
    }
    let phrase = phrase?;
    let derived = variant_from_phrase(&phrase.value);
    if is_variant_name(&derived) {
        Some((derived, phrase.offset))
    } else {
        errors.push(RegistryError::at(
            phrase.offset,
            format!(
                "cannot derive a variant name from the phrase {:?} of {}; add `variant = \"…\"`",
                phrase.value,
                fields.context()
            ),
        ));
        None
    }
}

fn keyword<T: Copy>(
    fields: &Fields<'_, '_>,
    key: &str,
    all: &[T],
    word: fn(T) -> &'static str,
    from_word: fn(&str) -> Option<T>,
    errors: &mut Vec<RegistryError>,
) -> Option<T> {
    let At { value, offset } = fields.string(key, true, errors)?;
    let parsed = from_word(&value);
    if parsed.is_none() {
        errors.push(RegistryError::at(
            offset,
            format!(
                "unknown {key} {value:?} in {}; use {}",
                fields.context(),
                one_of(all, word)
            ),
        ));
    }
    parsed
}

/// `RFC <number>` or `RFC <number> §<section>`, the section digits and dots.
fn reference(text: &At<String>, errors: &mut Vec<RegistryError>) -> Option<Reference> {
    let parsed = text.value.strip_prefix("RFC ").and_then(|rest| {
        let (number, section) = match rest.split_once(" §") {
            Some((number, section)) => (number, Some(section)),
            None => (rest, None),
        };
        let rfc = number
            .parse::<u16>()
            .ok()
            .filter(|_| number.bytes().all(|b| b.is_ascii_digit()))?;
        let section_ok = section.is_none_or(|s| {
            s.split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        });
        (rfc > 0 && section_ok).then(|| Reference {
            rfc,
            section: section.map(str::to_owned),
        })
    });
    if parsed.is_none() {
        errors.push(RegistryError::at(
            text.offset,
            format!(
                "malformed reference {:?}; write \"RFC <number>\" or \"RFC <number> §<section>\", e.g. \"RFC 3261 §21.4.6\"",
                text.value
            ),
        ));
    }
    parsed
}

fn constraint(
    table: &DeTable<'_>,
    offset: usize,
    code: &str,
    errors: &mut Vec<RegistryError>,
) -> Option<Constraint> {
    let fields = Fields::new(table, offset, format!("a constraint of {code}"));
    fields.reject_unknown(CONSTRAINT_KEYS, errors);
    let kind_word = keyword(
        &fields,
        "kind",
        KindWord::ALL,
        KindWord::word,
        KindWord::from_word,
        errors,
    );
    let level = keyword(
        &fields,
        "level",
        Level::ALL,
        Level::word,
        Level::from_word,
        errors,
    );
    let rule = fields.string("rule", true, errors);
    let condition = fields.string("when", false, errors).map(|when| when.value);
    let reference = fields
        .string("reference", true, errors)
        .and_then(|text| reference(&text, errors));
    let methods = fields
        .strings("methods", false, false, errors)
        .unwrap_or_default();
    for method in &methods {
        check_token(&fields, "methods", method, errors);
    }

    let allowed: &[&str] = match kind_word {
        Some(KindWord::Header) => &["header"],
        Some(KindWord::Body) => &[],
        Some(KindWord::Sender) => &["roles"],
        Some(KindWord::Receiver) => &["roles", "treat-as", "unless-header"],
        None => &["header", "roles", "treat-as", "unless-header"],
    };
    for key in ["header", "roles", "treat-as", "unless-header"] {
        if fields.has(key) && !allowed.contains(&key) {
            let kinds: Vec<&str> = KindWord::ALL
                .iter()
                .filter(|kind| match kind {
                    KindWord::Header => key == "header",
                    KindWord::Sender => key == "roles",
                    KindWord::Receiver => key != "header",
                    KindWord::Body => false,
                })
                .map(|kind| kind.word())
                .collect();
            errors.push(RegistryError::at(
                fields.offset_of(key),
                format!(
                    "`{key}` does not belong in {} with kind {:?}; it is only for kind {}",
                    fields.context(),
                    kind_word.map_or("?", KindWord::word),
                    kinds
                        .iter()
                        .map(|k| format!("{k:?}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ));
        }
    }

    let kind = match kind_word? {
        KindWord::Header => {
            let names = fields.strings("header", true, true, errors)?;
            for name in &names {
                check_token(&fields, "header", name, errors);
            }
            Kind::Header(names.into_iter().map(|name| name.value).collect())
        }
        KindWord::Body => Kind::Body,
        KindWord::Sender => Kind::Sender(roles(&fields, errors)?),
        KindWord::Receiver => {
            let roles = roles(&fields, errors);
            let treat_as = fields.integer("treat-as", false, errors).map(|code| {
                u16::try_from(code.value)
                    .ok()
                    .filter(|c| (100..=699).contains(c))
                    .ok_or(code)
            });
            let treat_as = match treat_as {
                Some(Err(code)) => {
                    errors.push(RegistryError::at(
                        code.offset,
                        format!(
                            "`treat-as` in {} is {}, not a code from 100 to 699",
                            fields.context(),
                            code.value
                        ),
                    ));
                    return None;
                }
                Some(Ok(code)) => Some(code),
                None => None,
            };
            let unless_header = fields.string("unless-header", false, errors);
            if let Some(header) = &unless_header {
                check_token(&fields, "unless-header", header, errors);
            }
            Kind::Receiver {
                roles: roles?,
                treat_as,
                unless_header: unless_header.map(|h| h.value),
            }
        }
    };
    Some(Constraint {
        kind,
        level: level?,
        rule: rule?.value,
        condition,
        reference: reference?,
        methods: methods.into_iter().map(|m| m.value).collect(),
        offset: fields.offset_of("treat-as"),
    })
}

fn roles(fields: &Fields<'_, '_>, errors: &mut Vec<RegistryError>) -> Option<Vec<Role>> {
    let words = fields.strings("roles", true, false, errors)?;
    let mut roles = Vec::new();
    for At { value, offset } in words {
        match Role::from_word(&value) {
            Some(role) => roles.push(role),
            None => errors.push(RegistryError::at(
                offset,
                format!(
                    "unknown role {value:?} in {}; use {}",
                    fields.context(),
                    one_of(Role::ALL, Role::word)
                ),
            )),
        }
    }
    Some(roles)
}

/// Header field names and methods are RFC 3261 tokens.
fn check_token(
    fields: &Fields<'_, '_>,
    key: &str,
    text: &At<String>,
    errors: &mut Vec<RegistryError>,
) {
    let is_token = !text.value.is_empty()
        && text
            .value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b));
    if !is_token {
        errors.push(RegistryError::at(
            text.offset,
            format!(
                "{:?} in `{key}` of {} is not a SIP token; use the name as the RFC spells it, e.g. \"Retry-After\" or \"INVITE\"",
                text.value,
                fields.context()
            ),
        ));
    }
}
