use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
struct Outcome {
    code: u16,
}

fn main() {}
