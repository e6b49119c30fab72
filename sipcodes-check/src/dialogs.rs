//! Dialogs a response ended, and the requests sent on them afterwards. What
//! ends a dialog or a usage, and which request ends a usage, is the
//! registry's (`dialog_constraint`, `usage_of`, `usage_ended_by`); this module
//! only remembers what the capture showed.

use std::collections::HashMap;
use std::net::SocketAddr;

use sipcodes::StatusCode;
use sipcodes::rules::{
    Basis, Constraint, Context, DialogEffect, Kind, Usage, usage_ended_by, usage_of,
};

use crate::sip::Message;
use crate::track::{Finding, Seen};

/// How long an ended dialog is remembered, by the capture's clock: 64·T1,
/// the time a peer may still be retransmitting on it.
const REMEMBERED: f64 = 32.0;

/// What a response ended.
enum Gone {
    Dialog,
    Usage(Usage),
    /// One subscription: the Event that names it, and the element the ending
    /// response went to, which must send nothing more on it (its peer was not
    /// told).
    Subscription {
        event: Option<String>,
        told: SocketAddr,
    },
}

struct Ended {
    time: f64,
    constraint: &'static Constraint,
    gone: Gone,
    /// The response answered a request that ends its usage (a 2xx to BYE):
    /// nothing of that usage may follow, not even another such request.
    by_ender: bool,
    /// `481 Call/Transaction Does Not Exist to INFO`, for the report.
    what: String,
    /// The response's frame and start line.
    response: (u64, String),
}

#[derive(Default)]
pub struct Dialogs {
    ended: HashMap<String, Ended>,
    key: String,
}

/// Call-ID and the two tags, in an order that does not depend on the
/// direction of the message.
fn key_of(message: &Message, key: &mut String) -> bool {
    let (Some(from), Some(to)) = (message.from_tag(), message.to_tag()) else {
        return false;
    };
    let (first, second) = if from <= to { (from, to) } else { (to, from) };
    key.clear();
    for part in [message.call_id(), first, second] {
        key.push_str(part);
        key.push('\n');
    }
    true
}

impl Dialogs {
    /// Remembers a dialog or a usage that a final response to a request
    /// inside a dialog ended, as the registry says.
    pub fn response(
        &mut self,
        request: &Message,
        method: &str,
        response: &Message,
        code: StatusCode,
        seen: Seen,
    ) {
        if code.as_u16() < 200 || !key_of(request, &mut self.key) {
            return;
        }
        let context = Context::new().method(method).in_dialog(true);
        let Some(constraint) = code.dialog_constraint(&context) else {
            return;
        };
        let gone = match constraint.kind() {
            Kind::Dialog(DialogEffect::Dialog) => Gone::Dialog,
            Kind::Dialog(DialogEffect::Usage) => match usage_of(method) {
                Some(usage) => Gone::Usage(usage),
                None => return,
            },
            Kind::Dialog(DialogEffect::Subscription) => Gone::Subscription {
                event: request.event().map(str::to_owned),
                told: seen.destination,
            },
            _ => return,
        };
        let by_ender =
            usage_of(method).is_some_and(|usage| usage_ended_by(usage).contains(&method));
        self.ended.insert(
            self.key.clone(),
            Ended {
                time: seen.time,
                constraint,
                gone,
                by_ender,
                what: format!("{code} to {method}"),
                response: (seen.frame, response.first_line().to_owned()),
            },
        );
    }

    /// A request in a new transaction: a finding if it went on a dialog, or
    /// in a usage, that a response ended, and is not the request that ends
    /// it. One finding a dialog.
    pub fn request(&mut self, message: &Message, method: &str, seen: Seen) -> Option<Finding> {
        if matches!(method, "ACK" | "CANCEL") || !key_of(message, &mut self.key) {
            return None;
        }
        let ended = self.ended.get(self.key.as_str())?;
        if seen.time <= ended.time {
            return None;
        }
        let ender = |usage: Usage| !ended.by_ender && usage_ended_by(usage).contains(&method);
        let breaks = match &ended.gone {
            Gone::Dialog => !Usage::ALL.iter().any(|&usage| ender(usage)),
            Gone::Usage(usage) => usage_of(method) == Some(*usage) && !ender(*usage),
            // The same subscription (RFC 6665 §8.2.1), from the element told
            // it ended.
            Gone::Subscription { event, told } => {
                usage_of(method) == Some(Usage::Subscription)
                    && message.event() == event.as_deref()
                    && seen.source == *told
            }
        };
        if !breaks {
            return None;
        }
        let ended = self.ended.remove(self.key.as_str())?;
        let constraint = ended.constraint;
        let reading = constraint.level().written(constraint.basis());
        let basis = match constraint.basis() {
            Basis::Keyword => String::new(),
            basis => format!("; {}", basis.description()),
        };
        let scope = match &ended.gone {
            Gone::Dialog => "the dialog".to_owned(),
            Gone::Usage(usage) => format!("its {usage} usage"),
            Gone::Subscription {
                event: Some(event), ..
            } => format!("its subscription to {event}"),
            Gone::Subscription { event: None, .. } => {
                format!("its {} usage", Usage::Subscription)
            }
        };
        Some(Finding {
            seen,
            level: constraint.level(),
            basis: constraint.basis(),
            rule: format!(
                "{} inside a dialog {reading} end {scope}, yet {method} was sent on it after ({}{basis})",
                ended.what,
                constraint.reference()
            ),
            call_id: message.call_id().to_owned(),
            response: ended.response,
            request: Some((seen.frame, message.first_line().to_owned())),
        })
    }

    /// Forgets what ended longer ago than a peer may still be sending on it.
    pub fn sweep(&mut self, now: f64) {
        self.ended.retain(|_, ended| ended.time + REMEMBERED >= now);
    }
}
