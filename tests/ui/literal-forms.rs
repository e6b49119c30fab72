use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(0x1E6, 0o746, 0b111100110, 0486, 4_86)]
    Busy,
    #[sip(-486)]
    Negative,
    #[sip(099, 000, 0700)]
    Padded,
    #[sip(+486, 700, +1000)]
    Plus,
    #[sip(other)]
    Rest,
}

fn main() {}
