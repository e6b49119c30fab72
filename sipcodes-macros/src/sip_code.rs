//! Generates `SipCode` and the registry data tables of `sipcodes`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Error, Ident, LitStr};

use crate::registry::{self, Constraint, Entry, Kind, Reference, Registry};

pub fn expand(args: TokenStream, input: &DeriveInput) -> syn::Result<TokenStream> {
    if !args.is_empty() {
        return Err(Error::new_spanned(args, "`#[sip_code]` takes no arguments"));
    }
    match &input.data {
        Data::Enum(data) if data.variants.is_empty() && input.generics.params.is_empty() => {}
        _ => {
            return Err(Error::new_spanned(
                &input.ident,
                "`#[sip_code]` expects an empty enum without generics",
            ));
        }
    }
    let registry = registry::shipped().map_err(crate::registry_error)?;
    Ok(generate(registry, input))
}

fn generate(registry: &Registry, input: &DeriveInput) -> TokenStream {
    let DeriveInput {
        attrs, vis, ident, ..
    } = input;
    let codes: Vec<&Entry> = registry.codes().collect();
    let count = codes.len();
    let variants: Vec<Ident> = codes
        .iter()
        .map(|entry| Ident::new(&entry.variant, Span::call_site()))
        .collect();
    let numbers: Vec<u16> = codes.iter().map(|entry| entry.code).collect();
    let indices = 0..count;
    let by_number =
        (100..700u16).map(
            |number| match codes.iter().find(|entry| entry.code == number) {
                Some(entry) => {
                    let variant = Ident::new(&entry.variant, Span::call_site());
                    quote!(::core::option::Option::Some(#ident::#variant))
                }
                None => quote!(::core::option::Option::None),
            },
        );
    let docs = codes.iter().map(|entry| variant_doc(entry));
    let deprecated = codes.iter().map(|entry| {
        entry
            .deprecation
            .as_ref()
            .map(|note| quote!(#[deprecated(note = #note)]))
    });
    let data = codes.iter().map(|entry| entry_data(registry, entry));
    let historic = registry.historic().map(|entry| {
        let code = entry.code;
        let phrase = &entry.phrase;
        let description = &entry.description;
        let references = references(&entry.references);
        quote!(crate::registry::Historic::new(#code, #phrase, #description, #references))
    });

    quote! {
        #(#attrs)*
        #[repr(u16)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #vis enum #ident {
            #(#docs #deprecated #variants = #numbers,)*
        }

        #[allow(deprecated)]
        impl #ident {
            /// How many codes the registry defines: the length of [`ALL`](Self::ALL).
            ///
            /// ```
            /// assert_eq!(sipcodes::SipCode::ALL.len(), sipcodes::SipCode::COUNT);
            /// ```
            pub const COUNT: usize = #count;

            /// Every registered code, in ascending order; `ALL[code.index()] == code`.
            ///
            /// ```
            /// use sipcodes::SipCode;
            ///
            /// assert_eq!(SipCode::ALL[0], SipCode::Trying);
            /// assert!(SipCode::ALL.windows(2).all(|pair| pair[0] < pair[1]));
            /// ```
            pub const ALL: [#ident; #count] = [#(#ident::#variants,)*];

            /// The registry data of every code, in the order of `ALL`.
            pub(crate) const ENTRIES: [crate::registry::Entry; #count] = [#(#data,)*];

            /// The code of each number from 100 to 699.
            const BY_NUMBER: [::core::option::Option<#ident>; 600] = [#(#by_number,)*];

            pub(crate) const fn lookup(code: u16) -> ::core::option::Option<#ident> {
                if code < 100 || code > 699 {
                    return ::core::option::Option::None;
                }
                Self::BY_NUMBER[(code - 100) as usize]
            }

            pub(crate) const fn position(self) -> usize {
                match self {
                    #(#ident::#variants => #indices,)*
                }
            }
        }

        impl crate::registry::Historic {
            /// Every historic code, in ascending order.
            pub(crate) const TABLE: &'static [crate::registry::Historic] = &[#(#historic,)*];
        }
    }
}

fn entry_data(registry: &Registry, entry: &Entry) -> TokenStream {
    let phrase = &entry.phrase;
    let description = &entry.description;
    let references = references(&entry.references);
    let constraints = entry.constraints.iter().map(|c| constraint(registry, c));
    let deprecation = match &entry.deprecation {
        Some(note) => quote!(::core::option::Option::Some(#note)),
        None => quote!(::core::option::Option::None),
    };
    let line = format!("{} {}", entry.code, entry.phrase);
    quote! {
        crate::registry::Entry {
            line: #line,
            phrase: #phrase,
            description: #description,
            references: #references,
            constraints: &[#(#constraints,)*],
            deprecation: #deprecation,
        }
    }
}

fn references(references: &[Reference]) -> TokenStream {
    let items = references.iter().map(reference);
    quote!(&[#(#items,)*])
}

fn reference(reference: &Reference) -> TokenStream {
    let rfc = reference.rfc;
    let url = reference.url();
    let section = match &reference.section {
        Some(section) => quote!(::core::option::Option::Some(#section)),
        None => quote!(::core::option::Option::None),
    };
    quote!(crate::Reference::new(#rfc, #section, #url))
}

fn constraint(registry: &Registry, constraint: &Constraint) -> TokenStream {
    let level = format_ident!("{}", constraint.level.variant_name());
    let rule = &constraint.rule;
    let condition = match &constraint.condition {
        Some(when) => quote!(::core::option::Option::Some(#when)),
        None => quote!(::core::option::Option::None),
    };
    let reference = reference(&constraint.reference);
    let methods = &constraint.methods;
    let subject = match &constraint.kind {
        Kind::Header(names) => quote!(crate::Subject::Header(&[#(#names,)*])),
        Kind::Body => quote!(crate::Subject::Body),
        Kind::Sender(roles) => {
            let roles = roles
                .iter()
                .map(|role| format_ident!("{}", role.variant_name()));
            quote!(crate::Subject::Sender(&[#(crate::Role::#roles,)*]))
        }
        Kind::Receiver {
            roles,
            treat_as,
            unless_header,
        } => {
            let roles = roles
                .iter()
                .map(|role| format_ident!("{}", role.variant_name()));
            let treat_as = match treat_as.and_then(|code| registry.get(code)) {
                Some(target) => {
                    let variant = Ident::new(&target.variant, Span::call_site());
                    quote!(::core::option::Option::Some(crate::SipCode::#variant))
                }
                None => quote!(::core::option::Option::None),
            };
            let unless_header = match unless_header {
                Some(header) => quote!(::core::option::Option::Some(#header)),
                None => quote!(::core::option::Option::None),
            };
            quote!(crate::Subject::Receiver(crate::ReceiverRule::new(
                &[#(crate::Role::#roles,)*],
                #treat_as,
                #unless_header,
            )))
        }
    };
    quote! {
        crate::Constraint::new(crate::Level::#level, #subject, &[#(#methods,)*], #rule, #condition, #reference)
    }
}

fn variant_doc(entry: &Entry) -> TokenStream {
    let mut doc = format!(
        "`{} {}` ({}xx, {})\n\n{}\n",
        entry.code,
        entry.phrase,
        entry.class(),
        class_name(entry.class()),
        entry.description
    );
    if let Some(note) = &entry.deprecation {
        doc.push_str(&format!("\n**Deprecated:** {note}\n"));
    }
    if !entry.constraints.is_empty() {
        doc.push_str("\n# Constraints\n\n");
        for constraint in &entry.constraints {
            doc.push_str(&format!("- {}\n", constraint_line(constraint)));
        }
    }
    doc.push_str("\n# References\n\n");
    for reference in &entry.references {
        doc.push_str(&format!("- [{reference}]({})\n", reference.url()));
    }
    let lines = doc
        .lines()
        .map(|line| LitStr::new(&format!(" {line}"), Span::call_site()));
    quote!(#(#[doc = #lines])*)
}

fn constraint_line(constraint: &Constraint) -> String {
    let level = constraint.level.word().to_uppercase().replace('-', " ");
    let subject = match &constraint.kind {
        Kind::Header(names) => {
            let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            format!("header {}", names.join(" or "))
        }
        Kind::Body => "message body".to_owned(),
        Kind::Sender(roles) => format!(
            "sender: {}",
            roles
                .iter()
                .map(|r| r.word())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Receiver { roles, .. } => {
            format!(
                "receiver: {}",
                roles
                    .iter()
                    .map(|r| r.word())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    };
    let methods = if constraint.methods.is_empty() {
        String::new()
    } else {
        format!(", responses to {}", constraint.methods.join(", "))
    };
    let condition = constraint
        .condition
        .as_ref()
        .map(|when| format!(", when {when}"))
        .unwrap_or_default();
    format!(
        "**{level}** ({subject}{methods}{condition}): {} [{}]({})",
        constraint.rule,
        constraint.reference,
        constraint.reference.url()
    )
}

fn class_name(class: u16) -> &'static str {
    match class {
        1 => "provisional",
        2 => "success",
        3 => "redirection",
        4 => "request failure",
        5 => "server failure",
        _ => "global failure",
    }
}
