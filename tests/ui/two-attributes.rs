use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(200)]
    #[sip(202)]
    Done,
    #[sip(other)]
    Rest,
}

fn main() {}
