//! Checking a response against the registry's rules, knowing what is known of
//! the request it answers.

use core::fmt;

use crate::scope::{Circumstances, Decision};
use crate::{Constraint, Level, Role, Scope, SipCode, StatusCode, Subject, header};

/// What a validator knows about a response: its code, the names of its header
/// fields, whether it has a body, which element generated it, and whatever is
/// known of the request it answers (its method, its header fields, the option
/// tags of its Require and Supported header fields, whether it was sent inside a
/// dialog).
///
/// Every header, body and method rule of the registry is checked whose
/// circumstances ([`Scope`]) can be decided from what was given: the code's own
/// rules and the rules over every response or its class
/// ([`GeneralRule`](crate::GeneralRule)), so a rule added to `registry.toml` is
/// checked with no code change. Rules it cannot decide are listed apart by
/// [`undecided`](Response::undecided).
///
/// ```
/// use sipcodes::{Level, Response, SipCode};
///
/// const DIALOG: [&str; 5] = ["Via", "To", "From", "Call-ID", "CSeq"];
///
/// let response = Response::new(SipCode::MethodNotAllowed).headers(DIALOG);
/// let violation = response.violations().next().expect("405 requires Allow");
/// assert_eq!(violation.header(), Some("Allow"));
/// assert_eq!(violation.level(), Level::Must);
/// assert_eq!(violation.to_string(), "405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)");
/// assert!(!response.is_valid());
///
/// let fixed = Response::new(SipCode::MethodNotAllowed).headers(DIALOG.iter().chain(&["allow"]));
/// assert!(fixed.is_valid());
/// ```
#[derive(Copy, Clone, Debug)]
pub struct Response<'a, H = &'a [&'a str]> {
    status: StatusCode,
    headers: H,
    has_body: bool,
    method: Option<&'a str>,
    /// The roles of the element that generated the response, if known.
    generated_by: Option<&'a [Role]>,
    request: Request<'a>,
}

/// What is known of the request.
#[derive(Copy, Clone, Debug, Default)]
struct Request<'a> {
    headers: Option<&'a [&'a str]>,
    require: Option<&'a [&'a str]>,
    supported: Option<&'a [&'a str]>,
    in_dialog: Option<bool>,
}

impl<'a> Response<'a> {
    /// A response with this code, no header fields and no body, to a request of
    /// which nothing is known.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// // Every response carries Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2).
    /// assert!(!Response::new(SipCode::Ok).is_valid());
    /// ```
    pub fn new(status: impl Into<StatusCode>) -> Self {
        Response {
            status: status.into(),
            headers: &[],
            has_body: false,
            method: None,
            generated_by: None,
            request: Request::default(),
        }
    }
}

impl<'a, H> Response<'a, H>
where
    H: IntoIterator + Clone,
    H::Item: AsRef<str>,
{
    /// The names of the response's header fields, in any case, full or compact:
    /// any iterable of names (an array, a slice, a `Vec`, the keys of a map).
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let names = vec![String::from("v"), "f".into(), "t".into(), "i".into(), "CSeq".into(), "Unsupported".into()];
    /// assert!(Response::new(SipCode::BadExtension).headers(&names).is_valid());
    /// ```
    pub fn headers<N>(self, headers: N) -> Response<'a, N>
    where
        N: IntoIterator + Clone,
        N::Item: AsRef<str>,
    {
        Response {
            status: self.status,
            headers,
            has_body: self.has_body,
            method: self.method,
            generated_by: self.generated_by,
            request: self.request,
        }
    }

    /// Whether the response carries a message body.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::Ok).body(true);
    /// assert!(response.violations().all(|v| v.header().is_some()));
    /// ```
    pub fn body(self, has_body: bool) -> Self {
        Response { has_body, ..self }
    }

    /// The roles of the element that generated the response (a UAS answering,
    /// a proxy answering on its own; a UA that is also a notifier plays both
    /// `Uas` and `Notifier`), as opposed to one that forwards it. Rules limited
    /// to responses some elements generate are decided only when this is known.
    ///
    /// ```
    /// use sipcodes::{Response, Role, SipCode};
    ///
    /// let headers = ["Via", "From", "To", "Call-ID", "CSeq", "Allow"];
    /// // RFC 3261 §11.2: a 200 to OPTIONS carries Allow when a UA sends it, and
    /// // leaves it out when a proxy does, since a proxy does not know the methods.
    /// let ok = Response::new(SipCode::Ok).method("OPTIONS").headers(headers);
    /// assert!(ok.generated_by(&[Role::Proxy]).violations().any(|v| v.header() == Some("Allow")));
    /// assert!(!ok.generated_by(&[Role::Uas]).violations().any(|v| v.header() == Some("Allow")));
    /// // RFC 6665 §4.4.4: a UA that is a notifier lists its event packages.
    /// let notifier = ok.generated_by(&[Role::Uas, Role::Notifier]);
    /// assert!(notifier.violations().any(|v| v.header() == Some("Allow-Events")));
    /// ```
    pub fn generated_by(self, roles: &'a [Role]) -> Self {
        Response {
            generated_by: Some(roles),
            ..self
        }
    }

    /// The method of the request the response answers.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::IntervalTooBrief).method("REGISTER");
    /// assert!(response.violations().any(|v| v.header() == Some("Min-Expires")));
    /// ```
    pub fn method(self, method: &'a str) -> Self {
        Response {
            method: Some(method),
            ..self
        }
    }

    /// The names of the request's header fields, for rules that hold when the
    /// request carried one (a 100 echoes the request's Timestamp).
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let trying = Response::new(SipCode::Trying).method("INVITE");
    /// let with_timestamp = trying.request_headers(&["Timestamp"]);
    /// assert!(with_timestamp.violations().any(|v| v.header() == Some("Timestamp")));
    /// assert!(!trying.request_headers(&[]).violations().any(|v| v.header() == Some("Timestamp")));
    /// ```
    pub fn request_headers(self, names: &'a [&'a str]) -> Self {
        let request = self.request;
        self.with_request(Request {
            headers: Some(names),
            ..request
        })
    }

    /// The option tags of the request's Require header fields.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::Ok).method("INVITE").request_require(&["100rel"]);
    /// assert!(response.undecided().all(|rule| rule.scope().request_requires().is_none()));
    /// ```
    pub fn request_require(self, tags: &'a [&'a str]) -> Self {
        let request = self.request;
        self.with_request(Request {
            require: Some(tags),
            ..request
        })
    }

    /// The option tags of the request's Supported header fields.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::Ok).method("INVITE").request_supported(&["timer"]);
    /// assert!(response.undecided().all(|rule| rule.scope().request_supports().is_none()));
    /// ```
    pub fn request_supported(self, tags: &'a [&'a str]) -> Self {
        let request = self.request;
        self.with_request(Request {
            supported: Some(tags),
            ..request
        })
    }

    /// Whether the request was sent inside a dialog (its To header field had a tag).
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let ringing = Response::new(SipCode::Ringing).method("INVITE");
    /// // A 18x to an INVITE outside a dialog creates an early dialog: it carries Contact.
    /// assert!(ringing.in_dialog(false).violations().any(|v| v.header() == Some("Contact")));
    /// assert!(!ringing.in_dialog(true).violations().any(|v| v.header() == Some("Contact")));
    /// ```
    pub fn in_dialog(self, in_dialog: bool) -> Self {
        let request = self.request;
        self.with_request(Request {
            in_dialog: Some(in_dialog),
            ..request
        })
    }

    /// The response's code.
    ///
    /// ```
    /// use sipcodes::{Response, StatusCode};
    ///
    /// assert_eq!(Response::new(StatusCode::OK).status(), StatusCode::OK);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    fn with_request(self, request: Request<'a>) -> Self {
        Response { request, ..self }
    }

    /// Every rule the response breaks, MUST and MUST NOT rules and SHOULD and
    /// SHOULD NOT rules alike; [`Violation::is_mandatory`] tells them apart.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let response = Response::new(SipCode::Unauthorized).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
    /// let broken: Vec<_> = response.violations().filter(|v| v.is_mandatory()).collect();
    /// assert_eq!(broken.len(), 1);
    /// assert_eq!(broken[0].header(), Some("WWW-Authenticate"));
    /// ```
    pub fn violations(&self) -> impl Iterator<Item = Violation> + '_ {
        self.checked().filter_map(move |(constraint, decision)| {
            let problem = match decision {
                Decision::Applies => self.problem(constraint)?,
                Decision::Undecided | Decision::DoesNotApply => return None,
            };
            Some(Violation {
                status: self.status,
                constraint,
                problem,
            })
        })
    }

    /// The rules the validator could not decide: their circumstances need what
    /// was not given (the method, the request's header fields or option tags,
    /// the dialog, who generated the response) or are stated in prose
    /// ([`Scope::condition`]). MAY rules are left out: nothing breaks them.
    ///
    /// ```
    /// use sipcodes::{Level, Response, SipCode};
    ///
    /// let unknown_method = Response::new(SipCode::Ok);
    /// let known_method = unknown_method.method("OPTIONS");
    /// assert!(unknown_method.undecided().count() > known_method.undecided().count());
    /// assert!(unknown_method.undecided().all(|rule| rule.level() != Level::May));
    /// ```
    pub fn undecided(&self) -> impl Iterator<Item = &'static Constraint> + '_ {
        self.checked()
            .filter(|(constraint, decision)| {
                *decision == Decision::Undecided && constraint.level() != Level::May
            })
            .map(|(constraint, _)| constraint)
    }

    /// Whether the response breaks no MUST or MUST NOT rule.
    ///
    /// ```
    /// use sipcodes::{Response, SipCode};
    ///
    /// let headers = ["Via", "From", "To", "Call-ID", "CSeq", "Proxy-Authenticate"];
    /// assert!(Response::new(SipCode::ProxyAuthenticationRequired).headers(headers).is_valid());
    /// assert!(!Response::new(SipCode::ProxyAuthenticationRequired).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        !self.violations().any(|violation| violation.is_mandatory())
    }

    /// The rules about the content of a response, with whether each applies here.
    fn checked(&self) -> impl Iterator<Item = (&'static Constraint, Decision)> + '_ {
        self.status
            .rules()
            .filter(|constraint| {
                matches!(
                    constraint.subject(),
                    Subject::Header(_) | Subject::Body(_) | Subject::Answers
                )
            })
            .map(|constraint| (constraint, self.decide_among_own(constraint)))
    }

    /// A rule over many codes gives way wherever one of the code's own rules
    /// about the same thing says the opposite (forbids what it requires, or
    /// requires or allows what it forbids) and applies; it is undecided
    /// where such a rule might apply. Rules that agree both stand.
    fn decide_among_own(&self, constraint: &'static Constraint) -> Decision {
        let decision = self.decide(constraint);
        let own: &'static [Constraint] = self.status.known().map_or(&[], SipCode::constraints);
        if decision == Decision::DoesNotApply
            || own.iter().any(|mine| core::ptr::eq(mine, constraint))
        {
            return decision;
        }
        let opposite = |mine: &&Constraint| {
            mine.subject() == constraint.subject()
                && mine.level().is_negative() != constraint.level().is_negative()
        };
        let mut might_give_way = false;
        for mine in own.iter().filter(opposite) {
            match self.decide(mine) {
                Decision::Applies => return Decision::DoesNotApply,
                Decision::Undecided => might_give_way = true,
                Decision::DoesNotApply => {}
            }
        }
        if might_give_way {
            Decision::Undecided
        } else {
            decision
        }
    }

    fn decide(&self, constraint: &Constraint) -> Decision {
        let scope = *constraint.scope();
        if constraint.subject() != Subject::Answers {
            return scope.decide(self);
        }
        // For a method rule the methods, and whether the request came inside a
        // dialog, are what it is about, not limits.
        let about = Scope {
            methods: &[],
            except_methods: &[],
            in_dialog: None,
            ..scope
        };
        match about.decide(self) {
            Decision::Applies if self.answered(&scope).is_none() => Decision::Undecided,
            decision => decision,
        }
    }

    /// Whether the request is one a method rule lets the code answer; `None`
    /// when what is known of the request does not tell.
    fn answered(&self, scope: &Scope) -> Option<bool> {
        let method = scope.admits_method(self.method?);
        match scope.in_dialog() {
            Some(wanted) if method => self.request.in_dialog.map(|actual| actual == wanted),
            _ => Some(method),
        }
    }

    fn problem(&self, constraint: &Constraint) -> Option<Problem> {
        let required = match constraint.level() {
            Level::Must | Level::Should => true,
            Level::MustNot | Level::ShouldNot => false,
            Level::May => return None,
        };
        match constraint.subject() {
            Subject::Header(names) => {
                let present = self
                    .headers
                    .clone()
                    .into_iter()
                    .any(|header| names.iter().any(|name| header::same(header.as_ref(), name)));
                match (required, present) {
                    (true, false) => Some(Problem::MissingHeader),
                    (false, true) => Some(Problem::ForbiddenHeader),
                    _ => None,
                }
            }
            Subject::Body(_) => match (required, self.has_body) {
                (true, false) => Some(Problem::MissingBody),
                (false, true) => Some(Problem::ForbiddenBody),
                _ => None,
            },
            Subject::Answers => {
                let answered = self.answered(constraint.scope())?;
                (answered != required).then_some(Problem::UnexpectedMethod)
            }
            _ => None,
        }
    }
}

impl<H> Circumstances for Response<'_, H> {
    fn method(&self) -> Option<&str> {
        self.method
    }
    fn request_has(&self, name: &str) -> Option<bool> {
        let names = self.request.headers?;
        Some(names.iter().any(|given| header::same(given, name)))
    }
    fn request_requires(&self, tag: &str) -> Option<bool> {
        self.request.require.map(|tags| tags.contains(&tag))
    }
    fn request_supports(&self, tag: &str) -> Option<bool> {
        self.request.supported.map(|tags| tags.contains(&tag))
    }
    fn in_dialog(&self) -> Option<bool> {
        self.request.in_dialog
    }
    /// A validator never knows it: the rules about that time are undecided.
    fn after_final(&self) -> Option<bool> {
        None
    }
    fn generated_by(&self, roles: &[Role]) -> Option<bool> {
        let mine = self.generated_by?;
        Some(mine.iter().any(|role| roles.contains(role)))
    }
}

/// One rule a response breaks.
///
/// ```
/// use sipcodes::{Problem, Response, SipCode, StatusCode};
///
/// let response = Response::new(SipCode::ExtensionRequired).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
/// let violation = response.violations().next().unwrap();
/// assert_eq!(violation.status(), StatusCode::EXTENSION_REQUIRED);
/// assert_eq!(violation.problem(), Problem::MissingHeader);
/// assert_eq!(violation.header(), Some("Require"));
/// assert_eq!(violation.constraint().reference().to_string(), "RFC 3261 §21.4.16");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    status: StatusCode,
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
    /// The code does not answer this request: its method, or whether it was
    /// sent inside a dialog, is not one the rule names.
    UnexpectedMethod,
}

impl Violation {
    /// The response's code.
    ///
    /// ```
    /// use sipcodes::{Response, StatusCode};
    ///
    /// let violation = Response::new(StatusCode::BAD_EXTENSION).violations().next().unwrap();
    /// assert_eq!(violation.status(), StatusCode::BAD_EXTENSION);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
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
    /// let response = Response::new(SipCode::Unauthorized).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
    /// assert_eq!(response.violations().next().unwrap().header(), Some("WWW-Authenticate"));
    /// ```
    pub fn header(&self) -> Option<&'static str> {
        match self.constraint.subject() {
            Subject::Header(names) => names.first().copied(),
            _ => None,
        }
    }
}

impl fmt::Display for Violation {
    /// `405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)`,
    /// `408 Request Timeout MUST answer only INVITE (RFC 4320 §4.2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.status, self.level())?;
        let scope = self.constraint.scope();
        match self.constraint.subject() {
            Subject::Header(names) => {
                f.write_str("carry ")?;
                list(f, names, " or ")?;
            }
            Subject::Answers => write_methods(f, scope, self.level().is_negative())?,
            _ => f.write_str("carry a message body")?,
        }
        write!(f, " ({})", self.constraint.reference())
    }
}

/// `answer only INVITE`, `answer any method but CANCEL`, or after MUST NOT,
/// `answer CANCEL`; then `inside a dialog` or `outside a dialog` if the rule
/// says.
fn write_methods(f: &mut fmt::Formatter<'_>, scope: &Scope, negative: bool) -> fmt::Result {
    let (words, methods) = match (negative, scope.methods().is_empty()) {
        (false, false) => ("answer only ", scope.methods()),
        (false, true) => ("answer any method but ", scope.except_methods()),
        (true, false) => ("answer ", scope.methods()),
        (true, true) => ("answer methods other than ", scope.except_methods()),
    };
    f.write_str(words)?;
    list(f, methods, ", ")?;
    match scope.in_dialog() {
        Some(true) => f.write_str(" inside a dialog"),
        Some(false) => f.write_str(" outside a dialog"),
        None => Ok(()),
    }
}

fn list(f: &mut fmt::Formatter<'_>, items: &[&str], separator: &str) -> fmt::Result {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        f.write_str(item)?;
    }
    Ok(())
}
