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
///   type of your own that implements it). A field of another type is one
///   compile error, on the type, that names that trait.
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
///
/// # Compile errors
///
/// Each is reported on the offending token, all of them in one build and in the
/// order of the source, followed by a stub impl so that code using the handler
/// shows no follow-on errors. Every message
/// below is pinned by a compile-fail test.
///
/// | mistake | example | message |
/// | --- | --- | --- |
/// | unknown code | `#[sip(499)]` | `` 499 is not a registered SIP response code; the nearest registered codes are 488 Not Acceptable Here, 489 Bad Event, 491 Request Pending, 493 Undecipherable, 494 Security Agreement Required; to handle this number anyway, list it as `unregistered(499)` `` |
/// | historic code | `#[sip(409)]` | `` 409 is not a registered SIP response code (409 Conflict existed only in RFC 2543 and is no longer registered); … `` |
/// | out of range | `#[sip(700)]` | `` 700 is not a SIP status code; codes run from 100 to 699 `` |
/// | unknown name | `#[sip(BusyHer)]` | `` `BusyHer` is not a `SipCode` variant; did you mean `BusyHere` (486 Busy Here)? `` |
/// | bad class | `#[sip(7xx)]` | `` `7xx` is neither a code nor a class; write a code like `486` or a class from `1xx` to `6xx` `` |
/// | code in two variants | `#[sip(486)]` … `#[sip(BusyHere)]` | `` code 486 Busy Here (`BusyHere`) is already handled by `Busy`, which lists it first; it belongs to exactly one variant, so remove one of them `` |
/// | class in two variants | `#[sip(4xx)]` twice | `` class 4xx is already handled by `ClientError`; … `` |
/// | two `other` | `#[sip(other)]` twice | `` `other` is already handled by `Failed`; … `` |
/// | codes left unhandled | no `other`, no covering class; the codes are listed one per line | `` `Outcome` does not handle 2 registered SIP response codes: … add each to a variant's `#[sip(...)]`, cover its class (e.g. `#[sip(4xx)]`), or add a variant with `#[sip(other)]` `` |
/// | missing attribute | a variant without `#[sip]` | `` variant `Forgotten` has no `#[sip(...)]`; add one listing what it handles … `` |
/// | malformed attribute | `#[sip = 200]`, `#[sip]`, `#[sip("486")]`, `#[sip()]`, two `#[sip]` | says which form is expected |
/// | unknown key | `#[sip(code = 200)]`, `#[sip(krate = "…")]` | `` unknown key `code` on a variant; … `` |
/// | field shape | `Named { code: SipCode }`, `Two(SipCode, StatusCode)` | `` a handler variant is a unit variant or a tuple variant with one field, which receives the code (`StatusCode`, `SipCode`, `u16`, or any `CodeCarrier`) `` |
/// | field type | `Failed(Label)` | `` `Label` cannot hold the code a handler variant receives ``, on the field's type, with a note naming `sipcodes::CodeCarrier` |
/// | a string among the numbers | `#[sip(unregistered("478"))]` | `` `"478"` is a string; `unregistered(...)` lists numbers: write `unregistered(478)` `` |
/// | numbers left out | `#[sip(unregistered)]` | `` `unregistered` lists numbers outside the registry in parentheses: write `unregistered(477, 478)` `` |
/// | vendor code that is registered | `#[sip(unregistered(486))]` | `` 486 is registered (486 Busy Here); write it plainly, `#[sip(486)]`, not in `unregistered(...)` `` |
/// | number not in decimal | `#[sip(0x1E6)]`, `#[sip(0486)]`, `#[sip(4_86)]` | `` `0x1E6` is not written in decimal; write a code as three decimal digits, e.g. `486` ``, `` `0486` has a leading zero; write `486` `` |
/// | negative number | `#[sip(-486)]`, underlined whole | `` -486 is not a SIP status code; codes run from 100 to 699 `` |
/// | a path or `Other` | `#[sip(SipCode::BusyHere)]`, `#[sip(Other)]` | `` `#[sip]` takes a variant's name alone; write `#[sip(BusyHere)]` ``, `` `Other` is not a `SipCode` variant; the catch-all is written `other` `` |
/// | codes on the enum | `#[sip(486)]` above `enum`, `#[sip(crate = 5)]` | `` the enum's `#[sip]` takes only `crate = "..."`; codes belong on the variants: … `` |
/// | empty attribute on the enum | `#[sip()]` above `enum` | `` `#[sip()]` is empty; on the enum it names the sipcodes crate, `#[sip(crate = "my_sipcodes")]`, or is left out `` |
/// | not an enum | `struct`, `union` | `` `SipResponseHandler` can only be derived for an enum, … `` |
///
/// ### Versioning
///
/// `SipCode` is exhaustive on purpose. When IANA registers a code and it is added to
/// `registry.toml`, a new variant appears, and every handler that neither names it,
/// covers its class nor has `#[sip(other)]` stops compiling and names the new code.
/// That is the point: a new code is a decision to make, not a silent fall-through.
/// For semver this makes a registry addition a breaking change of `sipcodes`
/// (a new minor version before 1.0, a new major version after). Applications that
/// want to upgrade without touching their handlers keep an `other` variant.
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
