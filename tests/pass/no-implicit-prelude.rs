#![no_implicit_prelude]

extern crate sipcodes;

#[derive(sipcodes::SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done(sipcodes::StatusCode),
    #[sip(486, unregistered(477))]
    Busy,
    #[sip(other)]
    Failed(sipcodes::SipCode),
}

fn main() {
    use sipcodes::SipResponseHandler;
    let busy = Outcome::from_code(sipcodes::SipCode::BusyHere);
    ::std::assert!(::std::matches!(busy, Outcome::Busy));
}
