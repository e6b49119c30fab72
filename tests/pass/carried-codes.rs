use sipcodes::{SipCode, SipResponseHandler, StatusCode};

#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome {
    #[sip(1xx)]
    Progress(sipcodes::SipCode),
    #[sip(2xx)]
    Done(::sipcodes::StatusCode),
    #[sip(other)]
    Failed(StatusCode),
}

fn main() {
    let odd = StatusCode::new(299).unwrap();
    assert_eq!(Outcome::from_status(odd), Outcome::Done(odd));
    assert_eq!(Outcome::from_code(SipCode::Ringing), Outcome::Progress(SipCode::Ringing));
    assert_eq!(Outcome::Failed(odd).status(), Some(odd));
}
