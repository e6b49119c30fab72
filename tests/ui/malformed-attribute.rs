use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip = 200]
    Done,
    #[sip("486")]
    Busy,
    #[sip]
    Bare,
    #[sip(other)]
    Rest,
}

fn main() {}
