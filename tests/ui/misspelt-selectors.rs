use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(SipCode::BusyHere)]
    Busy,
    #[sip(Other)]
    Rest,
}

fn main() {}
