// `ReasonPhrase::from_static` checks a literal at compile time in a const.
use sipcodes::{ReasonPhrase, ReasonPhraseBuf};

const INJECTED: ReasonPhrase<'static> =
    ReasonPhrase::from_static("Busy\r\nContact: <sip:evil@example.com>");
const ANGLE: ReasonPhrase<'static> = ReasonPhrase::from_static("Call <alice>");
const PERCENT: ReasonPhraseBuf = ReasonPhraseBuf::from_static("100%");

fn main() {
    let _ = (INJECTED, ANGLE, PERCENT);
}
