use sipcodes::SipResponseHandler;

// Every mistake is reported in one build.
#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(499)]
    Unknown,
    #[sip(BusyHer)]
    Typo,
    #[sip(2xx)]
    Done,
    #[sip(2xx)]
    AlsoDone,
    #[sip(other)]
    Rest,
}

fn main() {}
