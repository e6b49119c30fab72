//! The derive input as our own model.

use syn::{Data, DeriveInput, Fields, Ident, Path, Type};

use super::attr::{self, Selector};
use super::{Errors, Place};

pub struct Handler<'a> {
    pub input: &'a DeriveInput,
    /// Path to the `sipcodes` crate in generated code.
    pub krate: Path,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub carries: Carries<'a>,
    /// Each selector with the index of the `#[sip(...)]` item it was written as.
    pub selectors: Vec<(usize, Selector)>,
}

/// What a variant receives: nothing, or the code in a field of this type.
pub enum Carries<'a> {
    Nothing,
    Field(&'a Type),
}

impl<'a> Handler<'a> {
    /// The model, or `None` when the input is not an enum. Variant problems are
    /// pushed to `errors` and the variant is still returned, so that the other
    /// checks run too.
    pub fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Option<Handler<'a>> {
        let krate =
            attr::crate_path(&input.attrs, errors).unwrap_or_else(|| syn::parse_quote!(::sipcodes));
        let data = match &input.data {
            Data::Enum(data) => data,
            Data::Struct(data) => {
                errors.push(syn::Error::new(
                    data.struct_token.span,
                    "`SipResponseHandler` can \
                    only be derived for an enum, one variant per way of handling a response",
                ));
                return None;
            }
            Data::Union(data) => {
                errors.push(syn::Error::new(
                    data.union_token.span,
                    "`SipResponseHandler` can only \
                    be derived for an enum, one variant per way of handling a response",
                ));
                return None;
            }
        };
        let mut variants = Vec::with_capacity(data.variants.len());
        for (index, variant) in data.variants.iter().enumerate() {
            errors.at_place(Place::variant(index));
            let selectors = match attr::variant_selectors(&variant.attrs, errors) {
                Some(selectors) => selectors,
                None => {
                    errors.at(
                        &variant.ident,
                        format!(
                            "variant `{}` has no `#[sip(...)]`; add one listing what it handles: \
                             codes (`#[sip(486)]`), names (`#[sip(BusyHere)]`), a class \
                             (`#[sip(4xx)]`) or `#[sip(other)]`",
                            variant.ident
                        ),
                    );
                    Vec::new()
                }
            };
            errors.at_place(Place::variant(index).field());
            variants.push(Variant {
                ident: &variant.ident,
                carries: carries(&variant.fields, errors),
                selectors,
            });
        }
        errors.at_place(Place::END);
        Some(Handler {
            input,
            krate,
            variants,
        })
    }
}

fn carries<'a>(fields: &'a Fields, errors: &mut Errors) -> Carries<'a> {
    match fields {
        Fields::Unit => Carries::Nothing,
        Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
            Carries::Field(&unnamed.unnamed[0].ty)
        }
        other => {
            errors.at(
                other,
                "a handler variant is a unit variant or a tuple variant with one field, which \
                 receives the code (`StatusCode`, `SipCode`, `u16`, or any `CodeCarrier`)",
            );
            Carries::Nothing
        }
    }
}
