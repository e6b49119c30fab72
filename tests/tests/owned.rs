//! Owned phrases and status lines (feature `alloc`): what a stack's response
//! type holds and sends between threads.

use std::collections::{BTreeSet, HashMap};
use std::sync::mpsc;

use sipcodes::{
    ReasonPhrase, ReasonPhraseBuf, ReasonPhraseError, SipCode, StatusCode, StatusLine,
    StatusLineBuf, StatusLineError,
};

fn assert_value_type<T: Clone + Send + Sync + 'static + Eq + Ord + std::hash::Hash>() {}

#[test]
fn owned_types_are_plain_values() {
    assert_value_type::<ReasonPhraseBuf>();
    assert_value_type::<StatusLineBuf>();
}

/// A response type as a SIP stack would write it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Response {
    line: StatusLineBuf,
    call_id: String,
}

#[test]
fn a_parsed_line_outlives_its_buffer_and_crosses_threads() {
    let (send, receive) = mpsc::channel();
    let producer = std::thread::spawn(move || {
        for text in [
            "SIP/2.0 180 Ringing\r\n",
            "SIP/2.0 499 Custom Failure\r\n",
            "SIP/2.0 486 Line in use\r\n",
        ] {
            let buffer = text.to_owned();
            let line = StatusLine::parse(&buffer).unwrap().into_owned();
            drop(buffer);
            send.send(Response {
                line,
                call_id: "a84b4c76e66710".into(),
            })
            .unwrap();
        }
    });
    let received: Vec<Response> = receive.iter().collect();
    producer.join().unwrap();
    let summary: Vec<(u16, &str)> = received
        .iter()
        .map(|response| {
            (
                response.line.status().as_u16(),
                response.line.phrase().as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (180, "Ringing"),
            (499, "Custom Failure"),
            (486, "Line in use")
        ]
    );
}

#[test]
fn owned_and_borrowed_forms_agree() {
    let line = StatusLine::new(
        StatusCode::new(499).unwrap(),
        ReasonPhrase::new("Custom Failure").unwrap(),
    );
    let owned = line.into_owned();
    assert_eq!(owned, line);
    assert_eq!(line, owned);
    assert_eq!(owned.as_line(), line);
    assert_eq!(StatusLineBuf::from(line), owned);
    assert_eq!(owned.to_string(), "SIP/2.0 499 Custom Failure\r\n");
    assert_eq!(format!("{owned:#}"), "SIP/2.0 499 Custom Failure");
    let (status, phrase) = owned.clone().into_parts();
    assert_eq!(status, 499u16);
    assert_eq!(phrase, "Custom Failure");
    assert_eq!(StatusLineBuf::new(status, phrase), owned);
}

#[test]
fn canonical_owned_lines_for_every_code() {
    for code in SipCode::ALL {
        let owned = StatusLineBuf::canonical(code);
        assert_eq!(owned, StatusLine::canonical(code));
        assert_eq!(StatusLineBuf::from(code), owned);
        assert_eq!(owned.phrase().as_str(), code.reason_phrase());
        assert_eq!(ReasonPhraseBuf::from(code).as_str(), code.reason_phrase());
        // A canonical line made owned keeps the registry's phrase, uncopied.
        let kept = StatusLine::canonical(code).into_owned();
        assert!(std::ptr::eq(kept.phrase().as_str(), code.reason_phrase()));
        assert_eq!(kept.to_string(), code.status_line());
    }
    // A line with another phrase is copied.
    let text = String::from("SIP/2.0 486 Busy Here");
    let copied = StatusLine::parse(&text).unwrap().into_owned();
    assert!(!std::ptr::eq(
        copied.phrase().as_str(),
        SipCode::BusyHere.reason_phrase()
    ));
    assert_eq!(copied, StatusLineBuf::canonical(SipCode::BusyHere));
}

#[test]
fn owned_phrases_are_checked_once_when_made() {
    assert_eq!(
        ReasonPhraseBuf::try_from(String::from("Busy\r\nContact: <sip:evil@example.com>")),
        Err(ReasonPhraseError::ControlCharacter {
            position: 4,
            found: '\r'
        })
    );
    assert_eq!(
        "say \"hi\"".parse::<ReasonPhraseBuf>(),
        Err(ReasonPhraseError::DisallowedCharacter {
            position: 4,
            found: '"'
        })
    );
    assert_eq!(
        ReasonPhraseBuf::try_from("50%"),
        Err(ReasonPhraseError::InvalidEscape { position: 2 })
    );
    let kept =
        ReasonPhraseBuf::try_from(String::from("Benutzer nicht erreichbar – später")).unwrap();
    assert_eq!(kept.as_str(), "Benutzer nicht erreichbar – später");
    assert_eq!(
        String::from(kept.clone()),
        "Benutzer nicht erreichbar – später"
    );
    assert_eq!(
        kept.as_phrase().as_str(),
        "Benutzer nicht erreichbar – später"
    );
}

#[test]
fn owned_phrases_order_hash_and_look_up_as_text() {
    let set: BTreeSet<ReasonPhraseBuf> = ["Ringing", "Busy Here", "OK"]
        .into_iter()
        .map(|text| text.parse().unwrap())
        .collect();
    let ordered: Vec<&str> = set.iter().map(ReasonPhraseBuf::as_str).collect();
    assert_eq!(ordered, ["Busy Here", "OK", "Ringing"]);

    let mut counts: HashMap<ReasonPhraseBuf, u32> = HashMap::new();
    *counts
        .entry(ReasonPhraseBuf::from(SipCode::Ok))
        .or_default() += 1;
    *counts.entry("OK".parse().unwrap()).or_default() += 1;
    assert_eq!(counts.get("OK"), Some(&2));
}

#[test]
fn owned_lines_order_by_code_then_phrase() {
    let mut lines: Vec<StatusLineBuf> = [
        "SIP/2.0 486 Busy Here",
        "SIP/2.0 180 Ringing",
        "SIP/2.0 486 Already talking",
    ]
    .into_iter()
    .map(|text| text.parse().unwrap())
    .collect();
    lines.sort();
    let sorted: Vec<String> = lines.iter().map(|line| format!("{line:#}")).collect();
    assert_eq!(
        sorted,
        [
            "SIP/2.0 180 Ringing",
            "SIP/2.0 486 Already talking",
            "SIP/2.0 486 Busy Here"
        ]
    );
}

#[test]
fn owned_lines_parse_strictly() {
    assert_eq!(
        "SIP/2.0  200 OK".parse::<StatusLineBuf>().unwrap_err(),
        StatusLine::parse("SIP/2.0  200 OK").unwrap_err()
    );
    assert_eq!(
        "SIP/2.0 200".parse::<StatusLineBuf>(),
        Err(StatusLineError::MissingSpace { position: 11 })
    );
}

#[test]
fn debug_shows_the_text() {
    assert_eq!(
        format!("{:?}", ReasonPhraseBuf::from_static("Queued")),
        r#"ReasonPhraseBuf("Queued")"#
    );
    assert_eq!(
        format!("{:?}", StatusLineBuf::canonical(SipCode::Queued)),
        r#"StatusLineBuf { status: 182, phrase: ReasonPhraseBuf("Queued") }"#
    );
}
