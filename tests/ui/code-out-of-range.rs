use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(99, 700, 70000)]
    Odd,
    #[sip(other)]
    Rest,
}

fn main() {}
