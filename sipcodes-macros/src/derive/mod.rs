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

/// Errors collected over the whole input, reported together.
#[derive(Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    pub fn at(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.at_tokens(tokens.into_token_stream(), message.to_string());
    }

    fn at_tokens(&mut self, tokens: TokenStream, message: String) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors in the order of the source, whichever stage found them.
    pub fn into_compile_errors(mut self) -> TokenStream {
        registry::sort_by_key(&mut self.0, |error| {
            let start = error.span().start();
            (start.line, start.column)
        });
        let mut tokens = TokenStream::new();
        for error in self.0 {
            tokens.extend(error.into_compile_error());
        }
        tokens
    }
}
