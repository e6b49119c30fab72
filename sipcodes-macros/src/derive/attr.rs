//! The contents of `#[sip(...)]`.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Path, Token};

use super::Errors;
use crate::spec::grammar::{self, OutOfRange};

/// What a variant's `#[sip(...)]` may list, for messages.
const EXPECTED: &str = "codes (`486`), names (`BusyHere`), classes (`4xx`), \
                        `unregistered(477, 478)` or `other`";

/// One item of a variant's `#[sip(...)]`, with the token it was written as.
pub enum Selector {
    /// `486`; any number, checked against the registry later.
    Code(u64, LitInt),
    /// `BusyHere`, raw identifiers unraw'd.
    Name(Ident),
    /// `4xx`: the class digit.
    Class(u8, LitInt),
    /// `other`
    Other(Ident),
    /// A number of `unregistered(477, 478)`.
    Unregistered(u64, LitInt),
}

impl Selector {
    pub fn span(&self) -> Span {
        match self {
            Selector::Code(_, token)
            | Selector::Class(_, token)
            | Selector::Unregistered(_, token) => token.span(),
            Selector::Name(token) | Selector::Other(token) => token.span(),
        }
    }
}

/// An item as written, before its meaning is checked.
enum Item {
    Int(LitInt),
    /// `-486`: the sign and the number, for an error that underlines both.
    Negative(TokenStream),
    /// `+486`: the sign and the number, and the number alone.
    Positive(TokenStream, LitInt),
    Ident(Ident),
    /// `SipCode::BusyHere`
    Path(Path),
    KeyValue(Ident),
    Unregistered(Ident, Vec<Lit>),
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let lookahead = input.lookahead1();
        // Before `LitInt`, which would take `-486` as one literal spanning only `-`.
        if lookahead.peek(Token![-]) {
            let minus: Token![-] = input.parse()?;
            let number: LitInt = input.parse()?;
            let mut tokens = minus.into_token_stream();
            number.to_tokens(&mut tokens);
            return Ok(Item::Negative(tokens));
        }
        if lookahead.peek(Token![+]) {
            let plus: Token![+] = input.parse()?;
            let number: LitInt = input.parse()?;
            let mut tokens = plus.into_token_stream();
            number.to_tokens(&mut tokens);
            return Ok(Item::Positive(tokens, number));
        }
        if lookahead.peek(LitInt) {
            return input.parse().map(Item::Int);
        }
        if lookahead.peek(Ident::peek_any) {
            if input.peek2(Token![::]) {
                return input.call(Path::parse_mod_style).map(Item::Path);
            }
            let ident = input.call(Ident::parse_any)?;
            if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                input.parse::<syn::Expr>()?;
                return Ok(Item::KeyValue(ident));
            }
            if ident == "unregistered" && input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in input);
                let numbers = Punctuated::<Lit, Token![,]>::parse_terminated(&content)?;
                return Ok(Item::Unregistered(ident, numbers.into_iter().collect()));
            }
            return Ok(Item::Ident(ident));
        }
        Err(syn::Error::new(
            input.span(),
            format!("expected {EXPECTED}"),
        ))
    }
}

/// The selectors of a variant's `#[sip]` attributes; `None` when it has none.
pub fn variant_selectors(
    attrs: &[Attribute],
    errors: &mut Errors,
) -> Option<Vec<(usize, Selector)>> {
    let mut found: Option<Vec<(usize, Selector)>> = None;
    let variant = errors.place();
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
        let mut selectors = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            errors.at_place(variant.item(index));
            let mut listed = Vec::new();
            selector(item, &mut listed, errors);
            selectors.extend(listed.into_iter().map(|selector| (index, selector)));
        }
        errors.at_place(variant);
        found = Some(selectors);
    }
    found
}

fn selector(item: Item, selectors: &mut Vec<Selector>, errors: &mut Errors) {
    match item {
        Item::Int(literal) => {
            let Some(digits) = decimal(&literal, errors) else {
                return;
            };
            match (digits.as_str(), literal.suffix()) {
                (_, "") => {
                    selectors.push(Selector::Code(digits.parse().unwrap_or(u64::MAX), literal))
                }
                (digit @ ("1" | "2" | "3" | "4" | "5" | "6"), "xx") => {
                    let digit = digit.as_bytes()[0] - b'0';
                    selectors.push(Selector::Class(digit, literal));
                }
                (digits, suffix) => errors.at(
                    &literal,
                    format!(
                        "`{digits}{suffix}` is neither a code nor a class; write a code like \
                         `486` or a class from `1xx` to `6xx`"
                    ),
                ),
            }
        }
        Item::Negative(tokens) => {
            let text: String = tokens.to_string().split_whitespace().collect();
            errors.at(tokens, OutOfRange(text));
        }
        Item::Positive(tokens, number) => {
            let digits = number.base10_digits();
            let message = match digits.parse::<u16>() {
                Ok(code) if grammar::is_code(code) && number.suffix().is_empty() => {
                    format!("`+{digits}` has a plus sign; write `{digits}`")
                }
                _ => OutOfRange(format!("+{number}")).to_string(),
            };
            errors.at(tokens, message);
        }
        Item::Unregistered(keyword, numbers) => {
            if numbers.is_empty() {
                errors.at(
                    &keyword,
                    "`unregistered()` is empty; list the numbers, e.g. `unregistered(477, 478)`",
                );
            }
            for literal in numbers {
                let literal = match literal {
                    Lit::Int(literal) if literal.suffix().is_empty() => literal,
                    Lit::Str(text) => {
                        let value = text.value();
                        let write =
                            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                                value
                            } else {
                                "477".to_owned()
                            };
                        errors.at(
                            &text,
                            format!(
                                "`{}` is a string; `unregistered(...)` lists numbers: write \
                                 `unregistered({write})`",
                                text.token()
                            ),
                        );
                        continue;
                    }
                    other => {
                        errors.at(
                            &other,
                            format!(
                                "`{}` is not a code; `unregistered(...)` lists numbers like `477`",
                                other.to_token_stream()
                            ),
                        );
                        continue;
                    }
                };
                if let Some(digits) = decimal(&literal, errors) {
                    let number = digits.parse().unwrap_or(u64::MAX);
                    selectors.push(Selector::Unregistered(number, literal));
                }
            }
        }
        Item::Ident(ident) if ident == "other" => selectors.push(Selector::Other(ident)),
        Item::Ident(ident) if ident == "unregistered" => errors.at(
            &ident,
            "`unregistered` lists numbers outside the registry in parentheses: write \
             `unregistered(477, 478)`",
        ),
        Item::Ident(ident) if ident.to_string().eq_ignore_ascii_case("other") => errors.at(
            &ident,
            format!("`{ident}` is not a `SipCode` variant; the catch-all is written `other`"),
        ),
        Item::Ident(ident) => selectors.push(Selector::Name(ident.unraw())),
        Item::Path(path) => {
            let last = path.segments.last().map(|segment| segment.ident.unraw());
            let name = last.map_or_else(|| "BusyHere".to_owned(), |ident| ident.to_string());
            errors.at(
                &path,
                format!("`#[sip]` takes a variant's name alone; write `#[sip({name})]`"),
            );
        }
        Item::KeyValue(key) if key == "crate" => errors.at(
            &key,
            "`crate = \"...\"` belongs on the enum: put `#[sip(crate = \"...\")]` above `enum`",
        ),
        Item::KeyValue(key) => errors.at(
            &key,
            format!("unknown key `{key}` on a variant; a variant lists {EXPECTED}"),
        ),
    }
}

/// The digits of an integer literal written in plain decimal: `0x1E6`, `0o746`,
/// `0b…`, `4_86` and `0486` are errors, so that no spelling silently means 486.
fn decimal(literal: &LitInt, errors: &mut Errors) -> Option<String> {
    let written = literal.to_string();
    let number = written.strip_suffix(literal.suffix()).unwrap_or(&written);
    let message = if number.starts_with("0x")
        || number.starts_with("0o")
        || number.starts_with("0b")
    {
        format!(
            "`{written}` is not written in decimal; write a code as three decimal digits, e.g. `486`"
        )
    } else if number.contains('_') {
        format!("`{written}` has an underscore; write a code as three decimal digits, e.g. `486`")
    } else if number.len() > 1 && number.starts_with('0') {
        let digits = number.trim_start_matches('0');
        match digits.parse::<u16>() {
            Ok(code) if grammar::is_code(code) => {
                format!("`{written}` has a leading zero; write `{digits}`")
            }
            _ => OutOfRange(number).to_string(),
        }
    } else {
        return Some(number.to_owned());
    };
    errors.at(literal, message);
    None
}

fn malformed(attr: &Attribute, error: syn::Error) -> syn::Error {
    match &attr.meta {
        syn::Meta::List(_) => error,
        _ => syn::Error::new_spanned(attr, format!("expected `#[sip(...)]` listing {EXPECTED}")),
    }
}

/// The `crate = "path"` option of the enum's `#[sip(...)]`.
pub fn crate_path(attrs: &[Attribute], errors: &mut Errors) -> Option<Path> {
    let mut path = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("sip")) {
        if let syn::Meta::List(list) = &attr.meta
            && list.tokens.is_empty()
        {
            errors.at(
                attr,
                "`#[sip()]` is empty; on the enum it names the sipcodes crate, \
                 `#[sip(crate = \"my_sipcodes\")]`, or is left out",
            );
            continue;
        }
        if let syn::Meta::List(list) = &attr.meta
            && let Ok(items) = list.parse_args_with(Punctuated::<Item, Token![,]>::parse_terminated)
            && items.iter().any(|item| {
                matches!(
                    item,
                    Item::Int(_) | Item::Negative(_) | Item::Unregistered(..)
                ) || matches!(item, Item::Ident(ident) if ident == "other")
            })
        {
            errors.at(
                attr,
                "the enum's `#[sip]` takes only `crate = \"...\"`; codes belong on the \
                 variants: put this `#[sip(...)]` on the variant that handles them",
            );
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("crate") {
                return Err(meta.error(format!(
                    "unknown key `{}` on the enum; the enum's `#[sip]` takes only `crate = \"...\"`",
                    meta.path.get_ident().map_or_else(|| "…".to_owned(), ToString::to_string)
                )));
            }
            let value = meta.value()?;
            let literal: LitStr = value.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "`crate` takes a string naming the sipcodes crate, e.g. \
                     `crate = \"my_sipcodes\"`",
                )
            })?;
            if path.is_some() {
                return Err(syn::Error::new_spanned(&literal, "`crate` is given twice"));
            }
            path = Some(literal.parse::<Path>().map_err(|_| {
                syn::Error::new_spanned(
                    &literal,
                    format!(
                        "`{}` is not a path; write e.g. `crate = \"my_sipcodes\"`",
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
