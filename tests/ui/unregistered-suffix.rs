use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(unregistered(477u16, 0478))]
    Vendor,
    #[sip(other)]
    Rest,
}

fn main() {}
