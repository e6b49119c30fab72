//! A forking proxy's response context (RFC 3261 §16.7), with every action and
//! preference read from the registry.
//!
//! A stateful proxy that forwards a request on several branches feeds each
//! branch's responses to a [`ResponseContext`] and does what it answers: absorb
//! (100), forward at once (1xx while no final response went upstream, every 2xx
//! to an INVITE), keep the response and cancel the other branches (6xx), or keep
//! it as a candidate. When every branch has ended,
//! [`best`](ResponseContext::best) names the response to send upstream.
//!
//! ```
//! use sipcodes::StatusCode;
//! use sipcodes::proxy::{Best, ResponseContext, Slot};
//! use sipcodes::rules::{Context, ProxyAction};
//!
//! let mut slots: [Slot<StatusCode>; 3] = Default::default();
//! let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
//! assert_eq!(context.receive(0, StatusCode::TRYING), ProxyAction::Absorb);
//! assert_eq!(context.receive(1, StatusCode::RINGING), ProxyAction::Forward);
//! assert_eq!(context.receive(0, StatusCode::NOT_FOUND), ProxyAction::Collect);
//! assert_eq!(context.receive(1, StatusCode::UNAUTHORIZED), ProxyAction::Collect);
//! assert_eq!(context.receive(2, StatusCode::SERVICE_UNAVAILABLE), ProxyAction::Collect);
//! // 401 is preferred within 4xx (it lets the caller retry with credentials).
//! let Some(Best::Response { response, send_as, .. }) = context.best() else { panic!() };
//! assert_eq!((*response, send_as), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
//! ```
//!
//! Every decision, and the registry data it comes from:
//!
//! | response on a branch | the context answers | from the registry |
//! | --- | --- | --- |
//! | 100 | `Absorb` | 100: `proxy`, `action = "absorb"` (RFC 3261 §16.7 step 5) |
//! | other 1xx, while no final response went upstream | `Forward` | `[[rule]]` 1xx except 100: `forward` |
//! | 2xx, while no final response went upstream | `Forward` | `[[rule]]` 2xx: `forward` |
//! | 2xx to an INVITE after a final response | `Forward`, every one | `[[rule]]` 2xx, `methods = ["INVITE"]`, `after-final = true`: `forward` |
//! | anything else after a final response | `Absorb` | `[[rule]]`s with `after-final = true`: `absorb` |
//! | 6xx | `CancelBranches`: it is kept, cancel the other branches (`to_cancel()`) | `[[rule]]` 6xx: `cancel-branches` |
//! | 2xx to an INVITE | `Forward`, and cancel the other branches (`to_cancel()`) | `[[rule]]` 2xx, `methods = ["INVITE"]`: `forward`, then `cancel-branches` (§16.7 step 10) |
//! | 101–199 to an INVITE | `Forward`, and restart the branch's timer C (`restarts_timer()`) | `[[rule]]` 1xx but 100, `receiver`, `roles = ["proxy"]`, `restarts-timer = "C"` (§16.7 step 2) |
//! | a kept non-2xx final on a branch with an early dialog | `Collect`, and a 199 owed upstream (`owes_early_dialog_terminated()`) when Supported had `199`, Require no `100rel`, and no final response went up | 199: the proxy's `send` rule and `sender` rule (RFC 6228 §6) |
//! | 3xx, 4xx, 5xx | `Collect` | `[[rule]]` 3xx, 4xx, 5xx: `collect` |
//! | no response: `fail_branch(branch, Failure::Timeout)` (Timer C before any provisional response, or the client transaction timed out) | `Collect`, as a 408 | 408: `receiver`, `roles = ["proxy"]`, `stands-for = "timeout"` (§16.8) |
//! | no response: `fail_branch(branch, Failure::TransportError)` | `Collect`, as a 503 | 503: `stands-for = "transport-error"` (§16.9) |
//!
//! | when every branch has ended | `best()` | from the registry |
//! | --- | --- | --- |
//! | responses were kept | the best `prefer` rank, then the earliest branch: 6xx (1), 3xx (2), 401, 407, 415, 420, 484 (3), other 4xx (4), 5xx (5) | `prefer` on the class rules and on those codes (§16.7 step 6) |
//! | the chosen one is a 503 | sent as 500 | 503: `upstream-as = 500` (§16.7 step 6) |
//! | the chosen one is a 401 or 407 | the `WWW-Authenticate` and `Proxy-Authenticate` of every 401 and 407 are merged in (`merged()`) | `merge` on 401's and 407's MUST proxy rule (§16.7 step 7), read by `StatusCode::proxy_merge` |
//! | a 2xx was forwarded | `None`: the 2xx was the final response | |
//! | the chosen one stands in for a failed branch | `Generate` with its code as sent upstream: 408, or 500 for a transport error's 503 | the stand-in's own rules |
//! | no final response, INVITE | `Generate(408)` | 408: `action = "no-final-response"`, `methods = ["INVITE"]` |
//! | no final response, other methods | `None`: nothing is sent | RFC 4320 §4.2: 408 answers INVITE only |
//! | a candidate whose code does not answer the method (408 to a non-INVITE, received or standing in for a timeout) | never chosen; another candidate is, or nothing is sent | 408's `answers` rule (RFC 4320 §4.2) |
//! | unregistered codes | ranked by their class's rule, number and phrase kept | the class rules |
//!
//! Adding a `prefer` to a code in `registry.toml` changes the choice; the context's
//! code names no status code but 199, whose own rules say when a proxy makes one (a
//! test scans it to keep it so).

use crate::check::{Check, Problem};
use crate::rules::{
    Client, Constraint, Context, Failure, Kind, Names, NoNames, ProxyAction, ProxyRule, Role,
    Scope, Timer,
};
use crate::{SipCode, StatusCode};

/// An application's response, as the response context needs it: its status code.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::proxy::ProxiedResponse;
///
/// struct Response { status: u16 }
///
/// impl ProxiedResponse for Response {
///     fn status(&self) -> StatusCode {
///         StatusCode::new(self.status).unwrap_or(StatusCode::SERVER_INTERNAL_ERROR)
///     }
/// }
///
/// assert_eq!(Response { status: 486 }.status(), StatusCode::BUSY_HERE);
/// ```
pub trait ProxiedResponse {
    /// The response's status code.
    fn status(&self) -> StatusCode;
}

impl ProxiedResponse for StatusCode {
    fn status(&self) -> StatusCode {
        *self
    }
}

impl<R: ProxiedResponse + ?Sized> ProxiedResponse for &R {
    fn status(&self) -> StatusCode {
        (**self).status()
    }
}

/// The state of one branch, in storage the caller provides (one slot per branch).
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::proxy::Slot;
///
/// let slots: [Slot<StatusCode>; 2] = Default::default();
/// assert!(slots.iter().all(|slot| matches!(slot, Slot::Pending)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Slot<R> {
    /// No final response yet.
    #[default]
    Pending,
    /// Ended without a response to keep: its final response was forwarded, or
    /// the caller ended it.
    Ended,
    /// Ended with a final response kept as a candidate.
    Kept(R),
    /// Ended by a failure its transaction or transport layer reported, kept as
    /// a candidate with the code the registry says the failure stands for (a
    /// timeout as 408, a transport error as 503: RFC 3261 §16.8, §16.9).
    Failed(SipCode),
}

/// The response to send upstream once every branch has ended.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::proxy::{Best, ResponseContext, Slot};
/// use sipcodes::rules::Context;
///
/// let mut slots: [Slot<StatusCode>; 2] = Default::default();
/// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
/// context.receive(0, StatusCode::SERVICE_UNAVAILABLE);
/// context.end_branch(1);
/// // A chosen 503 goes upstream as 500 (RFC 3261 §16.7 step 6, §21.5.4).
/// let Some(Best::Response { response, send_as, .. }) = context.best() else { panic!() };
/// assert_eq!((*response, send_as), (StatusCode::SERVICE_UNAVAILABLE, StatusCode::SERVER_INTERNAL_ERROR));
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Best<'c, R> {
    /// Send this received response, with this status code (a chosen 503 goes
    /// up as 500: give it the 500's status line, not the 503's phrase); when
    /// `merge` names header fields, copy their values from every response
    /// [`merged`](ResponseContext::merged) gives into it (the challenges of
    /// every 401 and 407).
    Response {
        /// The chosen response.
        response: &'c R,
        /// The status code to send it with.
        send_as: StatusCode,
        /// The header fields to merge from the other challenges.
        merge: &'static [&'static str],
    },
    /// Send a response of your own with this code: no branch gave a final
    /// response (408 to an INVITE), or the best candidate is a failed branch's
    /// stand-in (a transport error counts as 503, sent upstream as 500).
    Generate(SipCode),
}

/// The response context of one request forwarded on several branches: it
/// holds each branch's state in the caller's slots and allocates nothing.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::proxy::{Best, ResponseContext, Slot};
/// use sipcodes::rules::{Context, ProxyAction};
///
/// let mut slots: [Slot<StatusCode>; 2] = Default::default();
/// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
/// // A 6xx is kept and the other branches are cancelled (§16.7 step 5) …
/// assert_eq!(context.receive(0, StatusCode::BUSY_EVERYWHERE), ProxyAction::CancelBranches);
/// context.receive(1, StatusCode::REQUEST_TERMINATED);
/// // … and it beats every other final response.
/// let Some(Best::Response { response, .. }) = context.best() else { panic!() };
/// assert_eq!(*response, StatusCode::BUSY_EVERYWHERE);
/// ```
#[derive(Debug)]
pub struct ResponseContext<'s, 'm, R, H = NoNames, Q = NoNames, S = NoNames> {
    context: Context<'m, H, Q, S>,
    slots: &'s mut [Slot<R>],
    final_sent: bool,
    /// A response arrived that the registry says cancels the other branches.
    cancelling: bool,
}

impl<'s, 'm, R, H, Q, S> ResponseContext<'s, 'm, R, H, Q, S>
where
    R: ProxiedResponse,
    H: Names,
    Q: Names,
    S: Names,
{
    /// A context for a request forwarded on `slots.len()` branches (branch `i`
    /// is `slots[i]`), with what is known of it: at least its method, without
    /// which no rule of the registry applies. Whether a final response went
    /// upstream is tracked here; the context's own `after_final` is not used.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 2] = Default::default();
    /// let context = ResponseContext::new(Context::new().method("OPTIONS"), &mut slots);
    /// assert!(!context.is_complete());
    /// ```
    pub fn new(context: Context<'m, H, Q, S>, slots: &'s mut [Slot<R>]) -> Self {
        ResponseContext {
            context,
            slots,
            final_sent: false,
            cancelling: false,
        }
    }

    /// What to do with a response received on `branch`. A final response ends
    /// the branch; a kept one is stored in its slot. A branch out of range gets
    /// [`ProxyAction::Absorb`]. On a branch that already ended, the registry's rules
    /// for after a final response apply: another 2xx to an INVITE is forwarded
    /// (a fork further downstream answered too; RFC 6026), anything else is
    /// absorbed (a retransmission, or a provisional response arriving late).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::{Context, ProxyAction};
    ///
    /// let mut slots: [Slot<StatusCode>; 3] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// assert_eq!(context.receive(0, StatusCode::OK), ProxyAction::Forward);
    /// // For an INVITE every 2xx goes upstream, even after the first …
    /// assert_eq!(context.receive(1, StatusCode::OK), ProxyAction::Forward);
    /// // … and nothing else once a final response was sent.
    /// assert_eq!(context.receive(2, StatusCode::RINGING), ProxyAction::Absorb);
    /// // A second 2xx on one branch goes up too.
    /// assert_eq!(context.receive(0, StatusCode::OK), ProxyAction::Forward);
    /// ```
    pub fn receive(&mut self, branch: usize, response: R) -> ProxyAction {
        let status = response.status();
        let Some(ended) = self
            .slots
            .get(branch)
            .map(|slot| !matches!(slot, Slot::Pending))
        else {
            return ProxyAction::Absorb;
        };
        // A branch that had its final response is past it, as the response
        // context is once a final response went upstream.
        if status.is_final() && status.cancels_branches(&self.context).is_some() {
            self.cancelling = true;
        }
        let Some(rule) = status.proxy_rule(&self.at(self.final_sent || ended)) else {
            return ProxyAction::Absorb;
        };
        let slot = &mut self.slots[branch];
        // Every action is named: a new one does not compile until it is decided here.
        match rule.action() {
            ProxyAction::Forward => {
                if status.is_final() {
                    if !ended {
                        *slot = Slot::Ended;
                    }
                    self.final_sent = true;
                }
                ProxyAction::Forward
            }
            action if status.is_final() && !ended && keeps(action) => {
                *slot = Slot::Kept(response);
                action
            }
            ProxyAction::Collect
            | ProxyAction::CancelBranches
            | ProxyAction::Absorb
            | ProxyAction::NoFinalResponse => ProxyAction::Absorb,
        }
    }

    /// The context, with whether a final response went upstream.
    fn at(&self, after_final: bool) -> Context<'m, H, Q, S> {
        self.context.clone().after_final(after_final)
    }

    /// A branch's client transaction failed without a final response: it
    /// timed out (for an INVITE, Timer C fired before any provisional response;
    /// after one, send a CANCEL instead, §16.8), or the transport layer could not
    /// send the request (§16.9). The branch ends with the code the registry says
    /// the failure stands for, kept as a candidate like a received response.
    /// A branch out of range, or one that already ended, gets
    /// [`ProxyAction::Absorb`].
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    /// use sipcodes::rules::Failure;
    /// use sipcodes::proxy::{Best, ResponseContext, Slot};
    /// use sipcodes::rules::{Context, ProxyAction};
    ///
    /// let mut slots: [Slot<StatusCode>; 2] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// assert_eq!(context.fail_branch(0, Failure::Timeout), ProxyAction::Collect);
    /// context.receive(1, StatusCode::SERVER_INTERNAL_ERROR);
    /// // The timeout counts as a 408, a 4xx, which beats the 5xx.
    /// assert_eq!(context.best(), Some(Best::Generate(SipCode::RequestTimeout)));
    /// ```
    pub fn fail_branch(&mut self, branch: usize, failure: Failure) -> ProxyAction {
        let context = self.at(self.final_sent);
        let Some(slot @ Slot::Pending) = self.slots.get_mut(branch) else {
            return ProxyAction::Absorb;
        };
        let code = SipCode::for_failure(failure, Client::Proxy);
        let rule = StatusCode::from_sip_code(code).proxy_rule(&context);
        match rule.map(|rule| rule.action()) {
            Some(kept) if keeps(kept) => {
                *slot = Slot::Failed(code);
                kept
            }
            _ => {
                *slot = Slot::Ended;
                ProxyAction::Absorb
            }
        }
    }

    /// A branch ended without a final response for a reason of the caller's
    /// own; a branch that timed out or could not be sent is
    /// [`fail_branch`](ResponseContext::fail_branch)'s.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 1] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// context.end_branch(0);
    /// assert!(context.is_complete());
    /// ```
    pub fn end_branch(&mut self, branch: usize) {
        if let Some(slot @ Slot::Pending) = self.slots.get_mut(branch) {
            *slot = Slot::Ended;
        }
    }

    /// The branches to cancel now: once a response arrived that the registry
    /// says cancels the others (a 2xx to an INVITE, forwarded; a 6xx, kept:
    /// RFC 3261 §16.7 step 10, [`StatusCode::cancels_branches`]), every branch
    /// still pending. Send each its CANCEL once it has had a provisional
    /// response (§9.1), then [`end_branch`](Self::end_branch) it when its
    /// final response or its timeout comes.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 3] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// context.receive(0, StatusCode::RINGING);
    /// context.receive(1, StatusCode::RINGING);
    /// assert_eq!(context.to_cancel().count(), 0);
    /// context.receive(2, StatusCode::OK);
    /// assert_eq!(context.to_cancel().collect::<Vec<_>>(), [0, 1]);
    /// ```
    pub fn to_cancel(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| self.cancelling && matches!(slot, Slot::Pending))
            .map(|(branch, _)| branch)
    }

    /// The timer the proxy restarts on the branch a response just arrived on,
    /// as the registry's receiver rules for a proxy say: timer C, on a
    /// 101–199 to an INVITE (RFC 3261 §16.7 step 2).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::{Context, Timer};
    ///
    /// let mut slots: [Slot<StatusCode>; 1] = Default::default();
    /// let context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// assert_eq!(context.restarts_timer(StatusCode::RINGING), Some(Timer::C));
    /// assert_eq!(context.restarts_timer(StatusCode::TRYING), None);
    /// ```
    pub fn restarts_timer(&self, status: StatusCode) -> Option<Timer> {
        status
            .rules()
            .find_map(|constraint| match constraint.kind() {
                Kind::Receiver(rule)
                    if rule.roles().contains(&Role::Proxy)
                        && constraint.scope().holds(&self.context) =>
                {
                    rule.restarts()
                }
                _ => None,
            })
    }

    /// The registry's rule that makes the proxy send a 199 (Early Dialog
    /// Terminated) upstream now, for a non-2xx final `status` that just
    /// arrived on a branch and ended the early dialog a 101–199 response with
    /// a To tag had created there (RFC 6228 §6); `None` when none is due. The
    /// context decides the circumstances of that rule it knows: the final
    /// response is kept rather than forwarded at once, no final response went
    /// upstream, the request's Supported has `199` and its Require no
    /// `100rel` (the registry's rules for a proxy's 199, their scope keys).
    /// The caller knows which branches had an early dialog, and sends one 199
    /// for each, with a Reason header field naming `status` (RFC 6228 §6).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let invite = Context::new().method("INVITE").supported(["199"]).require(["timer"]);
    /// let mut slots: [Slot<StatusCode>; 2] = Default::default();
    /// let mut context = ResponseContext::new(invite, &mut slots);
    /// context.receive(0, StatusCode::RINGING);
    /// context.receive(0, StatusCode::BUSY_HERE);
    /// let rule = context.owes_early_dialog_terminated(StatusCode::BUSY_HERE).unwrap();
    /// assert_eq!(rule.reference().to_string(), "RFC 6228 §6");
    /// ```
    pub fn owes_early_dialog_terminated(&self, status: StatusCode) -> Option<&'static Constraint> {
        if !status.is_final() || status.is_success() || self.final_sent {
            return None;
        }
        let kept = status
            .proxy_rule(&self.at(false))
            .is_some_and(|rule| keeps(rule.action()));
        let rules = SipCode::EarlyDialogTerminated.constraints();
        // The scope keys decide; the prose is what this context knows.
        let holds = |constraint: &Constraint| {
            Scope(crate::spec::render::Scope {
                condition: None,
                ..constraint.scope().0
            })
            .holds(&self.context)
        };
        let forbidden = rules.iter().any(|constraint| {
            matches!(constraint.kind(), Kind::Sender([Role::Proxy]))
                && constraint.level().is_negative()
                && holds(constraint)
        });
        let due = rules.iter().find(|constraint| {
            matches!(constraint.kind(), Kind::Send([Role::Proxy]))
                && constraint.level().is_mandatory()
                && holds(constraint)
        });
        due.filter(|_| kept && !forbidden)
    }

    /// Whether every branch has ended.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 1] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// context.receive(0, StatusCode::NOT_FOUND);
    /// assert!(context.is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        !self.slots.iter().any(|slot| matches!(slot, Slot::Pending))
    }

    /// The response to send upstream, once every branch has ended and none was
    /// forwarded as final: the kept response the registry ranks first
    /// ([`ProxyRule::prefer`]: a 6xx, else the lowest class, and within 4xx
    /// 401, 407, 415, 420 and 484), the earliest branch on a tie; or, when no
    /// branch gave a final response,
    /// the code the registry says a proxy sends then (408 to an INVITE; nothing
    /// to other methods, RFC 4320). `None` while a branch is pending, after a
    /// final response was forwarded, and when there is nothing to send.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    /// use sipcodes::proxy::{Best, ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 2] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// context.end_branch(0);
    /// context.end_branch(1);
    /// assert_eq!(context.best(), Some(Best::Generate(SipCode::RequestTimeout)));
    /// ```
    pub fn best(&self) -> Option<Best<'_, R>> {
        if !self.is_complete() || self.final_sent {
            return None;
        }
        let chosen = self
            .kept()
            .filter_map(|(candidate, rule)| {
                let send_as = rule
                    .and_then(|rule| rule.upstream_as())
                    .map_or(candidate.status(), StatusCode::from_sip_code);
                // RFC 4320 §4.2: a code that does not answer the method (408 to
                // a non-INVITE) is never sent upstream.
                let answers = Check::new(send_as)
                    .context(self.context.clone())
                    .violations()
                    .all(|violation| violation.problem() != Problem::UnexpectedMethod);
                let rank = rule.and_then(|rule| rule.prefer()).unwrap_or(u8::MAX);
                answers.then_some((rank, candidate, send_as, rule))
            })
            .reduce(|best, next| if next.0 < best.0 { next } else { best });
        match chosen {
            Some((_, Candidate::Received(response), send_as, _)) => Some(Best::Response {
                response,
                send_as,
                merge: response.status().proxy_merge(&self.at(false)),
            }),
            Some((_, Candidate::StandIn(_), send_as, _)) => send_as.known().map(Best::Generate),
            None => no_final_response(&self.context).map(Best::Generate),
        }
    }

    /// The kept responses whose header fields the best response merges (every
    /// 401 and 407 when one of them is chosen), the chosen one included.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::proxy::{Best, ResponseContext, Slot};
    /// use sipcodes::rules::Context;
    ///
    /// let mut slots: [Slot<StatusCode>; 3] = Default::default();
    /// let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    /// context.receive(0, StatusCode::UNAUTHORIZED);
    /// context.receive(1, StatusCode::PROXY_AUTHENTICATION_REQUIRED);
    /// context.receive(2, StatusCode::NOT_FOUND);
    /// let Some(Best::Response { merge, .. }) = context.best() else { panic!() };
    /// assert!(merge.contains(&"WWW-Authenticate") && merge.contains(&"Proxy-Authenticate"));
    /// let challenges: Vec<_> = context.merged().copied().collect();
    /// assert_eq!(challenges, [StatusCode::UNAUTHORIZED, StatusCode::PROXY_AUTHENTICATION_REQUIRED]);
    /// ```
    pub fn merged(&self) -> impl Iterator<Item = &R> {
        let merging =
            matches!(self.best(), Some(Best::Response { merge, .. }) if !merge.is_empty());
        self.kept()
            .filter(move |(candidate, _)| {
                merging && !candidate.status().proxy_merge(&self.at(false)).is_empty()
            })
            .filter_map(|(candidate, _)| match candidate {
                Candidate::Received(response) => Some(response),
                Candidate::StandIn(_) => None,
            })
    }

    fn kept(&self) -> impl Iterator<Item = (Candidate<'_, R>, Option<ProxyRule>)> {
        self.slots.iter().filter_map(|slot| {
            let candidate = match slot {
                Slot::Kept(response) => Candidate::Received(response),
                &Slot::Failed(code) => Candidate::StandIn(code),
                Slot::Pending | Slot::Ended => return None,
            };
            let rule = candidate.status().proxy_rule(&self.at(false));
            Some((candidate, rule))
        })
    }
}

/// A kept final response: received, or standing in for a failed branch.
enum Candidate<'c, R> {
    Received(&'c R),
    StandIn(SipCode),
}

impl<R: ProxiedResponse> Candidate<'_, R> {
    fn status(&self) -> StatusCode {
        match self {
            Candidate::Received(response) => response.status(),
            Candidate::StandIn(code) => StatusCode::from_sip_code(*code),
        }
    }
}

/// Whether a final response with this action is kept as a candidate.
fn keeps(action: ProxyAction) -> bool {
    match action {
        ProxyAction::Collect | ProxyAction::CancelBranches => true,
        ProxyAction::Absorb | ProxyAction::Forward | ProxyAction::NoFinalResponse => false,
    }
}

/// The code a proxy sends itself for a request in this context when no branch
/// gave a final response, as the registry states it.
fn no_final_response(context: &Context<'_, impl Names, impl Names, impl Names>) -> Option<SipCode> {
    SipCode::ALL.into_iter().find(|code| {
        code.constraints().iter().any(|constraint| {
            matches!(constraint.kind(), Kind::Proxy(rule) if rule.action() == ProxyAction::NoFinalResponse)
                && constraint.scope().holds(context)
        })
    })
}
