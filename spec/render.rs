//! The one-line form of a constraint: its `Display` and its line in the rustdoc
//! of each `SipCode` variant.

use core::fmt;

use super::vocab::{Citation, DialogEffect, Level, ProxyAction, Role};

/// What a rule is about, borrowed from either crate's model of it.
pub enum Subject<'a, S> {
    /// Any one of these header fields.
    Header(&'a [S]),
    /// The message body, optionally of a content type.
    Body(Option<&'a str>),
    /// Which methods the code answers.
    Answers,
    /// Who may send the response.
    Sender(&'a [Role]),
    /// When these elements send the response.
    Send(&'a [Role]),
    /// How an element that receives the response acts.
    Receiver(&'a [Role]),
    /// What the response does to the dialog.
    Dialog(DialogEffect),
    /// What a stateful proxy does with it.
    Proxy(ProxyAction),
    /// The header field with the value to retry with.
    Retry(&'a str),
}

/// The circumstances a rule is limited to: the registry's scope keys, each
/// printed under the name `registry.toml` gives it.
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
    /// `after-final`: after a final response on the same transaction, or before.
    pub after_final: Option<bool>,
    /// `generated-by`: the response was generated, not forwarded, by these elements.
    pub generated_by: &'a [Role],
    /// `when`: what no key can state, in prose.
    pub condition: Option<&'a str>,
}

/// A constraint, ready to print: `MUST (header Allow): <rule> [RFC 3261 §21.4.6]`,
/// or with `markdown`, bold keyword, code-formatted names and a linked citation.
pub struct Line<'a, S> {
    /// The RFC 2119 keyword.
    pub level: Level,
    /// What the rule is about.
    pub subject: Subject<'a, S>,
    /// When it applies.
    pub scope: Scope<'a, S>,
    /// The rule in prose.
    pub rule: &'a str,
    /// Where the RFC states it.
    pub citation: Citation<'a>,
    /// Markdown for rustdoc rather than plain text.
    pub markdown: bool,
}

impl<S: AsRef<str>> fmt::Display for Line<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (strong, code) = if self.markdown { ("**", "`") } else { ("", "") };
        write!(f, "{strong}{}{strong} (", self.level)?;
        write_subject(f, &self.subject, code)?;
        write_scope(f, &self.scope)?;
        write!(f, "): {} [{}]", self.rule, self.citation)?;
        if self.markdown {
            write!(f, "({})", self.citation.url())?;
        }
        Ok(())
    }
}

impl<S: AsRef<str>> fmt::Display for Subject<'_, S> {
    /// `header Allow or Contact`, `message body`, `sender: uas, proxy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_subject(f, self, "")
    }
}

fn write_subject<S: AsRef<str>>(
    f: &mut fmt::Formatter<'_>,
    subject: &Subject<'_, S>,
    code: &str,
) -> fmt::Result {
    match *subject {
        Subject::Header(names) => {
            f.write_str("header ")?;
            list(f, names.iter().map(AsRef::as_ref), " or ", code)
        }
        Subject::Body(None) => f.write_str("message body"),
        Subject::Body(Some(content_type)) => write!(f, "message body, {code}{content_type}{code}"),
        Subject::Answers => f.write_str("methods answered"),
        Subject::Sender(roles) => {
            f.write_str("sender: ")?;
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Subject::Send(roles) => {
            f.write_str("sent by: ")?;
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Subject::Receiver(roles) => {
            f.write_str("receiver: ")?;
            list(f, roles.iter().map(|role| role.as_str()), ", ", "")
        }
        Subject::Dialog(effect) => write!(f, "dialog: {effect}"),
        Subject::Proxy(action) => write!(f, "proxy: {action}"),
        Subject::Retry(header) => write!(f, "retry after {code}{header}{code}"),
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
        Some(true) => f.write_str(", after a final response went upstream")?,
        Some(false) => f.write_str(", before a final response went upstream")?,
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
