//! Generates `SipCode` and the registry data of `sipcodes`. Only data is
//! emitted, with short paths; `sipcodes` computes its lookup tables from it in
//! `const` evaluation, because generated code is code every user compiles.

use std::fmt::Write as _;

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::{Data, DeriveInput, Error, Ident};

use crate::registry::{self, Constraint, Entry, Kind, Reference, Registry, names};
use crate::spec::render::{self, Line};

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
    if let Some(error) = crate::call_site_errors(registry::gaps(registry)) {
        return Err(error);
    }
    Ok(generate(registry, input))
}

fn generate(registry: &Registry, input: &DeriveInput) -> TokenStream {
    let DeriveInput {
        attrs, vis, ident, ..
    } = input;
    let mut citations = Citations::default();
    let mut variants = Vec::new();
    let mut numbers = Vec::new();
    let mut docs = Vec::new();
    let mut entries = Vec::new();
    let mut constants = Vec::new();
    for entry in registry.codes() {
        let variant = variant(entry);
        // A deprecated code is documented as such, not `#[deprecated]`: every
        // receiver must still name it to handle it (202, RFC 6665 §8.3.1), and
        // the validator flags sending it where an RFC forbids that.
        let constant = Ident::new(&names::constant_name(&entry.variant), Span::call_site());
        let constant_doc = format!("`{} {}`", entry.code, entry.phrase);
        constants.push(quote! {
            #[doc = #constant_doc]
            pub const #constant: Self = Self::from_sip_code(#ident::#variant);
        });
        variants.push(variant);
        numbers.push(Literal::u16_unsuffixed(entry.code));
        docs.push(variant_doc(entry));
        entries.push(entry_data(registry, entry, &mut citations));
    }
    let count = variants.len();
    let mut historic = Vec::new();
    for entry in registry.historic() {
        let code = Literal::u16_unsuffixed(entry.code);
        let phrase = &entry.phrase;
        let description = &entry.description;
        let references = citations.list(&entry.references);
        historic.push(quote! {
            Historic {
                code: #code,
                phrase: #phrase,
                description: #description,
                references: #references,
            }
        });
    }
    let mut general = Vec::new();
    for rule in &registry.rules {
        let applies = &rule.applies;
        let mut classes = u8::from(applies.all);
        for digit in &applies.classes {
            classes |= 1 << digit;
        }
        let classes = Literal::u8_unsuffixed(classes);
        let codes = numbers_list(&applies.codes);
        let except = numbers_list(&applies.except);
        let constraint = constraint_data(registry, &rule.constraint, &mut citations);
        general.push(quote! {
            G { classes: #classes, codes: &[#(#codes),*], except: &[#(#except),*], constraint: #constraint }
        });
    }
    let mut headers = Vec::new();
    for header in &registry.headers {
        let name = &header.name;
        let compact = option(header.compact.map(|letter| quote!(#letter)));
        let reference = citations.index(&header.reference);
        headers.push(quote!(Field { name: #name, compact: #compact, reference: #reference }));
    }
    let mut usages = Vec::new();
    for table in &registry.usages {
        let usage = debug_ident(table.usage.value);
        let methods = table.methods.iter().map(|method| &method.value);
        let reference = citations.index(&table.reference);
        let ended_by = table.ended_by.iter().map(|method| &method.value);
        usages.push(quote!(U {
            usage: Usage::#usage,
            methods: &[#(#methods),*],
            ended_by: &[#(#ended_by),*],
            reference: #reference
        }));
    }
    let references = citations.items();
    // The short names `constraint_data` writes, in scope where it is used.
    let constraint_scope = quote! {
        use crate::rules::{Constraint as C, ProxyRule, ReceiverRule};
        use crate::spec::render::{Kind::*, Scope as R};
        use crate::spec::vocab::{Basis::*, DialogEffect, Failure, Level::*, ProxyAction, Role as O, Timer};
        use #ident as S;
        use references::*;
    };

    quote! {
        #(#attrs)*
        #[repr(u16)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #vis enum #ident {
            #(#docs #variants = #numbers,)*
        }

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
            pub const ALL: [#ident; #count] = {
                use #ident::*;
                [#(#variants),*]
            };

            /// The registry data of every code, in the order of `ALL`.
            pub(crate) const ENTRIES: [crate::registry::Entry; #count] = {
                use crate::registry::Entry;
                #constraint_scope
                [#(#entries),*]
            };

        }

        /// The registered codes, named as in the registry, for sending and for
        /// `match` patterns.
        impl crate::StatusCode {
            #(#constants)*
        }

        impl crate::rules::GeneralRule {
            /// Every rule over many codes, in file order.
            pub(crate) const TABLE: &'static [crate::rules::GeneralRule] = {
                use crate::rules::GeneralRule as G;
                #constraint_scope
                &[#(#general),*]
            };
        }

        impl crate::header::Field {
            /// Every header field the registry names, in file order.
            pub(crate) const TABLE: &'static [crate::header::Field] = {
                use crate::header::Field;
                use references::*;
                &[#(#headers),*]
            };
        }

        impl crate::rules::UsageEntry {
            /// Every dialog usage and the methods that belong to it, in file order.
            pub(crate) const TABLE: &'static [crate::rules::UsageEntry] = {
                use crate::rules::{Usage, UsageEntry as U};
                use references::*;
                &[#(#usages),*]
            };
        }

        /// Every reference the registry makes, once.
        mod references {
            use crate::rules::Reference as F;
            #references
        }

        impl crate::registry::Historic {
            /// Every historic code, in ascending order.
            pub(crate) const TABLE: &'static [crate::registry::Historic] = {
                use crate::registry::Historic;
                use references::*;
                &[#(#historic),*]
            };
        }
    }
}

fn variant(entry: &Entry) -> Ident {
    Ident::new(&entry.variant, Span::call_site())
}

fn entry_data(registry: &Registry, entry: &Entry, citations: &mut Citations) -> TokenStream {
    let status_line = format!("SIP/2.0 {} {}\r\n", entry.code, entry.phrase);
    let description = &entry.description;
    let references = citations.list(&entry.references);
    let mut constraints = Vec::with_capacity(entry.constraints.len());
    for constraint in &entry.constraints {
        constraints.push(constraint_data(registry, constraint, citations));
    }
    let deprecation = option(entry.deprecation.as_ref().map(|note| quote!(#note)));
    // Bit `i` for the `i`th `[[rule]]`; the registry's validation keeps them
    // within the width.
    let bits = |wanted: &dyn Fn(&registry::Rule) -> bool| {
        let bits = registry
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| wanted(rule))
            .fold([0u128; 2], |mut bits, (index, _)| {
                bits[index / 128] |= 1 << (index % 128);
                bits
            });
        let [low, high] = bits.map(Literal::u128_unsuffixed);
        quote!([#low, #high])
    };
    let general = bits(&|rule| rule.holds_for(entry));
    let contested = bits(&|rule| rule.holds_for(entry) && rule.contested_by(entry));
    quote! {
        Entry {
            status_line: #status_line,
            description: #description,
            references: #references,
            constraints: &[#(#constraints),*],
            general: #general,
            contested: #contested,
            deprecation: #deprecation,
        }
    }
}

fn constraint_data(
    registry: &Registry,
    constraint: &Constraint,
    citations: &mut Citations,
) -> TokenStream {
    let level = debug_ident(constraint.level);
    let basis = debug_ident(constraint.basis);
    let rule = &constraint.rule;
    let scope = scope_data(&constraint.scope);
    let reference = citations.index(&constraint.reference);
    let code = |code: &Option<u16>| {
        option(code.and_then(|code| registry.get(code)).map(|target| {
            let variant = variant(target);
            quote!(S::#variant)
        }))
    };
    let kind = match &constraint.kind {
        Kind::Header(names) => quote!(Header(&[#(#names),*])),
        Kind::Body(content_type) => {
            let content_type = option(content_type.as_ref().map(|text| quote!(#text)));
            quote!(Body(#content_type))
        }
        Kind::Answers => quote!(Answers),
        Kind::Sender(list) => {
            let list = roles_data(list);
            quote!(Sender(#list))
        }
        Kind::Send(list) => {
            let list = roles_data(list);
            quote!(Send(#list))
        }
        Kind::Receiver {
            roles: list,
            treat_as,
            unless_header,
            stands_for,
            restarts,
        } => {
            let list = roles_data(list);
            let restarts = option(restarts.map(|timer| {
                let timer = debug_ident(timer);
                quote!(Timer::#timer)
            }));
            let treat_as = code(treat_as);
            let unless_header = option(unless_header.as_ref().map(|header| quote!(#header)));
            let stands_for = option(stands_for.as_ref().map(|failure| {
                let failure = debug_ident(failure.value);
                quote!(Failure::#failure)
            }));
            quote! {
                Receiver(ReceiverRule {
                    roles: #list,
                    treat_as: #treat_as,
                    unless_header: #unless_header,
                    stands_for: #stands_for,
                    restarts: #restarts,
                })
            }
        }
        Kind::Dialog(effect) => {
            let effect = debug_ident(effect);
            quote!(Dialog(DialogEffect::#effect))
        }
        Kind::Proxy {
            action,
            prefer,
            upstream_as,
            merge,
        } => {
            let action = debug_ident(action);
            let prefer = option(prefer.map(|rank| {
                let rank = Literal::u8_unsuffixed(rank);
                quote!(#rank)
            }));
            let upstream_as = code(upstream_as);
            quote! {
                Proxy(ProxyRule {
                    action: ProxyAction::#action,
                    prefer: #prefer,
                    upstream_as: #upstream_as,
                    merge: &[#(#merge),*],
                })
            }
        }
        Kind::Retry(header) => quote!(Retry(#header)),
    };
    quote! {
        C::of(#level, #basis, #kind, #scope, #rule, #reference)
    }
}

/// `&[O::Uas, O::Proxy]`, `O` being `Role` where the data is emitted.
fn roles_data(roles: &[registry::Role]) -> TokenStream {
    let mut idents = Vec::with_capacity(roles.len());
    for role in roles {
        idents.push(debug_ident(role));
    }
    quote!(&[#(O::#idents),*])
}

/// `Scope::ANY`, or the keys that are set over it.
fn scope_data(scope: &registry::Scope) -> TokenStream {
    let mut fields = Vec::new();
    for (name, methods) in [
        ("methods", &scope.methods),
        ("except_methods", &scope.except_methods),
    ] {
        if !methods.is_empty() {
            let name = Ident::new(name, Span::call_site());
            fields.push(quote!(#name: &[#(#methods),*]));
        }
    }
    for (name, text) in [
        ("request_has", &scope.request_has),
        ("request_requires", &scope.request_requires),
        ("request_supports", &scope.request_supports),
        ("request_not_requires", &scope.request_not_requires),
        ("request_not_supports", &scope.request_not_supports),
        ("condition", &scope.condition),
    ] {
        if let Some(text) = text {
            let name = Ident::new(name, Span::call_site());
            fields.push(quote!(#name: Some(#text)));
        }
    }
    for (name, flag) in [
        ("in_dialog", scope.in_dialog),
        ("after_final", scope.after_final),
        ("has_body", scope.has_body),
    ] {
        if let Some(flag) = flag {
            let name = Ident::new(name, Span::call_site());
            fields.push(quote!(#name: Some(#flag)));
        }
    }
    if !scope.generated_by.is_empty() {
        let roles = roles_data(&scope.generated_by);
        fields.push(quote!(generated_by: #roles));
    }
    if fields.is_empty() {
        quote!(R::ANY)
    } else {
        quote!(R { #(#fields,)* ..R::ANY })
    }
}

fn numbers_list(codes: &[u16]) -> Vec<Literal> {
    let mut literals = Vec::with_capacity(codes.len());
    for &code in codes {
        literals.push(Literal::u16_unsuffixed(code));
    }
    literals
}

/// The variant a `Debug` implementation names: `Level::MustNot` → `MustNot`.
fn debug_ident(value: impl std::fmt::Debug) -> Ident {
    Ident::new(&format!("{value:?}"), Span::call_site())
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// The distinct citations, emitted once as a table that entries index.
#[derive(Default)]
struct Citations(Vec<Reference>);

impl Citations {
    fn index(&mut self, reference: &Reference) -> Ident {
        let index = match self.0.iter().position(|known| known == reference) {
            Some(index) => index,
            None => {
                self.0.push(reference.clone());
                self.0.len() - 1
            }
        };
        name(index)
    }

    fn list(&mut self, references: &[Reference]) -> TokenStream {
        let indices: Vec<Ident> = references.iter().map(|r| self.index(r)).collect();
        quote!(&[#(#indices),*])
    }

    /// One `const` per distinct citation, each evaluated once at compile time.
    fn items(&self) -> TokenStream {
        let mut items = Vec::with_capacity(self.0.len());
        for (index, reference) in self.0.iter().enumerate() {
            let name = name(index);
            let rfc = Literal::u16_unsuffixed(reference.rfc);
            let section = option(reference.section.as_ref().map(|section| quote!(#section)));
            let url = reference.url();
            items.push(quote! {
                pub(super) const #name: F = F { rfc: #rfc, section: #section, url: #url };
            });
        }
        quote!(#(#items)*)
    }
}

/// The name of the `index`th distinct citation.
fn name(index: usize) -> Ident {
    Ident::new(&format!("R{index}"), Span::call_site())
}

/// The rustdoc of a variant, as one attribute.
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
        let _ = write!(doc, "\n**Deprecated:** {note}\n");
    }
    if !entry.constraints.is_empty() {
        doc.push_str("\n# Constraints\n\n");
        for constraint in &entry.constraints {
            let _ = writeln!(doc, "- {}", constraint_line(constraint));
        }
    }
    doc.push_str("\n# References\n\n");
    for reference in &entry.references {
        let _ = writeln!(doc, "- [{reference}]({})", reference.url());
    }
    quote!(#[doc = #doc])
}

fn constraint_line(constraint: &Constraint) -> String {
    let kind = match &constraint.kind {
        Kind::Header(names) => render::Kind::Header(names.as_slice()),
        Kind::Body(content_type) => render::Kind::Body(content_type.as_deref()),
        Kind::Answers => render::Kind::Answers,
        Kind::Sender(roles) => render::Kind::Sender(roles.as_slice()),
        Kind::Send(roles) => render::Kind::Send(roles.as_slice()),
        Kind::Receiver { roles, .. } => render::Kind::Receiver(roles.as_slice()),
        Kind::Dialog(effect) => render::Kind::Dialog(*effect),
        Kind::Proxy { action, .. } => render::Kind::Proxy(*action),
        Kind::Retry(header) => render::Kind::Retry(header),
    };
    let scope = &constraint.scope;
    Line {
        level: constraint.level,
        basis: constraint.basis,
        kind,
        scope: render::Scope {
            methods: &scope.methods,
            except_methods: &scope.except_methods,
            request_has: scope.request_has.as_deref(),
            request_requires: scope.request_requires.as_deref(),
            request_supports: scope.request_supports.as_deref(),
            request_not_requires: scope.request_not_requires.as_deref(),
            request_not_supports: scope.request_not_supports.as_deref(),
            in_dialog: scope.in_dialog,
            after_final: scope.after_final,
            has_body: scope.has_body,
            generated_by: &scope.generated_by,
            condition: scope.condition.as_deref(),
        },
        rule: &constraint.rule,
        citation: constraint.reference.citation(),
        markdown: true,
    }
    .to_string()
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

#[cfg(test)]
mod tests {
    use proc_macro2::{TokenStream, TokenTree};

    /// Every token, counting a group's delimiters as one.
    fn count(tokens: TokenStream) -> usize {
        tokens
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(group) => 1 + count(group.stream()),
                _ => 1,
            })
            .sum()
    }

    #[test]
    fn the_generated_code_stays_small() {
        let input = syn::parse_quote!(
            pub enum SipCode {}
        );
        let registry = crate::registry::shipped().expect("the shipped registry is valid");
        let tokens = count(super::generate(registry, &input));
        println!("`#[sip_code]` emits {tokens} tokens");
        // With the registry's first 225 rules it emitted 43 340 tokens when it wrote
        // lookup tables and long paths, 14 930 once it emitted data only. The
        // registry now states about 400 rules and 54 header fields; each distinct
        // citation is a `const` of its own (about 31 700 tokens), which `rustc`
        // evaluates once instead of copying a table of them at every use. Each
        // rule built by a `const fn` with positional arguments rather than a
        // struct literal: 34 394 → 30 364 once rules carried their basis.
        // The 43 rules of the protocol-section review took 405 rules to 448
        // and the output to 32 971 tokens, about 60 tokens a rule. The 49
        // receiver and dialog rules of the same review took it to 497 rules and
        // 37 008 tokens, about 80 a rule (their sentences and `when` are long).
        // The second reading and the gaps re-read took it to 519 rules and
        // 39 127 tokens.
        assert!(tokens < 40_000, "{tokens} tokens");
    }

    /// A variant may not take the name of an item generated beside it.
    #[test]
    fn the_reserved_names_are_the_generated_items() {
        let input = syn::parse_quote!(
            pub enum SipCode {}
        );
        let registry = crate::registry::shipped().expect("the shipped registry is valid");
        let tokens: Vec<TokenTree> = super::generate(registry, &input).into_iter().collect();
        let mut generated: Vec<String> = Vec::new();
        for window in tokens.windows(3) {
            if let [
                TokenTree::Ident(keyword),
                TokenTree::Ident(name),
                TokenTree::Group(body),
            ] = window
                && keyword == "impl"
                && name == "SipCode"
            {
                let items: Vec<TokenTree> = body.stream().into_iter().collect();
                for pair in items.windows(2) {
                    if let [TokenTree::Ident(keyword), TokenTree::Ident(name)] = pair
                        && keyword == "const"
                    {
                        generated.push(name.to_string());
                    }
                }
            }
        }
        generated.sort();
        let mut reserved = crate::registry::names::GENERATED_ITEMS.to_vec();
        reserved.sort();
        assert_eq!(generated, reserved);
    }
}
