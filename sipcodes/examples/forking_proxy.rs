//! A forking proxy's decisions, scripted: each scenario forwards one request on
//! several branches, feeds their responses to a `ResponseContext`, and prints
//! what the proxy does with each and which response it finally sends upstream.
//!
//! ```text
//! cargo run -p sipcodes --example forking_proxy
//! ```

use std::fmt::Write as _;

use sipcodes::StatusCode;
use sipcodes::proxy::{Action, Best, ResponseContext, Slot};

/// A scenario: the method, the number of branches, and the responses in the
/// order they arrive as (branch, code); a branch with no final response times out.
type Scenario = (&'static str, &'static str, usize, &'static [(usize, u16)]);

const SCENARIOS: &[Scenario] = &[
    (
        "a call answered on one branch",
        "INVITE",
        2,
        &[(0, 100), (0, 180), (1, 180), (1, 200), (0, 486)],
    ),
    (
        "a callee declines everywhere",
        "INVITE",
        3,
        &[(0, 180), (1, 603), (0, 487), (2, 487)],
    ),
    ("a 2xx after a 6xx", "INVITE", 2, &[(0, 603), (1, 200)]),
    (
        "two challenges and a 404",
        "INVITE",
        3,
        &[(0, 404), (1, 401), (2, 407)],
    ),
    ("a lone 503", "INVITE", 1, &[(0, 503)]),
    (
        "a redirect and a failure",
        "INVITE",
        2,
        &[(0, 480), (1, 302)],
    ),
    ("unregistered codes", "INVITE", 2, &[(0, 599), (1, 499)]),
    (
        "no branch answers an INVITE",
        "INVITE",
        2,
        &[(0, 100), (1, 180)],
    ),
    ("no branch answers an OPTIONS", "OPTIONS", 2, &[]),
];

fn main() {
    print!("{}", report());
}

fn report() -> String {
    let mut out = String::new();
    for &(title, method, branches, responses) in SCENARIOS {
        let _ = writeln!(out, "{title} ({method} on {branches} branches):");
        let mut slots: Vec<Slot<StatusCode>> = (0..branches).map(|_| Slot::Pending).collect();
        let mut context = ResponseContext::new(method, &mut slots);
        for &(branch, number) in responses {
            let Ok(status) = StatusCode::new(number) else {
                continue;
            };
            let action = match context.receive(branch, status) {
                Action::Absorb => "absorb",
                Action::Forward => "forward upstream",
                Action::CancelOthers => "keep, cancel the other branches",
                Action::Keep => "keep as a candidate",
                _ => "other",
            };
            let _ = writeln!(out, "  branch {branch}: {status:<36} -> {action}");
        }
        for branch in 0..branches {
            context.end_branch(branch);
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
        ] {
            assert!(
                report.contains(expected),
                "missing {expected:?} in\n{report}"
            );
        }
        assert_eq!(report.matches("nothing more to send").count(), 3);
        assert!(report.contains("branch 1: 200 OK                               -> forward upstream\n  when every branch has ended: nothing more to send"));
    }
}
