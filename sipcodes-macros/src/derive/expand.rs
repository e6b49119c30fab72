//! The `SipResponseHandler` impl of a valid handler.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use super::ast::Carries;
use super::valid::Resolved;
use crate::registry::Entry;

pub fn expand(resolved: &Resolved<'_, '_>) -> TokenStream {
    let handler = resolved.handler;
    let krate = &handler.krate;
    let ident = &handler.input.ident;
    let (impl_generics, type_generics, where_clause) = handler.input.generics.split_for_impl();
    let variants = || handler.variants.iter().zip(&resolved.routes);

    // One arm per handler variant, its codes joined with `|`: every `SipCode`
    // variant is named and there is no wildcard, at a fraction of the compile
    // time of one arm per code.
    let arms = variants()
        .filter(|(_, route)| !route.codes.is_empty())
        .map(|(variant, route)| {
            let target = variant.ident;
            let codes = route.codes.iter().map(|entry| code_ident(entry));
            let value = match variant.carries {
                Carries::Nothing => quote!(),
                Carries::SipCode => quote!((code)),
                Carries::StatusCode => quote!((#krate::StatusCode::from(code))),
            };
            quote!(#(__Code::#codes)|* => Self::#target #value,)
        });

    let keep_number: Vec<&Ident> = handler
        .variants
        .iter()
        .filter(|variant| variant.carries == Carries::StatusCode)
        .map(|variant| variant.ident)
        .collect();
    let from_status = if keep_number.is_empty() {
        quote!(Self::from_code(status.effective()))
    } else {
        quote! {
            match Self::from_code(status.effective()) {
                #(Self::#keep_number(_) => Self::#keep_number(status),)*
                handled => handled,
            }
        }
    };

    let status_arms = variants().map(|(variant, route)| {
        let target = variant.ident;
        match variant.carries {
            Carries::SipCode => quote! {
                Self::#target(code) => ::core::option::Option::Some(#krate::StatusCode::from(*code)),
            },
            Carries::StatusCode => quote! {
                Self::#target(status) => ::core::option::Option::Some(*status),
            },
            Carries::Nothing => match route.sends {
                Some(entry) => {
                    let code = code_ident(entry);
                    quote! {
                        Self::#target => ::core::option::Option::Some(
                            #krate::StatusCode::from(#krate::SipCode::#code)
                        ),
                    }
                }
                None => quote!(Self::#target => ::core::option::Option::None,),
            },
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_generics #krate::SipResponseHandler for #ident #type_generics #where_clause {
            fn from_code(code: #krate::SipCode) -> Self {
                use #krate::SipCode as __Code;
                match code {
                    #(#arms)*
                }
            }

            fn from_status(status: #krate::StatusCode) -> Self {
                #from_status
            }

            fn status(&self) -> ::core::option::Option<#krate::StatusCode> {
                match self {
                    #(#status_arms)*
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#krate::SipCode> for #ident #type_generics #where_clause {
            fn from(code: #krate::SipCode) -> Self {
                <Self as #krate::SipResponseHandler>::from_code(code)
            }
        }
    }
}

fn code_ident(entry: &Entry) -> Ident {
    Ident::new(&entry.variant, Span::call_site())
}
