use sipcodes::{SipCode, StatusCode};

#[test]
fn codes_serialise_as_numbers() {
    assert_eq!(serde_json::to_string(&SipCode::BusyHere).unwrap(), "486");
    assert_eq!(
        serde_json::to_string(&StatusCode::new(499).unwrap()).unwrap(),
        "499"
    );
    for code in SipCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(serde_json::from_str::<SipCode>(&json).unwrap(), code);
        assert_eq!(serde_json::from_str::<StatusCode>(&json).unwrap(), code);
    }
}

#[test]
fn unknown_numbers_are_rejected_for_sip_code_only() {
    let error = serde_json::from_str::<SipCode>("499")
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "499 is not a registered SIP response code at line 1 column 3"
    );
    assert_eq!(
        serde_json::from_str::<StatusCode>("499").unwrap().as_u16(),
        499
    );
    for bad in ["99", "700", "-1", "70000", "\"486\"", "486.0"] {
        assert!(serde_json::from_str::<SipCode>(bad).is_err(), "{bad}");
        assert!(serde_json::from_str::<StatusCode>(bad).is_err(), "{bad}");
    }
}
