//! The conventions of `http::StatusCode` that `StatusCode` follows: constructors,
//! comparisons with numbers, `Default`, a terse `Debug`, and a `Display` that
//! honours width and alignment.

use sipcodes::{CodeError, SipCode, StatusCode};
use sipcodes_tests::iana_phrase;

#[test]
fn from_u16_is_new_for_every_number() {
    for number in 0..=9999u16 {
        assert_eq!(
            StatusCode::from_u16(number),
            StatusCode::new(number),
            "{number}"
        );
    }
    assert_eq!(
        StatusCode::from_u16(700),
        Err(CodeError::OutOfRange { code: 700 })
    );
    assert_eq!(StatusCode::from_u16(100).map(u16::from), Ok(100));
}

#[test]
fn bytes_and_text_parse_alike() {
    let inputs = [
        "100",
        "499",
        "699",
        "486 Busy Here",
        "486 BUSY HERE",
        "486 Busy",
        "499 Whatever",
        "099",
        "700",
        "1000",
        "0200",
        "20",
        "",
        "+200",
        "2OO",
        "200-OK",
        "200 ",
    ];
    for text in inputs {
        let from_str = text.parse::<StatusCode>();
        assert_eq!(
            StatusCode::from_bytes(text.as_bytes()),
            from_str,
            "{text:?}"
        );
        assert_eq!(StatusCode::try_from(text), from_str, "{text:?}");
        assert_eq!(StatusCode::try_from(text.as_bytes()), from_str, "{text:?}");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_errors() {
    assert_eq!(
        StatusCode::from_bytes(b"\xff00"),
        Err(CodeError::InvalidDigit {
            position: 0,
            found: char::REPLACEMENT_CHARACTER
        })
    );
    assert_eq!(
        StatusCode::from_bytes(b"200\xe9"),
        Err(CodeError::MissingSpace {
            position: 3,
            found: char::REPLACEMENT_CHARACTER
        })
    );
    assert_eq!(
        StatusCode::from_bytes("20é".as_bytes()),
        Err(CodeError::InvalidDigit {
            position: 2,
            found: 'é'
        })
    );
    // An unregistered code takes no phrase, valid UTF-8 or not.
    assert_eq!(
        StatusCode::from_bytes(b"499 \xff"),
        Err(CodeError::UnexpectedPhrase { code: 499 })
    );
    assert_eq!(
        StatusCode::from_bytes(b"486 Busy Her\xe9"),
        Err(CodeError::UnexpectedPhrase { code: 486 })
    );
}

#[test]
fn codes_compare_with_numbers_both_ways() {
    let busy = StatusCode::new(486).unwrap();
    assert_eq!(busy, 486u16);
    assert_eq!(486u16, busy);
    assert_ne!(busy, 487u16);
    assert_ne!(487u16, busy);
    assert_eq!(SipCode::BusyHere, 486u16);
    assert_eq!(486u16, SipCode::BusyHere);
    assert_ne!(SipCode::BusyHere, 600u16);
    assert_ne!(600u16, SipCode::BusyHere);
    for number in 100..=699u16 {
        let status = StatusCode::new(number).unwrap();
        assert_eq!(status, number);
        assert_eq!(number, status);
        assert_ne!(status, number + 1);
        assert_ne!(number + 1, status);
        if let Some(code) = SipCode::from_u16(number) {
            assert_eq!(code, number);
            assert_eq!(number, code);
            assert_ne!(code, number - 1);
            assert_ne!(number - 1, code);
        }
    }
}

#[test]
fn the_default_is_200() {
    assert_eq!(StatusCode::default().as_u16(), 200);
    assert_eq!(StatusCode::default().known(), Some(SipCode::Ok));
}

#[test]
fn debug_is_the_number_alone() {
    assert_eq!(format!("{:?}", StatusCode::new(486).unwrap()), "486");
    assert_eq!(format!("{:?}", StatusCode::new(499).unwrap()), "499");
    assert_eq!(
        format!(
            "{:?}",
            [StatusCode::new(100).unwrap(), StatusCode::new(699).unwrap()]
        ),
        "[100, 699]"
    );
    assert_eq!(format!("{:>5?}", StatusCode::new(180).unwrap()), "  180");
}

#[test]
fn display_pads_unregistered_codes_like_registered_ones() {
    let unregistered = StatusCode::new(499).unwrap();
    let registered = StatusCode::new(486).unwrap();
    assert_eq!(format!("[{registered:>16}]"), "[   486 Busy Here]");
    assert_eq!(format!("[{unregistered:>16}]"), "[             499]");
    assert_eq!(format!("[{unregistered:<6}]"), "[499   ]");
    assert_eq!(format!("[{unregistered:^7}]"), "[  499  ]");
    assert_eq!(format!("[{unregistered:*>5}]"), "[**499]");
    assert_eq!(format!("[{unregistered:2}]"), "[499]");
    assert_eq!(format!("{unregistered}"), "499");
}

#[test]
fn display_of_every_code_is_its_number_and_registered_phrase() {
    for number in 100..=699u16 {
        let status = StatusCode::new(number).unwrap();
        let expected = match iana_phrase(number) {
            Some(phrase) => format!("{number} {phrase}"),
            None => number.to_string(),
        };
        assert_eq!(status.to_string(), expected);
        assert_eq!(format!("{status:>40}"), format!("{expected:>40}"));
    }
}
