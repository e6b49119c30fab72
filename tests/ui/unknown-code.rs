use sipcodes::{SipResponseHandler, StatusCode};

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(200, 499)]
    Done,
    #[sip(other)]
    Failed(StatusCode),
}

fn main() {
    // No follow-on error: the derive still implements the trait.
    let _ = Outcome::from_status(StatusCode::new(200).unwrap());
}
