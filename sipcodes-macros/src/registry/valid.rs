//! Rules that look across entries.

use super::error::line_of;
use super::names::{GENERATED_ITEMS, constant_name};
use super::{Entry, Kind, RegistryError, Status};

/// `entries` are in file order.
pub fn validate(source: &str, entries: &[Entry], errors: &mut Vec<RegistryError>) {
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
        for constraint in &entry.constraints {
            if let Kind::Receiver {
                treat_as: Some(target),
                ..
            } = constraint.kind
            {
                let registered = entries
                    .iter()
                    .any(|e| e.code == target && e.status != Status::Historic);
                if !registered {
                    errors.push(RegistryError::at(
                        constraint.offset,
                        format!(
                            "`treat-as = {target}` in code {} names no current or deprecated \
                                code; use a code defined in this file",
                            entry.code
                        ),
                    ));
                }
            }
        }
    }
}
