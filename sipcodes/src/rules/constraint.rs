//! The rules the RFCs state about responses with a given code, as data.

use core::fmt;

use crate::SipCode;
use crate::rules::{Basis, Failure, Level, ProxyAction, Reference, Role, Scope, Timer};
use crate::spec::render;

/// One rule an RFC states about responses with a given code: which header fields
/// they carry, which methods they answer, who sends them, how a receiver, a
/// dialog or a proxy treats them.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::rules::{Kind, Level};
///
/// let allow = SipCode::MethodNotAllowed
///     .constraints()
///     .iter()
///     .find(|rule| matches!(rule.kind(), Kind::Header(names) if names.contains(&"Allow")))
///     .expect("405 requires Allow");
/// assert_eq!(allow.level(), Level::Must);
/// assert_eq!(allow.reference().rfc(), 3261);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Constraint {
    pub(crate) level: Level,
    pub(crate) basis: Basis,
    pub(crate) kind: Kind,
    pub(crate) scope: render::Scope<'static, &'static str>,
    pub(crate) rule: &'static str,
    pub(crate) reference: Reference,
}

impl Constraint {
    /// The generated tables build each rule through this function rather than
    /// a struct literal: positional arguments save the field names, which
    /// took `#[sip_code]` from 34 394 tokens to 30 364.
    pub(crate) const fn of(
        level: Level,
        basis: Basis,
        kind: Kind,
        scope: render::Scope<'static, &'static str>,
        rule: &'static str,
        reference: Reference,
    ) -> Self {
        Constraint {
            level,
            basis,
            kind,
            scope,
            rule,
            reference,
        }
    }

    /// How strong the rule is: the RFC 2119 keyword.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Level;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints().iter().any(|c| c.level() == Level::Must));
    /// ```
    pub const fn level(&self) -> Level {
        self.level
    }

    /// What the level rests on: an RFC 2119 keyword in the sentence, or,
    /// for a description, a standards-track sentence without one or an
    /// Informational RFC. Only keyword rules are requirements.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Basis, Kind};
    ///
    /// let allow = SipCode::MethodNotAllowed.constraints()[0];
    /// assert_eq!(allow.basis(), Basis::Keyword);
    /// // RFC 5057 §5.1, Informational: a 404 inside a dialog ends it.
    /// let gone = SipCode::NotFound.constraints().iter().find(|rule| matches!(rule.kind(), Kind::Dialog(_))).unwrap();
    /// assert_eq!(gone.basis(), Basis::Informational);
    /// ```
    pub const fn basis(&self) -> Basis {
        self.basis
    }

    /// What the rule is about.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// assert!(SipCode::MethodNotAllowed
    ///     .constraints()
    ///     .iter()
    ///     .any(|rule| matches!(rule.kind(), Kind::Header(_))));
    /// ```
    pub const fn kind(&self) -> Kind {
        self.kind
    }

    /// The circumstances the rule is limited to: the request's method, what the
    /// request carried, whether it was sent inside a dialog.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let min_expires = SipCode::IntervalTooBrief
    ///     .constraints()
    ///     .iter()
    ///     .find(|rule| rule.kind() == Kind::Header(&["Min-Expires"]))
    ///     .expect("423 carries Min-Expires");
    /// assert!(min_expires.scope().methods().contains(&"REGISTER"));
    /// ```
    pub const fn scope(&self) -> Scope {
        Scope(self.scope)
    }

    /// The rule in one sentence.
    ///
    /// ```
    /// assert!(!sipcodes::SipCode::MethodNotAllowed.constraints()[0].rule().is_empty());
    /// ```
    pub const fn rule(&self) -> &'static str {
        self.rule
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
            basis: self.basis,
            kind: self.kind,
            scope: self.scope,
            rule: self.rule,
            citation: self.reference.citation(),
            markdown: false,
        }
        .fmt(f)
    }
}

/// What a [`Constraint`] is about: the `kind` of the rule in `registry.toml`,
/// with the keys that belong to it.
pub type Kind = render::Kind<'static, &'static str, ReceiverRule, ProxyRule>;

impl render::ReceiverRoles for ReceiverRule {
    fn receiver_roles(&self) -> &[Role] {
        self.roles
    }
}

impl render::ProxyActionOf for ProxyRule {
    fn proxy_action(&self) -> ProxyAction {
        self.action
    }
}

/// How an element that receives a response acts on it.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::rules::Kind;
///
/// let rule = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.kind() {
///     Kind::Receiver(rule) if rule.treat_as().is_some() => Some(rule),
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
    pub(crate) restarts: Option<Timer>,
}

impl ReceiverRule {
    /// The receiving elements the rule is for.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Kind, Role};
    ///
    /// let rule = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Receiver(rule) if rule.treat_as().is_some() => Some(rule),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let treated = SipCode::Accepted.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Receiver(rule) => rule.treat_as(),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let lifted_by = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Receiver(rule) => rule.unless_header(),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Failure, Kind};
    ///
    /// let failure = SipCode::RequestTimeout.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Receiver(rule) => rule.stands_for(),
    ///     _ => None,
    /// });
    /// assert_eq!(failure, Some(Failure::Timeout));
    /// ```
    pub const fn stands_for(&self) -> Option<Failure> {
        self.stands_for
    }

    /// The timer the receiver restarts when the response arrives, if any: a
    /// proxy's timer C on a 101–199 to an INVITE (RFC 3261 §16.7 step 2).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Kind, Timer};
    ///
    /// let restarts = StatusCode::RINGING.rules().find_map(|c| match c.kind() {
    ///     Kind::Receiver(rule) => rule.restarts(),
    ///     _ => None,
    /// });
    /// assert_eq!(restarts, Some(Timer::C));
    /// ```
    pub const fn restarts(&self) -> Option<Timer> {
        self.restarts
    }
}

/// What a stateful proxy does with a response (RFC 3261 §16.7).
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::rules::{Kind, ProxyAction};
///
/// let rule = SipCode::Trying.constraints().iter().find_map(|c| match c.kind() {
///     Kind::Proxy(rule) => Some(rule),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Kind, ProxyAction};
    ///
    /// let actions = SipCode::Unauthorized.constraints().iter().filter_map(|c| match c.kind() {
    ///     Kind::Proxy(rule) => Some(rule.action()),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let prefer = SipCode::Unauthorized.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Proxy(rule) => rule.prefer(),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let upstream = SipCode::ServiceUnavailable.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Proxy(rule) => rule.upstream_as(),
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let merged = SipCode::ProxyAuthenticationRequired.constraints().iter().find_map(|c| match c.kind() {
    ///     Kind::Proxy(rule) if !rule.merge().is_empty() => Some(rule.merge()),
    ///     _ => None,
    /// });
    /// assert!(merged.is_some_and(|names| names.contains(&"Proxy-Authenticate")));
    /// ```
    pub const fn merge(&self) -> &'static [&'static str] {
        self.merge
    }
}
