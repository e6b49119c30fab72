use sipcodes::{SipCode, SipResponseHandler, StatusCode};

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(200)]
    Named { code: SipCode },
    #[sip(486)]
    Two(SipCode, StatusCode),
    #[sip(other)]
    Rest,
}

fn main() {}
