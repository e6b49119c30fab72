use sipcodes::{SipCode, SipResponseHandler};

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(other)]
    Failed(SipCode),
    #[sip(other)]
    AlsoFailed,
}

fn main() {}
