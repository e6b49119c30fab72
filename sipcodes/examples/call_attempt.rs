//! Handles the responses to INVITE requests with a derived `SipResponseHandler`.
//!
//! ```text
//! cargo run -p sipcodes --example call_attempt            # built-in call attempts
//! cargo run -p sipcodes --example call_attempt -- 100 180 "486 Busy Here"
//! ```
//!
//! Each argument is a response as a UAC receives it: a status code, optionally
//! followed by its reason phrase. The program prints what it does with each.

use std::process::ExitCode;

use sipcodes::{SipCode, SipResponseHandler, StatusCode};

/// What the caller does with a response to its INVITE. The derive checks that
/// every registered code lands in exactly one variant.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum InviteOutcome {
    #[sip(100)]
    Trying,
    #[sip(180, 182)]
    Alerting(SipCode),
    #[sip(1xx)]
    EarlyMedia(SipCode),
    #[sip(2xx)]
    Answered(SipCode),
    #[sip(3xx)]
    Redirected(SipCode),
    #[sip(401, 407)]
    Challenged(SipCode),
    #[sip(BusyHere, BusyEverywhere, Decline)]
    Busy(SipCode),
    #[sip(RequestTerminated)]
    Cancelled,
    #[sip(other)]
    Failed(StatusCode),
}

impl InviteOutcome {
    /// What a UAC does next.
    fn action(&self) -> String {
        match self {
            InviteOutcome::Trying => "stop retransmitting the INVITE, wait".to_owned(),
            InviteOutcome::Alerting(code) => format!("play ringback locally ({code})"),
            InviteOutcome::EarlyMedia(code) => format!("play the far end's early media ({code})"),
            InviteOutcome::Answered(code) => format!("send ACK, the call is up ({code})"),
            InviteOutcome::Redirected(code) => format!("retry at the Contact addresses ({code})"),
            InviteOutcome::Challenged(code) => {
                format!("resend the INVITE with credentials ({code})")
            }
            InviteOutcome::Busy(code) => format!("tell the user the callee is busy ({code})"),
            InviteOutcome::Cancelled => "the INVITE was cancelled".to_owned(),
            InviteOutcome::Failed(status) => match status.known() {
                Some(code) => format!("give up: {code}"),
                None => format!(
                    "give up: unregistered {} handled as {}",
                    status.as_u16(),
                    status.effective()
                ),
            },
        }
    }
}

const ATTEMPTS: &[&[&str]] = &[
    &["100", "180 Ringing", "200 OK"],
    &["100", "183 Session Progress", "486 Busy Here"],
    &[
        "407 Proxy Authentication Required",
        "100",
        "182 Queued",
        "487 Request Terminated",
    ],
    &["302 Moved Temporarily"],
    &["150", "499"],
    &["100", "503 Service Unavailable"],
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let custom: Vec<&str> = args.iter().map(String::as_str).collect();
    let attempts: Vec<&[&str]> = if custom.is_empty() {
        ATTEMPTS.to_vec()
    } else {
        vec![&custom]
    };
    let mut malformed = false;
    for (number, responses) in attempts.iter().enumerate() {
        println!("call attempt {}:", number + 1);
        for text in *responses {
            match text.parse::<StatusCode>() {
                Ok(status) => {
                    let outcome = InviteOutcome::from_status(status);
                    println!("  <- {text:<36} {outcome:?}: {}", outcome.action());
                }
                Err(error) => {
                    malformed = true;
                    println!("  <- {text:<36} malformed: {error}");
                }
            }
        }
    }
    if malformed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_gets_an_action() {
        for number in 100..=699 {
            let status = StatusCode::new(number).unwrap();
            assert!(!InviteOutcome::from_status(status).action().is_empty());
        }
        assert_eq!(
            InviteOutcome::from_status(StatusCode::new(150).unwrap()),
            InviteOutcome::EarlyMedia(SipCode::SessionProgress)
        );
        assert_eq!(
            InviteOutcome::from(SipCode::Queued),
            InviteOutcome::Alerting(SipCode::Queued)
        );
    }
}
