//! Checking a response against the registry's constraints.

use core::fmt;

use crate::{Constraint, Level, SipCode, StatusCode, Subject, header};

/// What a validator needs to know about a response: its code, the names of its
/// header fields, whether it has a body and, when known, the method of the
/// request it answers.
///
/// Every header and body rule of the registry is checked that holds for every
/// response with that code: rules limited by a condition the response cannot
/// show ([`Constraint::condition`]) are left out, and rules limited to some
/// methods apply only when the method is given. A rule added to
/// `registry.toml` is checked with no code change.
///
/// ```
/// use sipcodes::{Level, Response, SipCode};
///
/// let response = Response::new(SipCode::MethodNotAllowed).headers(&["Via", "To", "From", "Call-ID", "CSeq"]);
/// let violation = response.violations().next().expect("405 requires Allow");
/// assert_eq!(violation.header(), Some("Allow"));
/// assert_eq!(violation.level(), Level::Must);
/// assert_eq!(violation.to_string(), "405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)");
/// assert!(!response.is_valid());
///
/// let fixed = Response::new(SipCode::MethodNotAllowed).headers(&["allow"]);
/// assert!(fixed.is_valid());
/// ```
#[derive(Copy, Clone, Debug)]
pub struct Response<'a> {
    status: StatusCode,
    headers: &'a [&'a str],
    has_body: bool,
    method: Option<&'a str>,
}

impl<'a> Response<'a> {
    /// A response with this code, no header fields and no body.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode, StatusCode};
    ///
    /// assert!(Response::new(SipCode::Ok).is_valid());
    /// assert!(Response::new(StatusCode::new(499)?).is_valid(), "no rules for unregistered codes");
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn new(status: impl Into<StatusCode>) -> Self {
        Response {
            status: status.into(),
            headers: &[],
            has_body: false,
            method: None,
        }
    }

    /// The names of the response's header fields, in any case, full or compact.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// assert!(Response::new(SipCode::BadExtension).headers(&["Unsupported"]).is_valid());
    /// ```
    pub fn headers(self, headers: &'a [&'a str]) -> Self {
        Response { headers, ..self }
    }

    /// Whether the response carries a message body.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// assert!(Response::new(SipCode::Ok).body(true).is_valid());
    /// ```
    pub fn body(self, has_body: bool) -> Self {
        Response { has_body, ..self }
    }

    /// The method of the request the response answers, for method-specific rules.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::IntervalTooBrief).method("REGISTER");
    /// assert_eq!(response.violations().next().and_then(|v| v.header()), Some("Min-Expires"));
    /// ```
    pub fn method(self, method: &'a str) -> Self {
        Response {
            method: Some(method),
            ..self
        }
    }

    /// Every rule the response breaks, MUST and MUST NOT rules and SHOULD and
    /// SHOULD NOT rules alike; [`Violation::is_mandatory`] tells them apart.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let broken = Response::new(SipCode::Unauthorized).violations().filter(|v| v.is_mandatory()).count();
    /// assert_eq!(broken, 1);
    /// ```
    pub fn violations(&self) -> impl Iterator<Item = Violation> + '_ {
        let code = self.status.known();
        let constraints = code.map_or(&[][..], SipCode::constraints);
        constraints.iter().filter_map(move |constraint| {
            Some(Violation {
                code: code?,
                constraint,
                problem: self.problem(constraint)?,
            })
        })
    }

    /// Whether the response breaks no MUST or MUST NOT rule.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// assert!(Response::new(SipCode::ProxyAuthenticationRequired).headers(&["Proxy-Authenticate"]).is_valid());
    /// assert!(!Response::new(SipCode::ProxyAuthenticationRequired).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        !self.violations().any(|violation| violation.is_mandatory())
    }

    fn applies(&self, constraint: &Constraint) -> bool {
        constraint.condition().is_none()
            && (constraint.methods().is_empty()
                || self
                    .method
                    .is_some_and(|method| constraint.applies_to(method)))
    }

    fn problem(&self, constraint: &Constraint) -> Option<Problem> {
        if !self.applies(constraint) {
            return None;
        }
        let required = match constraint.level() {
            Level::Must | Level::Should => true,
            Level::MustNot | Level::ShouldNot => false,
            Level::May => return None,
        };
        let present = match constraint.subject() {
            Subject::Header(names) => self
                .headers
                .iter()
                .any(|header| names.iter().any(|name| header::same(header, name))),
            Subject::Body => self.has_body,
            _ => return None,
        };
        match (constraint.subject(), required, present) {
            (Subject::Header(_), true, false) => Some(Problem::MissingHeader),
            (Subject::Header(_), false, true) => Some(Problem::ForbiddenHeader),
            (Subject::Body, true, false) => Some(Problem::MissingBody),
            (Subject::Body, false, true) => Some(Problem::ForbiddenBody),
            _ => None,
        }
    }
}

/// One rule a response breaks.
///
/// ```
/// use sipcodes::{Problem, Response, SipCode};
///
/// let violation = Response::new(SipCode::ExtensionRequired).violations().next().unwrap();
/// assert_eq!(violation.code(), SipCode::ExtensionRequired);
/// assert_eq!(violation.problem(), Problem::MissingHeader);
/// assert_eq!(violation.header(), Some("Require"));
/// assert_eq!(violation.constraint().reference().to_string(), "RFC 3261 §21.4.16");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    code: SipCode,
    constraint: &'static Constraint,
    problem: Problem,
}

/// How a response breaks a rule.
///
/// ```
/// assert_ne!(sipcodes::Problem::MissingHeader, sipcodes::Problem::ForbiddenHeader);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// A header field the rule requires is absent (for a rule naming several
    /// header fields: all of them are).
    MissingHeader,
    /// A header field the rule forbids is present.
    ForbiddenHeader,
    /// The rule requires a message body and there is none.
    MissingBody,
    /// The rule forbids a message body and there is one.
    ForbiddenBody,
}

impl Violation {
    /// The response's code.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let violation = Response::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.code(), SipCode::BadExtension);
    /// ```
    pub fn code(&self) -> SipCode {
        self.code
    }

    /// The rule broken, with its level, text and RFC section.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let violation = Response::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.constraint().reference().rfc(), 3261);
    /// ```
    pub fn constraint(&self) -> &'static Constraint {
        self.constraint
    }

    /// How the response breaks it.
    ///
    /// ```
    /// use sipcodes::{Problem, Response, SipCode};
    ///
    /// let violation = Response::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.problem(), Problem::MissingHeader);
    /// ```
    pub fn problem(&self) -> Problem {
        self.problem
    }

    /// The rule's level: MUST and MUST NOT make the response wrong.
    ///
    /// ```
    /// use sipcodes::{Level, Response, SipCode};
    ///
    /// let violation = Response::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.level(), Level::Must);
    /// ```
    pub fn level(&self) -> Level {
        self.constraint.level()
    }

    /// Whether the rule is a MUST or MUST NOT.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// assert!(Response::new(SipCode::BadExtension).violations().next().unwrap().is_mandatory());
    /// ```
    pub fn is_mandatory(&self) -> bool {
        self.level().is_mandatory()
    }

    /// The header field the rule is about, for a header rule (the first name,
    /// when any of several would do).
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let violation = Response::new(SipCode::Unauthorized).violations().next().unwrap();
    /// assert_eq!(violation.header(), Some("WWW-Authenticate"));
    /// ```
    pub fn header(&self) -> Option<&'static str> {
        match self.constraint.subject() {
            Subject::Header(names) => names.first().copied(),
            _ => None,
        }
    }
}

impl fmt::Display for Violation {
    /// `405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.code, self.level())?;
        match (self.problem, self.constraint.subject()) {
            (Problem::MissingHeader | Problem::ForbiddenHeader, Subject::Header(names)) => {
                f.write_str("carry ")?;
                for (index, name) in names.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" or ")?;
                    }
                    f.write_str(name)?;
                }
            }
            _ => f.write_str("carry a message body")?,
        }
        write!(f, " ({})", self.constraint.reference())
    }
}
