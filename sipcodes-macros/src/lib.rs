//! Procedural macros for [`sipcodes`](https://docs.rs/sipcodes): they read the SIP
//! response-code registry (`registry.toml`, shipped in `sipcodes-spec`) at compile
//! time. Use them through `sipcodes`, which re-exports what is public.

mod derive;
mod registry;
mod sip_code;

// The SIP rules shared with `sipcodes`.
use sipcodes_spec as spec;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Fills an empty `enum` with one variant per registered SIP response code, and
/// generates the registry data behind it. Used once, by `sipcodes` itself.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn sip_code(args: TokenStream, input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    sip_code::expand(args.into(), &input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `sipcodes::SipResponseHandler` for an enum whose variants say, with
/// `#[sip(...)]`, which response codes they handle. See the `sipcodes`
/// documentation of `SipResponseHandler` for the rules.
#[proc_macro_derive(SipResponseHandler, attributes(sip))]
pub fn derive_sip_response_handler(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    derive::derive(&input).into()
}

/// All registry errors as one `syn::Error`, each message starting with
/// `registry.toml:LINE:COL:`.
fn registry_error(errors: &[registry::RegistryError]) -> syn::Error {
    call_site_errors(errors).unwrap_or_else(|| {
        syn::Error::new(proc_macro2::Span::call_site(), "registry.toml: unreadable")
    })
}

/// One `syn::Error` with a compile error per message, at the macro call (a
/// problem of `registry.toml` has no token to point at); `None` without any.
fn call_site_errors(
    messages: impl IntoIterator<Item = impl std::fmt::Display>,
) -> Option<syn::Error> {
    messages
        .into_iter()
        .map(|message| syn::Error::new(proc_macro2::Span::call_site(), message))
        .reduce(|mut all, error| {
            all.combine(error);
            all
        })
}

#[cfg(test)]
mod tests {
    use crate::registry::load;

    #[test]
    fn a_broken_registry_becomes_one_compile_error_per_problem() {
        let errors = load("[[code]]\ncode = 7\n").unwrap_err();
        let rendered = super::registry_error(&errors)
            .to_compile_error()
            .to_string();
        assert_eq!(rendered.matches("compile_error").count(), errors.len());
        assert!(
            rendered.contains(
                "registry.toml:2:8: 7 is not a SIP status code; codes run from 100 to 699"
            ),
            "{rendered}"
        );
    }
}
