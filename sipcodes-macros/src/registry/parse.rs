//! `registry.toml` text → entries, every problem pushed as an error.

use toml::de::DeTable;

use super::fields::{At, Fields};
use super::names::{is_variant_name, variant_from_phrase};
use super::symbol::*;
use super::{
    Constraint, Entry, Level, Reference, RegistryError, Status, StatusWord, check_token, kinds,
    one_of,
};
use crate::spec::grammar::{self, OutOfRange};
use crate::spec::vocab::Vocabulary;

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
    top.reject_unknown(TOP_KEYS, errors);
    let tables = top.tables(CODE, errors);
    if tables.is_empty() && !top.has(CODE) {
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
    let code =
        fields
            .integer(CODE, true, errors)
            .and_then(|code| match u16::try_from(code.value) {
                Ok(number) if grammar::is_code(number) => Some(number),
                _ => {
                    errors.push(RegistryError::at(
                        code.offset,
                        OutOfRange(code.value).to_string(),
                    ));
                    None
                }
            });
    if let Some(code) = code {
        fields.set_context(format!("code {code}"));
    }
    fields.reject_unknown(CODE_KEYS, errors);

    let phrase = fields.string(PHRASE, true, errors);
    if let Some(At { value, offset }) = &phrase
        && let Err(problem) = grammar::check_phrase(value)
    {
        errors.push(RegistryError::at(
            *offset,
            format!("`{PHRASE}` in {}: {problem}", fields.context()),
        ));
    }
    let variant = variant(&fields, phrase.as_ref(), errors);
    let status: Option<StatusWord> = keyword(&fields, STATUS, errors);
    let deprecation = fields.string(DEPRECATION, false, errors);
    match (status, &deprecation) {
        (Some(StatusWord::Deprecated), None) => errors.push(RegistryError::at(
            fields.offset_of(STATUS),
            format!(
                "{} is deprecated but has no `deprecation`; add `deprecation = \"…\"` saying why \
                    and what to use instead",
                fields.context()
            ),
        )),
        (Some(StatusWord::Current | StatusWord::Historic), Some(deprecation)) => {
            errors.push(RegistryError::at(
                deprecation.offset,
                format!(
                    "`deprecation` in {} needs `status = \"deprecated\"`; remove it or change the \
                    status",
                    fields.context()
                ),
            ))
        }
        _ => {}
    }
    let references = fields
        .strings(REFERENCES, true, false, errors)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| reference(item, errors))
                .collect::<Vec<_>>()
        });
    let description = fields.string(DESCRIPTION, true, errors);
    let constraints: Vec<Option<Constraint>> = fields
        .tables(CONSTRAINTS, errors)
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
    if let Some(At { value, offset }) = fields.string(VARIANT, false, errors) {
        if is_variant_name(&value) {
            return Some((value, offset));
        }
        errors.push(RegistryError::at(
            offset,
            format!(
                "`variant` in {} is {value:?}, not a valid variant name; use UpperCamelCase ASCII \
                    letters and digits, starting with a capital letter",
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

fn keyword<T: Vocabulary>(
    fields: &Fields<'_, '_>,
    key: &str,
    errors: &mut Vec<RegistryError>,
) -> Option<T> {
    let At { value, offset } = fields.string(key, true, errors)?;
    let parsed = T::from_word(&value);
    if parsed.is_none() {
        errors.push(RegistryError::at(
            offset,
            format!(
                "unknown {key} {value:?} in {}; use {}",
                fields.context(),
                one_of(&T::ALL.iter().map(|item| item.as_str()).collect::<Vec<_>>())
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
                "malformed reference {:?}; write \"RFC <number>\" or \"RFC <number> §<section>\", \
                    e.g. \"RFC 3261 §21.4.6\"",
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
    let kind = fields
        .string(KIND, true, errors)
        .and_then(|At { value, offset }| {
            let kind = kinds::find(&value);
            if kind.is_none() {
                errors.push(RegistryError::at(
                    offset,
                    format!(
                        "unknown kind {value:?} in {}; use {}",
                        fields.context(),
                        kinds::words()
                    ),
                ));
            }
            kind
        });
    kinds::check_keys(&fields, kind, errors);
    let level: Option<Level> = keyword(&fields, LEVEL, errors);
    let rule = fields.string(RULE, true, errors);
    let condition = fields.string(WHEN, false, errors).map(|when| when.value);
    let reference = fields
        .string(REFERENCE, true, errors)
        .and_then(|text| reference(&text, errors));
    let methods = fields
        .strings(METHODS, false, false, errors)
        .unwrap_or_default();
    for method in &methods {
        check_token(&fields, METHODS, method, errors);
    }
    let kind = (kind?.parse)(&fields, errors);
    Some(Constraint {
        kind: kind?,
        level: level?,
        rule: rule?.value,
        condition,
        reference: reference?,
        methods: methods.into_iter().map(|method| method.value).collect(),
        offset: fields.offset_of(TREAT_AS),
    })
}
