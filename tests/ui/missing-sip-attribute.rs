use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    Forgotten,
    #[sip(other)]
    Rest,
}

fn main() {}
