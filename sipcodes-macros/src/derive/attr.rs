//! The contents of `#[sip(...)]`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token};

use super::Errors;

/// One item of a variant's `#[sip(...)]`, with the token it was written as.
pub enum Selector {
    /// `486`; any number, checked against the registry later.
    Code(u64, LitInt),
    /// `BusyHere`
    Name(Ident),
    /// `4xx`: the class digit.
    Class(u8, LitInt),
    /// `other`
    Other(Ident),
}

impl Selector {
    pub fn span(&self) -> Span {
        match self {
            Selector::Code(_, token) | Selector::Class(_, token) => token.span(),
            Selector::Name(token) | Selector::Other(token) => token.span(),
        }
    }
}

/// An item as written, before its meaning is checked.
enum Item {
    Int(LitInt),
    Ident(Ident),
    KeyValue(Ident),
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(LitInt) {
            return input.parse().map(Item::Int);
        }
        if lookahead.peek(Ident) || lookahead.peek(Token![crate]) {
            let ident = input.call(Ident::parse_any_ident)?;
            if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                input.parse::<syn::Expr>()?;
                return Ok(Item::KeyValue(ident));
            }
            return Ok(Item::Ident(ident));
        }
        Err(syn::Error::new(
            input.span(),
            "expected a response code (`486`), a `SipCode` variant name (`BusyHere`), a class \
                (`4xx`) or `other`",
        ))
    }
}

trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident>;
}

impl ParseAnyIdent for Ident {
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident> {
        syn::ext::IdentExt::parse_any(input)
    }
}

/// The selectors of a variant's `#[sip]` attributes; `None` when it has none.
pub fn variant_selectors(attrs: &[Attribute], errors: &mut Errors) -> Option<Vec<Selector>> {
    let mut found: Option<Vec<Selector>> = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("sip")) {
        if found.is_some() {
            errors.at(
                attr,
                "a variant takes one `#[sip(...)]`; list all its codes in the first one",
            );
            continue;
        }
        let items = match attr.parse_args_with(Punctuated::<Item, Token![,]>::parse_terminated) {
            Ok(items) => items,
            Err(error) => {
                errors.push(malformed(attr, error));
                found = Some(Vec::new());
                continue;
            }
        };
        if items.is_empty() {
            errors.at(
                attr,
                "`#[sip()]` is empty; list the codes this variant handles, e.g. `#[sip(486, 600)]`",
            );
        }
        let selectors = items
            .into_iter()
            .filter_map(|item| selector(item, errors))
            .collect();
        found = Some(selectors);
    }
    found
}

fn selector(item: Item, errors: &mut Errors) -> Option<Selector> {
    match item {
        Item::Int(literal) => match (literal.base10_digits(), literal.suffix()) {
            (digits, "") => Some(Selector::Code(digits.parse().unwrap_or(u64::MAX), literal)),
            (digit @ ("1" | "2" | "3" | "4" | "5" | "6"), "xx") => {
                Some(Selector::Class(digit.parse().ok()?, literal))
            }
            (digits, suffix) => {
                errors.at(
                    &literal,
                    format!(
                        "`{digits}{suffix}` is neither a code nor a class; write a code like \
                        `486` or a class from `1xx` to `6xx`"
                    ),
                );
                None
            }
        },
        Item::Ident(ident) if ident == "other" => Some(Selector::Other(ident)),
        Item::Ident(ident) => Some(Selector::Name(ident)),
        Item::KeyValue(key) if key == "crate" => {
            errors.at(
                &key,
                "`crate = \"...\"` belongs on the enum: put `#[sip(crate = \"...\")]` above `enum`",
            );
            None
        }
        Item::KeyValue(key) => {
            errors.at(
                &key,
                format!(
                    "unknown key `{key}` on a variant; a variant lists codes, names, classes \
                    or `other`"
                ),
            );
            None
        }
    }
}

fn malformed(attr: &Attribute, error: syn::Error) -> syn::Error {
    match &attr.meta {
        syn::Meta::List(_) => error,
        _ => syn::Error::new_spanned(
            attr,
            "expected `#[sip(...)]` listing codes (`486`), names (`BusyHere`), classes (`4xx`) or \
                `other`",
        ),
    }
}

/// The `crate = "path"` option of the enum's `#[sip(...)]`.
pub fn crate_path(attrs: &[Attribute], errors: &mut Errors) -> Option<Path> {
    let mut path = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("sip")) {
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("crate") {
                return Err(meta.error(format!(
                    "unknown key `{}` on the enum; the enum's `#[sip]` takes only `crate = \
                        \"...\"`",
                    meta.path
                        .get_ident()
                        .map_or_else(|| "…".to_owned(), ToString::to_string)
                )));
            }
            let literal: LitStr = meta.value()?.parse()?;
            if path.is_some() {
                return Err(syn::Error::new_spanned(&literal, "`crate` is given twice"));
            }
            path = Some(literal.parse::<Path>().map_err(|_| {
                syn::Error::new_spanned(
                    &literal,
                    format!(
                        "`{}` is not a path; write e.g. `crate \
                    = \"my_sipcodes\"`",
                        literal.value()
                    ),
                )
            })?);
            Ok(())
        });
        if let Err(error) = result {
            errors.push(malformed_enum(attr, error));
        }
    }
    path
}

fn malformed_enum(attr: &Attribute, error: syn::Error) -> syn::Error {
    match &attr.meta {
        syn::Meta::List(_) => error,
        _ => syn::Error::new_spanned(attr, "expected `#[sip(crate = \"...\")]` on the enum"),
    }
}
