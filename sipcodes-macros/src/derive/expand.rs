//! The `SipResponseHandler` impl of a valid handler.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use super::ast::{Carries, Handler};
use super::attr::Selector;
use super::valid::Routes;
use crate::registry::Registry;

pub fn expand(handler: &Handler<'_>, registry: &Registry, routes: &Routes) -> TokenStream {
    let krate = &handler.krate;
    let ident = &handler.input.ident;
    let (impl_generics, type_generics, where_clause) = handler.input.generics.split_for_impl();

    // One arm per handler variant, its codes joined with `|`: every `SipCode`
    // variant is named and there is no wildcard, at a fraction of the compile
    // time of one arm per code.
    let mut codes_of: Vec<Vec<Ident>> = handler.variants.iter().map(|_| Vec::new()).collect();
    for (entry, &index) in registry.codes().zip(&routes.0) {
        codes_of[index].push(Ident::new(&entry.variant, Span::call_site()));
    }
    let arms = handler
        .variants
        .iter()
        .zip(&codes_of)
        .filter(|(_, codes)| !codes.is_empty())
        .map(|(variant, codes)| {
            let target = variant.ident;
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

    let status_arms = handler.variants.iter().map(|variant| {
        let target = variant.ident;
        match variant.carries {
            Carries::SipCode => quote!(Self::#target(code) => ::core::option::Option::Some(#krate::StatusCode::from(*code)),),
            Carries::StatusCode => quote!(Self::#target(status) => ::core::option::Option::Some(*status),),
            Carries::Nothing => {
                let first = variant.selectors.iter().find_map(|selector| match selector {
                    Selector::Code(code, _) => u16::try_from(*code).ok().and_then(|code| registry.get(code)),
                    Selector::Name(name) => registry.by_variant(&name.to_string()),
                    Selector::Class(..) | Selector::Other(_) => None,
                });
                match first {
                    Some(entry) => {
                        let code = Ident::new(&entry.variant, Span::call_site());
                        quote!(Self::#target => ::core::option::Option::Some(#krate::StatusCode::from(#krate::SipCode::#code)),)
                    }
                    None => quote!(Self::#target => ::core::option::Option::None,),
                }
            }
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
