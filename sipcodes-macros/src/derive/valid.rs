//! Rules that look across variants: every registered code handled exactly once.

use std::collections::BTreeMap;

use proc_macro2::Span;

use super::Errors;
use super::ast::Handler;
use super::attr::Selector;
use crate::registry::names::nearest;
use crate::registry::{Entry, Registry};

/// Which variant handles each registered code, in the order of the registry.
pub struct Routes(pub Vec<usize>);

impl Handler<'_> {
    pub fn validate(&self, registry: &Registry, errors: &mut Errors) -> Option<Routes> {
        let mut codes: BTreeMap<u16, (usize, Span)> = BTreeMap::new();
        let mut classes: BTreeMap<u8, (usize, Span)> = BTreeMap::new();
        let mut other: Option<(usize, Span)> = None;

        for (index, variant) in self.variants.iter().enumerate() {
            for selector in &variant.selectors {
                let span = selector.span();
                let (slot, what) = match selector {
                    Selector::Code(code, token) => {
                        match resolve_code(registry, *code, token, errors) {
                            Some(entry) => (
                                codes.entry(entry.code),
                                format!("code {} {}", entry.code, entry.phrase),
                            ),
                            None => continue,
                        }
                    }
                    Selector::Name(name) => match resolve_name(registry, name, errors) {
                        Some(entry) => (
                            codes.entry(entry.code),
                            format!("code {} {} (`{name}`)", entry.code, entry.phrase),
                        ),
                        None => continue,
                    },
                    Selector::Class(digit, _) => {
                        claim(
                            classes.entry(*digit),
                            (index, span),
                            &format!("class {digit}xx"),
                            self,
                            errors,
                        );
                        continue;
                    }
                    Selector::Other(_) => {
                        match other {
                            Some(first) => duplicate(first, span, "`other`", self, errors),
                            None => other = Some((index, span)),
                        }
                        continue;
                    }
                };
                claim(slot, (index, span), &what, self, errors);
            }
        }

        let mut routes = Vec::new();
        let mut missing = Vec::new();
        for entry in registry.codes() {
            let route = codes
                .get(&entry.code)
                .or_else(|| classes.get(&(entry.class() as u8)))
                .or(other.as_ref())
                .map(|(index, _)| *index);
            match route {
                Some(index) => routes.push(index),
                None => missing.push(entry),
            }
        }
        if !missing.is_empty() {
            errors.at(
                &self.input.ident,
                missing_message(&self.input.ident.to_string(), &missing),
            );
            return None;
        }
        Some(Routes(routes))
    }
}

fn claim<K: Ord>(
    slot: std::collections::btree_map::Entry<'_, K, (usize, Span)>,
    this: (usize, Span),
    what: &str,
    handler: &Handler<'_>,
    errors: &mut Errors,
) {
    match slot {
        std::collections::btree_map::Entry::Vacant(vacant) => {
            vacant.insert(this);
        }
        std::collections::btree_map::Entry::Occupied(first) => {
            duplicate(*first.get(), this.1, what, handler, errors)
        }
    }
}

fn duplicate(
    first: (usize, Span),
    second: Span,
    what: &str,
    handler: &Handler<'_>,
    errors: &mut Errors,
) {
    let first_variant = handler.variants[first.0].ident;
    errors.push(syn::Error::new(
        second,
        format!("{what} is already handled by `{first_variant}`; a code belongs to exactly one variant, so remove one of them"),
    ));
    errors.push(syn::Error::new(
        first.1,
        format!("note: {what} is first handled here, by `{first_variant}`"),
    ));
}

fn resolve_code<'r>(
    registry: &'r Registry,
    code: u64,
    token: &syn::LitInt,
    errors: &mut Errors,
) -> Option<&'r Entry> {
    let in_range = u16::try_from(code)
        .ok()
        .filter(|code| (100..=699).contains(code));
    if let Some(entry) = in_range.and_then(|code| registry.get(code)) {
        return Some(entry);
    }
    let message = match in_range {
        None => format!(
            "{} is not a SIP response code; codes run from 100 to 699",
            token.base10_digits()
        ),
        Some(code) => unregistered(registry, code),
    };
    errors.at(token, message);
    None
}

fn unregistered(registry: &Registry, code: u16) -> String {
    let historic = registry
        .historic()
        .find(|entry| entry.code == code)
        .map(|entry| {
            format!(
                " ({code} {} existed only in RFC 2543 and is no longer registered)",
                entry.phrase
            )
        })
        .unwrap_or_default();
    let near: Vec<String> = nearest_codes(registry, code)
        .iter()
        .map(|entry| format!("{} {}", entry.code, entry.phrase))
        .collect();
    format!(
        "{code} is not a registered SIP response code{historic}; the nearest registered codes are {}; unregistered codes reach the `other` variant or their class",
        near.join(", ")
    )
}

/// The five registered codes of the same class numerically closest to `code`,
/// in ascending order.
fn nearest_codes(registry: &Registry, code: u16) -> Vec<&Entry> {
    let mut entries: Vec<&Entry> = registry
        .codes()
        .filter(|entry| entry.class() == code / 100)
        .collect();
    entries.sort_by_key(|entry| (entry.code.abs_diff(code), entry.code));
    entries.truncate(5);
    entries.sort_by_key(|entry| entry.code);
    entries
}

fn resolve_name<'r>(
    registry: &'r Registry,
    name: &syn::Ident,
    errors: &mut Errors,
) -> Option<&'r Entry> {
    let text = name.to_string();
    if let Some(entry) = registry.by_variant(&text) {
        return Some(entry);
    }
    let message = match nearest(&text, registry.codes().map(|entry| entry.variant.as_str())) {
        Some(suggestion) => {
            let entry = registry.by_variant(suggestion)?;
            format!(
                "`{text}` is not a `SipCode` variant; did you mean `{suggestion}` ({} {})?",
                entry.code, entry.phrase
            )
        }
        None => format!(
            "`{text}` is not a `SipCode` variant; write a registered code's variant name or number, a class like `4xx`, or `other`"
        ),
    };
    errors.at(name, message);
    None
}

fn missing_message(handler: &str, missing: &[&Entry]) -> String {
    let mut message = format!(
        "`{handler}` does not handle {} registered SIP response code{}:",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    );
    for entry in missing {
        message.push_str(&format!("\n    {} {}", entry.code, entry.phrase));
    }
    message.push_str(
        "\nadd each to a variant's `#[sip(...)]`, cover its class (e.g. `#[sip(4xx)]`), or add a variant with `#[sip(other)]`",
    );
    message
}
