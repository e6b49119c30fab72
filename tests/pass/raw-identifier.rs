use sipcodes::{SipCode, SipResponseHandler};

#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome {
    #[sip(r#Ok)]
    Fine,
    #[sip(other)]
    Rest,
}

fn main() {
    assert_eq!(Outcome::from_code(SipCode::Ok), Outcome::Fine);
    assert_eq!(Outcome::Fine.status(), Some(sipcodes::StatusCode::OK));
}
