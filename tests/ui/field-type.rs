use sipcodes::{SipResponseHandler, StatusCode};

/// An application type that cannot hold a response code.
struct Label;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(401)]
    Text(String),
    #[sip(407)]
    Wide(u32),
    #[sip(3xx)]
    Boxed(Box<StatusCode>),
    #[sip(4xx)]
    Maybe(Option<StatusCode>),
    #[sip(other)]
    Failed(Label),
}

#[derive(SipResponseHandler)]
enum Generic<T> {
    #[sip(2xx)]
    Done(T),
    #[sip(other)]
    Failed,
}

fn main() {}
