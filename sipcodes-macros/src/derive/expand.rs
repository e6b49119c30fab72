//! The `SipResponseHandler` impl of a valid handler. Every path is absolute, so
//! the impl compiles under `#![no_implicit_prelude]` too.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Path, Type};

use super::ast::Carries;
use super::valid::Resolved;
use crate::registry::Entry;

pub fn expand(resolved: &Resolved<'_, '_>) -> TokenStream {
    let handler = resolved.handler;
    let krate = &handler.krate;
    let ident = &handler.input.ident;
    let (impl_generics, type_generics, where_clause) = handler.input.generics.split_for_impl();
    let option = quote!(::core::option::Option);

    // One arm per handler variant, its codes joined with `|`: every `SipCode`
    // variant is named and there is no wildcard, at a fraction of the compile
    // time of one arm per code.
    let mut arms = Vec::new();
    // Unregistered numbers a variant names are matched before §8.1.3.2 applies.
    let mut vendor_arms = Vec::new();
    let mut carrying_arms = Vec::new();
    let mut status_arms = Vec::new();
    for (variant, route) in handler.variants.iter().zip(&resolved.routes) {
        let target = variant.ident;
        if !route.codes.is_empty() {
            let mut codes = Vec::with_capacity(route.codes.len());
            for entry in &route.codes {
                codes.push(code_ident(entry));
            }
            let value = construct(
                krate,
                target,
                &variant.carries,
                quote!(#krate::StatusCode::from_sip_code(code)),
            );
            arms.push(quote!(#(__Code::#codes)|* => #value,));
        }
        if !route.unregistered.is_empty() {
            let mut numbers = Vec::with_capacity(route.unregistered.len());
            for &number in &route.unregistered {
                numbers.push(Literal::u16_unsuffixed(number));
            }
            let value = construct(krate, target, &variant.carries, quote!(status));
            vendor_arms.push(quote!(#(#numbers)|* => return #value,));
        }
        status_arms.push(match (&variant.carries, route.sends) {
            (Carries::Field(ty), _) => {
                let value = construct(krate, target, &variant.carries, quote!(status));
                carrying_arms.push(quote!(Self::#target(_) => #value,));
                let carried = quote_spanned!(ty.span()=> <#ty as #krate::CodeCarrier>::carried);
                quote!(Self::#target(value) => #carried(value),)
            }
            (Carries::Nothing, Some(code)) => {
                let code = Literal::u16_unsuffixed(code);
                quote! {
                    Self::#target => match #krate::StatusCode::new(#code) {
                        ::core::result::Result::Ok(status) => #option::Some(status),
                        ::core::result::Result::Err(_) => #option::None,
                    },
                }
            }
            (Carries::Nothing, None) => quote!(Self::#target => #option::None,),
        });
    }
    let vendor = if vendor_arms.is_empty() {
        None
    } else {
        Some(quote! {
            match status.as_u16() {
                #(#vendor_arms)*
                _ => {}
            }
        })
    };
    // An unregistered number goes to its class's variant, if the enum lists
    // its class; else where its `effective()` code goes (RFC 3261 §8.1.3.2).
    let mut class_arms = Vec::new();
    for (digit, claim) in resolved.classes.iter().enumerate() {
        if let Some(index) = *claim {
            let variant = &handler.variants[index];
            let value = construct(krate, variant.ident, &variant.carries, quote!(status));
            let digit = Literal::usize_unsuffixed(digit);
            class_arms.push(quote!(#digit => return #value,));
        }
    }
    let by_class = (!class_arms.is_empty()).then(|| {
        quote! {
            match status.as_u16() / 100 {
                #(#class_arms)*
                _ => {}
            }
        }
    });
    let from_status = quote! {
        #vendor
        if let #option::Some(code) = status.known() {
            return <Self as #krate::SipResponseHandler>::from_code(code);
        }
        #by_class
        match <Self as #krate::SipResponseHandler>::from_code(status.effective()) {
            #(#carrying_arms)*
            handled => handled,
        }
    };

    quote! {
        #[automatically_derived]
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

            fn status(&self) -> #option<#krate::StatusCode> {
                match self {
                    #(#status_arms)*
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#krate::SipCode> for #ident #type_generics
        #where_clause
        {
            fn from(code: #krate::SipCode) -> Self {
                <Self as #krate::SipResponseHandler>::from_code(code)
            }
        }
    }
}

/// `Self::Variant` or `Self::Variant(<T as CodeCarrier>::carry(status))`; the
/// call is spanned on the field's type, so that a type that cannot carry a code
/// is reported there.
fn construct(
    krate: &Path,
    target: &Ident,
    carries: &Carries<'_>,
    status: TokenStream,
) -> TokenStream {
    match carries {
        Carries::Nothing => quote!(Self::#target),
        Carries::Field(ty) => {
            let carry = carry(krate, ty);
            quote!(Self::#target(#carry(#status)))
        }
    }
}

fn carry(krate: &Path, ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> <#ty as #krate::CodeCarrier>::carry)
}

fn code_ident(entry: &Entry) -> Ident {
    Ident::new(&entry.variant, Span::call_site())
}
