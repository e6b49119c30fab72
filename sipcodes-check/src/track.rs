//! Pairing responses with their requests and applying the registry's rules
//! to each response, through the library's validator: no SIP rule is written
//! here, only which facts of the capture the validator is told.

use std::collections::HashMap;
use std::net::SocketAddr;

use sipcodes::StatusCode;
use sipcodes::rules::{Basis, Level};

use crate::dialogs::Dialogs;
use crate::proxied::Proxied;
use crate::sip::{Message, Start};
use crate::verdicts::{Request, Verdict, Verdicts};

/// RFC 3261 §17.1.1.1: T1, and 64·T1, the lifetime of a transaction.
const T1: f64 = 0.5;
const TRANSACTION: f64 = 64.0 * T1;
/// RFC 3261 §16.6 step 11: a proxy's timer C is over three minutes, so an
/// INVITE may wait that long for its final response.
const TIMER_C: f64 = 180.0;
/// The magic cookie of an RFC 3261 branch (§8.1.1.7).
const COOKIE: &str = "z9hG4bK";

/// Where and when a message was seen.
#[derive(Clone, Copy, Debug)]
pub struct Seen {
    pub frame: u64,
    pub time: f64,
    pub source: SocketAddr,
    pub destination: SocketAddr,
}

/// A rule a response breaks.
#[derive(Debug)]
pub struct Finding {
    pub seen: Seen,
    pub level: Level,
    /// Whether the level is an RFC 2119 keyword or how a sentence without
    /// one reads.
    pub basis: Basis,
    /// The rule in one line, with its level and reference.
    pub rule: String,
    pub call_id: String,
    /// The response's frame and start line.
    pub response: (u64, String),
    /// The request involved, when it is in the capture: the one the response
    /// answers, or for a dialog the response ended, the request sent on it
    /// after.
    pub request: Option<(u64, String)>,
}

/// A response whose request is not in the capture.
#[derive(Debug)]
pub struct Unpaired {
    pub seen: Seen,
    pub call_id: String,
    pub first_line: String,
}

/// What the tracker reports for one response.
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub unpaired: Option<Unpaired>,
    /// Rules the validator could not decide from what the capture shows.
    pub undecided: usize,
}

/// Writes into `key` what tells the message's transaction apart: the
/// topmost Via's branch and sent-by and the CSeq method (RFC 3261 §17.1.3,
/// §17.2.3); for an RFC 2543 peer, whose branch lacks the magic cookie, the
/// Call-ID, CSeq, From tag and topmost Via instead. One string, reused, so
/// that a lookup allocates nothing.
fn key_of(message: &Message, key: &mut String) {
    if !branch_key(message.branch(), message.sent_by(), message, key) {
        key.clear();
        let cseq = message.cseq.to_string();
        let from_tag = message.from_tag().unwrap_or_default();
        for part in [
            message.call_id(),
            &cseq,
            message.cseq_method(),
            from_tag,
            message.sent_by(),
        ] {
            key.push_str(part);
            key.push('\n');
        }
    }
}

/// The key of the transaction a Via with this branch and sent-by opened, if
/// the branch is an RFC 3261 one; `false` otherwise.
fn branch_key(branch: Option<&str>, sent_by: &str, message: &Message, key: &mut String) -> bool {
    let Some(branch) = branch.filter(|branch| branch.starts_with(COOKIE)) else {
        return false;
    };
    key.clear();
    for part in [branch, sent_by, message.cseq_method()] {
        key.push_str(part);
        key.push('\n');
    }
    true
}

struct Transaction {
    request: Message,
    seen: Seen,
    last: f64,
    /// The first final response's code and To tag: a response with both
    /// is that response again, any other final one is another.
    first_final: Option<(StatusCode, Option<String>)>,
    /// For a request a proxy forwarded on a branch: the transaction it
    /// forwarded, and the branch's number there.
    upstream: Option<(String, usize)>,
    /// For a request a proxy received and forwarded: what it did.
    proxied: Option<Proxied>,
}

impl Transaction {
    fn method(&self) -> &str {
        self.request.method()
    }
}

#[derive(Default)]
pub struct Tracker {
    transactions: HashMap<String, Transaction>,
    key: String,
    last_sweep: f64,
    /// Findings about transactions that ended, for the next caller.
    ended: Vec<Finding>,
    /// Requests seen forwarded by a proxy, both sides in the capture.
    pub forwarded: u64,
    dialogs: Dialogs,
    verdicts: Verdicts,
}

impl Tracker {
    /// Remembers a request, so that its responses can be paired with it, and
    /// links a request a proxy forwarded to the one it received.
    pub fn request(&mut self, message: Message, seen: Seen) {
        self.sweep(seen.time);
        if message.start != Start::Request {
            return;
        }
        let method = message.method();
        // ACK is never answered.
        if method == "ACK" {
            return;
        }
        key_of(&message, &mut self.key);
        if let Some(transaction) = self.transactions.get_mut(self.key.as_str()) {
            // A retransmission.
            transaction.last = seen.time;
            return;
        }
        if let Some(finding) = self.dialogs.request(&message, method, seen) {
            self.ended.push(finding);
        }
        let key = self.key.clone();
        // A proxy forwards a request with its own Via on top of the ones it
        // received: the second Via is the received request's top one.
        let mut upstream = None;
        if let Some((branch, sent_by)) = message.second()
            && branch_key(branch, sent_by, &message, &mut self.key)
            && let Some(received) = self.transactions.get_mut(self.key.as_str())
            && received.seen.destination.ip() == seen.source.ip()
        {
            let (frame, line) = (received.seen.frame, received.request.first_line());
            let proxied = received
                .proxied
                .get_or_insert_with(|| Proxied::new(frame, line));
            upstream = Some((self.key.clone(), proxied.branches));
            proxied.branches += 1;
            self.forwarded += 1;
        }
        let transaction = Transaction {
            request: message,
            seen,
            last: seen.time,
            first_final: None,
            upstream,
            proxied: None,
        };
        self.transactions.insert(key, transaction);
    }

    /// Checks a response against the registry, knowing its request when the
    /// capture holds it, and what a proxy did with it when the capture holds
    /// both sides of the proxy.
    pub fn response(&mut self, message: &Message, code: StatusCode, seen: Seen) -> Outcome {
        self.sweep(seen.time);
        key_of(message, &mut self.key);
        let mut outcome = Outcome {
            findings: std::mem::take(&mut self.ended),
            unpaired: None,
            undecided: 0,
        };
        let report = |outcome: &mut Outcome, verdict: &Verdict, request: Option<(u64, &str)>| {
            outcome.undecided += verdict.undecided;
            for (level, basis, rule) in &verdict.violations {
                outcome.findings.push(Finding {
                    seen,
                    level: *level,
                    basis: *basis,
                    rule: rule.clone(),
                    call_id: message.call_id().to_owned(),
                    response: (seen.frame, message.first_line().to_owned()),
                    request: request.map(|(frame, line)| (frame, line.to_owned())),
                });
            }
        };
        let Some(transaction) = self.transactions.get_mut(self.key.as_str()) else {
            // The response's CSeq names its request's method (§8.2.6.2).
            let request = Request::Method(message.cseq_method());
            report(
                &mut outcome,
                self.verdicts.judge(code, message, &request),
                None,
            );
            outcome.unpaired = Some(Unpaired {
                seen,
                call_id: message.call_id().to_owned(),
                first_line: message.first_line().to_owned(),
            });
            return outcome;
        };
        transaction.last = seen.time;
        let first_final = transaction.first_final.is_none() && code.as_u16() >= 200;
        let after_final = match &transaction.first_final {
            Some((first, tag)) => *first != code || tag.as_deref() != message.to_tag(),
            None => {
                if first_final {
                    transaction.first_final = Some((code, message.to_tag().map(str::to_owned)));
                }
                false
            }
        };
        if first_final {
            let method = transaction.method();
            self.dialogs
                .response(&transaction.request, method, message, code, seen);
        }
        let request = Request::Seen {
            method: transaction.method(),
            request: &transaction.request,
            after_final,
        };
        report(
            &mut outcome,
            self.verdicts.judge(code, message, &request),
            Some((transaction.seen.frame, transaction.request.first_line())),
        );
        let method = transaction.method().to_owned();
        if let Some(proxied) = &mut transaction.proxied {
            let judged = proxied.upstream(&method, message, code, seen);
            outcome.findings.extend(judged.findings);
            outcome.undecided += judged.undecided;
        }
        if let Some((upstream, branch)) = transaction.upstream.clone()
            && let Some(received) = self.transactions.get_mut(upstream.as_str())
            && let Some(proxied) = &mut received.proxied
        {
            proxied.branch_response(&method, branch, message, code, seen);
        }
        outcome
    }

    /// What is left to find when the capture ends.
    pub fn finish(&mut self) -> Vec<Finding> {
        let mut found = std::mem::take(&mut self.ended);
        for transaction in self.transactions.values_mut() {
            if let Some(proxied) = &mut transaction.proxied {
                found.extend(proxied.finish());
            }
        }
        found
    }

    /// Forgets transactions that ended by the capture's own clock: 64·T1
    /// after their last message once answered, and an INVITE still waiting
    /// after timer C as well.
    fn sweep(&mut self, now: f64) {
        if now < self.last_sweep + TRANSACTION {
            return;
        }
        self.last_sweep = now;
        self.dialogs.sweep(now);
        let ended = &mut self.ended;
        self.transactions.retain(|_, transaction| {
            let wait = if transaction.first_final.is_some() {
                TRANSACTION
            } else {
                TIMER_C + TRANSACTION
            };
            let keep = transaction.last + wait >= now;
            if !keep && let Some(proxied) = &mut transaction.proxied {
                ended.extend(proxied.finish());
            }
            keep
        });
    }

    /// Transactions still remembered.
    #[cfg(test)]
    fn open(&self) -> usize {
        self.transactions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::parse;

    fn seen(frame: u64, time: f64) -> Seen {
        let address = "127.0.0.1:5060".parse().unwrap();
        Seen {
            frame,
            time,
            source: address,
            destination: address,
        }
    }

    const REGISTER: &[u8] =
        b"REGISTER sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h:5062;branch=z9hG4bK7\r\n\
        From: <sip:a@x>;tag=1\r\nTo: <sip:a@x>\r\nCall-ID: r1\r\nCSeq: 3 REGISTER\r\n\r\n";
    const REFUSED: &[u8] =
        b"SIP/2.0 405 Method Not Allowed\r\nVia: SIP/2.0/UDP h:5062;branch=z9hG4bK7\r\n\
        From: <sip:a@x>;tag=1\r\nTo: <sip:a@x>;tag=2\r\nCall-ID: r1\r\nCSeq: 3 REGISTER\r\n\r\n";

    #[test]
    fn pairs_by_branch_and_reports_what_the_registry_requires() {
        let mut tracker = Tracker::default();
        tracker.request(parse(REGISTER).unwrap(), seen(1, 0.0));
        let outcome = tracker.response(
            &parse(REFUSED).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            seen(2, 0.1),
        );
        assert!(outcome.unpaired.is_none());
        let rules: Vec<_> = outcome.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)"]
        );
        assert_eq!(outcome.findings[0].request.as_ref().map(|r| r.0), Some(1));
    }

    #[test]
    fn a_response_without_its_request_is_unpaired_and_still_checked() {
        let mut tracker = Tracker::default();
        let outcome = tracker.response(
            &parse(REFUSED).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            seen(2, 0.1),
        );
        assert_eq!(outcome.unpaired.map(|u| u.seen.frame), Some(2));
        assert_eq!(outcome.findings.len(), 1);
    }

    #[test]
    fn transactions_expire_by_the_capture_clock() {
        let mut tracker = Tracker::default();
        tracker.request(parse(REGISTER).unwrap(), seen(1, 0.0));
        tracker.response(
            &parse(REFUSED).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            seen(2, 0.1),
        );
        assert_eq!(tracker.open(), 1);
        let later = REGISTER.to_vec();
        let later = String::from_utf8(later)
            .unwrap()
            .replace("z9hG4bK7", "z9hG4bK8");
        tracker.request(parse(later.as_bytes()).unwrap(), seen(3, 40.0));
        assert_eq!(
            tracker.open(),
            1,
            "the first transaction ended 64·T1 after its answer"
        );
    }
}
