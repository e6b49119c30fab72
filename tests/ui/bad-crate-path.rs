use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
#[sip(crate = "not a path")]
enum Outcome {
    #[sip(other)]
    Rest,
}

fn main() {}
