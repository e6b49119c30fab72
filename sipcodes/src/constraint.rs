//! The rules the RFCs state about responses with a given code, as data.

use core::fmt;

use crate::spec::render;
use crate::spec::vocab::{DialogEffect, Failure, Level, ProxyAction, Role};
use crate::{Reference, Scope, SipCode};

/// One rule an RFC states about responses with a given code: which header fields
/// they carry, which methods they answer, who sends them, how a receiver, a
/// dialog or a proxy treats them.
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
    pub(crate) scope: Scope,
    pub(crate) rule: &'static str,
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
    /// assert!(SipCode::MethodNotAllowed
    ///     .constraints()
    ///     .iter()
    ///     .any(|rule| matches!(rule.subject(), Subject::Header(_))));
    /// ```
    pub const fn subject(&self) -> Subject {
        self.subject
    }

    /// The circumstances the rule is limited to: the request's method, what the
    /// request carried, whether it was sent inside a dialog.
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let min_expires = SipCode::IntervalTooBrief
    ///     .constraints()
    ///     .iter()
    ///     .find(|rule| rule.subject() == Subject::Header(&["Min-Expires"]))
    ///     .expect("423 carries Min-Expires");
    /// assert!(min_expires.scope().methods().contains(&"REGISTER"));
    /// ```
    pub const fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The request methods whose responses the rule is about; empty when it
    /// is not limited to some methods. Same as `scope().methods()`.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints()[0].methods().is_empty());
    /// ```
    pub const fn methods(&self) -> &'static [&'static str] {
        self.scope.methods()
    }

    /// Whether the rule can apply to a response to `method` (compared exactly,
    /// as SIP methods are case-sensitive); its other circumstances aside.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints()[0].applies_to("INVITE"));
    /// ```
    pub fn applies_to(&self, method: &str) -> bool {
        self.scope.admits_method(method)
    }

    /// The rule in one sentence.
    ///
    /// ```
    /// assert!(!sipcodes::SipCode::MethodNotAllowed.constraints()[0].rule().is_empty());
    /// ```
    pub const fn rule(&self) -> &'static str {
        self.rule
    }

    /// The circumstance the rule is limited to, in prose, when no key of the
    /// registry can state it; `None` otherwise. Same as `scope().condition()`.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].condition(), None);
    /// ```
    pub const fn condition(&self) -> Option<&'static str> {
        self.scope.condition()
    }

    /// Where the RFC states the rule.
    ///
    /// ```
    /// let reference = sipcodes::SipCode::MethodNotAllowed.constraints()[0].reference();
    /// assert_eq!(reference.rfc(), 3261);
    /// ```
    pub const fn reference(&self) -> Reference {
        self.reference
    }
}

impl fmt::Display for Constraint {
    /// `MUST (header Allow): <rule> [RFC 3261 §21.4.6]`, with the scope in the
    /// parentheses when there is one.
    ///
    /// ```
    /// let allow = &sipcodes::SipCode::MethodNotAllowed.constraints()[0];
    /// assert!(allow.to_string().starts_with("MUST (header Allow): "));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render::Line {
            level: self.level,
            subject: self.subject.view(),
            scope: self.scope.view(),
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
/// assert!(senders.is_some_and(|roles| roles.contains(&Role::Uas)));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// The response carries (or not) a header field: any one of these names.
    Header(&'static [&'static str]),
    /// The response carries (or not) a message body, of this content type if
    /// one is named.
    Body(Option<&'static str>),
    /// The code answers only the scope's methods, or never its
    /// [`except_methods`](Scope::except_methods).
    Answers,
    /// Which elements may send the response.
    Sender(&'static [Role]),
    /// When these elements send the response (the scope says when).
    Send(&'static [Role]),
    /// How an element that receives the response acts.
    Receiver(ReceiverRule),
    /// What the response does to the dialog, its usage or its subscription.
    Dialog(DialogEffect),
    /// What a stateful proxy does with the response (RFC 3261 §16.7).
    Proxy(ProxyRule),
    /// The header field that carries the value to retry with.
    Retry(&'static str),
}

impl Subject {
    fn view(self) -> render::Subject<'static, &'static str> {
        match self {
            Subject::Header(names) => render::Subject::Header(names),
            Subject::Body(content_type) => render::Subject::Body(content_type),
            Subject::Answers => render::Subject::Answers,
            Subject::Sender(roles) => render::Subject::Sender(roles),
            Subject::Send(roles) => render::Subject::Send(roles),
            Subject::Receiver(rule) => render::Subject::Receiver(rule.roles),
            Subject::Dialog(effect) => render::Subject::Dialog(effect),
            Subject::Proxy(rule) => render::Subject::Proxy(rule.action),
            Subject::Retry(header) => render::Subject::Retry(header),
        }
    }
}

impl fmt::Display for Subject {
    /// `header Allow or Contact`, `message body`, `sender: uas`, `dialog: usage`, …
    ///
    /// ```
    /// assert_eq!(sipcodes::Subject::Header(&["Allow"]).to_string(), "header Allow");
    /// ```
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
    pub(crate) stands_for: Option<Failure>,
}

impl ReceiverRule {
    /// The receiving elements the rule is for.
    ///
    /// ```
    /// use sipcodes::{Role, SipCode, Subject};
    ///
    /// let rule = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Receiver(rule) if rule.treat_as().is_some() => Some(rule),
    ///     _ => None,
    /// });
    /// assert!(rule.is_some_and(|rule| rule.roles().contains(&Role::Uac)));
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

    /// The failure the receiver handles as if a response with this code had
    /// arrived, if the rule names one; [`SipCode::for_failure`] looks it up.
    ///
    /// ```
    /// use sipcodes::{Failure, SipCode, Subject};
    ///
    /// let failure = SipCode::RequestTimeout.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Receiver(rule) => rule.stands_for(),
    ///     _ => None,
    /// });
    /// assert_eq!(failure, Some(Failure::Timeout));
    /// ```
    pub const fn stands_for(&self) -> Option<Failure> {
        self.stands_for
    }
}

/// What a stateful proxy does with a response (RFC 3261 §16.7).
///
/// ```
/// use sipcodes::{ProxyAction, SipCode, Subject};
///
/// let rule = SipCode::Trying.constraints().iter().find_map(|c| match c.subject() {
///     Subject::Proxy(rule) => Some(rule),
///     _ => None,
/// });
/// assert_eq!(rule.map(|rule| rule.action()), Some(ProxyAction::Absorb));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProxyRule {
    pub(crate) action: ProxyAction,
    pub(crate) prefer: Option<u8>,
    pub(crate) upstream_as: Option<SipCode>,
    pub(crate) merge: &'static [&'static str],
}

impl ProxyRule {
    /// What the proxy does with it.
    ///
    /// ```
    /// use sipcodes::{ProxyAction, SipCode, Subject};
    ///
    /// let actions = SipCode::Unauthorized.constraints().iter().filter_map(|c| match c.subject() {
    ///     Subject::Proxy(rule) => Some(rule.action()),
    ///     _ => None,
    /// });
    /// assert!(actions.into_iter().all(|action| action == ProxyAction::Collect));
    /// ```
    pub const fn action(&self) -> ProxyAction {
        self.action
    }

    /// Its rank among the responses kept when the best one is chosen: 1 is the
    /// most preferred, `None` comes last (RFC 3261 §16.7 step 6: a 6xx, else the
    /// lowest class, and within 4xx 401, 407, 415, 420 and 484).
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let prefer = SipCode::Unauthorized.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Proxy(rule) => rule.prefer(),
    ///     _ => None,
    /// });
    /// assert_eq!(prefer, Some(3));
    /// ```
    pub const fn prefer(&self) -> Option<u8> {
        self.prefer
    }

    /// The code sent upstream instead, if any (a 503 the proxy chose goes up as
    /// 500, RFC 3261 §16.7 step 6 and §21.5.4).
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let upstream = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Proxy(rule) => rule.upstream_as(),
    ///     _ => None,
    /// });
    /// assert_eq!(upstream, Some(SipCode::ServerInternalError));
    /// ```
    pub const fn upstream_as(&self) -> Option<SipCode> {
        self.upstream_as
    }

    /// Header fields merged into the response sent from every response of this
    /// kind received (the challenges of 401 and 407).
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let merged = SipCode::ProxyAuthenticationRequired.constraints().iter().find_map(|c| match c.subject() {
    ///     Subject::Proxy(rule) if !rule.merge().is_empty() => Some(rule.merge()),
    ///     _ => None,
    /// });
    /// assert!(merged.is_some_and(|names| names.contains(&"Proxy-Authenticate")));
    /// ```
    pub const fn merge(&self) -> &'static [&'static str] {
        self.merge
    }
}
