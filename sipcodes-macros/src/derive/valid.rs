//! Rules that look across variants: every registered code handled exactly once.

use std::fmt::Write as _;

use proc_macro2::Span;

use super::ast::Handler;
use super::attr::Selector;
use super::{Errors, Place};
use crate::registry::names::nearest;
use crate::registry::{Entry, Registry};
use crate::spec::grammar::{self, OutOfRange};
use crate::spec::nearest::nearest_codes;

/// A valid handler, resolved against the registry: what expansion prints.
pub struct Resolved<'h, 'r> {
    pub handler: &'h Handler<'h>,
    pub routes: Vec<Route<'r>>,
    /// The variant that lists each class, by its digit (1 to 6).
    pub classes: [Option<usize>; 7],
}

/// One handler variant, resolved.
pub struct Route<'r> {
    /// The registered codes it handles, in ascending order.
    pub codes: Vec<&'r Entry>,
    /// Numbers deliberately outside the registry, from `unregistered(...)`.
    pub unregistered: Vec<u16>,
    /// The code a unit variant sends: its first code named by number or name,
    /// else its first unregistered number.
    pub sends: Option<u16>,
}

impl<'h> Handler<'h> {
    pub fn validate<'r>(
        &'h self,
        registry: &'r Registry,
        errors: &mut Errors,
    ) -> Option<Resolved<'h, 'r>> {
        let mut routes: Vec<Route<'r>> = Vec::with_capacity(self.variants.len());
        for _ in &self.variants {
            routes.push(Route {
                codes: Vec::new(),
                unregistered: Vec::new(),
                sends: None,
            });
        }
        // Who claimed each number from 100 to 699, each class digit, and `other`.
        let mut codes: Vec<Option<Claim>> = vec![None; grammar::SPAN];
        let mut classes: [Option<Claim>; 7] = [None; 7];
        let mut other: Option<Claim> = None;

        for (index, variant) in self.variants.iter().enumerate() {
            for (item, selector) in &variant.selectors {
                errors.at_place(Place::variant(index).item(*item));
                let span = selector.span();
                let (entry, what) = match selector {
                    Selector::Code(code, token) => {
                        match resolve_code(registry, *code, token, errors) {
                            Some(entry) => (entry, format!("code {} {}", entry.code, entry.phrase)),
                            None => continue,
                        }
                    }
                    Selector::Name(name) => match resolve_name(registry, name, errors) {
                        Some(entry) => (
                            entry,
                            format!("code {} {} (`{name}`)", entry.code, entry.phrase),
                        ),
                        None => continue,
                    },
                    Selector::Class(digit, _) => {
                        claim(
                            &mut classes[usize::from(*digit)],
                            (index, span),
                            &format!("class {digit}xx"),
                            self,
                            errors,
                        );
                        continue;
                    }
                    Selector::Other(_) => {
                        claim(&mut other, (index, span), "`other`", self, errors);
                        continue;
                    }
                    Selector::Unregistered(number, token) => {
                        if let Some(number) = resolve_unregistered(registry, *number, token, errors)
                        {
                            routes[index].unregistered.push(number);
                            let slot = &mut codes[usize::from(number - grammar::MIN_CODE)];
                            claim(slot, (index, span), &format!("code {number}"), self, errors);
                        }
                        continue;
                    }
                };
                routes[index].sends.get_or_insert(entry.code);
                let slot = &mut codes[usize::from(entry.code - grammar::MIN_CODE)];
                claim(slot, (index, span), &what, self, errors);
            }
        }

        errors.at_place(Place::END);
        for route in &mut routes {
            if route.sends.is_none() {
                route.sends = route.unregistered.first().copied();
            }
        }
        let mut missing = Vec::new();
        for entry in registry.codes() {
            let route = codes[usize::from(entry.code - grammar::MIN_CODE)]
                .or(classes[usize::from(entry.class())])
                .or(other)
                .map(|(index, _)| index);
            match route {
                Some(index) => routes[index].codes.push(entry),
                None => missing.push(entry),
            }
        }
        if !missing.is_empty() {
            // A variant whose list has an error may have been meant to cover them.
            if errors.is_empty() {
                errors.at(
                    &self.input.ident,
                    missing_message(&self.input.ident.to_string(), &missing),
                );
            }
            return None;
        }
        Some(Resolved {
            handler: self,
            routes,
            classes: classes.map(|claim| claim.map(|(index, _)| index)),
        })
    }
}

/// The variant that claimed a code, a class or `other`, and where.
type Claim = (usize, Span);

fn claim(
    slot: &mut Option<Claim>,
    this: Claim,
    what: &str,
    handler: &Handler<'_>,
    errors: &mut Errors,
) {
    match slot {
        None => *slot = Some(this),
        Some(first) => duplicate(*first, this, what, handler, errors),
    }
}

fn duplicate(first: Claim, second: Claim, what: &str, handler: &Handler<'_>, errors: &mut Errors) {
    let first_variant = handler.variants[first.0].ident;
    let message = if first.0 == second.0 {
        format!("{what} is listed twice in `{first_variant}`; remove one")
    } else {
        format!(
            "{what} is already handled by `{first_variant}`, which lists it first; it belongs \
             to exactly one variant, so remove one of them"
        )
    };
    errors.push(syn::Error::new(second.1, message));
}

/// A number of `unregistered(...)`: from 100 to 699 and not registered.
fn resolve_unregistered(
    registry: &Registry,
    number: u64,
    token: &syn::LitInt,
    errors: &mut Errors,
) -> Option<u16> {
    let code = u16::try_from(number)
        .ok()
        .filter(|&code| grammar::is_code(code));
    let Some(code) = code else {
        errors.at(token, OutOfRange(token.base10_digits()));
        return None;
    };
    match registry.get(code) {
        None => Some(code),
        Some(entry) => {
            errors.at(
                token,
                format!(
                    "{code} is registered ({code} {}); write it plainly, `#[sip({code})]`, not \
                     in `unregistered(...)`",
                    entry.phrase
                ),
            );
            None
        }
    }
}

fn resolve_code<'r>(
    registry: &'r Registry,
    code: u64,
    token: &syn::LitInt,
    errors: &mut Errors,
) -> Option<&'r Entry> {
    let in_range = u16::try_from(code)
        .ok()
        .filter(|&code| grammar::is_code(code));
    if let Some(entry) = in_range.and_then(|code| registry.get(code)) {
        return Some(entry);
    }
    let message = match in_range {
        None => OutOfRange(token.base10_digits()).to_string(),
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
    let mut near = String::new();
    for &code in nearest_codes(code, registry.codes().map(|entry| entry.code)).as_slice() {
        if let Some(entry) = registry.get(code) {
            if !near.is_empty() {
                near.push_str(", ");
            }
            let _ = write!(near, "{} {}", entry.code, entry.phrase);
        }
    }
    format!(
        "{code} is not a registered SIP response code{historic}; the nearest registered codes are \
            {near}; to handle this number anyway, list it as `unregistered({code})`"
    )
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
            "`{text}` is not a `SipCode` variant; write a registered code's variant name or \
                number, a class like `4xx`, or `other`"
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
    let class = missing.first().map_or(4, |entry| entry.class());
    let _ = write!(
        message,
        "\nadd each to a variant's `#[sip(...)]`, cover its class (e.g. `#[sip({class}xx)]`), or \
         add a variant with `#[sip(other)]`"
    );
    message
}
