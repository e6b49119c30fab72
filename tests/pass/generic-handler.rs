use sipcodes::{SipCode, SipResponseHandler, StatusCode};

#[derive(Debug, PartialEq, SipResponseHandler)]
enum Outcome<const RETRIES: usize>
where
    [(); RETRIES]:,
{
    #[sip(2xx)]
    Done,
    #[sip(other)]
    Retry(StatusCode),
}

fn retries<const N: usize>(_: &Outcome<N>) -> usize {
    N
}

fn main() {
    let outcome = Outcome::<3>::from_code(SipCode::ServiceUnavailable);
    assert_eq!(retries(&outcome), 3);
    assert_eq!(outcome.status(), Some(SipCode::ServiceUnavailable.into()));
}
