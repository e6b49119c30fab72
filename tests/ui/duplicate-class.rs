use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(4xx)]
    ClientError,
    #[sip(5xx, 4xx)]
    Error,
    #[sip(3xx, 3xx)]
    Redirect,
    #[sip(other)]
    Rest,
}

fn main() {}
