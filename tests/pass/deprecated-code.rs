#![deny(warnings)]

// Naming the deprecated 202 raises no warning, in a handler, as a variant or as a
// constant: receivers must handle it.
use sipcodes::{SipCode, SipResponseHandler, StatusCode};

#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome {
    #[sip(200)]
    Answered,
    #[sip(Accepted)]
    Accepted,
    #[sip(other)]
    Rest(SipCode),
}

fn main() {
    assert_eq!(Outcome::from_code(SipCode::Ok), Outcome::Answered);
    let accepted = SipCode::Accepted;
    assert_eq!(Outcome::from_code(accepted), Outcome::Accepted);
    assert_eq!(Outcome::from_status(StatusCode::ACCEPTED), Outcome::Accepted);
    assert!(accepted.is_deprecated());
}
