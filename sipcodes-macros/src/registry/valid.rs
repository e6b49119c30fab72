//! Rules that look across entries.

use std::collections::HashMap;

use super::error::line_of;
use super::{Entry, Kind, RegistryError, Status};

pub fn validate(source: &str, entries: &mut [Entry], errors: &mut Vec<RegistryError>) {
    entries.sort_by_key(|entry| entry.offset);
    let mut codes: HashMap<u16, &Entry> = HashMap::new();
    let mut variants: HashMap<&str, &Entry> = HashMap::new();
    for entry in entries.iter() {
        if let Some(first) = codes.insert(entry.code, entry) {
            errors.push(RegistryError::at(
                entry.offset,
                format!(
                    "code {} is defined twice (first at line {}); keep one [[code]] table per code",
                    entry.code,
                    line_of(source, first.offset)
                ),
            ));
            codes.insert(entry.code, first);
        }
        if entry.status == Status::Historic {
            continue;
        }
        if let Some(first) = variants.insert(&entry.variant, entry) {
            errors.push(RegistryError::at(
                entry.variant_offset,
                format!(
                    "code {} would be variant `{}`, which code {} (line {}) already is; give one of them `variant = \"…\"`",
                    entry.code,
                    entry.variant,
                    first.code,
                    line_of(source, first.offset)
                ),
            ));
            variants.insert(&first.variant, first);
        }
    }
    for entry in entries.iter() {
        for constraint in &entry.constraints {
            if let Kind::Receiver {
                treat_as: Some(target),
                ..
            } = constraint.kind
            {
                let registered = codes
                    .get(&target)
                    .is_some_and(|e| e.status != Status::Historic);
                if !registered {
                    errors.push(RegistryError::at(
                            constraint.offset,
                        format!(
                            "`treat-as = {target}` in code {} names no current or deprecated code; use a code defined in this file",
                            entry.code
                        ),
                    ));
                }
            }
        }
    }
}
