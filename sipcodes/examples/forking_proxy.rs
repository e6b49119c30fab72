//! A forking proxy's decisions, scripted: each scenario forwards one request on
//! several branches, feeds their responses to a `ResponseContext`, and prints
//! what the proxy does with each and which response it finally sends upstream.
//!
//! ```text
//! cargo run -p sipcodes --example forking_proxy
//! ```

use std::fmt::Write as _;

use sipcodes::proxy::{Best, ResponseContext, Slot};
use sipcodes::rules::{Context, Failure, ProxyAction};
use sipcodes::{SipCode, StatusCode};

/// What a branch reports: a response with this code, or a failure of its
/// transaction or transport layer.
#[derive(Clone, Copy)]
enum Arrival {
    R(u16),
    F(Failure),
}
use Arrival::{F, R};

/// A scenario: the method, the number of branches, and what arrives in order
/// as (branch, arrival); a branch with no final response at the end times out.
type Scenario = (
    &'static str,
    &'static str,
    usize,
    &'static [(usize, Arrival)],
);

const SCENARIOS: &[Scenario] = &[
    (
        "a call answered on one branch",
        "INVITE",
        2,
        &[
            (0, R(100)),
            (0, R(180)),
            (1, R(180)),
            (1, R(200)),
            (0, R(486)),
        ],
    ),
    (
        "a callee declines everywhere",
        "INVITE",
        3,
        &[(0, R(180)), (1, R(603)), (0, R(487)), (2, R(487))],
    ),
    (
        "a 2xx after a 6xx",
        "INVITE",
        2,
        &[(0, R(603)), (1, R(200))],
    ),
    (
        "two challenges and a 404",
        "INVITE",
        3,
        &[(0, R(404)), (1, R(401)), (2, R(407))],
    ),
    ("a lone 503", "INVITE", 1, &[(0, R(503))]),
    (
        "a redirect and a failure",
        "INVITE",
        2,
        &[(0, R(480)), (1, R(302))],
    ),
    (
        "unregistered codes",
        "INVITE",
        2,
        &[(0, R(599)), (1, R(499))],
    ),
    (
        "no branch answers an INVITE",
        "INVITE",
        2,
        &[(0, R(100)), (1, R(180))],
    ),
    ("no branch answers an OPTIONS", "OPTIONS", 2, &[]),
    (
        "a 5xx and a branch that times out",
        "INVITE",
        2,
        &[(0, R(500))],
    ),
    (
        "a transport error and a 486",
        "INVITE",
        2,
        &[(0, F(Failure::TransportError)), (1, R(486))],
    ),
    (
        "a transport error on the only branch",
        "MESSAGE",
        1,
        &[(0, F(Failure::TransportError))],
    ),
];

fn main() {
    print!("{}", report());
}

fn report() -> String {
    let mut out = String::new();
    for &(title, method, branches, responses) in SCENARIOS {
        let plural = if branches == 1 { "" } else { "es" };
        let _ = writeln!(out, "{title} ({method} on {branches} branch{plural}):");
        let mut slots: Vec<Slot<StatusCode>> = (0..branches).map(|_| Slot::Pending).collect();
        let mut context = ResponseContext::new(Context::new().method(method), &mut slots);
        let mut cancelled = vec![false; branches];
        for &(branch, arrival) in responses {
            let (what, action, timer) = match arrival {
                R(number) => {
                    let Ok(status) = StatusCode::new(number) else {
                        continue;
                    };
                    let timer = context.restarts_timer(status);
                    (status.to_string(), context.receive(branch, status), timer)
                }
                F(failure) => (failed(failure), context.fail_branch(branch, failure), None),
            };
            let restart = timer.map_or(String::new(), |timer| format!(", restart timer {timer}"));
            let _ = writeln!(
                out,
                "  branch {branch}: {what:<36} -> {}{restart}",
                describe(action)
            );
            // RFC 3261 §16.7 step 10: once a 2xx went upstream (or a 6xx came),
            // each branch still pending gets a CANCEL, once.
            let to_cancel: Vec<usize> = context.to_cancel().filter(|&b| !cancelled[b]).collect();
            for pending in to_cancel {
                cancelled[pending] = true;
                let _ = writeln!(out, "  cancel branch {pending}");
            }
        }
        for branch in 0..branches {
            let action = context.fail_branch(branch, Failure::Timeout);
            if action != ProxyAction::Absorb {
                let what = failed(Failure::Timeout);
                let _ = writeln!(out, "  branch {branch}: {what:<36} -> {}", describe(action));
            }
        }
        let best = match context.best() {
            Some(Best::Response {
                response,
                send_as,
                merge,
            }) => {
                let mut text = format!("send {response}");
                if send_as != *response {
                    let _ = write!(text, " as {send_as}");
                }
                if !merge.is_empty() {
                    let from: Vec<String> =
                        context.merged().map(|r| r.as_str().to_owned()).collect();
                    let _ = write!(
                        text,
                        ", merging {} from {}",
                        merge.join(" and "),
                        from.join(", ")
                    );
                }
                text
            }
            Some(Best::Generate(code)) => format!("send {code} of its own"),
            None => "nothing more to send".to_owned(),
        };
        let _ = writeln!(out, "  when every branch has ended: {best}\n");
    }
    out
}

fn describe(action: ProxyAction) -> &'static str {
    match action {
        ProxyAction::Absorb => "absorb",
        ProxyAction::Forward => "forward upstream",
        ProxyAction::CancelBranches => "keep, cancel the other branches",
        ProxyAction::Collect => "keep as a candidate",
        ProxyAction::NoFinalResponse => "no final response",
    }
}

/// `timed out (as 408)`: the failure and the code the registry says it stands for.
fn failed(failure: Failure) -> String {
    let code = SipCode::for_failure(failure, sipcodes::rules::Client::Proxy).as_u16();
    let stands_for = format!(" (as {code})");
    match failure {
        Failure::Timeout => format!("timed out{stands_for}"),
        _ => format!("transport error{stands_for}"),
    }
}

#[cfg(test)]
mod tests {
    use super::report;

    #[test]
    fn each_scenario_ends_as_rfc_3261_section_16_7_says() {
        let report = report();
        for expected in [
            "branch 0: 100 Trying                           -> absorb",
            "branch 1: 200 OK                               -> forward upstream",
            "branch 0: 486 Busy Here                        -> absorb",
            "branch 1: 603 Decline                          -> keep, cancel the other branches",
            "send 603 Decline",
            "send 401 Unauthorized, merging WWW-Authenticate and Proxy-Authenticate from 401, 407",
            "send 503 Service Unavailable as 500 Server Internal Error",
            "send 302 Moved Temporarily",
            "send 499",
            "send 408 Request Timeout of its own",
            "branch 1: timed out (as 408)                   -> keep as a candidate",
            "branch 0: transport error (as 503)             -> keep as a candidate",
            "send 486 Busy Here",
            "send 500 Server Internal Error of its own",
            "branch 0: 180 Ringing                          -> forward upstream, restart timer C",
            "branch 1: 200 OK                               -> forward upstream\n  cancel branch 0",
        ] {
            assert!(
                report.contains(expected),
                "missing {expected:?} in\n{report}"
            );
        }
        assert_eq!(report.matches("nothing more to send").count(), 3);
        // No branch answered the INVITE, and a timeout beat a 500.
        assert_eq!(
            report
                .matches("send 408 Request Timeout of its own")
                .count(),
            2
        );
        assert!(report.contains("branch 1: 200 OK                               -> forward upstream\n  when every branch has ended: nothing more to send"));
    }
}
