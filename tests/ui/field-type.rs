use sipcodes::SipResponseHandler;

/// An application type that cannot hold a response code.
struct Label;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(other)]
    Failed(Label),
}

fn main() {}
