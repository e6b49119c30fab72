//! `#[derive(SipResponseHandler)]`: parse → validate against the registry → expand.

mod ast;
mod attr;
mod expand;
mod fallback;
mod valid;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::registry;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let handler = ast::Handler::from_syn(input, &mut errors);
    let registry = match registry::shipped() {
        Ok(registry) => registry,
        Err(problems) => {
            errors.push(crate::registry_error(problems));
            return fallback::expand(input, handler.as_ref(), errors);
        }
    };
    let Some(handler) = handler else {
        return fallback::expand(input, None, errors);
    };
    match handler.validate(registry, &mut errors) {
        Some(resolved) if errors.is_empty() => expand::expand(&resolved),
        _ => fallback::expand(input, Some(&handler), errors),
    }
}

/// Errors collected over the whole input, reported together in the order of
/// the source: each is filed under the place the derive was reading when it
/// found it, whichever stage found it.
#[derive(Default)]
pub struct Errors {
    found: Vec<(Place, syn::Error)>,
    place: Place,
}

/// Where in the input an error is: the enum's own attributes (the default), a
/// variant's `#[sip(...)]` item, its field, or the enum as a whole.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    variant: usize,
    item: usize,
}

impl Place {
    /// After every variant: what is about the enum as a whole.
    pub const END: Place = Place {
        variant: usize::MAX,
        item: 0,
    };

    /// The attribute of the variant at `index`, before its first item.
    pub fn variant(index: usize) -> Place {
        Place {
            variant: index + 1,
            item: 0,
        }
    }

    /// The item at `index` of the variant's `#[sip(...)]`.
    pub fn item(self, index: usize) -> Place {
        Place {
            item: index + 1,
            ..self
        }
    }

    /// The variant's field, after its attribute.
    pub fn field(self) -> Place {
        Place {
            item: usize::MAX,
            ..self
        }
    }
}

impl Errors {
    /// Files the errors pushed from now on under `place`.
    pub fn at_place(&mut self, place: Place) {
        self.place = place;
    }

    pub fn place(&self) -> Place {
        self.place
    }

    pub fn push(&mut self, error: syn::Error) {
        self.found.push((self.place, error));
    }

    pub fn at(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.at_tokens(tokens.into_token_stream(), message.to_string());
    }

    fn at_tokens(&mut self, tokens: TokenStream, message: String) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The errors in the order of the source.
    pub fn into_compile_errors(mut self) -> TokenStream {
        registry::sort_by_key(&mut self.found, |(place, _)| *place);
        let mut tokens = TokenStream::new();
        for (_, error) in self.found {
            tokens.extend(error.into_compile_error());
        }
        tokens
    }
}
