//! `ReasonPhrase::from_static`: literals checked at compile time in a const
//! (the failures are pinned in `ui/invalid-static-phrase.rs`), and at run time
//! otherwise.

use sipcodes::{ReasonPhrase, ReasonPhraseBuf, SipCode, StatusLine};

const QUEUED: ReasonPhrase<'static> = ReasonPhrase::from_static("Queued: 5 calls ahead");
const ESCAPED: ReasonPhrase<'static> = ReasonPhrase::from_static("100%25 busy");
const EMPTY: ReasonPhrase<'static> = ReasonPhrase::from_static("");
static OWNED: ReasonPhraseBuf = ReasonPhraseBuf::from_static("Try again at 10:00");

#[test]
fn valid_literals_become_phrases() {
    assert_eq!(QUEUED.as_str(), "Queued: 5 calls ahead");
    assert_eq!(ESCAPED.as_str(), "100%25 busy");
    assert_eq!(EMPTY.as_str(), "");
    assert_eq!(OWNED.as_str(), "Try again at 10:00");
    assert_eq!(
        StatusLine::new(SipCode::Queued.into(), QUEUED).to_string(),
        "SIP/2.0 182 Queued: 5 calls ahead\r\n"
    );
}

#[test]
#[should_panic(expected = "invalid reason phrase: it contains a control character")]
fn a_line_break_panics_at_run_time() {
    let text: &'static str = Box::leak(String::from("Busy\nX: 1").into_boxed_str());
    let _ = ReasonPhrase::from_static(text);
}

#[test]
#[should_panic(expected = "a '%' must be followed by two hexadecimal digits")]
fn a_bare_percent_panics_at_run_time() {
    let _ = ReasonPhraseBuf::from_static(std::hint::black_box("100%"));
}
