use core::fmt;
use core::str::FromStr;

use crate::{Class, CodeError, Constraint, Reference, parse};

/// A SIP response code registered with IANA: one variant per code of the
/// registry, generated at compile time from `registry.toml`.
///
/// The enum is exhaustive on purpose: when the registry gains a code, code that
/// matches on `SipCode` without a wildcard stops compiling until it handles the
/// new code. Codes received from the wire, registered or not, are
/// [`StatusCode`](crate::StatusCode)s.
///
/// ```
/// use sipcodes::{Class, SipCode};
///
/// let code = SipCode::BusyHere;
/// assert_eq!(code.as_u16(), 486);
/// assert_eq!(code.reason_phrase(), "Busy Here");
/// assert_eq!(code.to_string(), "486 Busy Here");
/// assert_eq!(code.class(), Class::RequestFailure);
/// assert_eq!("486".parse::<SipCode>(), Ok(code));
/// assert_eq!(SipCode::from_u16(486), Some(code));
/// ```
#[sipcodes_macros::sip_code]
pub enum SipCode {}

impl SipCode {
    /// The number, as sent on the wire.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Ringing.as_u16(), 180);
    /// ```
    pub const fn as_u16(self) -> u16 {
        self as u16
    }

    /// The registered code with this number; `None` for any other number.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert_eq!(SipCode::from_u16(603), Some(SipCode::Decline));
    /// assert_eq!(SipCode::from_u16(499), None);
    /// ```
    pub const fn from_u16(code: u16) -> Option<SipCode> {
        Self::lookup(code)
    }

    /// The registered reason phrase, exactly as the defining RFC spells it.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert_eq!(SipCode::RequestUriTooLong.reason_phrase(), "Request-URI Too Long");
    /// assert_eq!(SipCode::CallTransactionDoesNotExist.reason_phrase(), "Call/Transaction Does Not Exist");
    /// ```
    pub const fn reason_phrase(self) -> &'static str {
        Self::ENTRIES[self.index()].phrase
    }

    /// The code's position in [`SipCode::ALL`]: dense from 0 to
    /// [`SipCode::COUNT`]` - 1`, for per-code arrays and counters.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// let mut seen = [0u32; SipCode::COUNT];
    /// seen[SipCode::NotFound.index()] += 1;
    /// assert_eq!(SipCode::ALL[SipCode::NotFound.index()], SipCode::NotFound);
    /// ```
    pub const fn index(self) -> usize {
        self.position()
    }

    /// What the code means, from the registry.
    ///
    /// ```
    /// assert!(!sipcodes::SipCode::Decline.description().is_empty());
    /// ```
    pub const fn description(self) -> &'static str {
        Self::ENTRIES[self.index()].description
    }

    /// The RFC sections that define the code, the defining one first.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Decline.references()[0].rfc(), 3261);
    /// ```
    pub const fn references(self) -> &'static [Reference] {
        Self::ENTRIES[self.index()].references
    }

    /// The rules the RFCs state about responses with this code.
    ///
    /// ```
    /// use sipcodes::{SipCode, Subject};
    ///
    /// let needs_allow = SipCode::MethodNotAllowed
    ///     .constraints()
    ///     .iter()
    ///     .any(|rule| rule.level().is_mandatory() && rule.subject() == Subject::Header(&["Allow"]));
    /// assert!(needs_allow);
    /// ```
    pub const fn constraints(self) -> &'static [Constraint] {
        Self::ENTRIES[self.index()].constraints
    }

    /// Whether the registry deprecates the code (202 Accepted, by RFC 6665).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::Accepted.is_deprecated());
    /// assert!(!SipCode::Ok.is_deprecated());
    /// ```
    pub const fn is_deprecated(self) -> bool {
        self.deprecation().is_some()
    }

    /// Why the code is deprecated and what to use instead, if it is.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// assert!(sipcodes::SipCode::Accepted.deprecation().is_some());
    /// ```
    pub const fn deprecation(self) -> Option<&'static str> {
        Self::ENTRIES[self.index()].deprecation
    }

    /// The code's class.
    ///
    /// ```
    /// use sipcodes::{Class, SipCode};
    ///
    /// assert_eq!(SipCode::Decline.class(), Class::GlobalFailure);
    /// ```
    pub const fn class(self) -> Class {
        match Class::from_u16(self.as_u16()) {
            Some(class) => class,
            None => unreachable!(),
        }
    }

    crate::class::predicates! {
        "assert!(sipcodes::SipCode::Ringing.is_provisional());",
        "assert!(sipcodes::SipCode::Ok.is_final());\nassert!(!sipcodes::SipCode::Trying.is_final());",
        "assert!(sipcodes::SipCode::Ok.is_success());",
        "assert!(sipcodes::SipCode::MovedTemporarily.is_redirection());",
        "assert!(sipcodes::SipCode::NotFound.is_request_failure());",
        "assert!(sipcodes::SipCode::ServiceUnavailable.is_server_failure());",
        "assert!(sipcodes::SipCode::Decline.is_global_failure());",
    }
}

impl From<SipCode> for u16 {
    /// ```
    /// assert_eq!(u16::from(sipcodes::SipCode::NotFound), 404);
    /// ```
    fn from(code: SipCode) -> u16 {
        code.as_u16()
    }
}

impl TryFrom<u16> for SipCode {
    type Error = CodeError;

    /// ```
    /// use sipcodes::{CodeError, SipCode};
    ///
    /// assert_eq!(SipCode::try_from(404), Ok(SipCode::NotFound));
    /// assert_eq!(SipCode::try_from(499), Err(CodeError::Unregistered { code: 499 }));
    /// assert_eq!(SipCode::try_from(42), Err(CodeError::OutOfRange { code: 42 }));
    /// ```
    fn try_from(code: u16) -> Result<SipCode, CodeError> {
        match SipCode::from_u16(code) {
            Some(known) => Ok(known),
            None if (100..=699).contains(&code) => Err(CodeError::Unregistered { code }),
            None => Err(CodeError::OutOfRange { code }),
        }
    }
}

impl fmt::Display for SipCode {
    /// `486 Busy Here`: the status-line form. Width and alignment flags apply.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(Self::ENTRIES[self.index()].line)
    }
}

impl FromStr for SipCode {
    type Err = CodeError;

    /// Accepts exactly three ASCII digits (`"486"`), optionally followed by one
    /// space and the registered phrase, compared ignoring ASCII case
    /// (`"486 Busy Here"`): the [`Display`](fmt::Display) form round-trips.
    ///
    /// ```
    /// use sipcodes::{CodeError, SipCode};
    ///
    /// assert_eq!("486 Busy Here".parse(), Ok(SipCode::BusyHere));
    /// assert_eq!("+200".parse::<SipCode>(), Err(CodeError::InvalidDigit { position: 0, found: '+' }));
    /// assert_eq!("0200".parse::<SipCode>(), Err(CodeError::TooLong));
    /// assert_eq!("486 Busy".parse::<SipCode>(), Err(CodeError::UnexpectedPhrase { code: 486 }));
    /// ```
    fn from_str(text: &str) -> Result<SipCode, CodeError> {
        let (number, phrase) = parse::split(text)?;
        let code = SipCode::from_u16(number).ok_or(CodeError::Unregistered { code: number })?;
        parse::check_phrase(code, phrase)
    }
}
