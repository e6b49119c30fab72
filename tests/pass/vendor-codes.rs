use sipcodes::{SipCode, SipResponseHandler, StatusCode};

/// Kamailio's 477 and 478 are carrier codes outside the registry.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(unregistered(477, 478))]
    NextHopFailed(StatusCode),
    #[sip(unregistered(499))]
    Vendor,
    #[sip(4xx)]
    Rejected(StatusCode),
    #[sip(other)]
    Failed(SipCode),
}

fn main() {
    let next_hop = StatusCode::new(477).unwrap();
    assert_eq!(Outcome::from_status(next_hop), Outcome::NextHopFailed(next_hop));
    assert_eq!(Outcome::NextHopFailed(next_hop).status(), Some(next_hop));
    // A unit variant sends its first unregistered number.
    assert_eq!(Outcome::Vendor.status(), Some(StatusCode::new(499).unwrap()));
    assert_eq!(Outcome::from_status(StatusCode::new(499).unwrap()), Outcome::Vendor);
    // Other unregistered numbers still follow RFC 3261 §8.1.3.2.
    let odd = StatusCode::new(476).unwrap();
    assert_eq!(Outcome::from_status(odd), Outcome::Rejected(odd));
    assert_eq!(
        Outcome::from_status(StatusCode::new(599).unwrap()),
        Outcome::Failed(SipCode::ServerInternalError)
    );
}
