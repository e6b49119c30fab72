//! The model of a rule's kind and scope that both crates share, and its one-line
//! form: its `Display` and its line in the rustdoc of each `SipCode` variant.

use core::fmt;

use super::vocab::{Basis, Citation, DialogEffect, Level, ProxyAction, Role};

/// What a rule is about: the `kind` of a registry rule with the keys that
/// belong to it. `sipcodes` uses it with its own receiver and proxy rules
/// (`sipcodes::rules::Kind`); the macro crate with the roles and the action only,
/// to print its documentation.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::rules::{Kind, Role};
///
/// let senders = SipCode::UseProxy.constraints().iter().find_map(|rule| match rule.kind() {
///     Kind::Sender(roles) => Some(roles),
///     _ => None,
/// });
/// assert!(senders.is_some_and(|roles| roles.contains(&Role::Uas)));
/// assert_eq!(Kind::Header(&["Allow"]).to_string(), "header Allow");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind<'a, S, R = &'a [Role], P = ProxyAction> {
    /// The response carries (or not) a header field: any one of these names.
    Header(&'a [S]),
    /// The response carries (or not) a message body, of this content type if
    /// one is named.
    Body(Option<&'a str>),
    /// The code answers only the scope's methods, or never its `except_methods`.
    Answers,
    /// Which elements may send the response.
    Sender(&'a [Role]),
    /// When these elements send the response (the scope says when).
    Send(&'a [Role]),
    /// How an element that receives the response acts.
    Receiver(R),
    /// What the response does to the dialog, its usage or its subscription.
    Dialog(DialogEffect),
    /// What a stateful proxy does with the response (RFC 3261 §16.7).
    Proxy(P),
    /// The header field that carries the value to retry with.
    Retry(&'a str),
}

/// A receiver rule, as far as its one-line form shows it: the roles it is for.
pub trait ReceiverRoles {
    /// The receiving elements the rule is for.
    fn receiver_roles(&self) -> &[Role];
}

impl ReceiverRoles for &[Role] {
    fn receiver_roles(&self) -> &[Role] {
        self
    }
}

/// A proxy rule, as far as its one-line form shows it: its action.
pub trait ProxyActionOf {
    /// What the proxy does.
    fn proxy_action(&self) -> ProxyAction;
}

impl ProxyActionOf for ProxyAction {
    fn proxy_action(&self) -> ProxyAction {
        *self
    }
}

/// The circumstances a rule is limited to: the registry's scope keys. `sipcodes`
/// keeps its rules' scopes in this type (`sipcodes::rules::Scope` wraps it).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scope<'a, S> {
    /// `methods`: responses to these methods only.
    pub methods: &'a [S],
    /// `except-methods`: never responses to these methods.
    pub except_methods: &'a [S],
    /// `request-has`: the request carried this header field.
    pub request_has: Option<&'a str>,
    /// `request-requires`: the request's Require listed this option tag.
    pub request_requires: Option<&'a str>,
    /// `request-supports`: the request's Supported listed this option tag.
    pub request_supports: Option<&'a str>,
    /// `request-not-requires`: the request's Require did not list this tag.
    pub request_not_requires: Option<&'a str>,
    /// `request-not-supports`: the request's Supported did not list this tag.
    pub request_not_supports: Option<&'a str>,
    /// `in-dialog`: inside a dialog, or outside one.
    pub in_dialog: Option<bool>,
    /// `after-final`: after another final response was sent for the same
    /// request (by its server transaction; upstream, for a proxy), or before.
    pub after_final: Option<bool>,
    /// `has-body`: the response carries a non-empty message body, or none.
    pub has_body: Option<bool>,
    /// `generated-by`: the response was generated, not forwarded, by these elements.
    pub generated_by: &'a [Role],
    /// `when`: what no key can state, in prose.
    pub condition: Option<&'a str>,
}

impl<S> Scope<'_, S> {
    /// No limit: the rule holds for every response it is about.
    pub const ANY: Self = Scope {
        methods: &[],
        except_methods: &[],
        request_has: None,
        request_requires: None,
        request_supports: None,
        request_not_requires: None,
        request_not_supports: None,
        in_dialog: None,
        after_final: None,
        has_body: None,
        generated_by: &[],
        condition: None,
    };
}

/// A constraint, ready to print: `MUST (header Allow): <rule> [RFC 3261 §21.4.6]`,
/// or with `markdown`, bold keyword, code-formatted names and a linked citation.
pub struct Line<'a, S, R = &'a [Role], P = ProxyAction> {
    /// The RFC 2119 keyword, or how strongly a sentence without one reads.
    pub level: Level,
    /// What the level rests on.
    pub basis: Basis,
    /// What the rule is about.
    pub kind: Kind<'a, S, R, P>,
    /// When it applies.
    pub scope: Scope<'a, S>,
    /// The rule in prose.
    pub rule: &'a str,
    /// Where the RFC states it.
    pub citation: Citation<'a>,
    /// Markdown for rustdoc rather than plain text.
    pub markdown: bool,
}

impl<S: AsRef<str>, R: ReceiverRoles, P: ProxyActionOf> fmt::Display for Line<'_, S, R, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (strong, code) = if self.markdown { ("**", "`") } else { ("", "") };
        let level = self.level.written(self.basis);
        match self.basis {
            Basis::Keyword => write!(f, "{strong}{level}{strong} (")?,
            basis => write!(f, "{strong}{level}{strong} ({}; ", basis.description())?,
        }
        write_kind(f, &self.kind, code)?;
        write_scope(f, &self.scope)?;
        write!(f, "): {} [{}]", self.rule, self.citation)?;
        if self.markdown {
            write!(f, "({})", self.citation.url())?;
        }
        Ok(())
    }
}

impl<S: AsRef<str>, R: ReceiverRoles, P: ProxyActionOf> fmt::Display for Kind<'_, S, R, P> {
    /// `header Allow or Contact`, `message body`, `sender: uas, proxy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_kind(f, self, "")
    }
}

fn write_kind<S: AsRef<str>, R: ReceiverRoles, P: ProxyActionOf>(
    f: &mut fmt::Formatter<'_>,
    kind: &Kind<'_, S, R, P>,
    code: &str,
) -> fmt::Result {
    match kind {
        Kind::Header(names) => {
            f.write_str("header ")?;
            list(f, names.iter().map(AsRef::as_ref), " or ", code)
        }
        Kind::Body(None) => f.write_str("message body"),
        Kind::Body(Some(content_type)) => write!(f, "message body, {code}{content_type}{code}"),
        Kind::Answers => f.write_str("methods answered"),
        Kind::Sender(roles) => {
            f.write_str("sender: ")?;
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Kind::Send([]) => f.write_str("sent by: any element"),
        Kind::Send(roles) => {
            f.write_str("sent by: ")?;
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Kind::Receiver(rule) => {
            f.write_str("receiver: ")?;
            let roles = rule.receiver_roles();
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Kind::Dialog(effect) => write!(f, "dialog: {effect}"),
        Kind::Proxy(rule) => write!(f, "proxy: {}", rule.proxy_action()),
        Kind::Retry(header) => write!(f, "retry after {code}{header}{code}"),
    }
}

impl<S: AsRef<str>> fmt::Display for Scope<'_, S> {
    /// `, responses to REGISTER, outside a dialog`: each circumstance after a
    /// comma, as a rule's one-line form lists them; empty when unlimited.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_scope(f, self)
    }
}

fn write_scope<S: AsRef<str>>(f: &mut fmt::Formatter<'_>, scope: &Scope<'_, S>) -> fmt::Result {
    if !scope.methods.is_empty() {
        f.write_str(", responses to ")?;
        list(f, scope.methods.iter().map(AsRef::as_ref), ", ", "")?;
    }
    if !scope.except_methods.is_empty() {
        f.write_str(", not to ")?;
        list(f, scope.except_methods.iter().map(AsRef::as_ref), ", ", "")?;
    }
    if let Some(header) = scope.request_has {
        write!(f, ", the request has {header}")?;
    }
    if let Some(tag) = scope.request_requires {
        write!(f, ", the request requires {tag}")?;
    }
    if let Some(tag) = scope.request_supports {
        write!(f, ", the request supports {tag}")?;
    }
    if let Some(tag) = scope.request_not_requires {
        write!(f, ", the request does not require {tag}")?;
    }
    if let Some(tag) = scope.request_not_supports {
        write!(f, ", the request does not support {tag}")?;
    }
    match scope.in_dialog {
        Some(true) => f.write_str(", inside a dialog")?,
        Some(false) => f.write_str(", outside a dialog")?,
        None => {}
    }
    match scope.after_final {
        Some(true) => f.write_str(", after another final response was sent")?,
        Some(false) => f.write_str(", before a final response was sent")?,
        None => {}
    }
    match scope.has_body {
        Some(true) => f.write_str(", with a message body")?,
        Some(false) => f.write_str(", without a message body")?,
        None => {}
    }
    if !scope.generated_by.is_empty() {
        f.write_str(", generated by ")?;
        list(
            f,
            scope.generated_by.iter().map(|role| role.as_str()),
            " or ",
            "",
        )?;
    }
    if let Some(condition) = scope.condition {
        write!(f, ", when {condition}")?;
    }
    Ok(())
}

fn list<'s>(
    f: &mut fmt::Formatter<'_>,
    items: impl Iterator<Item = &'s str>,
    separator: &str,
    code: &str,
) -> fmt::Result {
    for (index, item) in items.enumerate() {
        let separator = if index == 0 { "" } else { separator };
        write!(f, "{separator}{code}{item}{code}")?;
    }
    Ok(())
}
