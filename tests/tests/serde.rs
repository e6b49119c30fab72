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

mod text {
    use sipcodes::{ReasonPhrase, ReasonPhraseBuf, SipCode, StatusLine, StatusLineBuf};

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Logged {
        line: StatusLineBuf,
        phrase: ReasonPhraseBuf,
    }

    #[test]
    fn phrases_and_lines_serialise_as_text() {
        let line = StatusLine::parse("SIP/2.0 499 Custom Failure\r\n").unwrap();
        assert_eq!(
            serde_json::to_string(&line).unwrap(),
            r#""SIP/2.0 499 Custom Failure""#
        );
        assert_eq!(
            serde_json::to_string(&line.phrase()).unwrap(),
            r#""Custom Failure""#
        );
        let logged = Logged {
            line: StatusLineBuf::canonical(SipCode::BusyHere),
            phrase: ReasonPhraseBuf::from_static("Später – bitte"),
        };
        let json = serde_json::to_string(&logged).unwrap();
        assert_eq!(
            json,
            r#"{"line":"SIP/2.0 486 Busy Here","phrase":"Später – bitte"}"#
        );
        assert_eq!(serde_json::from_str::<Logged>(&json).unwrap(), logged);
    }

    #[test]
    fn borrowed_forms_borrow_from_the_input() {
        let json = r#"["SIP/2.0 180 Ringing", "Ringing"]"#;
        let (line, phrase): (StatusLine<'_>, ReasonPhrase<'_>) =
            serde_json::from_str(json).unwrap();
        assert_eq!(line, StatusLine::canonical(SipCode::Ringing));
        assert_eq!(phrase.as_str(), "Ringing");
        // An escape forces a copy, which a borrowed phrase cannot hold.
        let error = serde_json::from_str::<ReasonPhrase<'_>>(r#""Ring\u0069ng""#).unwrap_err();
        assert!(
            error.to_string().starts_with(
                "invalid type: string \"Ringing\", expected a string borrowed from the input"
            ),
            "{error}"
        );
    }

    #[test]
    fn deserialising_checks_the_text() {
        let error = serde_json::from_str::<ReasonPhraseBuf>(r#""Busy\r\nX: 1""#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "control character '\\r' at byte 4 is not allowed in a reason phrase at line 1 column 14"
        );
        let error = serde_json::from_str::<StatusLineBuf>(r#""SIP/2.0 200""#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected a space at byte 11 at line 1 column 13"
        );
        assert!(serde_json::from_str::<StatusLine<'_>>(r#""HTTP/1.1 200 OK""#).is_err());
        assert!(serde_json::from_str::<StatusLineBuf>("486").is_err());
        // The strict parser also takes the CRLF, so a line with it reads back.
        let line: StatusLineBuf = serde_json::from_str(r#""SIP/2.0 200 OK\r\n""#).unwrap();
        assert_eq!(line, StatusLineBuf::canonical(SipCode::Ok));
    }
}
