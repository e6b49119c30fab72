use sipcodes::{CodeCarrier, SipResponseHandler, StatusCode};

/// A stack's own code type, carrying codes through `CodeCarrier`.
#[derive(Debug, PartialEq)]
struct WireCode(u16);

impl CodeCarrier for WireCode {
    fn carry(status: StatusCode) -> WireCode {
        WireCode(status.as_u16())
    }

    fn carried(&self) -> Option<StatusCode> {
        StatusCode::new(self.0).ok()
    }
}

#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome {
    #[sip(1xx)]
    Progress(u16),
    #[sip(2xx)]
    Done(WireCode),
    #[sip(other)]
    Failed(StatusCode),
}

fn main() {
    assert_eq!(Outcome::from_status(StatusCode::new(199).unwrap()), Outcome::Progress(199));
    assert_eq!(Outcome::from_status(StatusCode::new(299).unwrap()), Outcome::Done(WireCode(299)));
    assert_eq!(Outcome::Done(WireCode(202)).status(), Some(StatusCode::new(202).unwrap()));
    assert_eq!(Outcome::Progress(42).status(), None);
}
