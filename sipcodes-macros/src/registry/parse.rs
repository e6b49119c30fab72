//! `registry.toml` text → entries, every problem pushed as an error.

use super::fields::{self, At, Fields, Table};
use super::names::{is_variant_name, variant_from_phrase};
use super::symbol::*;
use super::{
    Applies, Basis, Constraint, Entry, Header, Level, Reference, Registry, RegistryError, Rule,
    Scope, Status, StatusWord, Usage, UsageTable, check_token, kinds,
};
use crate::spec::grammar::{self, OutOfRange};

pub fn parse(source: &str, errors: &mut Vec<RegistryError>) -> Registry {
    let document = match fields::document(source) {
        Ok(document) => document,
        Err(error) => {
            errors.push(error);
            return Registry::default();
        }
    };
    let top = Fields::new(&document, 0, "the top level".to_owned());
    top.reject_unknown(TOP_KEYS, errors);
    let tables = top.tables(CODE, errors);
    if tables.is_empty() && !top.has(CODE) {
        errors.push(RegistryError::at(
            0,
            "the registry has no `[[code]]` table; add one per response code",
        ));
    }
    let mut registry = Registry::default();
    for (table, offset) in top.tables(HEADER_TABLE, errors) {
        if let Some(item) = header(table, offset, errors) {
            registry.headers.push(item);
        }
    }
    for (table, offset) in top.tables(USAGE_TABLE, errors) {
        if let Some(item) = usage(table, offset, errors) {
            registry.usages.push(item);
        }
    }
    for (table, offset) in top.tables(RULE_TABLE, errors) {
        if let Some(item) = rule(table, offset, errors) {
            registry.rules.push(item);
        }
    }
    for (table, offset) in tables {
        if let Some(item) = entry(table, offset, errors) {
            registry.entries.push(item);
        }
    }
    registry
}

fn header(table: &Table<'_>, offset: usize, errors: &mut Vec<RegistryError>) -> Option<Header> {
    let mut fields = Fields::new(table, offset, "this [[header]] table".to_owned());
    let name = fields.string(NAME, true, errors);
    if let Some(name) = &name {
        check_token(&fields, NAME, name, errors);
        fields.set_context(format!("header {}", name.value));
    }
    fields.reject_unknown(HEADER_KEYS, errors);
    let compact = fields.string(COMPACT, false, errors).and_then(|compact| {
        let mut chars = compact.value.chars();
        match (chars.next(), chars.next()) {
            (Some(letter), None) if letter.is_ascii_lowercase() => Some(Some(letter)),
            _ => {
                errors.push(RegistryError::at(
                    compact.offset,
                    format!(
                        "`{COMPACT}` in {} is {:?}; a compact form is one lower-case letter",
                        fields.context(),
                        compact.value
                    ),
                ));
                None
            }
        }
    });
    let reference = fields
        .string(REFERENCE, true, errors)
        .and_then(|text| reference(&text, errors));
    let compact = match (fields.has(COMPACT), compact) {
        (false, _) => None,
        (true, Some(letter)) => letter,
        (true, None) => return None,
    };
    Some(Header {
        name: name?.value,
        compact,
        reference: reference?,
        offset,
    })
}

fn usage(table: &Table<'_>, offset: usize, errors: &mut Vec<RegistryError>) -> Option<UsageTable> {
    let mut fields = Fields::new(table, offset, "this [[usage]] table".to_owned());
    let usage = kinds::word::<Usage>(&fields, NAME, true, errors);
    if let Some(usage) = &usage {
        fields.set_context(format!("usage {}", usage.value.as_str()));
    }
    fields.reject_unknown(USAGE_KEYS, errors);
    let methods = fields
        .strings(METHODS, true, false, errors)
        .unwrap_or_default();
    for method in &methods {
        check_token(&fields, METHODS, method, errors);
    }
    let ended_by = fields
        .strings(ENDED_BY, false, false, errors)
        .unwrap_or_default();
    for ender in &ended_by {
        if !methods.iter().any(|method| method.value == ender.value) {
            errors.push(RegistryError::at(
                ender.offset,
                format!(
                    "`{ENDED_BY}` of {} names {:?}, which is not among its `{METHODS}`; \
                     a usage is ended by one of its own requests",
                    fields.context(),
                    ender.value
                ),
            ));
        }
    }
    let reference = fields
        .string(REFERENCE, true, errors)
        .and_then(|text| reference(&text, errors));
    Some(UsageTable {
        usage: usage?,
        methods,
        ended_by,
        reference: reference?,
        offset,
    })
}

fn rule(table: &Table<'_>, offset: usize, errors: &mut Vec<RegistryError>) -> Option<Rule> {
    let context = "a [[rule]]";
    let fields = Fields::new(table, offset, context.to_owned());
    let mut applies = Applies::default();
    for At { value, offset } in fields.words_or_numbers(CODES, true, errors) {
        match value {
            Ok(word) if word == "all" => applies.all = true,
            Ok(word) => match word.as_bytes() {
                [digit @ b'1'..=b'6', b'x', b'x'] => applies.classes.push(digit - b'0'),
                _ => errors.push(RegistryError::at(
                    offset,
                    format!(
                        "{word:?} in `{CODES}` of {context} is not \"all\", a class from \"1xx\" \
                         to \"6xx\" or a code"
                    ),
                )),
            },
            Err(number) => {
                if let Some(code) = code_in_range(number, offset, CODES, context, errors) {
                    applies.codes.push(code);
                }
            }
        }
    }
    for At { value, offset } in fields.words_or_numbers(EXCEPT_CODES, false, errors) {
        match value {
            Err(number) => {
                if let Some(code) = code_in_range(number, offset, EXCEPT_CODES, context, errors) {
                    applies.except.push(code);
                }
            }
            Ok(word) => errors.push(RegistryError::at(
                offset,
                format!("{word:?} in `{EXCEPT_CODES}` of {context} is not a code; list numbers"),
            )),
        }
    }
    let constraint = constraint(table, offset, context.to_owned(), RULE_KEYS, errors)?;
    Some(Rule {
        applies,
        constraint,
        offset,
    })
}

fn code_in_range(
    number: i64,
    offset: usize,
    key: &str,
    context: &str,
    errors: &mut Vec<RegistryError>,
) -> Option<u16> {
    match u16::try_from(number) {
        Ok(code) if grammar::is_code(code) => Some(code),
        _ => {
            errors.push(RegistryError::at(
                offset,
                format!("`{key}` in {context}: {}", OutOfRange(number)),
            ));
            None
        }
    }
}

fn entry(table: &Table<'_>, offset: usize, errors: &mut Vec<RegistryError>) -> Option<Entry> {
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
    let status = kinds::word::<StatusWord>(&fields, STATUS, true, errors).map(|at| at.value);
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
            let mut references = Vec::with_capacity(items.len());
            for item in &items {
                if let Some(parsed) = reference(item, errors) {
                    references.push(parsed);
                }
            }
            references
        });
    let description = fields.string(DESCRIPTION, true, errors);
    let mut constraints = Some(Vec::new());
    for (table, offset) in fields.tables(CONSTRAINTS, errors) {
        let context = format!("a constraint of {}", fields.context());
        let parsed = constraint(table, offset, context, &[], errors);
        // Every constraint is parsed, for its errors, even after one failed.
        match (parsed, &mut constraints) {
            (Some(parsed), Some(list)) => list.push(parsed),
            _ => constraints = None,
        }
    }

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
        constraints: constraints?,
        offset,
        variant_offset,
    })
}

/// The explicit `variant`, else the one derived from the phrase; with its offset.
fn variant(
    fields: &Fields<'_>,
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
    table: &Table<'_>,
    offset: usize,
    context: String,
    extra_keys: &[&str],
    errors: &mut Vec<RegistryError>,
) -> Option<Constraint> {
    let fields = Fields::new(table, offset, context);
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
    kinds::check_keys(&fields, kind, extra_keys, errors);
    let level = kinds::word::<Level>(&fields, LEVEL, true, errors).map(|at| at.value);
    let basis = kinds::word::<Basis>(&fields, BASIS, false, errors);
    let rule = fields.string(RULE, true, errors);
    let reference = fields
        .string(REFERENCE, true, errors)
        .and_then(|text| reference(&text, errors));
    if let Some(cited) = &reference {
        check_basis(&fields, cited.rfc, basis.as_ref(), errors);
    }
    let mut uses = kinds::Uses::default();
    let scope = scope(&fields, &mut uses, errors);
    let answers = kind.is_some_and(|kind| kind.word == "answers");
    if answers && scope.methods.is_empty() && scope.except_methods.is_empty() {
        errors.push(RegistryError::at(
            fields.offset_of(KIND),
            format!(
                "{} has kind \"answers\": give `{METHODS}` (the only methods the code answers) \
                 or `{EXCEPT_METHODS}` (the methods it never answers), one of them",
                fields.context()
            ),
        ));
    }
    let kind = (kind?.parse)(&fields, &mut uses, errors);
    Some(Constraint {
        kind: kind?,
        level: level?,
        basis: basis.map_or(Basis::Keyword, |at| at.value),
        rule: rule?.value,
        scope,
        reference: reference?,
        header_names: uses.header_names,
        codes: uses.codes,
    })
}

/// The RFCs of the registry's sources that are Informational (each says
/// "Category: Informational"): their sentences carry no RFC 2119 keyword.
const INFORMATIONAL_RFCS: &[u16] = &[4475, 5057, 5118];

/// A rule citing an Informational RFC says `basis = "informational"`, and
/// only such a rule does.
fn check_basis(
    fields: &Fields<'_>,
    rfc: u16,
    basis: Option<&At<Basis>>,
    errors: &mut Vec<RegistryError>,
) {
    let informational = INFORMATIONAL_RFCS.contains(&rfc);
    match basis {
        None
        | Some(At {
            value: Basis::Keyword | Basis::Statement,
            ..
        }) if informational => {
            errors.push(RegistryError::at(
                fields.offset_of(REFERENCE),
                format!(
                    "{} cites RFC {rfc}, which is Informational and has no RFC 2119 keywords; \
                     add `{BASIS} = \"informational\"`",
                    fields.context()
                ),
            ));
        }
        Some(At {
            value: Basis::Informational,
            offset,
        }) if !informational => {
            errors.push(RegistryError::at(
                *offset,
                format!(
                    "`{BASIS} = \"informational\"` in {}, but RFC {rfc} is not an Informational RFC; \
                     cite the Informational RFC the rule comes from, or give the basis of RFC {rfc}'s sentence",
                    fields.context()
                ),
            ));
        }
        _ => {}
    }
}

/// The scope keys every constraint may have.
fn scope(fields: &Fields<'_>, uses: &mut kinds::Uses, errors: &mut Vec<RegistryError>) -> Scope {
    let tokens = |key: &str, errors: &mut Vec<RegistryError>| -> Vec<String> {
        let items = fields
            .strings(key, false, false, errors)
            .unwrap_or_default();
        for item in &items {
            check_token(fields, key, item, errors);
        }
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            values.push(item.value);
        }
        values
    };
    let methods = tokens(METHODS, errors);
    let except_methods = tokens(EXCEPT_METHODS, errors);
    if !methods.is_empty() && !except_methods.is_empty() {
        errors.push(RegistryError::at(
            fields.offset_of(EXCEPT_METHODS),
            format!(
                "{} has both `{METHODS}` and `{EXCEPT_METHODS}`; keep one",
                fields.context()
            ),
        ));
    }
    let token = |key: &str, errors: &mut Vec<RegistryError>| -> Option<At<String>> {
        let item = fields.string(key, false, errors)?;
        check_token(fields, key, &item, errors).then_some(item)
    };
    let request_has = token(REQUEST_HAS, errors).map(|name| {
        let value = name.value.clone();
        uses.header_names.push(name);
        value
    });
    Scope {
        methods,
        except_methods,
        request_has,
        request_requires: token(REQUEST_REQUIRES, errors).map(|tag| tag.value),
        request_supports: token(REQUEST_SUPPORTS, errors).map(|tag| tag.value),
        request_not_requires: token(REQUEST_NOT_REQUIRES, errors).map(|tag| tag.value),
        request_not_supports: token(REQUEST_NOT_SUPPORTS, errors).map(|tag| tag.value),
        in_dialog: fields.boolean(IN_DIALOG, errors).map(|flag| flag.value),
        after_final: fields.boolean(AFTER_FINAL, errors).map(|flag| flag.value),
        has_body: fields.boolean(HAS_BODY, errors).map(|flag| flag.value),
        generated_by: kinds::role_list(fields, GENERATED_BY, false, errors).unwrap_or_default(),
        condition: fields.string(WHEN, false, errors).map(|when| when.value),
    }
}
