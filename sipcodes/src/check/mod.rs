//! Checking a response against the registry's rules, knowing what is known of
//! the request it answers and of the element that sends it.
//!
//! A [`Check`] is a response as a validator sees it: its code, the names of its
//! header fields, whether it has a body, and a [`Context`]. Every header, body,
//! method and sender rule of the registry whose circumstances the context
//! decides is checked (a sender rule when the context says which element
//! generated the response): the code's own rules and the rules over every
//! response or its class, so a rule added to `registry.toml` is checked with no
//! code change.
//! Rules it cannot decide are listed apart by [`Check::undecided`];
//! [`Check::outcomes`] gives both in one pass. A response's bytes are read by
//! [`Check::from_head`], any message's by [`Head`].
//!
//! Header field names match ignoring case, and compact forms count (`m` is
//! Contact, `v` is Via). An unregistered code is held to its class's rules, so
//! a `499` must carry what every 4xx carries. A rule is decided only when
//! everything its scope asks about is known: a rule for responses to INVITE
//! needs the method, one about a Timestamp in the request needs the request's
//! header fields, and one whose circumstance the registry states only in prose
//! is never decided. Such rules are not guessed: `undecided()` lists them, so a
//! caller sees what it did not tell the validator.
//!
//! ```
//! use sipcodes::SipCode;
//! use sipcodes::check::Check;
//! use sipcodes::rules::Level;
//!
//! const DIALOG: [&str; 5] = ["Via", "To", "From", "Call-ID", "CSeq"];
//!
//! let response = Check::new(SipCode::MethodNotAllowed).headers(DIALOG);
//! let violation = response.violations().next().expect("405 requires Allow");
//! assert_eq!(violation.header(), Some("Allow"));
//! assert_eq!(violation.level(), Level::Must);
//! assert_eq!(violation.to_string(), "405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)");
//! assert!(!response.is_valid());
//!
//! let fixed = Check::new(SipCode::MethodNotAllowed).headers(DIALOG.iter().chain(&["allow"]));
//! assert!(fixed.is_valid());
//! ```

mod head;

use core::fmt;

pub use head::{Head, HeadError, HeaderFields, HeaderNames, HeaderNamesIter};

use crate::rules::general::Origin;
use crate::rules::scope::Decision;
use crate::rules::{Basis, Constraint, Context, Kind, Level, Names, NoNames, Role, Scope};
use crate::{SipCode, StatusCode, header};

/// A response as the validator sees it: its code, the names of its header
/// fields, whether it has a body, and what is known of its circumstances.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::check::Check;
/// use sipcodes::rules::Context;
///
/// let headers = ["Via", "From", "To", "Call-ID", "CSeq", "Min-Expires"];
/// let register = Context::new().method("REGISTER");
/// assert!(Check::new(SipCode::IntervalTooBrief).headers(headers).context(register).is_valid());
/// ```
#[derive(Copy, Clone, Debug)]
pub struct Check<'a, H = NoNames, RH = NoNames, Q = NoNames, S = NoNames> {
    status: StatusCode,
    headers: H,
    has_body: bool,
    context: Context<'a, RH, Q, S>,
}

impl<'a> Check<'a> {
    /// A response with this code, no header fields and no body, in a context
    /// of which nothing is known.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// // Every response carries Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2).
    /// assert!(!Check::new(SipCode::Ok).is_valid());
    /// ```
    pub fn new(status: impl Into<StatusCode>) -> Self {
        Check {
            status: status.into(),
            headers: [],
            has_body: false,
            context: Context::new(),
        }
    }
}

impl<'a, H: Names, RH: Names, Q: Names, S: Names> Check<'a, H, RH, Q, S> {
    /// The names of the response's header fields, in any case, full or compact:
    /// any iterable of names (an array, a slice, `&Vec<String>`, the keys of a map).
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let names = vec![String::from("v"), "f".into(), "t".into(), "i".into(), "CSeq".into(), "Unsupported".into()];
    /// assert!(Check::new(SipCode::BadExtension).headers(&names).is_valid());
    /// ```
    pub fn headers<N: Names>(self, headers: N) -> Check<'a, N, RH, Q, S> {
        Check {
            status: self.status,
            headers,
            has_body: self.has_body,
            context: self.context,
        }
    }

    /// Whether the response carries a message body.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let response = Check::new(SipCode::Ok).body(true);
    /// assert!(response.violations().all(|v| v.header().is_some()));
    /// ```
    #[must_use]
    pub fn body(self, has_body: bool) -> Self {
        Check { has_body, ..self }
    }

    /// What is known of the request the response answers and of the element
    /// that sends it.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::Context;
    ///
    /// let trying = Check::new(SipCode::Trying);
    /// let invite = Context::new().method("INVITE");
    /// // A 100 echoes the request's Timestamp (RFC 3261 §8.2.6.1).
    /// let with_timestamp = trying.context(invite.request_headers(["Timestamp"]));
    /// assert!(with_timestamp.violations().any(|v| v.header() == Some("Timestamp")));
    /// let without = trying.context(invite.request_headers(["Via"]));
    /// assert!(!without.violations().any(|v| v.header() == Some("Timestamp")));
    /// ```
    pub fn context<RH2: Names, Q2: Names, S2: Names>(
        self,
        context: Context<'a, RH2, Q2, S2>,
    ) -> Check<'a, H, RH2, Q2, S2> {
        Check {
            status: self.status,
            headers: self.headers,
            has_body: self.has_body,
            context,
        }
    }

    /// The response's code.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::check::Check;
    ///
    /// assert_eq!(Check::new(StatusCode::OK).status(), StatusCode::OK);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every rule the response breaks, MUST and MUST NOT rules and SHOULD and
    /// SHOULD NOT rules alike; [`Violation::is_mandatory`] tells them apart.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let response = Check::new(SipCode::Unauthorized).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
    /// let broken: Vec<_> = response.violations().filter(|v| v.is_mandatory()).collect();
    /// assert_eq!(broken.len(), 1);
    /// assert_eq!(broken[0].header(), Some("WWW-Authenticate"));
    /// ```
    pub fn violations(&self) -> impl Iterator<Item = Violation> + '_ {
        self.outcomes().filter_map(|outcome| match outcome {
            Outcome::Violated(violation) => Some(violation),
            Outcome::Undecided(_) => None,
        })
    }

    /// The rules the validator could not decide: their circumstances need what
    /// the context does not know (the method, the request's header fields or
    /// option tags, the dialog, who generated the response) or are stated in
    /// prose ([`Scope::condition`]). MAY rules are left out: nothing breaks them.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::{Context, Level};
    ///
    /// let unknown_method = Check::new(SipCode::Ok);
    /// let known_method = unknown_method.context(Context::new().method("OPTIONS"));
    /// assert!(unknown_method.undecided().count() > known_method.undecided().count());
    /// assert!(unknown_method.undecided().all(|rule| rule.level() != Level::May));
    /// ```
    pub fn undecided(&self) -> impl Iterator<Item = &'static Constraint> + '_ {
        self.outcomes().filter_map(|outcome| match outcome {
            Outcome::Undecided(constraint) => Some(constraint),
            Outcome::Violated(_) => None,
        })
    }

    /// The violations and the undecided rules together, in one pass over the
    /// rules, in the registry's order: for a caller that wants both, as a
    /// checker reporting what it found and what it could not decide.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::{Check, Outcome};
    ///
    /// let response = Check::new(SipCode::Ok).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
    /// let (mut violated, mut undecided) = (0, 0);
    /// for outcome in response.outcomes() {
    ///     match outcome {
    ///         Outcome::Violated(_) => violated += 1,
    ///         Outcome::Undecided(_) => undecided += 1,
    ///     }
    /// }
    /// assert_eq!(violated, response.violations().count());
    /// assert_eq!(undecided, response.undecided().count());
    /// assert!(undecided > 0, "the method is not known");
    /// ```
    pub fn outcomes(&self) -> impl Iterator<Item = Outcome> + '_ {
        self.checked()
            .filter_map(move |(constraint, decision)| match decision {
                Decision::Applies => Some(Outcome::Violated(Violation {
                    status: self.status,
                    constraint,
                    problem: self.problem(constraint)?,
                })),
                Decision::Undecided if constraint.level() != Level::May => {
                    Some(Outcome::Undecided(constraint))
                }
                Decision::Undecided | Decision::DoesNotApply => None,
            })
    }

    /// Whether the response breaks no MUST or MUST NOT rule.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let headers = ["Via", "From", "To", "Call-ID", "CSeq", "Proxy-Authenticate"];
    /// assert!(Check::new(SipCode::ProxyAuthenticationRequired).headers(headers).is_valid());
    /// assert!(!Check::new(SipCode::ProxyAuthenticationRequired).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        !self.violations().any(|violation| violation.is_mandatory())
    }

    /// The rules about the content of a response, with whether each applies here.
    fn checked(&self) -> impl Iterator<Item = (&'static Constraint, Decision)> + '_ {
        self.status
            .rules_by_origin()
            .filter(|(_, constraint)| {
                match constraint.kind() {
                    Kind::Header(_) | Kind::Body(_) | Kind::Answers | Kind::Sender(_) => true,
                    // Only a rule against sending is about the response at
                    // hand; one that asks for a response is about another.
                    Kind::Send(_) => constraint.level().is_negative(),
                    _ => false,
                }
            })
            .map(|(origin, constraint)| {
                let decision = self.decide(constraint);
                match origin {
                    Origin::General { contested: true } if decision != Decision::DoesNotApply => {
                        (constraint, self.give_way(constraint, decision))
                    }
                    _ => (constraint, decision),
                }
            })
    }

    /// A rule over many codes gives way wherever one of the code's own rules
    /// about the same thing says the opposite (forbids what it requires, or
    /// requires or allows what it forbids) and applies; it is undecided
    /// where such a rule might apply. Rules that agree both stand. Only the
    /// general rules the macro marked contested come here; it marks them by
    /// the test `opposite` makes (`Rule::contested_by` in sipcodes-macros).
    fn give_way(&self, constraint: &'static Constraint, decision: Decision) -> Decision {
        let own: &'static [Constraint] = self.status.known().map_or(&[], SipCode::constraints);
        // The level first: it is cheap, and most rules share their polarity.
        let opposite = |mine: &&Constraint| {
            mine.level().is_negative() != constraint.level().is_negative()
                && mine.kind() == constraint.kind()
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
        let scope = constraint.scope();
        if let Kind::Sender(_) | Kind::Send([_, ..]) = constraint.kind() {
            // About the element that generates the response: one that forwards
            // it is not its sender, and an unknown element decides nothing.
            return match (
                scope.decide_with_body(&self.context, Some(self.has_body)),
                self.context.generates,
            ) {
                (Decision::DoesNotApply, _) | (_, Some(false)) => Decision::DoesNotApply,
                (_, None) => Decision::Undecided,
                (_, Some(true)) if self.context.roles.is_none() => Decision::Undecided,
                (decision, Some(true)) => decision,
            };
        }
        if !matches!(constraint.kind(), Kind::Answers) {
            return scope.decide_with_body(&self.context, Some(self.has_body));
        }
        // For a method rule the methods, and whether the request came inside a
        // dialog, are what it is about, not limits.
        let about = Scope(crate::spec::render::Scope {
            methods: &[],
            except_methods: &[],
            in_dialog: None,
            ..scope.0
        });
        match about.decide_with_body(&self.context, Some(self.has_body)) {
            Decision::Applies if self.answered(&scope).is_none() => Decision::Undecided,
            decision => decision,
        }
    }

    /// Whether the request is one a method rule lets the code answer; `None`
    /// when what is known of the request does not tell.
    fn answered(&self, scope: &Scope) -> Option<bool> {
        let method = scope.admits_method(self.context.method?);
        match scope.in_dialog() {
            Some(wanted) if method => self.context.in_dialog.map(|actual| actual == wanted),
            _ => Some(method),
        }
    }

    fn problem(&self, constraint: &Constraint) -> Option<Problem> {
        let required = match constraint.level() {
            Level::Must | Level::Should => true,
            Level::MustNot | Level::ShouldNot => false,
            Level::May => return None,
        };
        match constraint.kind() {
            Kind::Header(names) => {
                let present = names
                    .iter()
                    .any(|name| self.headers.contains(name, header::same));
                match (required, present) {
                    (true, false) => Some(Problem::MissingHeader),
                    (false, true) => Some(Problem::ForbiddenHeader),
                    _ => None,
                }
            }
            Kind::Body(_) => match (required, self.has_body) {
                (true, false) => Some(Problem::MissingBody),
                (false, true) => Some(Problem::ForbiddenBody),
                _ => None,
            },
            Kind::Answers => {
                let answered = self.answered(&constraint.scope())?;
                (answered != required).then_some(Problem::UnexpectedMethod)
            }
            Kind::Sender(roles) => {
                let plays = self.context.plays(roles)?;
                (plays != required).then_some(Problem::UnexpectedSender)
            }
            Kind::Send([]) => Some(Problem::ForbiddenResponse),
            Kind::Send(roles) => {
                let plays = self.context.plays(roles)?;
                plays.then_some(Problem::ForbiddenResponse)
            }
            _ => None,
        }
    }
}

/// What [`Check::outcomes`] says of one rule: the response breaks it, or the
/// validator could not decide it. Rules that hold are not listed.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::check::{Check, Outcome};
///
/// let response = Check::new(SipCode::MethodNotAllowed).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
/// let first = response.outcomes().find_map(|outcome| match outcome {
///     Outcome::Violated(violation) => Some(violation),
///     Outcome::Undecided(_) => None,
/// });
/// assert_eq!(first.and_then(|violation| violation.header()), Some("Allow"));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The response breaks the rule.
    Violated(Violation),
    /// What is known does not decide the rule (MAY rules are left out:
    /// nothing breaks them).
    Undecided(&'static Constraint),
}

/// One rule a response breaks.
///
/// ```
/// use sipcodes::{SipCode, StatusCode};
/// use sipcodes::check::{Check, Problem};
///
/// let response = Check::new(SipCode::ExtensionRequired).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
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
/// assert_ne!(sipcodes::check::Problem::MissingHeader, sipcodes::check::Problem::ForbiddenHeader);
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
    /// The element that generated the response is not one the rule lets send
    /// the code, or is one it forbids to (a proxy's own 401, RFC 3261 §22.1).
    UnexpectedSender,
    /// The rule forbids sending this response in the circumstances it names:
    /// another final response after the one a non-INVITE server transaction
    /// already sent (RFC 3261 §17.2.2), [`Context::after_final`].
    ///
    /// [`Context::after_final`]: crate::rules::Context::after_final
    ForbiddenResponse,
}

impl Violation {
    /// The response's code.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::check::Check;
    ///
    /// let violation = Check::new(StatusCode::BAD_EXTENSION).violations().next().unwrap();
    /// assert_eq!(violation.status(), StatusCode::BAD_EXTENSION);
    /// ```
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The rule broken, with its level, text and RFC section.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let violation = Check::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.constraint().reference().rfc(), 3261);
    /// ```
    pub fn constraint(&self) -> &'static Constraint {
        self.constraint
    }

    /// How the response breaks it.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::{Check, Problem};
    ///
    /// let violation = Check::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.problem(), Problem::MissingHeader);
    /// ```
    pub fn problem(&self) -> Problem {
        self.problem
    }

    /// The rule's level: MUST and MUST NOT make the response wrong.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::Level;
    ///
    /// let violation = Check::new(SipCode::BadExtension).violations().next().unwrap();
    /// assert_eq!(violation.level(), Level::Must);
    /// ```
    pub fn level(&self) -> Level {
        self.constraint.level()
    }

    /// What the rule's level rests on: an RFC 2119 keyword, or a sentence
    /// without one ([`Basis`]).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::{Basis, Context, Level};
    ///
    /// // RFC 3261 §21.4.25: "This response is never returned for a CANCEL request itself."
    /// let to_cancel = Check::new(StatusCode::REQUEST_TERMINATED)
    ///     .headers(["Via", "From", "To", "Call-ID", "CSeq"])
    ///     .context(Context::new().method("CANCEL"));
    /// let violation = to_cancel.violations().next().unwrap();
    /// assert_eq!((violation.level(), violation.basis()), (Level::Must, Basis::Statement));
    /// assert!(!violation.is_mandatory());
    /// assert!(to_cancel.is_valid());
    /// ```
    pub fn basis(&self) -> Basis {
        self.constraint.basis()
    }

    /// Whether the rule is a MUST or MUST NOT, written with the keyword: a
    /// sentence without one is a description, whatever it reads as.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// assert!(Check::new(SipCode::BadExtension).violations().next().unwrap().is_mandatory());
    /// ```
    pub fn is_mandatory(&self) -> bool {
        self.basis().is_normative() && self.level().is_mandatory()
    }

    /// The header field the rule is about, for a header rule (the first name,
    /// when any of several would do).
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    ///
    /// let response = Check::new(SipCode::Unauthorized).headers(["Via", "From", "To", "Call-ID", "CSeq"]);
    /// assert_eq!(response.violations().next().unwrap().header(), Some("WWW-Authenticate"));
    /// ```
    pub fn header(&self) -> Option<&'static str> {
        match self.constraint.kind() {
            Kind::Header(names) => names.first().copied(),
            _ => None,
        }
    }
}

impl fmt::Display for Violation {
    /// `405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)`,
    /// `408 Request Timeout MUST answer only INVITE (RFC 4320 §4.2)`,
    /// `401 Unauthorized MUST NOT be generated by proxy (RFC 3261 §22.1)`,
    /// `486 Busy Here MUST NOT be sent after another final response to the
    /// request (RFC 3261 §17.2.2)`; a rule without a keyword in lower case,
    /// with its basis: `487 Request Terminated must answer any method but
    /// CANCEL (RFC 3261 §21.4.25; no RFC 2119 keyword)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.status, self.level().written(self.basis()))?;
        let scope = self.constraint.scope();
        match self.constraint.kind() {
            Kind::Header(names) => {
                f.write_str("carry ")?;
                list(f, names, " or ")?;
            }
            Kind::Answers => write_methods(f, &scope, self.level().is_negative())?,
            Kind::Sender(roles) => {
                let only = if self.level().is_negative() {
                    ""
                } else {
                    "only "
                };
                write!(f, "be generated {only}by ")?;
                write_roles(f, roles)?;
            }
            Kind::Send(roles) => {
                f.write_str("be sent")?;
                if scope.after_final() == Some(true) {
                    f.write_str(" after another final response to the request")?;
                }
                if !roles.is_empty() {
                    f.write_str(" by ")?;
                    write_roles(f, roles)?;
                }
            }
            _ => f.write_str("carry a message body")?,
        }
        match self.basis() {
            Basis::Keyword => write!(f, " ({})", self.constraint.reference()),
            basis => write!(
                f,
                " ({}; {})",
                self.constraint.reference(),
                basis.description()
            ),
        }
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

fn write_roles(f: &mut fmt::Formatter<'_>, roles: &[Role]) -> fmt::Result {
    for (index, role) in roles.iter().enumerate() {
        if index > 0 {
            f.write_str(" or ")?;
        }
        f.write_str(role.as_str())?;
    }
    Ok(())
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
