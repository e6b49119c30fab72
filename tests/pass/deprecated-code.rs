#![deny(warnings)]

// Naming the deprecated 202 in a handler raises no warning: receivers must handle it.
use sipcodes::{SipCode, SipResponseHandler};

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
    #[allow(deprecated)]
    let accepted = SipCode::Accepted;
    assert_eq!(Outcome::from_code(accepted), Outcome::Accepted);
}
