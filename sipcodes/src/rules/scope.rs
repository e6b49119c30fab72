//! The circumstances a rule is limited to.

use core::fmt;

use crate::rules::{Context, Names, Role};
use crate::spec::render;

/// The circumstances a [`Constraint`](crate::rules::Constraint) is limited to; every
/// one that is set must hold. The registry states them as data wherever the RFC
/// states them precisely, and in prose ([`condition`](Scope::condition)) only
/// where no key can.
///
/// ```
/// use sipcodes::SipCode;
/// use sipcodes::rules::Kind;
///
/// let timestamp = SipCode::Trying
///     .constraints()
///     .iter()
///     .find(|rule| rule.kind() == Kind::Header(&["Timestamp"]))
///     .expect("100 echoes Timestamp");
/// assert_eq!(timestamp.scope().request_has(), Some("Timestamp"));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scope(pub(crate) render::Scope<'static, &'static str>);

impl Default for Scope {
    fn default() -> Self {
        Scope::ANY
    }
}

impl Scope {
    /// No limit: the rule holds for every response it is about.
    pub(crate) const ANY: Scope = Scope(render::Scope::ANY);

    /// The methods the rule is limited to; empty for any method.
    ///
    /// ```
    /// assert!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().methods().is_empty());
    /// ```
    pub const fn methods(&self) -> &'static [&'static str] {
        self.0.methods
    }

    /// Methods the rule is never about.
    ///
    /// ```
    /// assert!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().except_methods().is_empty());
    /// ```
    pub const fn except_methods(&self) -> &'static [&'static str] {
        self.0.except_methods
    }

    /// A header field the request carried.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().request_has(), None);
    /// ```
    pub const fn request_has(&self) -> Option<&'static str> {
        self.0.request_has
    }

    /// An option tag the request's Require header field carried.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().request_requires(), None);
    /// ```
    pub const fn request_requires(&self) -> Option<&'static str> {
        self.0.request_requires
    }

    /// An option tag the request's Supported header field carried.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().request_supports(), None);
    /// ```
    pub const fn request_supports(&self) -> Option<&'static str> {
        self.0.request_supports
    }

    /// An option tag the request's Require header field did not carry (or the
    /// request had no Require header field).
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// // RFC 6228 §5: a UAS sends its 199 unreliably unless the INVITE required 100rel.
    /// let rseq = SipCode::EarlyDialogTerminated
    ///     .constraints()
    ///     .iter()
    ///     .find(|rule| rule.kind() == sipcodes::rules::Kind::Header(&["RSeq"]))
    ///     .expect("199 and RSeq");
    /// assert_eq!(rseq.scope().request_not_requires(), Some("100rel"));
    /// ```
    pub const fn request_not_requires(&self) -> Option<&'static str> {
        self.0.request_not_requires
    }

    /// An option tag the request's Supported header field did not carry (or
    /// the request had no Supported header field).
    ///
    /// ```
    /// use sipcodes::rules::{GeneralRule, Kind};
    ///
    /// // RFC 3262 §3: no reliable provisional response unless the request
    /// // announced or required 100rel.
    /// let unreliable = GeneralRule::all()
    ///     .iter()
    ///     .find(|rule| rule.constraint().scope().request_not_supports() == Some("100rel"))
    ///     .expect("the 1xx rule");
    /// assert_eq!(unreliable.constraint().kind(), Kind::Header(&["RSeq"]));
    /// assert_eq!(unreliable.constraint().scope().request_not_requires(), Some("100rel"));
    /// ```
    pub const fn request_not_supports(&self) -> Option<&'static str> {
        self.0.request_not_supports
    }

    /// Whether the request was sent inside a dialog (`Some(true)`), outside one
    /// (`Some(false)`), or either.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().in_dialog(), None);
    /// ```
    pub const fn in_dialog(&self) -> Option<bool> {
        self.0.in_dialog
    }

    /// For a proxy rule: whether it holds after the proxy sent a final response
    /// upstream (`Some(true)`); a proxy rule without it holds until then.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().after_final(), None);
    /// ```
    pub const fn after_final(&self) -> Option<bool> {
        self.0.after_final
    }

    /// Whether the rule holds only for a response with a message body
    /// (`Some(true)`: Content-Type, RFC 3261 §7.4.1) or only for one without.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// let typed = StatusCode::OK.rules().find(|rule| rule.scope().has_body() == Some(true)).unwrap();
    /// assert_eq!(typed.reference().to_string(), "RFC 3261 §7.4.1");
    /// ```
    pub const fn has_body(&self) -> Option<bool> {
        self.0.has_body
    }

    /// The elements the rule is about when they generate the response, as
    /// opposed to forwarding it; empty for any sender.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Kind, Level, Role};
    ///
    /// // RFC 3261 §11.2: a proxy answering OPTIONS should leave Allow out.
    /// let allow = SipCode::Ok
    ///     .constraints()
    ///     .iter()
    ///     .find(|rule| rule.kind() == Kind::Header(&["Allow"]) && rule.level() == Level::ShouldNot)
    ///     .expect("200 to OPTIONS from a proxy");
    /// assert_eq!(allow.scope().generated_by(), [Role::Proxy, Role::EdgeProxy]);
    /// assert!(allow.to_string().starts_with(
    ///     "SHOULD NOT (header Allow, responses to OPTIONS, generated by proxy or edge-proxy): "
    /// ));
    /// ```
    pub const fn generated_by(&self) -> &'static [Role] {
        self.0.generated_by
    }

    /// A circumstance no key can state, in prose.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().condition(), None);
    /// ```
    pub const fn condition(&self) -> Option<&'static str> {
        self.0.condition
    }

    /// Whether a response to `method` can be in scope, the other circumstances aside.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::MethodNotAllowed.constraints()[0].scope().admits_method("OPTIONS"));
    /// ```
    pub fn admits_method(&self, method: &str) -> bool {
        (self.0.methods.is_empty() || self.0.methods.contains(&method))
            && !self.0.except_methods.contains(&method)
    }

    /// Whether the rule holds for every response it is about.
    ///
    /// ```
    /// assert!(sipcodes::SipCode::MethodNotAllowed.constraints()[0].scope().is_unlimited());
    /// ```
    pub fn is_unlimited(&self) -> bool {
        *self == Scope::ANY
    }

    /// Whether the rule is decided to apply in the context: what the receivers
    /// act on (an undecided rule is not applied).
    pub(crate) fn holds(&self, known: &Context<'_, impl Names, impl Names, impl Names>) -> bool {
        self.decide(known) == Decision::Applies
    }

    /// Whether the rule applies in the circumstances the context describes.
    /// Every key is named here, so a new one does not compile until it is decided.
    pub(crate) fn decide(
        &self,
        known: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> Decision {
        self.decide_with_body(known, None)
    }

    /// [`decide`](Scope::decide), knowing whether the response has a body
    /// (the validator does; the context, about the request, does not).
    pub(crate) fn decide_with_body(
        &self,
        known: &Context<'_, impl Names, impl Names, impl Names>,
        body: Option<bool>,
    ) -> Decision {
        let render::Scope {
            methods,
            except_methods,
            request_has,
            request_requires,
            request_supports,
            request_not_requires,
            request_not_supports,
            in_dialog,
            after_final,
            has_body,
            generated_by,
            condition,
        } = self.0;
        // Each circumstance the rule names answers yes, no or unknown; one no
        // decides, so the cheap questions come first and the rest are not asked
        // (asking all of them cost half as much again: 42 against 28 million
        // instructions for the checker's 10 500-message benchmark capture).
        let mut unknown = false;
        macro_rules! ask {
            ($answer:expr) => {
                match $answer {
                    Some(Some(false)) => return Decision::DoesNotApply,
                    Some(None) => unknown = true,
                    Some(Some(true)) | None => {}
                }
            };
        }
        ask!(in_dialog.map(|wanted| known.in_dialog.map(|actual| actual == wanted)));
        ask!(after_final.map(|wanted| known.after_final.map(|actual| actual == wanted)));
        ask!(has_body.map(|wanted| body.map(|actual| actual == wanted)));
        ask!(
            (!methods.is_empty() || !except_methods.is_empty())
                .then(|| known.method.map(|method| self.admits_method(method)))
        );
        ask!((!generated_by.is_empty()).then(|| known.generated_by(generated_by)));
        ask!(request_requires.map(|tag| known.requires(tag)));
        ask!(request_supports.map(|tag| known.supports(tag)));
        ask!(request_not_requires.map(|tag| known.requires(tag).map(|has| !has)));
        ask!(request_not_supports.map(|tag| known.supports(tag).map(|has| !has)));
        ask!(request_has.map(|name| known.request_has(name)));
        ask!(condition.map(|_| None));
        if unknown {
            Decision::Undecided
        } else {
            Decision::Applies
        }
    }
}

impl fmt::Display for Scope {
    /// The circumstances as the one-line form of a rule lists them:
    /// `, responses to REGISTER, outside a dialog`; empty when unlimited.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert_eq!(SipCode::MethodNotAllowed.constraints()[0].scope().to_string(), "");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Whether a rule applies in the circumstances known.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    Applies,
    DoesNotApply,
    /// What the rule is limited to is not known, or is stated in prose.
    Undecided,
}
