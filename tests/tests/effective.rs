//! RFC 3261 §8.1.3.2 over every code from 100 to 699.

use sipcodes::{Class, SipCode, StatusCode};
use sipcodes_tests::iana_phrase;

#[test]
fn unrecognised_codes_act_as_the_x00_of_their_class_or_183() {
    for number in 100..=699u16 {
        let status = StatusCode::new(number).unwrap();
        let effective = status.effective();
        if iana_phrase(number).is_some() {
            assert_eq!(effective.as_u16(), number);
            assert_eq!(status, effective);
        } else {
            let expected = if number < 200 {
                183
            } else {
                number / 100 * 100
            };
            assert_eq!(effective.as_u16(), expected, "{number}");
            assert_ne!(status, effective, "{number} must not pass for {expected}");
            assert_eq!(status.as_u16(), number, "the received number is kept");
            assert_eq!(status.known(), None);
            assert_eq!(status.reason_phrase(), None);
            assert_eq!(status.to_string(), number.to_string());
        }
        assert_eq!(effective.class(), status.class());
    }
}

#[test]
fn every_class_falls_back_to_a_registered_code_of_that_class() {
    for class in Class::ALL {
        assert_eq!(class.fallback().class(), class);
    }
    assert_eq!(Class::Provisional.fallback(), SipCode::SessionProgress);
}

#[test]
fn status_codes_compare_by_number() {
    let received = StatusCode::new(486).unwrap();
    assert_eq!(received, SipCode::BusyHere);
    assert_eq!(SipCode::BusyHere, received);
    assert_eq!(StatusCode::from(SipCode::BusyHere), received);
    assert_ne!(StatusCode::new(499).unwrap(), SipCode::BadRequest);
    assert!(StatusCode::new(180).unwrap() < StatusCode::new(200).unwrap());
}

#[test]
fn historic_codes_are_recorded_but_not_registered() {
    assert!(!sipcodes::rules::Historic::all().is_empty());
    for historic in sipcodes::rules::Historic::all() {
        let status = StatusCode::new(historic.as_u16()).unwrap();
        assert_eq!(status.known(), None, "{historic}");
        assert_eq!(status.historic(), Some(historic));
        assert_eq!(historic.references()[0].rfc(), 2543);
    }
}
