use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(other)]
    Failed(String),
}

fn main() {}
