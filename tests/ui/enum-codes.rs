use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
#[sip(486)]
enum CodesOnTheEnum {
    #[sip(other)]
    Rest,
}

#[derive(SipResponseHandler)]
#[sip(crate = 5)]
enum CrateNotAString {
    #[sip(other)]
    Rest,
}

fn main() {}
