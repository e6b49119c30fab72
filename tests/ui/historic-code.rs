use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(409)]
    Conflict,
    #[sip(other)]
    Rest,
}

fn main() {}
