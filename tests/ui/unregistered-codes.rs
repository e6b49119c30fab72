use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(unregistered(477, 486, 700))]
    Vendor,
    #[sip(unregistered())]
    Nothing,
    #[sip(unregistered(477))]
    Again,
    #[sip(other)]
    Rest,
}

fn main() {}
