use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
union Outcome {
    code: u16,
    other: u32,
}

fn main() {}
