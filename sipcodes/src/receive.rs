//! What an element does with a response it receives, read from the registry:
//! the code to act on, the effect on the dialog, the header field to retry
//! with, and what a proxy does with it.

use crate::scope::{Circumstances, Decision};
use crate::{
    Constraint, DialogEffect, Failure, GeneralRule, Level, ProxyAction, ProxyRule, ReceiverRule,
    Role, Scope, SipCode, StatusCode, Subject, header,
};

/// The circumstances an element receiving a response knows: the method of its
/// request and, where it matters, whether the request was sent inside a dialog.
#[derive(Copy, Clone)]
struct Known<'a> {
    method: &'a str,
    in_dialog: Option<bool>,
    /// Whether a proxy already sent a final response upstream.
    after_final: bool,
}

impl Known<'_> {
    /// Whether a rule applies here. Rules limited by what the request carried,
    /// by who generated the response or by prose are left out: a receiver cannot
    /// decide them from these facts. After a final response went up, only the
    /// rules about that time apply.
    fn admits(&self, scope: &Scope) -> bool {
        scope.decide(self) == Decision::Applies
            && (scope.after_final().is_some() || !self.after_final)
    }
}

impl Circumstances for Known<'_> {
    fn method(&self) -> Option<&str> {
        Some(self.method)
    }
    fn request_has(&self, _: &str) -> Option<bool> {
        None
    }
    fn request_requires(&self, _: &str) -> Option<bool> {
        None
    }
    fn request_supports(&self, _: &str) -> Option<bool> {
        None
    }
    fn in_dialog(&self) -> Option<bool> {
        self.in_dialog
    }
    fn after_final(&self) -> Option<bool> {
        Some(self.after_final)
    }
    fn generated_by(&self, _: &[Role]) -> Option<bool> {
        None
    }
}

impl StatusCode {
    /// The code's own rules, else the rules of its class, that `select` accepts:
    /// a code's own rule of a kind wins over the general rules of that kind.
    fn select<'s, T: 's>(
        self,
        select: impl Fn(&'static Constraint) -> Option<T> + Copy + 's,
    ) -> impl Iterator<Item = T> + 's {
        let own: &'static [Constraint] = self.known().map_or(&[], SipCode::constraints);
        let mut own_matches = own.iter().filter_map(select).peekable();
        let use_general = own_matches.peek().is_none();
        let general = GeneralRule::all()
            .iter()
            .filter(move |rule| use_general && rule.covers(self))
            .filter_map(move |rule| select(&rule.constraint));
        own_matches.chain(general)
    }

    /// The code to act on, for an element playing these roles (the sender of a
    /// SUBSCRIBE is a UAC and a subscriber), a response to this method, with
    /// these header fields: [`effective`](StatusCode::effective) (RFC 3261
    /// §8.1.3.2), then the registry's receiver rules that say to treat the code
    /// as another (`treat-as`), where their scope applies. A rule limited by
    /// prose or by what the request carried is not applied.
    ///
    /// ```
    /// use sipcodes::{Role, SipCode, StatusCode};
    ///
    /// let none: [&str; 0] = [];
    /// // RFC 6665: a 202 to SUBSCRIBE is acted on as 200; RFC 3428: not to MESSAGE.
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&[Role::Uac], "SUBSCRIBE", none), SipCode::Ok);
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&[Role::Uac], "MESSAGE", none), StatusCode::ACCEPTED);
    /// // RFC 3261 §21.5.4: a 503 without Retry-After is acted on as 500.
    /// let unavailable = StatusCode::SERVICE_UNAVAILABLE;
    /// assert_eq!(unavailable.effective_for(&[Role::Uac], "INVITE", none), SipCode::ServerInternalError);
    /// assert_eq!(unavailable.effective_for(&[Role::Uac], "INVITE", ["Retry-After"]), unavailable);
    /// // A subscriber is a UAC too: both rules hold for it.
    /// let subscriber = [Role::Uac, Role::Subscriber];
    /// assert_eq!(unavailable.effective_for(&subscriber, "SUBSCRIBE", none), SipCode::ServerInternalError);
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&subscriber, "SUBSCRIBE", none), SipCode::Ok);
    /// // Unregistered codes: RFC 3261 §8.1.3.2 first.
    /// assert_eq!(StatusCode::new(599)?.effective_for(&[Role::Uac], "INVITE", none), SipCode::ServerInternalError);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn effective_for<H>(self, roles: &[Role], method: &str, headers: H) -> SipCode
    where
        H: IntoIterator + Clone,
        H::Item: AsRef<str>,
    {
        let base = self.effective();
        let known = Known {
            method,
            in_dialog: None,
            after_final: false,
        };
        let has = |name: &str| {
            headers
                .clone()
                .into_iter()
                .any(|given| header::same(given.as_ref(), name))
        };
        let treat = |constraint: &'static Constraint| -> Option<SipCode> {
            let Subject::Receiver(ReceiverRule {
                roles: mine,
                treat_as: Some(target),
                unless_header,
                ..
            }) = constraint.subject()
            else {
                return None;
            };
            let applies = matches!(constraint.level(), Level::Must | Level::Should)
                && roles.iter().any(|role| mine.contains(role))
                && known.admits(constraint.scope())
                && !unless_header.is_some_and(&has);
            applies.then_some(target)
        };
        // The rules of the code acted on: itself, or its class's x00.
        StatusCode::from_sip_code(base)
            .select(treat)
            .next()
            .unwrap_or(base)
    }

    /// What a final response to a request with this method does beyond its
    /// transaction (RFC 5057 §5.1, RFC 6665): nothing
    /// ([`Transaction`](DialogEffect::Transaction)), the end of the usage, of
    /// the subscription, or of the whole dialog. `in_dialog` says whether the
    /// request was sent inside a dialog. The code's own rules win over the rules
    /// of its class; among the rules that apply the widest effect wins. Rules
    /// limited by prose are not applied, and an unregistered code gets the
    /// effect of its class. A provisional response ends nothing, but for 199,
    /// which ends the early dialog it names (RFC 6228 §7).
    ///
    /// ```
    /// use sipcodes::{DialogEffect, StatusCode};
    ///
    /// let gone = StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST;
    /// assert_eq!(gone.dialog_effect("BYE", true), DialogEffect::Dialog);
    /// assert_eq!(gone.dialog_effect("NOTIFY", true), DialogEffect::Subscription);
    /// assert_eq!(gone.dialog_effect("INFO", true), DialogEffect::Usage);
    /// assert_eq!(StatusCode::BUSY_HERE.dialog_effect("INVITE", true), DialogEffect::Transaction);
    /// // A failed initial INVITE ends its early dialogs.
    /// assert_eq!(StatusCode::new(499)?.dialog_effect("INVITE", false), DialogEffect::Dialog);
    /// assert_eq!(StatusCode::OK.dialog_effect("INVITE", false), DialogEffect::Transaction);
    /// assert_eq!(StatusCode::EARLY_DIALOG_TERMINATED.dialog_effect("INVITE", false), DialogEffect::Dialog);
    /// assert_eq!(StatusCode::EARLY_DIALOG_TERMINATED.dialog_effect("INVITE", true), DialogEffect::Transaction);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn dialog_effect(self, method: &str, in_dialog: bool) -> DialogEffect {
        let known = Known {
            method,
            in_dialog: Some(in_dialog),
            after_final: false,
        };
        self.select(move |constraint| match constraint.subject() {
            Subject::Dialog(effect)
                if matches!(constraint.level(), Level::Must | Level::Should)
                    && known.admits(constraint.scope()) =>
            {
                Some(effect)
            }
            _ => None,
        })
        .max()
        .unwrap_or(DialogEffect::Transaction)
    }

    /// The header field that carries the value to retry with, if the registry
    /// names one for this code: `Retry-After` (503, 486, …), `Min-Expires`
    /// (423), `Min-SE` (422).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert_eq!(StatusCode::SERVICE_UNAVAILABLE.retry_header(), Some("Retry-After"));
    /// assert_eq!(StatusCode::INTERVAL_TOO_BRIEF.retry_header(), Some("Min-Expires"));
    /// assert_eq!(StatusCode::SESSION_INTERVAL_TOO_SMALL.retry_header(), Some("Min-SE"));
    /// assert_eq!(StatusCode::OK.retry_header(), None);
    /// ```
    pub fn retry_header(self) -> Option<&'static str> {
        self.select(|constraint| match constraint.subject() {
            Subject::Retry(header) => Some(header),
            _ => None,
        })
        .next()
    }

    /// What a stateful proxy does with this code on a branch of a request with
    /// this method (RFC 3261 §16.7), before or after it sent a final response
    /// upstream: the code's own proxy rule, else its class's. Rules limited by
    /// prose are not applied.
    ///
    /// ```
    /// use sipcodes::{ProxyAction, StatusCode};
    ///
    /// let action = |status: StatusCode| status.proxy_rule("INVITE", false).map(|rule| rule.action());
    /// assert_eq!(action(StatusCode::TRYING), Some(ProxyAction::Absorb));
    /// assert_eq!(action(StatusCode::RINGING), Some(ProxyAction::Forward));
    /// assert_eq!(action(StatusCode::BUSY_HERE), Some(ProxyAction::Collect));
    /// assert_eq!(action(StatusCode::DECLINE), Some(ProxyAction::CancelBranches));
    /// // After a final response went upstream only 2xx to an INVITE still go.
    /// let late = |status: StatusCode, method| status.proxy_rule(method, true).map(|rule| rule.action());
    /// assert_eq!(late(StatusCode::OK, "INVITE"), Some(ProxyAction::Forward));
    /// assert_eq!(late(StatusCode::OK, "OPTIONS"), Some(ProxyAction::Absorb));
    /// assert_eq!(late(StatusCode::RINGING, "INVITE"), Some(ProxyAction::Absorb));
    /// ```
    pub fn proxy_rule(self, method: &str, after_final: bool) -> Option<ProxyRule> {
        let known = Known {
            method,
            in_dialog: None,
            after_final,
        };
        self.select(move |constraint| match constraint.subject() {
            Subject::Proxy(rule)
                if rule.action() != ProxyAction::NoFinalResponse
                    && known.admits(constraint.scope()) =>
            {
                Some(rule)
            }
            _ => None,
        })
        .next()
    }
}

impl SipCode {
    /// The code an element in this role acts on when its transaction or
    /// transport layer reports this failure instead of a response, as the
    /// registry states it: a timeout as 408, a transport error as 503, for a
    /// UAC (RFC 3261 §8.1.3.1) and a proxy (§16.8, §16.9). `None` for a role the
    /// registry states nothing for.
    ///
    /// ```
    /// use sipcodes::{Failure, Role, SipCode};
    ///
    /// assert_eq!(SipCode::for_failure(Failure::Timeout, Role::Uac), Some(SipCode::RequestTimeout));
    /// assert_eq!(
    ///     SipCode::for_failure(Failure::TransportError, Role::Proxy),
    ///     Some(SipCode::ServiceUnavailable)
    /// );
    /// assert_eq!(SipCode::for_failure(Failure::Timeout, Role::Registrar), None);
    /// ```
    pub fn for_failure(failure: Failure, role: Role) -> Option<SipCode> {
        SipCode::ALL.into_iter().find(|code| {
            code.constraints().iter().any(|constraint| {
                matches!(constraint.subject(), Subject::Receiver(rule)
                    if rule.stands_for() == Some(failure) && rule.roles().contains(&role))
            })
        })
    }
}
