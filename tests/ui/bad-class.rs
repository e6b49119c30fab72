use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(7xx)]
    Seven,
    #[sip(4XX)]
    Shouting,
    #[sip(other)]
    Rest,
}

fn main() {}
