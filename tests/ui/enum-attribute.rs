use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
#[sip = "sipcodes"]
enum NotAList {
    #[sip(other)]
    Rest,
}

#[derive(SipResponseHandler)]
#[sip(crate = "sipcodes", crate = "sipcodes")]
enum CrateTwice {
    #[sip(other)]
    Rest,
}

fn main() {}
