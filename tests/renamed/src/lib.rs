//! `sipcodes` under the name `sip`: the derive finds it through `crate = "sip"`.

use sip::{SipResponseHandler, StatusCode};

/// A handler whose generated code must name `::sip`, not `::sipcodes`.
#[derive(Debug, PartialEq, SipResponseHandler)]
#[sip(crate = "sip")]
pub enum Renamed {
    /// Success.
    #[sip(2xx)]
    Done,
    /// Anything else, with the number received.
    #[sip(other)]
    NotDone(StatusCode),
}

#[cfg(test)]
mod tests {
    use super::*;
    use sip::SipCode;

    #[test]
    fn the_derive_uses_the_renamed_crate() {
        assert_eq!(Renamed::from_code(SipCode::Ok), Renamed::Done);
        let odd = StatusCode::new(499).unwrap();
        assert_eq!(Renamed::from_status(odd), Renamed::NotDone(odd));
        assert_eq!(
            Renamed::from(SipCode::Decline),
            Renamed::NotDone(SipCode::Decline.into())
        );
    }
}
