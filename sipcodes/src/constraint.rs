//! The rules the RFCs state about responses with a given code, as data.

use core::fmt;

use crate::SipCode;

/// One rule an RFC states about responses with a given code: which header fields
/// they carry, who sends them, how a receiver treats them.
///
/// ```
/// use sipcodes::{Level, SipCode, Subject};
///
/// let allow = SipCode::MethodNotAllowed
///     .constraints()
///     .iter()
///     .find(|rule| matches!(rule.subject(), Subject::Header(names) if names.contains(&"Allow")))
///     .expect("405 requires Allow");
/// assert_eq!(allow.level(), Level::Must);
/// assert_eq!(allow.reference().rfc(), 3261);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Constraint {
    level: Level,
    subject: Subject,
    methods: &'static [&'static str],
    rule: &'static str,
    condition: Option<&'static str>,
    reference: Reference,
}

impl Constraint {
    pub(crate) const fn new(
        level: Level,
        subject: Subject,
        methods: &'static [&'static str],
        rule: &'static str,
        condition: Option<&'static str>,
        reference: Reference,
    ) -> Self {
        Constraint {
            level,
            subject,
            methods,
            rule,
            condition,
            reference,
        }
    }

    /// How strong the rule is: the RFC 2119 keyword.
    ///
    /// ```
    /// use sipcodes::{Level, SipCode};
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints().iter().any(|c| c.level() == Level::Must));
    /// ```
    pub const fn level(&self) -> Level {
        self.level
    }

    /// What the rule is about.
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let rule = &SipCode::MethodNotAllowed.constraints()[0];
    /// assert!(matches!(rule.subject(), Subject::Header(_)));
    /// ```
    pub const fn subject(&self) -> Subject {
        self.subject
    }

    /// The request methods whose responses the rule is about; empty when it
    /// applies to responses to any method.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints()[0].methods().is_empty());
    /// ```
    pub const fn methods(&self) -> &'static [&'static str] {
        self.methods
    }

    /// Whether the rule applies to a response to `method` (compared exactly, as
    /// SIP methods are case-sensitive).
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints()[0].applies_to("INVITE"));
    /// ```
    pub fn applies_to(&self, method: &str) -> bool {
        self.methods.is_empty() || self.methods.contains(&method)
    }

    /// The rule in one sentence.
    ///
    /// ```
    /// assert!(!sipcodes::SipCode::MethodNotAllowed.constraints()[0].rule().is_empty());
    /// ```
    pub const fn rule(&self) -> &'static str {
        self.rule
    }

    /// The circumstance the rule is limited to, when the response alone cannot
    /// show it (such as "the request carried a Timestamp header field");
    /// `None` for a rule that always applies.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].condition(), None);
    /// ```
    pub const fn condition(&self) -> Option<&'static str> {
        self.condition
    }

    /// Where the RFC states the rule.
    ///
    /// ```
    /// let reference = sipcodes::SipCode::MethodNotAllowed.constraints()[0].reference();
    /// assert_eq!(reference.to_string(), "RFC 3261 §21.4.6");
    /// ```
    pub const fn reference(&self) -> Reference {
        self.reference
    }
}

impl fmt::Display for Constraint {
    /// `MUST (header Allow): <rule> [RFC 3261 §21.4.6]`, with the methods and
    /// the condition in the parentheses when there are any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.level, self.subject)?;
        for (index, method) in self.methods.iter().enumerate() {
            f.write_str(if index == 0 { ", responses to " } else { ", " })?;
            f.write_str(method)?;
        }
        if let Some(condition) = self.condition {
            write!(f, ", when {condition}")?;
        }
        write!(f, "): {} [{}]", self.rule, self.reference)
    }
}

/// The RFC 2119 keyword of a [`Constraint`].
///
/// ```
/// assert_eq!(sipcodes::Level::MustNot.to_string(), "MUST NOT");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// MUST: a response that breaks it is wrong.
    Must,
    /// MUST NOT.
    MustNot,
    /// SHOULD: breaking it needs a good reason.
    Should,
    /// SHOULD NOT.
    ShouldNot,
    /// MAY: allowed, not required.
    May,
}

impl Level {
    /// Whether breaking the rule makes a response wrong (MUST and MUST NOT).
    ///
    /// ```
    /// use sipcodes::Level;
    ///
    /// assert!(Level::MustNot.is_mandatory());
    /// assert!(!Level::Should.is_mandatory());
    /// ```
    pub const fn is_mandatory(self) -> bool {
        matches!(self, Level::Must | Level::MustNot)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Must => "MUST",
            Level::MustNot => "MUST NOT",
            Level::Should => "SHOULD",
            Level::ShouldNot => "SHOULD NOT",
            Level::May => "MAY",
        })
    }
}

/// What a [`Constraint`] is about.
///
/// ```
/// use sipcodes::{Role, SipCode, Subject};
///
/// let senders = SipCode::UseProxy.constraints().iter().find_map(|rule| match rule.subject() {
///     Subject::Sender(roles) => Some(roles),
///     _ => None,
/// });
/// assert_eq!(senders, Some(&[Role::Uas][..]));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// The response carries (or not) a header field: any one of these names.
    Header(&'static [&'static str]),
    /// The response carries (or not) a message body.
    Body,
    /// Which elements send the response.
    Sender(&'static [Role]),
    /// How an element that receives the response acts.
    Receiver(ReceiverRule),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (label, names): (&str, &[&str]) = match self {
            Subject::Header(names) => ("header ", names),
            Subject::Body => return f.write_str("message body"),
            Subject::Sender(roles) => return write_roles(f, "sender: ", roles),
            Subject::Receiver(rule) => return write_roles(f, "receiver: ", rule.roles),
        };
        f.write_str(label)?;
        write_list(f, names.iter(), " or ")
    }
}

fn write_roles(f: &mut fmt::Formatter<'_>, label: &str, roles: &[Role]) -> fmt::Result {
    f.write_str(label)?;
    write_list(f, roles.iter().map(|role| role.as_str()), ", ")
}

fn write_list<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: impl Iterator<Item = T>,
    separator: &str,
) -> fmt::Result {
    for (index, item) in items.enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

/// How an element that receives a response acts on it.
///
/// ```
/// use sipcodes::{SipCode, Subject};
///
/// let rule = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.subject() {
///     Subject::Receiver(rule) if rule.treat_as().is_some() => Some(rule),
///     _ => None,
/// });
/// let rule = rule.expect("503 without Retry-After is handled as 500");
/// assert_eq!(rule.treat_as(), Some(SipCode::ServerInternalError));
/// assert_eq!(rule.unless_header(), Some("Retry-After"));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReceiverRule {
    roles: &'static [Role],
    treat_as: Option<SipCode>,
    unless_header: Option<&'static str>,
}

impl ReceiverRule {
    pub(crate) const fn new(
        roles: &'static [Role],
        treat_as: Option<SipCode>,
        unless_header: Option<&'static str>,
    ) -> Self {
        ReceiverRule {
            roles,
            treat_as,
            unless_header,
        }
    }

    /// The receiving elements the rule is for.
    ///
    /// ```
    /// use sipcodes::{Role, SipCode, Subject};
    ///
    /// let Subject::Receiver(rule) = SipCode::Trying.constraints().iter()
    ///     .map(|c| c.subject())
    ///     .find(|s| matches!(s, Subject::Receiver(_)))
    ///     .unwrap() else { unreachable!() };
    /// assert!(rule.roles().contains(&Role::Proxy));
    /// ```
    pub const fn roles(&self) -> &'static [Role] {
        self.roles
    }

    /// The code the receiver acts on instead of the one received, if any.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let treated = SipCode::Accepted.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Receiver(rule) => rule.treat_as(),
    ///     _ => None,
    /// });
    /// assert_eq!(treated, Some(SipCode::Ok));
    /// ```
    pub const fn treat_as(&self) -> Option<SipCode> {
        self.treat_as
    }

    /// A header field whose presence lifts the rule, if any.
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let lifted_by = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Receiver(rule) => rule.unless_header(),
    ///     _ => None,
    /// });
    /// assert_eq!(lifted_by, Some("Retry-After"));
    /// ```
    pub const fn unless_header(&self) -> Option<&'static str> {
        self.unless_header
    }
}

/// An element of a SIP network, as the RFCs name them.
///
/// ```
/// assert_eq!(sipcodes::Role::RedirectServer.as_str(), "redirect-server");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Role {
    /// User agent client: sends the request.
    Uac,
    /// User agent server: answers the request.
    Uas,
    /// A proxy server.
    Proxy,
    /// A registrar (RFC 3261 §10).
    Registrar,
    /// A redirect server (RFC 3261 §8.3).
    RedirectServer,
    /// An event notifier (RFC 6665).
    Notifier,
    /// An event subscriber (RFC 6665).
    Subscriber,
    /// The first proxy on an outbound flow (RFC 5626).
    EdgeProxy,
}

impl Role {
    /// The role's name as `registry.toml` spells it.
    ///
    /// ```
    /// assert_eq!(sipcodes::Role::Uas.as_str(), "uas");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Uac => "uac",
            Role::Uas => "uas",
            Role::Proxy => "proxy",
            Role::Registrar => "registrar",
            Role::RedirectServer => "redirect-server",
            Role::Notifier => "notifier",
            Role::Subscriber => "subscriber",
            Role::EdgeProxy => "edge-proxy",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A citation of an RFC, optionally of one of its sections.
///
/// ```
/// use sipcodes::SipCode;
///
/// let reference = SipCode::BusyHere.references()[0];
/// assert_eq!(reference.rfc(), 3261);
/// assert_eq!(reference.section(), Some("21.4.24"));
/// assert_eq!(reference.url(), "https://www.rfc-editor.org/rfc/rfc3261.html#section-21.4.24");
/// assert_eq!(reference.to_string(), "RFC 3261 §21.4.24");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    rfc: u16,
    section: Option<&'static str>,
    url: &'static str,
}

impl Reference {
    pub(crate) const fn new(rfc: u16, section: Option<&'static str>, url: &'static str) -> Self {
        Reference { rfc, section, url }
    }

    /// The RFC number.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Ok.references()[0].rfc(), 3261);
    /// ```
    pub const fn rfc(&self) -> u16 {
        self.rfc
    }

    /// The section number, such as `"21.4.24"`, if the citation names one.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Ok.references()[0].section(), Some("21.2.1"));
    /// ```
    pub const fn section(&self) -> Option<&'static str> {
        self.section
    }

    /// A link to the RFC text at rfc-editor.org, anchored at the section.
    ///
    /// ```
    /// assert!(sipcodes::SipCode::Ok.references()[0].url().starts_with("https://www.rfc-editor.org/rfc/rfc3261"));
    /// ```
    pub const fn url(&self) -> &'static str {
        self.url
    }
}

impl fmt::Display for Reference {
    /// `RFC 3261 §21.4.24`, or `RFC 3261` without a section.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RFC {}", self.rfc)?;
        match self.section {
            Some(section) => write!(f, " §{section}"),
            None => Ok(()),
        }
    }
}
