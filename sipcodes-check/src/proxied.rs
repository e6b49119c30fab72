//! A stateful proxy seen from both sides: the request it received, the
//! branches it forwarded it on (each with the proxy's Via on top of the
//! request's), what came back on each branch and what went upstream, judged by
//! the registry's proxy rules (RFC 3261 §16.7) through the library's
//! `proxy_constraint` and response context.

use sipcodes::StatusCode;
use sipcodes::proxy::{Best, ResponseContext, Slot};
use sipcodes::rules::{Constraint, Context, Kind, Level, ProxyAction};

use crate::sip::Message;
use crate::track::{Finding, Seen};

/// One request a proxy received and forwarded.
pub struct Proxied {
    /// The request the proxy received: its frame and start line.
    request: (u64, String),
    pub branches: usize,
    /// The final response of each branch that has one, in arrival order.
    finals: Vec<(usize, StatusCode)>,
    /// Responses from branches that the registry says go upstream at once,
    /// or never.
    expected: Vec<Expected>,
    final_sent: bool,
    /// The last frame the proxy sent upstream.
    last_upstream: u64,
}

struct Expected {
    code: StatusCode,
    to_tag: Option<String>,
    forward: bool,
    constraint: &'static Constraint,
    seen: Seen,
    call_id: String,
    first_line: String,
    done: bool,
}

/// What the checks of one upstream response found and could not decide.
#[derive(Default)]
pub struct Judged {
    pub findings: Vec<Finding>,
    pub undecided: usize,
}

impl Proxied {
    pub fn new(frame: u64, first_line: &str) -> Proxied {
        Proxied {
            request: (frame, first_line.to_owned()),
            branches: 0,
            finals: Vec::new(),
            expected: Vec::new(),
            final_sent: false,
            last_upstream: 0,
        }
    }

    /// A response that came back to the proxy on `branch`.
    pub fn branch_response(
        &mut self,
        method: &str,
        branch: usize,
        message: &Message,
        code: StatusCode,
        seen: Seen,
    ) {
        let context = Context::new().method(method).after_final(self.final_sent);
        if let Some(constraint) = code.proxy_constraint(&context)
            && let Kind::Proxy(rule) = constraint.kind()
        {
            let forward = match rule.action() {
                ProxyAction::Forward => Some(true),
                // Without a To tag a forwarded response cannot be told from
                // one the proxy generates itself (its own 100).
                ProxyAction::Absorb if message.to_tag().is_some() => Some(false),
                _ => None,
            };
            if let Some(forward) = forward {
                self.expected.push(Expected {
                    code,
                    to_tag: message.to_tag().map(str::to_owned),
                    forward,
                    constraint,
                    seen,
                    call_id: message.call_id().to_owned(),
                    first_line: message.first_line().to_owned(),
                    done: false,
                });
            }
        }
        if code.as_u16() >= 200 && !self.finals.iter().any(|(other, _)| *other == branch) {
            self.finals.push((branch, code));
        }
    }

    /// A response the proxy sent upstream.
    pub fn upstream(
        &mut self,
        method: &str,
        message: &Message,
        code: StatusCode,
        seen: Seen,
    ) -> Judged {
        let mut judged = Judged::default();
        self.last_upstream = seen.frame;
        let same = |expected: &&mut Expected| {
            !expected.done
                && expected.code == code
                && expected.to_tag.as_deref() == message.to_tag()
        };
        if let Some(expected) = self.expected.iter_mut().find(same) {
            expected.done = true;
            if !expected.forward {
                let request = self.request.clone();
                judged
                    .findings
                    .push(finding(expected, seen, "be passed upstream", request));
            }
        }
        let is_final = code.as_u16() >= 200;
        if is_final && !self.final_sent && !(200..300).contains(&code.as_u16()) {
            match self.best(method) {
                Some(best) if best != code => {
                    let context = Context::new().method(method).after_final(false);
                    if let Some(constraint) = best.proxy_constraint(&context) {
                        judged.findings.push(Finding {
                            seen,
                            level: constraint.level(),
                            basis: constraint.basis(),
                            rule: format!(
                                "{code} went upstream where the best response of the branches is {best}; \
                                 {} ({})",
                                constraint.rule(),
                                constraint.reference()
                            ),
                            call_id: message.call_id().to_owned(),
                            response: (seen.frame, message.first_line().to_owned()),
                            request: Some(self.request.clone()),
                        });
                    }
                }
                Some(_) => {}
                None => judged.undecided += 1,
            }
        }
        self.final_sent |= is_final;
        judged
    }

    /// The code the registry's response context chooses from the branches'
    /// final responses; `None` while a branch has none.
    fn best(&self, method: &str) -> Option<StatusCode> {
        let mut slots = vec![Slot::Pending; self.branches];
        let mut context = ResponseContext::new(Context::new().method(method), &mut slots);
        for (branch, code) in &self.finals {
            context.receive(*branch, *code);
        }
        match context.best()? {
            Best::Response { send_as, .. } => Some(send_as),
            Best::Generate(code) => Some(code.into()),
        }
    }

    /// At the end of the transaction: the responses the proxy had to pass
    /// upstream at once and did not, though it sent something upstream later.
    pub fn finish(&mut self) -> Vec<Finding> {
        let last = self.last_upstream;
        let request = &self.request;
        self.expected
            .iter_mut()
            .filter(|expected| expected.forward && !expected.done && expected.seen.frame < last)
            .map(|expected| {
                expected.done = true;
                let seen = expected.seen;
                finding(
                    expected,
                    seen,
                    "be passed upstream at once",
                    request.clone(),
                )
            })
            .collect()
    }
}

/// `180 Ringing from a branch MUST be passed upstream at once (RFC 3261 §16.7)`;
/// an `absorb` rule reads as its negation, `MUST NOT be passed upstream`.
fn finding(expected: &Expected, seen: Seen, what: &str, request: (u64, String)) -> Finding {
    let level = match (expected.forward, expected.constraint.level()) {
        (false, Level::Must) => Level::MustNot,
        (false, Level::Should) => Level::ShouldNot,
        (_, level) => level,
    };
    Finding {
        seen,
        level,
        basis: expected.constraint.basis(),
        rule: format!(
            "{} from a branch {} {what} ({})",
            expected.code,
            level.written(expected.constraint.basis()),
            expected.constraint.reference()
        ),
        call_id: expected.call_id.clone(),
        response: (expected.seen.frame, expected.first_line.clone()),
        request: Some(request),
    }
}
