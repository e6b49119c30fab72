use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
#[sip(krate = "sipcodes")]
enum Outcome {
    #[sip(code = 200)]
    Done,
    #[sip(crate = "sipcodes")]
    Misplaced,
    #[sip(other)]
    Rest,
}

fn main() {}
