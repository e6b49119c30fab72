//! Properties of the receiving parser: it agrees with the strict parser on
//! strict lines, ignores how the separators are spelt, never lets a CR or LF
//! into a phrase, and never panics.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sipcodes::{ReceivedError, StatusLine};

/// Characters of the Reason-Phrase grammar (RFC 3261 §25.1), non-ASCII included.
const PHRASE: &str = "[a-zA-Z0-9 \t\\-_.!~*'();/?:@&=+$,é–ü日]{0,20}(%[0-9a-fA-F]{2})?";

/// A strict line's pieces: version spelling, code, a phrase that does not
/// start with whitespace, and whether the line ends in CRLF.
fn strict_line() -> impl Strategy<Value = (String, u16, String, bool)> {
    (
        "[sS][iI][pP]/2\\.0",
        100..=699u16,
        PHRASE.prop_filter("starts with whitespace", |phrase| {
            !phrase.starts_with([' ', '\t'])
        }),
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        // Failures are kept beside this file, and re-run first.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn strict_lines_parse_the_same((version, code, phrase, crlf) in strict_line()) {
        let text = format!("{version} {code} {phrase}{}", if crlf { "\r\n" } else { "" });
        let strict = StatusLine::parse(&text).unwrap();
        let received = StatusLine::parse_received(text.as_bytes()).unwrap();
        prop_assert_eq!(received, strict);
        prop_assert_eq!(received.phrase().as_str(), phrase.as_str());
        prop_assert_eq!(received.status().as_u16(), code);
    }

    #[test]
    fn separators_and_line_ends_do_not_matter(
        (version, code, phrase, _) in strict_line(),
        first in "[ \t]{1,4}",
        second in "[ \t]{1,4}",
        end in prop::sample::select(vec!["", "\n", "\r\n"]),
    ) {
        let canonical = format!("{version} {code} {phrase}");
        let spelt = format!("{version}{first}{code}{second}{phrase}{end}");
        prop_assert_eq!(
            StatusLine::parse_received(spelt.as_bytes()).unwrap(),
            StatusLine::parse(&canonical).unwrap()
        );
    }

    #[test]
    fn a_cr_or_lf_inside_is_never_accepted(
        (version, code, phrase, crlf) in strict_line(),
        at in any::<prop::sample::Index>(),
        breaker in prop::sample::select(vec!["\r", "\n", "\r\n"]),
    ) {
        let text = format!("{version} {code} {phrase}");
        // Any character boundary from the code's first digit on.
        let boundaries: Vec<usize> = (version.len() + 1..=text.len())
            .filter(|&index| text.is_char_boundary(index))
            .collect();
        let cut = boundaries[at.index(boundaries.len())];
        let mut broken = format!("{}{breaker}{}", &text[..cut], &text[cut..]);
        if crlf {
            broken.push_str("\r\n");
        }
        // A break at the very end (with no CRLF after) is the line end.
        prop_assume!(cut != text.len() || crlf);
        prop_assert!(StatusLine::parse_received(broken.as_bytes()).is_err(), "{:?}", broken);
        prop_assert!(StatusLine::parse(&broken).is_err(), "{:?}", broken);
    }

    #[test]
    fn any_bytes_give_a_line_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        check_any(&bytes);
    }

    #[test]
    fn line_shaped_bytes_give_a_line_or_an_error(
        text in "(SIP|sip|SIP/[0-9]{1,3}\\.[0-9]{1,3}|SIP/2\\.0)[ \t]{0,3}[0-9]{0,4}[ \t]{0,3}[ -~\t\r\n\u{80}-\u{10ffff}]{0,12}",
        tail in prop::collection::vec(any::<u8>(), 0..3),
    ) {
        let mut bytes = text.into_bytes();
        bytes.extend(tail);
        check_any(&bytes);
    }
}

fn check_any(bytes: &[u8]) {
    match StatusLine::parse_received(bytes) {
        Ok(line) => {
            let phrase = line.phrase();
            assert!(!phrase.contains(|c: char| c.is_control() && c != '\t'));
            // What was accepted formats to a line the strict parser accepts.
            let formatted = line.to_string();
            assert_eq!(StatusLine::parse(&formatted).unwrap(), line);
        }
        Err(ReceivedError::Phrase { status, .. }) => {
            assert!((100..=699).contains(&status.as_u16()))
        }
        Err(_) => {}
    }
}
