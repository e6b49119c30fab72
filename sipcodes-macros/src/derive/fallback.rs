//! After an error: the errors, plus an impl with the right signatures, so that
//! code using the handler reports no follow-on errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::Errors;
use super::ast::Handler;

pub fn expand(input: &DeriveInput, handler: Option<&Handler<'_>>, errors: Errors) -> TokenStream {
    let errors = errors.into_compile_errors();
    let default: syn::Path = syn::parse_quote!(::sipcodes);
    let krate = handler.map_or(&default, |handler| &handler.krate);
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        #errors

        #[automatically_derived]
        impl #impl_generics #krate::SipResponseHandler for #ident #type_generics #where_clause {
            fn from_code(_: #krate::SipCode) -> Self {
                ::core::unreachable!()
            }

            fn from_status(_: #krate::StatusCode) -> Self {
                ::core::unreachable!()
            }

            fn status(&self) -> ::core::option::Option<#krate::StatusCode> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#krate::SipCode> for #ident #type_generics #where_clause {
            fn from(_: #krate::SipCode) -> Self {
                ::core::unreachable!()
            }
        }
    }
}
