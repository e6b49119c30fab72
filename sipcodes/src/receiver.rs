//! What an element does with a response it receives, read from the registry:
//! the code to act on, the effect on the dialog, the header field to retry
//! with, and what a proxy does with it.

use crate::rules::{
    Client, Constraint, Context, DialogEffect, Failure, GeneralRule, Kind, Level, Names,
    ProxyAction, ProxyRule, ReceiverRule, Role, Scope,
};
use crate::{SipCode, StatusCode, header};

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

    /// The code to act on, for an element in this context, a response with
    /// these header fields: [`effective`](StatusCode::effective) (RFC 3261
    /// §8.1.3.2), then the registry's receiver rules that say to treat the code
    /// as another (`treat-as`) for one of the roles the context names, where
    /// their scope applies. A rule whose circumstances the context does not
    /// decide (the roles, the method, the dialog, prose) is not applied.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    /// use sipcodes::rules::{Context, Role};
    ///
    /// let none: [&str; 0] = [];
    /// let uac = Context::new().roles(&[Role::Uac]);
    /// // RFC 6665: a 202 to SUBSCRIBE is acted on as 200; RFC 3428: not to MESSAGE.
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&uac.method("SUBSCRIBE"), none), SipCode::Ok);
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&uac.method("MESSAGE"), none), StatusCode::ACCEPTED);
    /// // RFC 3261 §21.5.4: a 503 without Retry-After is acted on as 500.
    /// let unavailable = StatusCode::SERVICE_UNAVAILABLE;
    /// let invite = uac.method("INVITE");
    /// assert_eq!(unavailable.effective_for(&invite, none), SipCode::ServerInternalError);
    /// assert_eq!(unavailable.effective_for(&invite, ["Retry-After"]), unavailable);
    /// // A subscriber is a UAC too: both rules hold for it.
    /// let subscriber = Context::new().method("SUBSCRIBE").roles(&[Role::Uac, Role::Subscriber]);
    /// assert_eq!(unavailable.effective_for(&subscriber, none), SipCode::ServerInternalError);
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&subscriber, none), SipCode::Ok);
    /// // Unregistered codes: RFC 3261 §8.1.3.2 first.
    /// assert_eq!(StatusCode::new(599)?.effective_for(&invite, none), SipCode::ServerInternalError);
    /// // Without the roles, no receiver rule is applied.
    /// assert_eq!(unavailable.effective_for(&Context::new().method("INVITE"), none), unavailable);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn effective_for(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
        headers: impl Names,
    ) -> SipCode {
        let base = self.effective();
        let treat = |constraint: &'static Constraint| -> Option<SipCode> {
            let Kind::Receiver(ReceiverRule {
                roles: mine,
                treat_as: Some(target),
                unless_header,
                ..
            }) = constraint.kind()
            else {
                return None;
            };
            let applies = matches!(constraint.level(), Level::Must | Level::Should)
                && context.plays(mine) == Some(true)
                && constraint.scope().holds(context)
                && !unless_header.is_some_and(|name| headers.contains(name, header::same));
            applies.then_some(target)
        };
        // The rules of the code acted on: itself, or its class's x00.
        StatusCode::from_sip_code(base)
            .select(treat)
            .next()
            .unwrap_or(base)
    }

    /// What a final response, success or failure, does beyond its transaction
    /// (RFC 3261 §12.2.1.2, §12.3, §15, RFC 6665, and RFC 5057 where no
    /// standards-track text speaks), for a request with the context's method,
    /// inside or outside a dialog as the context says: nothing
    /// ([`Transaction`](DialogEffect::Transaction)), the end of the usage, of
    /// the subscription, or of the whole dialog. A 2xx to a BYE ends the invite
    /// usage; a 481 or 408 inside a dialog ends the dialog. The code's own
    /// rules win over the rules of its class; among the rules that apply the
    /// widest effect wins, whatever their [`Basis`](crate::rules::Basis).
    /// Rules the context does not decide (an unknown method or dialog, prose)
    /// are not applied, and an unregistered code gets the effect of its class.
    /// A provisional response ends nothing, but for 199, which ends the early
    /// dialog it names (RFC 6228 §7); nor does a response to CANCEL, which ends
    /// only the CANCEL's transaction, or to ACK, which is never answered.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, DialogEffect};
    ///
    /// let inside = |method| Context::new().method(method).in_dialog(true);
    /// let outside = |method| Context::new().method(method).in_dialog(false);
    /// let gone = StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST;
    /// assert_eq!(gone.dialog_effect(&inside("BYE")), DialogEffect::Dialog);
    /// // RFC 3261 §12.2.1.2: "the UAC SHOULD terminate the dialog".
    /// assert_eq!(gone.dialog_effect(&inside("NOTIFY")), DialogEffect::Dialog);
    /// assert_eq!(gone.dialog_effect(&inside("INFO")), DialogEffect::Dialog);
    /// assert_eq!(StatusCode::OK.dialog_effect(&inside("BYE")), DialogEffect::Usage);
    /// assert_eq!(StatusCode::OK.dialog_effect(&inside("INFO")), DialogEffect::Transaction);
    /// assert_eq!(StatusCode::BUSY_HERE.dialog_effect(&inside("INVITE")), DialogEffect::Transaction);
    /// // A failed initial INVITE ends its early dialogs.
    /// assert_eq!(StatusCode::new(499)?.dialog_effect(&outside("INVITE")), DialogEffect::Dialog);
    /// assert_eq!(StatusCode::OK.dialog_effect(&outside("INVITE")), DialogEffect::Transaction);
    /// let early_end = StatusCode::EARLY_DIALOG_TERMINATED;
    /// assert_eq!(early_end.dialog_effect(&outside("INVITE")), DialogEffect::Dialog);
    /// assert_eq!(early_end.dialog_effect(&inside("INVITE")), DialogEffect::Transaction);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn dialog_effect(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> DialogEffect {
        match self.dialog_constraint(context).map(Constraint::kind) {
            Some(Kind::Dialog(effect)) => effect,
            _ => DialogEffect::Transaction,
        }
    }

    /// The registry's rule behind [`dialog_effect`](StatusCode::dialog_effect),
    /// whole: its level and basis, its sentence and its reference, for
    /// reporting what an element did after the response; `None` where no
    /// rule applies (the effect is then the transaction's alone).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, Level};
    ///
    /// let info = Context::new().method("INFO").in_dialog(true);
    /// let rule = StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST.dialog_constraint(&info).unwrap();
    /// assert_eq!(rule.level(), Level::Should);
    /// assert_eq!(rule.reference().to_string(), "RFC 3261 §12.2.1.2");
    /// assert!(StatusCode::OK.dialog_constraint(&info).is_none());
    /// ```
    pub fn dialog_constraint(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> Option<&'static Constraint> {
        self.select(|constraint| match constraint.kind() {
            Kind::Dialog(effect)
                if matches!(constraint.level(), Level::Must | Level::Should)
                    && constraint.scope().holds(context) =>
            {
                Some((effect, constraint))
            }
            _ => None,
        })
        .max_by_key(|(effect, _)| *effect)
        .map(|(_, constraint)| constraint)
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
        self.select(|constraint| match constraint.kind() {
            Kind::Retry(header) => Some(header),
            _ => None,
        })
        .next()
    }

    /// What a stateful proxy does with this code on a branch of a request with
    /// the context's method (RFC 3261 §16.7), before or after it sent a final
    /// response upstream ([`Context::after_final`]): the code's own proxy rule,
    /// else its class's. Rules the context does not decide are not applied:
    /// without the method, or without whether a final response went upstream,
    /// there is none.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, ProxyAction};
    ///
    /// let invite = Context::new().method("INVITE").after_final(false);
    /// let action = |status: StatusCode| status.proxy_rule(&invite).map(|rule| rule.action());
    /// assert_eq!(action(StatusCode::TRYING), Some(ProxyAction::Absorb));
    /// assert_eq!(action(StatusCode::RINGING), Some(ProxyAction::Forward));
    /// assert_eq!(action(StatusCode::BUSY_HERE), Some(ProxyAction::Collect));
    /// assert_eq!(action(StatusCode::DECLINE), Some(ProxyAction::CancelBranches));
    /// // After a final response went upstream only 2xx to an INVITE still go.
    /// let late = |status: StatusCode, method| {
    ///     let context = Context::new().method(method).after_final(true);
    ///     status.proxy_rule(&context).map(|rule| rule.action())
    /// };
    /// assert_eq!(late(StatusCode::OK, "INVITE"), Some(ProxyAction::Forward));
    /// assert_eq!(late(StatusCode::OK, "OPTIONS"), Some(ProxyAction::Absorb));
    /// assert_eq!(late(StatusCode::RINGING, "INVITE"), Some(ProxyAction::Absorb));
    /// assert_eq!(StatusCode::OK.proxy_rule(&Context::new().method("INVITE")), None);
    /// ```
    pub fn proxy_rule(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> Option<ProxyRule> {
        match self.proxy_constraint(context)?.kind() {
            Kind::Proxy(rule) => Some(rule),
            _ => None,
        }
    }

    /// The registry's rule that makes a stateful proxy cancel its other
    /// pending branches when this response arrives on one (RFC 3261 §16.7 step
    /// 10): a 2xx to an INVITE, forwarded upstream (MUST), or a 6xx, kept
    /// (SHOULD), whether or not another rule says what else to do with it.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, Level};
    ///
    /// let invite = Context::new().method("INVITE");
    /// let ok = StatusCode::OK.cancels_branches(&invite).unwrap();
    /// assert_eq!(ok.level(), Level::Must);
    /// assert!(StatusCode::DECLINE.cancels_branches(&invite).is_some());
    /// assert!(StatusCode::BUSY_HERE.cancels_branches(&invite).is_none());
    /// // A CANCEL is for INVITE only (§9.1).
    /// assert!(StatusCode::OK.cancels_branches(&Context::new().method("OPTIONS")).is_none());
    /// ```
    pub fn cancels_branches(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> Option<&'static Constraint> {
        self.select(|constraint| match constraint.kind() {
            Kind::Proxy(rule)
                if rule.action() == ProxyAction::CancelBranches
                    && constraint.scope().holds(context) =>
            {
                Some(constraint)
            }
            _ => None,
        })
        .next()
    }

    /// The header fields whose values a forking proxy gathers from every
    /// other response of this kind into this one when it is the response sent
    /// upstream (RFC 3261 §16.7 step 7: the challenges of 401 and 407); empty
    /// for other codes. The code's own proxy rules are read, whichever of them
    /// names them: the rule that says to merge (a MUST) is not the one that
    /// ranks the response (a SHOULD).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::Context;
    ///
    /// let invite = Context::new().method("INVITE").after_final(false);
    /// let merged = StatusCode::UNAUTHORIZED.proxy_merge(&invite);
    /// assert_eq!(merged, ["WWW-Authenticate", "Proxy-Authenticate"]);
    /// assert!(StatusCode::BUSY_HERE.proxy_merge(&invite).is_empty());
    /// ```
    pub fn proxy_merge(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> &'static [&'static str] {
        self.select(|constraint| match constraint.kind() {
            Kind::Proxy(rule) if !rule.merge().is_empty() && constraint.scope().holds(context) => {
                Some(rule.merge())
            }
            _ => None,
        })
        .next()
        .unwrap_or(&[])
    }

    /// The registry's rule behind [`proxy_rule`](StatusCode::proxy_rule),
    /// whole: its level, its sentence and its reference, for reporting what a
    /// proxy did against it.
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, Level};
    /// let invite = Context::new().method("INVITE").after_final(false);
    /// let rule = StatusCode::RINGING.proxy_constraint(&invite).unwrap();
    /// assert_eq!(rule.level(), Level::Must);
    /// assert_eq!(rule.reference().to_string(), "RFC 3261 §16.7");
    /// ```
    pub fn proxy_constraint(
        self,
        context: &Context<'_, impl Names, impl Names, impl Names>,
    ) -> Option<&'static Constraint> {
        // A proxy rule without `after-final` holds until a final response went up.
        let in_time = |scope: &Scope| match scope.after_final() {
            Some(_) => true,
            None => context.after_final == Some(false),
        };
        self.select(|constraint| match constraint.kind() {
            Kind::Proxy(rule)
                if rule.action() != ProxyAction::NoFinalResponse
                    && constraint.scope().holds(context)
                    && in_time(&constraint.scope()) =>
            {
                Some(constraint)
            }
            _ => None,
        })
        .next()
    }
}

impl SipCode {
    /// The code a client acts on when its transaction or transport layer
    /// reports this failure instead of a response, as the registry states it: a
    /// timeout as 408, a transport error as 503, for a UAC (RFC 3261 §8.1.3.1)
    /// and a proxy (§16.8, §16.9). The registry states both for both clients,
    /// so there is always an answer; a registry without one does not compile.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::{Client, Failure};
    ///
    /// assert_eq!(SipCode::for_failure(Failure::Timeout, Client::Uac), SipCode::RequestTimeout);
    /// assert_eq!(
    ///     SipCode::for_failure(Failure::TransportError, Client::Proxy),
    ///     SipCode::ServiceUnavailable
    /// );
    /// ```
    pub fn for_failure(failure: Failure, client: Client) -> SipCode {
        FAILURES[client as usize][failure as usize]
    }
}

/// The code each failure stands for, by client and failure, read from the
/// registry's `stands-for` rules in `const` evaluation.
static FAILURES: [[SipCode; Failure::ALL.len()]; Client::ALL.len()] = {
    let mut table = [[SipCode::ALL[0]; Failure::ALL.len()]; Client::ALL.len()];
    let mut client = 0;
    while client < Client::ALL.len() {
        let mut failure = 0;
        while failure < Failure::ALL.len() {
            table[client][failure] =
                match stands_for(Failure::ALL[failure], Client::ALL[client].role()) {
                    Some(code) => code,
                    None => panic!("registry.toml names no code a failure stands for"),
                };
            failure += 1;
        }
        client += 1;
    }
    table
};

/// The code whose receiver rule says it stands for `failure` for `role`.
const fn stands_for(failure: Failure, role: Role) -> Option<SipCode> {
    let mut code = 0;
    while code < SipCode::COUNT {
        let rules = SipCode::ALL[code].constraints();
        let mut rule = 0;
        while rule < rules.len() {
            if let Kind::Receiver(ReceiverRule {
                roles,
                stands_for: Some(stands_for),
                ..
            }) = rules[rule].kind
                && stands_for as u8 == failure as u8
                && plays(roles, role)
            {
                return Some(SipCode::ALL[code]);
            }
            rule += 1;
        }
        code += 1;
    }
    None
}

/// Whether `roles` names `role`, in `const` evaluation.
const fn plays(roles: &[Role], role: Role) -> bool {
    let mut index = 0;
    while index < roles.len() {
        if roles[index] as u8 == role as u8 {
            return true;
        }
        index += 1;
    }
    false
}
