use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip()]
    Nothing,
    #[sip(other)]
    Rest,
}

fn main() {}
