//! Rules that look across entries.

use super::error::line_of;
use super::fields::At;
use super::names::nearest;
use super::names::{GENERATED_ITEMS, constant_name};
use super::symbol::STANDS_FOR;
use super::{
    Constraint, Entry, Failure, Header, Kind, Registry, RegistryError, Role, Status, Usage,
    UsageTable,
};
use crate::spec::vocab::Client;

/// How many `[[rule]]` tables the generated bit sets hold.
pub const MAX_RULES: usize = 256;

/// The registry's tables are in file order.
pub fn validate(source: &str, registry: &Registry, errors: &mut Vec<RegistryError>) {
    let entries = &registry.entries;
    headers(source, &registry.headers, errors);
    usages(source, &registry.usages, errors);
    // Each code's general rules are a bit set of this width (`Entry::general`).
    if let Some(rule) = registry.rules.get(MAX_RULES) {
        errors.push(RegistryError::at(
            rule.offset,
            format!(
                "this is [[rule]] number {}, and the registry holds at most {MAX_RULES}; \
                 widen `Entry::general` in sipcodes and the bit set sipcodes-macros writes",
                MAX_RULES + 1
            ),
        ));
    }
    for (position, entry) in entries.iter().enumerate() {
        let earlier = &entries[..position];
        if let Some(first) = earlier.iter().find(|first| first.code == entry.code) {
            errors.push(RegistryError::at(
                entry.offset,
                format!(
                    "code {} is defined twice (first at line {}); keep one [[code]] table per code",
                    entry.code,
                    line_of(source, first.offset)
                ),
            ));
            continue;
        }
        if entry.status == Status::Historic {
            continue;
        }
        if GENERATED_ITEMS.contains(&entry.variant.as_str()) {
            errors.push(RegistryError::at(
                entry.variant_offset,
                format!(
                    "code {} would be variant `{}`, a name `SipCode` already uses for one of its \
                     items; give it `variant = \"…\"`",
                    entry.code, entry.variant
                ),
            ));
            continue;
        }
        let constant = constant_name(&entry.variant);
        let same_constant = earlier.iter().find(|first| {
            first.status != Status::Historic
                && first.variant != entry.variant
                && constant_name(&first.variant) == constant
        });
        if let Some(first) = same_constant {
            errors.push(RegistryError::at(
                entry.variant_offset,
                format!(
                    "code {} would be `StatusCode::{constant}`, which code {} (line {}) already \
                     is; give one of them `variant = \"…\"`",
                    entry.code,
                    first.code,
                    line_of(source, first.offset)
                ),
            ));
        }
        let clash = earlier.iter().find(|first| {
            first.status != Status::Historic
                && first.variant == entry.variant
                && !earlier
                    .iter()
                    .any(|other| other.code == first.code && other.offset < first.offset)
        });
        if let Some(first) = clash {
            errors.push(RegistryError::at(
                entry.variant_offset,
                format!(
                    "code {} would be variant `{}`, which code {} (line {}) already is; give one \
                        of them `variant = \"…\"`",
                    entry.code,
                    entry.variant,
                    first.code,
                    line_of(source, first.offset)
                ),
            ));
        }
    }
    for entry in entries {
        let context = format!("code {}", entry.code);
        for constraint in &entry.constraints {
            check_names(registry, constraint, &context, errors);
        }
    }
    for rule in &registry.rules {
        check_names(registry, &rule.constraint, "a [[rule]]", errors);
        if let Some(failure) = stands_for(&rule.constraint) {
            errors.push(RegistryError::at(
                failure.offset,
                format!(
                    "`{STANDS_FOR} = \"{}\"` in a [[rule]]: a failure stands for one code; \
                     state it in that code's [[code.constraints]]",
                    failure.value.as_str()
                ),
            ));
        }
    }
    stand_ins(source, entries, errors);
    for rule in &registry.rules {
        for &code in rule.applies.codes.iter().chain(&rule.applies.except) {
            if !is_registered(entries, code) {
                errors.push(RegistryError::at(
                    rule.offset,
                    format!(
                        "a [[rule]] names code {code}, which is not a current or deprecated code \
                         in this file"
                    ),
                ));
            }
        }
    }
}

/// Each failure stands for one code per receiving role.
fn stand_ins(source: &str, entries: &[Entry], errors: &mut Vec<RegistryError>) {
    let mut seen: Vec<(&Entry, &[Role], At<Failure>)> = Vec::new();
    for entry in entries {
        for constraint in &entry.constraints {
            let Kind::Receiver {
                roles,
                stands_for: Some(failure),
                ..
            } = &constraint.kind
            else {
                continue;
            };
            let earlier = seen.iter().find(|(first, first_roles, first_failure)| {
                first.code != entry.code
                    && first_failure.value == failure.value
                    && roles.iter().any(|role| first_roles.contains(role))
            });
            if let Some((first, ..)) = earlier {
                errors.push(RegistryError::at(
                    failure.offset,
                    format!(
                        "`{STANDS_FOR} = \"{}\"` in code {} is also in code {} (line {}) for the \
                         same role; a failure stands for one code per role",
                        failure.value.as_str(),
                        entry.code,
                        first.code,
                        line_of(source, first.offset)
                    ),
                ));
            }
            seen.push((entry, roles, *failure));
        }
    }
}

fn stands_for(constraint: &Constraint) -> Option<At<Failure>> {
    match constraint.kind {
        Kind::Receiver { stands_for, .. } => stands_for,
        _ => None,
    }
}

/// The codes and header fields a constraint names must be in the registry.
fn check_names(
    registry: &Registry,
    constraint: &Constraint,
    context: &str,
    errors: &mut Vec<RegistryError>,
) {
    for (key, At { value, offset }) in &constraint.codes {
        if !is_registered(&registry.entries, *value) {
            errors.push(RegistryError::at(
                *offset,
                format!(
                    "`{key} = {value}` in {context} names no current or deprecated code; use a \
                     code defined in this file"
                ),
            ));
        }
    }
    for name in &constraint.header_names {
        known_header(&registry.headers, name, context, errors);
    }
}

fn is_registered(entries: &[Entry], code: u16) -> bool {
    entries
        .iter()
        .any(|entry| entry.code == code && entry.status != Status::Historic)
}

/// A header field name a constraint uses must be one of the `[[header]]` table,
/// spelt as there.
fn known_header(
    headers: &[Header],
    name: &At<String>,
    context: &str,
    errors: &mut Vec<RegistryError>,
) {
    if headers.iter().any(|header| header.name == name.value) {
        return;
    }
    let hint = match headers
        .iter()
        .find(|header| header.name.eq_ignore_ascii_case(&name.value))
    {
        Some(header) => format!("spell it as its [[header]] table does: {:?}", header.name),
        None => match nearest(
            &name.value,
            headers.iter().map(|header| header.name.as_str()),
        ) {
            Some(near) => format!("did you mean {near:?}? Or add a [[header]] table for it"),
            None => "add a [[header]] table for it".to_owned(),
        },
    };
    errors.push(RegistryError::at(
        name.offset,
        format!(
            "header field {:?} in {context} is not in the [[header]] tables; {hint}",
            name.value
        ),
    ));
}

/// No two `[[header]]` tables name the same field or compact form.
fn headers(source: &str, headers: &[Header], errors: &mut Vec<RegistryError>) {
    for (position, header) in headers.iter().enumerate() {
        let earlier = &headers[..position];
        if let Some(first) = earlier
            .iter()
            .find(|first| first.name.eq_ignore_ascii_case(&header.name))
        {
            errors.push(RegistryError::at(
                header.offset,
                format!(
                    "header {} is listed twice (first at line {}); keep one [[header]] table per \
                     field",
                    header.name,
                    line_of(source, first.offset)
                ),
            ));
        } else if let Some(first) = earlier
            .iter()
            .find(|first| first.compact.is_some() && first.compact == header.compact)
        {
            errors.push(RegistryError::at(
                header.offset,
                format!(
                    "header {} has the compact form {:?} of {} (line {}); a letter names one field",
                    header.name,
                    header.compact.unwrap_or_default(),
                    first.name,
                    line_of(source, first.offset)
                ),
            ));
        }
    }
}

/// A usage has one table, and a method belongs to one usage.
fn usages(source: &str, usages: &[UsageTable], errors: &mut Vec<RegistryError>) {
    for (position, table) in usages.iter().enumerate() {
        let earlier = &usages[..position];
        if let Some(first) = earlier
            .iter()
            .find(|first| first.usage.value == table.usage.value)
        {
            errors.push(RegistryError::at(
                table.usage.offset,
                format!(
                    "usage {} is listed twice (first at line {}); keep one [[usage]] table per usage",
                    table.usage.value.as_str(),
                    line_of(source, first.offset)
                ),
            ));
            continue;
        }
        for method in &table.methods {
            let owner = earlier.iter().find(|first| {
                first
                    .methods
                    .iter()
                    .any(|other| other.value == method.value)
            });
            if let Some(first) = owner {
                errors.push(RegistryError::at(
                    method.offset,
                    format!(
                        "{} belongs to usage {} already (line {}); a request belongs to one usage",
                        method.value,
                        first.usage.value.as_str(),
                        line_of(source, first.offset)
                    ),
                ));
            }
        }
    }
}

/// What the shipped registry must state besides what each table checks: a code
/// for every failure of every client (`SipCode::for_failure` always answers)
/// and a `[[usage]]` table for every usage. Fragments of a registry, as in
/// tests, need not; `#[sip_code]` reports these, one message each.
pub fn gaps(registry: &Registry) -> Vec<String> {
    let mut gaps = missing_stand_ins(registry);
    gaps.extend(missing_usages(registry));
    gaps
}

/// Each dialog usage has its `[[usage]]` table (`rules::usage_of` knows them all).
pub(super) fn missing_usages(registry: &Registry) -> Vec<String> {
    Usage::ALL
        .iter()
        .filter(|usage| {
            !registry
                .usages
                .iter()
                .any(|table| table.usage.value == **usage)
        })
        .map(|usage| {
            format!(
                "registry.toml: no [[usage]] table for the {usage} usage; add one with \
                 `name = \"{usage}\"`, the `methods` of the requests that belong to it and \
                 its `reference` (RFC 5057 §5.3)"
            )
        })
        .collect()
}

/// Each failure a client's transaction can report stands for a code
/// (`SipCode::for_failure` answers for every client); one message per gap.
pub(super) fn missing_stand_ins(registry: &Registry) -> Vec<String> {
    let mut missing = Vec::new();
    for &client in Client::ALL {
        for &failure in Failure::ALL {
            let stated = registry.codes().any(|entry| {
                entry.constraints.iter().any(|constraint| {
                    matches!(&constraint.kind, Kind::Receiver { roles, stands_for: Some(stands_for), .. }
                        if stands_for.value == failure && roles.contains(&client.role()))
                })
            });
            if !stated {
                missing.push(format!(
                    "registry.toml: no code stands for a {failure} reported to a {client}; add \
                     `stands-for = \"{failure}\"` with `roles = [\"{client}\"]` to the receiver \
                     rule of the code it stands for (RFC 3261 §8.1.3.1, §16.8, §16.9)"
                ));
            }
        }
    }
    missing
}
