use crate::{SipCode, StatusCode};

/// The type of a handler variant's field: built from the code the variant
/// receives, and giving back the code to send.
///
/// `#[derive(SipResponseHandler)]` accepts a tuple variant with one field of
/// any type that implements it:
///
/// - [`StatusCode`]: the code as received, an unregistered number included;
/// - [`SipCode`]: the code to act on (RFC 3261 §8.1.3.2 for an unregistered one);
/// - `u16`: the number as received;
/// - a type of your own, with the two conversions below.
///
/// A field of any other type is one compile error, on the type, that names this
/// trait.
///
/// ```
/// use sipcodes::{CodeCarrier, SipResponseHandler, StatusCode};
///
/// /// A stack's own code type.
/// #[derive(Debug, PartialEq)]
/// struct Code(u16);
///
/// impl CodeCarrier for Code {
///     fn carry(status: StatusCode) -> Code {
///         Code(status.as_u16())
///     }
///     fn carried(&self) -> Option<StatusCode> {
///         StatusCode::new(self.0).ok()
///     }
/// }
///
/// #[derive(Debug, PartialEq, SipResponseHandler)]
/// enum Outcome {
///     #[sip(2xx)]
///     Done(u16),
///     #[sip(other)]
///     Failed(Code),
/// }
///
/// assert_eq!(Outcome::from_status(StatusCode::new(299)?), Outcome::Done(299));
/// assert_eq!(Outcome::from_status(StatusCode::new(499)?), Outcome::Failed(Code(499)));
/// assert_eq!(Outcome::Failed(Code(486)).status(), Some(StatusCode::BUSY_HERE));
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold the code a handler variant receives",
    label = "the field that receives the response code",
    note = "a handler variant's field implements `sipcodes::CodeCarrier`: use `StatusCode`, \
            `SipCode`, `u16`, or implement `CodeCarrier` for your own type"
)]
pub trait CodeCarrier: Sized {
    /// The value for a received code.
    ///
    /// ```
    /// use sipcodes::{CodeCarrier, SipCode, StatusCode};
    ///
    /// let odd = StatusCode::new(499)?;
    /// assert_eq!(SipCode::carry(odd), SipCode::BadRequest);
    /// assert_eq!(StatusCode::carry(odd), odd);
    /// assert_eq!(u16::carry(odd), 499);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn carry(status: StatusCode) -> Self;

    /// The code to send for this value, if it is one.
    ///
    /// ```
    /// use sipcodes::{CodeCarrier, StatusCode};
    ///
    /// assert_eq!(486u16.carried(), Some(StatusCode::BUSY_HERE));
    /// assert_eq!(42u16.carried(), None);
    /// ```
    fn carried(&self) -> Option<StatusCode>;
}

impl CodeCarrier for StatusCode {
    fn carry(status: StatusCode) -> StatusCode {
        status
    }

    fn carried(&self) -> Option<StatusCode> {
        Some(*self)
    }
}

impl CodeCarrier for u16 {
    fn carry(status: StatusCode) -> u16 {
        status.as_u16()
    }

    fn carried(&self) -> Option<StatusCode> {
        StatusCode::new(*self).ok()
    }
}

impl CodeCarrier for SipCode {
    fn carry(status: StatusCode) -> SipCode {
        status.effective()
    }

    fn carried(&self) -> Option<StatusCode> {
        Some(StatusCode::from_sip_code(*self))
    }
}
