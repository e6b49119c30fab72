use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(1xx, 2xx, 3xx, 4xx, 5xx)]
    NotGlobal,
    #[sip(600, 603, 604, 606)]
    Global,
}

fn main() {}
