//! Random text through every parser: no panic, and the parsers agree.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sipcodes::{CodeError, ReasonPhrase, SipCode, StatusCode};

fn check(text: &str) {
    let code = text.parse::<SipCode>();
    let status = text.parse::<StatusCode>();
    match (&code, &status) {
        (Ok(code), Ok(status)) => assert_eq!(*status, *code),
        (Err(CodeError::Unregistered { code }), Ok(status)) => {
            assert_eq!(status.as_u16(), *code);
            assert_eq!(status.known(), None);
        }
        (Err(CodeError::Unregistered { code }), Err(error)) => {
            assert_eq!(*error, CodeError::UnexpectedPhrase { code: *code });
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        other => panic!("{text:?}: {other:?}"),
    }
    if let Ok(status) = status {
        assert_eq!(status.to_string().parse::<StatusCode>(), Ok(status));
    }
    if let Ok(phrase) = ReasonPhrase::new(text) {
        assert!(!phrase.contains(['\r', '\n', '\0']));
    } else {
        assert!(!text.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 4096,
        // Failures are kept beside this file, and re-run first.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn status_line_shaped_strings(text in "[0-9+ -]{0,5}( [ -~\r\n\t\u{80}-\u{10ffff}]{0,24})?") {
        check(&text);
    }

    #[test]
    fn registered_codes_with_mangled_phrases(index in 0..SipCode::COUNT, suffix in "[ -~]{0,3}") {
        let code = SipCode::ALL[index];
        let text = format!("{code}{suffix}");
        check(&text);
        prop_assert_eq!(text.parse::<SipCode>().is_ok(), suffix.is_empty());
    }

    #[test]
    fn bytes_parse_as_text_does(bytes in prop::collection::vec(any::<u8>(), 0..8)) {
        let from_bytes = StatusCode::from_bytes(&bytes);
        match std::str::from_utf8(&bytes) {
            Ok(text) => prop_assert_eq!(from_bytes, text.parse::<StatusCode>()),
            Err(_) => {
                if let Ok(status) = from_bytes {
                    // Only a registered phrase may follow, and those are ASCII.
                    prop_assert!(false, "{:?} parsed as {}", bytes, status);
                }
            }
        }
    }

    #[test]
    fn phrase_bytes_check_as_text_does(text in any::<String>()) {
        prop_assert_eq!(ReasonPhrase::from_bytes(text.as_bytes()), ReasonPhrase::new(&text));
    }

    #[test]
    fn accepted_phrase_bytes_never_hold_a_line_break(bytes in prop::collection::vec(any::<u8>(), 0..24)) {
        if let Ok(phrase) = ReasonPhrase::from_bytes(&bytes) {
            prop_assert!(!phrase.contains(['\r', '\n', '\0']));
            prop_assert_eq!(phrase.as_bytes(), &bytes[..]);
        }
    }
}
