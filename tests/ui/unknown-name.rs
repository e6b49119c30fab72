use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(BusyHer)]
    Busy,
    #[sip(Banana)]
    Fruit,
    #[sip(other)]
    Rest,
}

fn main() {}
