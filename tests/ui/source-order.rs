use sipcodes::SipResponseHandler;

// Errors come in the order of the source, whichever stage finds them.
#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(499, 7xx)]
    Unknown,
    Forgotten,
    #[sip(2xx)]
    Done,
    #[sip(unregistered("478"))]
    Quoted,
    #[sip(unregistered)]
    Bare,
    #[sip(other)]
    Rest,
}

#[derive(SipResponseHandler)]
#[sip()]
enum EmptyEnumAttribute {
    #[sip(other)]
    All,
}

fn main() {}
