use crate::{SipCode, StatusCode};

/// An application's decision for every response it can receive, checked by the
/// compiler against the registry.
///
/// Derive it on an enum whose variants say with `#[sip(...)]` which responses
/// they handle: response codes (`486`), [`SipCode`] variant names (`BusyHere`),
/// classes (`1xx` … `6xx`) or `other`.
///
/// ```
/// use sipcodes::{SipCode, SipResponseHandler, StatusCode};
///
/// #[derive(Debug, PartialEq, SipResponseHandler)]
/// enum InviteOutcome {
///     #[sip(1xx)]
///     Progress(SipCode),        // a whole class; the variant receives the code
///     #[sip(200, 202)]
///     Answered,                 // codes
///     #[sip(3xx)]
///     Redirected(SipCode),
///     #[sip(401, 407)]
///     Challenged,
///     #[sip(BusyHere, 600)]
///     Busy,                     // variant names work as well as numbers
///     #[sip(other)]
///     Failed(StatusCode),       // everything else, unregistered codes included
/// }
///
/// assert_eq!(InviteOutcome::from_code(SipCode::Ringing), InviteOutcome::Progress(SipCode::Ringing));
/// assert_eq!(InviteOutcome::from(SipCode::BusyEverywhere), InviteOutcome::Busy);
///
/// // An unregistered code keeps its number where the variant can hold it …
/// let odd = StatusCode::new(499)?;
/// assert_eq!(InviteOutcome::from_status(odd), InviteOutcome::Failed(odd));
/// // … and otherwise arrives as the code RFC 3261 §8.1.3.2 says to act on.
/// let early = StatusCode::new(150)?;
/// assert_eq!(InviteOutcome::from_status(early), InviteOutcome::Progress(SipCode::SessionProgress));
///
/// // For sending: the carried code, else the variant's first listed code.
/// assert_eq!(InviteOutcome::Busy.status(), Some(StatusCode::from(SipCode::BusyHere)));
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
///
/// # Rules
///
/// - Each variant has one `#[sip(...)]`. It is a unit variant, or a tuple
///   variant with one field that receives the code: any type that implements
///   [`CodeCarrier`](crate::CodeCarrier) (`StatusCode`, `SipCode`, `u16`, or a
///   type of your own that converts from `StatusCode` and back). A field of
///   another type is a compile error on the type that names that trait.
/// - `unregistered(477, 478)` names numbers deliberately outside the registry,
///   such as carrier and vendor codes; they are matched on the number received,
///   before RFC 3261 §8.1.3.2 applies. A registered number there is an error:
///   write it plainly.
/// - Codes are written in decimal, without a leading zero or underscores
///   (`0x1E6`, `0486` and `4_86` are errors, not 486).
/// - A specific code wins over a class, a class over `other`. Every registered
///   code must end up in exactly one variant: without `other` or a covering
///   class, a missing code is a compile error that lists each code left
///   unhandled. When the registry gains a code, such a handler stops compiling
///   and names the new code; that is the point.
/// - Unknown codes and names, a code or class in two variants, two `other`
///   variants, other field shapes and non-enum inputs are compile errors on the
///   offending token.
/// - Naming the deprecated `202 Accepted` is allowed and raises no deprecation
///   warning: a receiver must still handle it (RFC 6665 §8.3.1 says to treat it
///   as `200 OK`).
/// - `#[sip(crate = "path")]` on the enum names the `sipcodes` crate when the
///   dependency is renamed.
///
/// The derive also implements `From<SipCode>` via [`from_code`](Self::from_code).
pub trait SipResponseHandler: Sized {
    /// The handling of a registered code. Total: the generated `match` names every
    /// [`SipCode`] variant, with no wildcard.
    ///
    /// ```
    /// use sipcodes::{SipCode, SipResponseHandler};
    ///
    /// #[derive(Debug, PartialEq, SipResponseHandler)]
    /// enum Outcome {
    ///     #[sip(2xx)]
    ///     Done,
    ///     #[sip(other)]
    ///     NotDone(SipCode),
    /// }
    ///
    /// assert_eq!(Outcome::from_code(SipCode::Ok), Outcome::Done);
    /// assert_eq!(Outcome::from_code(SipCode::Decline), Outcome::NotDone(SipCode::Decline));
    /// ```
    fn from_code(code: SipCode) -> Self;

    /// The handling of a code from the wire. A registered code is handled as by
    /// [`from_code`](Self::from_code). An unregistered code goes to the variant
    /// that lists its class, if one does, else where its
    /// [`StatusCode::effective`] code goes (RFC 3261 §8.1.3.2); a variant
    /// carrying `StatusCode` receives the number as received, so nothing is
    /// lost. A unit variant keeps no number: its [`status`](Self::status) is
    /// the first code it lists.
    ///
    /// ```
    /// use sipcodes::{SipResponseHandler, StatusCode};
    ///
    /// #[derive(Debug, PartialEq, SipResponseHandler)]
    /// enum Outcome {
    ///     #[sip(2xx)]
    ///     Done(StatusCode),
    ///     #[sip(other)]
    ///     NotDone(StatusCode),
    /// }
    ///
    /// let odd = StatusCode::new(299)?;
    /// assert_eq!(Outcome::from_status(odd), Outcome::Done(odd));
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn from_status(status: StatusCode) -> Self;

    /// The code to send for this value: the carried code, else the variant's
    /// first listed code or name, else `None` (a variant listing only classes or
    /// `other`).
    ///
    /// ```
    /// use sipcodes::{SipCode, SipResponseHandler, StatusCode};
    ///
    /// #[derive(SipResponseHandler)]
    /// enum Reply {
    ///     #[sip(NotFound, 604)]
    ///     Unknown,
    ///     #[sip(other)]
    ///     Other,
    /// }
    ///
    /// assert_eq!(Reply::Unknown.status(), Some(StatusCode::from(SipCode::NotFound)));
    /// assert_eq!(Reply::Other.status(), None);
    /// ```
    fn status(&self) -> Option<StatusCode>;
}

#[cfg(test)]
mod tests {
    use crate::{SipCode, SipResponseHandler, StatusCode};

    /// The derive works inside this crate too: its `::sipcodes` paths resolve
    /// through `extern crate self as sipcodes`.
    #[derive(Debug, PartialEq, SipResponseHandler)]
    enum Internal {
        #[sip(2xx)]
        Done,
        #[sip(other)]
        Failed(StatusCode),
    }

    #[test]
    fn derives_inside_the_crate() {
        assert_eq!(Internal::from_code(SipCode::Ok), Internal::Done);
        let odd = StatusCode::new(499).unwrap();
        assert_eq!(Internal::from_status(odd), Internal::Failed(odd));
    }
}
