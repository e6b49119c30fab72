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
    errors
        .iter()
        .map(|error| syn::Error::new(proc_macro2::Span::call_site(), error))
        .reduce(|mut all, error| {
            all.combine(error);
            all
        })
        .unwrap_or_else(|| {
            syn::Error::new(proc_macro2::Span::call_site(), "registry.toml: unreadable")
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
