//! The rules the RFCs state about responses with a given code, as data.

use core::fmt;

use crate::SipCode;
use crate::spec::render;
use crate::spec::vocab::{Citation, Level, Role};

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
    pub(crate) level: Level,
    pub(crate) subject: Subject,
    pub(crate) methods: &'static [&'static str],
    pub(crate) rule: &'static str,
    pub(crate) condition: Option<&'static str>,
    pub(crate) reference: Reference,
}

impl Constraint {
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
        render::Line {
            level: self.level,
            subject: self.subject.view(),
            methods: self.methods,
            condition: self.condition,
            rule: self.rule,
            citation: self.reference.citation(),
            markdown: false,
        }
        .fmt(f)
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

impl Subject {
    fn view(self) -> render::Subject<'static, &'static str> {
        match self {
            Subject::Header(names) => render::Subject::Header(names),
            Subject::Body => render::Subject::Body,
            Subject::Sender(roles) => render::Subject::Sender(roles),
            Subject::Receiver(rule) => render::Subject::Receiver(rule.roles),
        }
    }
}

impl fmt::Display for Subject {
    /// `header Allow or Contact`, `message body`, `sender: uas`, `receiver: uac, proxy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.view().fmt(f)
    }
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
    pub(crate) roles: &'static [Role],
    pub(crate) treat_as: Option<SipCode>,
    pub(crate) unless_header: Option<&'static str>,
}

impl ReceiverRule {
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
    pub(crate) rfc: u16,
    pub(crate) section: Option<&'static str>,
    pub(crate) url: &'static str,
}

impl Reference {
    const fn citation(self) -> Citation<'static> {
        Citation {
            rfc: self.rfc,
            section: self.section,
        }
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
        self.citation().fmt(f)
    }
}
