use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(486)]
    Busy,
    #[sip(600, BusyHere)]
    BusyEverywhere,
    #[sip(other)]
    Rest,
}

fn main() {}
