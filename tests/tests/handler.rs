//! Dispatch through derived handlers, checked against hand-written oracles.

use sipcodes::{SipCode, SipResponseHandler, StatusCode};
use sipcodes_tests::IANA;

#[derive(Debug, PartialEq, SipResponseHandler)]
enum InviteOutcome {
    #[sip(1xx)]
    Progress(SipCode),
    #[sip(200, 202)]
    Answered,
    #[sip(3xx)]
    Redirected(SipCode),
    #[sip(401, 407)]
    Challenged,
    #[sip(BusyHere, 600)]
    Busy,
    #[sip(other)]
    Failed(StatusCode),
}

/// What `InviteOutcome` must do with a number, written without the derive.
fn invite_oracle(number: u16) -> InviteOutcome {
    let registered = IANA.iter().any(|(code, _)| *code == number);
    let effective = match number {
        _ if registered => number,
        100..=199 => 183,
        _ => number / 100 * 100,
    };
    let code = SipCode::from_u16(effective).unwrap();
    match effective {
        100..=199 => InviteOutcome::Progress(code),
        200 | 202 => InviteOutcome::Answered,
        300..=399 => InviteOutcome::Redirected(code),
        401 | 407 => InviteOutcome::Challenged,
        486 | 600 => InviteOutcome::Busy,
        _ => InviteOutcome::Failed(StatusCode::new(number).unwrap()),
    }
}

#[test]
fn the_issue_example_dispatches_every_number() {
    for number in 100..=699 {
        let status = StatusCode::new(number).unwrap();
        assert_eq!(
            InviteOutcome::from_status(status),
            invite_oracle(number),
            "{number}"
        );
    }
    for code in SipCode::ALL {
        assert_eq!(
            InviteOutcome::from_code(code),
            invite_oracle(code.as_u16()),
            "{code}"
        );
        assert_eq!(InviteOutcome::from(code), InviteOutcome::from_code(code));
    }
}

#[test]
fn unregistered_codes_keep_their_number_or_arrive_as_the_effective_code() {
    let odd = StatusCode::new(499).unwrap();
    assert_eq!(InviteOutcome::from_status(odd), InviteOutcome::Failed(odd));
    let early = StatusCode::new(150).unwrap();
    assert_eq!(
        InviteOutcome::from_status(early),
        InviteOutcome::Progress(SipCode::SessionProgress)
    );
    let odd_success = StatusCode::new(299).unwrap();
    assert_eq!(
        InviteOutcome::from_status(odd_success),
        InviteOutcome::Answered
    );
}

#[test]
fn status_follows_the_variant_shape() {
    assert_eq!(
        InviteOutcome::Progress(SipCode::Ringing).status(),
        Some(SipCode::Ringing.into())
    );
    assert_eq!(InviteOutcome::Answered.status(), Some(SipCode::Ok.into()));
    assert_eq!(
        InviteOutcome::Challenged.status(),
        Some(SipCode::Unauthorized.into())
    );
    assert_eq!(InviteOutcome::Busy.status(), Some(SipCode::BusyHere.into()));
    let odd = StatusCode::new(499).unwrap();
    assert_eq!(InviteOutcome::Failed(odd).status(), Some(odd));
}

/// Classes only, no `other`: every code is covered by a class.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum ByClass {
    #[sip(1xx)]
    Provisional,
    #[sip(2xx)]
    Success(StatusCode),
    #[sip(3xx, 4xx, 5xx)]
    Failure(SipCode),
    #[sip(6xx, Decline)]
    Global,
}

#[test]
fn classes_cover_every_number() {
    for number in 100..=699 {
        let status = StatusCode::new(number).unwrap();
        let expected = match number {
            100..=199 => ByClass::Provisional,
            200..=299 => ByClass::Success(status),
            300..=599 => ByClass::Failure(status.effective()),
            _ => ByClass::Global,
        };
        assert_eq!(ByClass::from_status(status), expected, "{number}");
    }
    assert_eq!(
        ByClass::Provisional.status(),
        None,
        "a class alone names no code to send"
    );
    assert_eq!(ByClass::Global.status(), Some(SipCode::Decline.into()));
}

/// A specific code wins over its class, and a class over `other`; an
/// unregistered number goes to its class's variant, else where its effective
/// code goes.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum Precedence {
    #[sip(400)]
    BadRequest(StatusCode),
    #[sip(4xx)]
    ClientError(StatusCode),
    #[sip(Ok)]
    Done,
    #[sip(other)]
    Rest(SipCode),
}

#[test]
fn specific_codes_win_over_classes_and_classes_over_other() {
    for number in 100..=699 {
        let status = StatusCode::new(number).unwrap();
        let effective = status.effective();
        let registered = status.known().is_some();
        let expected = match effective.as_u16() {
            400 if registered => Precedence::BadRequest(status),
            400..=499 => Precedence::ClientError(status),
            200 => Precedence::Done,
            _ => Precedence::Rest(effective),
        };
        assert_eq!(Precedence::from_status(status), expected, "{number}");
    }
    // 499 is acted on as 400 (RFC 3261 §8.1.3.2), but the enum says where the
    // 4xx it does not list go; 299 has no class variant and goes where 200 does.
    assert_eq!(
        Precedence::from_status(StatusCode::new(499).unwrap()),
        Precedence::ClientError(StatusCode::new(499).unwrap())
    );
    assert_eq!(
        Precedence::from_status(StatusCode::new(299).unwrap()),
        Precedence::Done
    );
    assert_eq!(Precedence::Done.status(), Some(SipCode::Ok.into()));
    assert_eq!(
        Precedence::Rest(SipCode::Decline).status(),
        Some(SipCode::Decline.into())
    );
}

/// Every registered code listed by number, one variant each: no class, no `other`.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum Everything {
    #[sip(
        100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403,
        404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 424, 425,
        428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486,
        487, 488, 489, 491, 493, 494, 500, 501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604,
        606, 607, 608
    )]
    Code(SipCode),
}

#[test]
fn a_handler_listing_every_code_needs_no_other() {
    for code in SipCode::ALL {
        assert_eq!(Everything::from_code(code), Everything::Code(code));
    }
}

/// Generic parameters pass through to the impls.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum Limited<const N: usize> {
    #[sip(2xx)]
    Done,
    #[sip(other)]
    Retry(StatusCode),
}

#[test]
fn generic_handlers_work() {
    assert_eq!(Limited::<3>::from_code(SipCode::Ok), Limited::Done);
    assert_eq!(
        Limited::<3>::from_status(StatusCode::new(503).unwrap()),
        Limited::Retry(StatusCode::new(503).unwrap())
    );
}
