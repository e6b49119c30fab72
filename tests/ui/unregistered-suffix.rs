use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(unregistered(477u16, 0478))]
    Vendor,
    #[sip(unregistered("carrier", 4.78, true))]
    Carrier,
    #[sip(other)]
    Rest,
}

fn main() {}
