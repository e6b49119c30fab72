use core::fmt;
use core::num::NonZeroU16;
use core::str::FromStr;

use crate::code::SLOTS;
use crate::rules::Historic;
use crate::spec::grammar;
use crate::{Class, CodeError, SipCode, parse};

/// Any status code from 100 to 699, as it arrives from the wire: registered or
/// not, the number is kept as it was.
///
/// RFC 3261 §8.1.3.2 asks a UAC to act on a code it does not recognise as on
/// the `x00` code of its class (`183` for provisional codes):
/// [`effective`](StatusCode::effective) gives that code, while
/// [`as_u16`](StatusCode::as_u16) still returns the number received, for logs
/// and for forwarding. An unregistered number never equals a registered one.
///
/// ```
/// use sipcodes::{SipCode, StatusCode};
///
/// let received: StatusCode = "499".parse()?;
/// assert_eq!(received.as_u16(), 499);
/// assert_eq!(received.known(), None);
/// assert_eq!(received.effective(), SipCode::BadRequest);
/// assert_ne!(received, SipCode::BadRequest);
///
/// let busy = StatusCode::from(SipCode::BusyHere);
/// assert_eq!(busy, SipCode::BusyHere);
/// assert_eq!(busy.to_string(), "486 Busy Here");
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
///
/// Every registered code is also a constant, named after its registry phrase,
/// usable in `match` patterns on what a peer sent:
///
/// ```
/// use sipcodes::StatusCode;
///
/// fn next_step(received: StatusCode) -> &'static str {
///     match received {
///         StatusCode::RINGING | StatusCode::SESSION_PROGRESS => "play ringback",
///         StatusCode::OK => "send ACK",
///         StatusCode::UNAUTHORIZED | StatusCode::PROXY_AUTHENTICATION_REQUIRED => "authenticate",
///         StatusCode::BUSY_HERE => "try later",
///         other if other.is_provisional() => "wait",
///         other => match other.effective() {
///             sipcodes::SipCode::ServerInternalError => "try another server",
///             _ => "give up",
///         },
///     }
/// }
///
/// assert_eq!(next_step(StatusCode::BUSY_HERE), "try later");
/// assert_eq!(next_step(StatusCode::new(599)?), "try another server");
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
///
/// Like `http::StatusCode`, it compares with plain numbers, defaults to `200`,
/// and its `Debug` form is the number alone:
///
/// ```
/// use sipcodes::StatusCode;
///
/// let code = StatusCode::from_u16(486)?;
/// assert_eq!(code, 486);
/// assert_eq!(486, code);
/// assert_eq!(format!("{code:?}"), "486");
/// assert_eq!(StatusCode::default(), 200);
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusCode(NonZeroU16);

impl StatusCode {
    /// A status code from 100 to 699.
    ///
    /// ```
    /// use sipcodes::{CodeError, StatusCode};
    ///
    /// assert_eq!(StatusCode::new(699)?.as_u16(), 699);
    /// assert_eq!(StatusCode::new(700), Err(CodeError::OutOfRange { code: 700 }));
    /// # Ok::<(), CodeError>(())
    /// ```
    #[inline]
    pub const fn new(code: u16) -> Result<StatusCode, CodeError> {
        match NonZeroU16::new(code) {
            Some(nonzero) if grammar::is_code(code) => Ok(StatusCode(nonzero)),
            _ => Err(CodeError::OutOfRange { code }),
        }
    }

    /// A status code from 100 to 699; the same as [`StatusCode::new`], under
    /// the name `http::StatusCode` uses.
    ///
    /// ```
    /// use sipcodes::{CodeError, StatusCode};
    ///
    /// assert_eq!(StatusCode::from_u16(499)?.as_u16(), 499);
    /// assert_eq!(StatusCode::from_u16(99), Err(CodeError::OutOfRange { code: 99 }));
    /// # Ok::<(), CodeError>(())
    /// ```
    #[inline]
    pub const fn from_u16(code: u16) -> Result<StatusCode, CodeError> {
        StatusCode::new(code)
    }

    /// Parses bytes as [`FromStr`] parses text: exactly three ASCII digits from
    /// 100 to 699, registered or not; a registered code may be followed by one
    /// space and its registered phrase (ignoring ASCII case). Bytes that are not
    /// UTF-8 are an error, never a panic.
    ///
    /// ```
    /// use sipcodes::{CodeError, StatusCode};
    ///
    /// assert_eq!(StatusCode::from_bytes(b"499")?, 499);
    /// assert_eq!(StatusCode::from_bytes(b"486 busy here")?, 486);
    /// assert_eq!(StatusCode::from_bytes(b"48"), Err(CodeError::TooShort));
    /// assert_eq!(
    ///     StatusCode::from_bytes(b"4\xff6"),
    ///     Err(CodeError::InvalidDigit { position: 1, found: char::REPLACEMENT_CHARACTER })
    /// );
    /// # Ok::<(), CodeError>(())
    /// ```
    #[inline]
    pub fn from_bytes(bytes: &[u8]) -> Result<StatusCode, CodeError> {
        // The usual input, three digits from 100 to 699 alone, without the
        // general path's checks for a phrase.
        if let &[
            hundreds @ b'1'..=b'6',
            tens @ b'0'..=b'9',
            units @ b'0'..=b'9',
        ] = bytes
        {
            return StatusCode::new(parse::number(hundreds, tens, units));
        }
        StatusCode::from_code_and_phrase(bytes)
    }

    fn from_code_and_phrase(bytes: &[u8]) -> Result<StatusCode, CodeError> {
        let (number, phrase) = parse::split_bytes(bytes)?;
        let status = StatusCode::new(number)?;
        match phrase {
            None => Ok(status),
            Some(phrase) => match status.known() {
                Some(code) => parse::check_phrase_bytes(code, Some(phrase)).map(StatusCode::from),
                None => Err(CodeError::UnexpectedPhrase { code: number }),
            },
        }
    }

    /// The number, as received.
    ///
    /// ```
    /// assert_eq!(sipcodes::StatusCode::new(299)?.as_u16(), 299);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn as_u16(self) -> u16 {
        self.0.get()
    }

    /// The three digits, as received: `"486"`, `"499"`.
    ///
    /// ```
    /// assert_eq!(sipcodes::StatusCode::new(499)?.as_str(), "499");
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn as_str(self) -> &'static str {
        crate::code::DIGITS[self.as_u16() as usize]
    }

    /// The registered code, if the number is registered.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    ///
    /// assert_eq!(StatusCode::new(486)?.known(), Some(SipCode::BusyHere));
    /// assert_eq!(StatusCode::new(487)?.known(), Some(SipCode::RequestTerminated));
    /// assert_eq!(StatusCode::new(498)?.known(), None);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn known(self) -> Option<SipCode> {
        SipCode::from_u16(self.as_u16())
    }

    /// The code to act on (RFC 3261 §8.1.3.2): the registered code itself, else
    /// `183 Session Progress` for an unrecognised provisional code and the `x00`
    /// code of the class for an unrecognised final code.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    ///
    /// assert_eq!(StatusCode::new(150)?.effective(), SipCode::SessionProgress);
    /// assert_eq!(StatusCode::new(299)?.effective(), SipCode::Ok);
    /// assert_eq!(StatusCode::new(431)?.effective(), SipCode::BadRequest);
    /// assert_eq!(StatusCode::new(486)?.effective(), SipCode::BusyHere);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn effective(self) -> SipCode {
        EFFECTIVE[self.as_u16() as usize]
    }

    /// The wire form of a registered code; `From<SipCode>` in `const` contexts.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    ///
    /// const BUSY: StatusCode = StatusCode::from_sip_code(SipCode::BusyHere);
    /// assert_eq!(BUSY.as_u16(), 486);
    /// ```
    #[inline]
    pub const fn from_sip_code(code: SipCode) -> StatusCode {
        match StatusCode::new(code.as_u16()) {
            Ok(status) => status,
            Err(_) => unreachable!(),
        }
    }

    /// The historic (RFC 2543) code with this number, if the number is one.
    ///
    /// ```
    /// let conflict = sipcodes::StatusCode::new(409)?.historic();
    /// assert_eq!(conflict.map(|h| h.reason_phrase()), Some("Conflict"));
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn historic(self) -> Option<&'static Historic> {
        Historic::get(self.as_u16())
    }

    /// The registered reason phrase, if the number is registered.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert_eq!(StatusCode::new(404)?.reason_phrase(), Some("Not Found"));
    /// assert_eq!(StatusCode::new(499)?.reason_phrase(), None);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn reason_phrase(self) -> Option<&'static str> {
        match self.known() {
            Some(code) => Some(code.reason_phrase()),
            None => None,
        }
    }

    /// The class: the first digit.
    ///
    /// ```
    /// use sipcodes::{Class, StatusCode};
    ///
    /// assert_eq!(StatusCode::new(499)?.class(), Class::RequestFailure);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    #[inline]
    pub const fn class(self) -> Class {
        match Class::from_u16(self.as_u16()) {
            Some(class) => class,
            None => unreachable!(),
        }
    }

    crate::class::predicates! {
        "assert!(sipcodes::StatusCode::new(199)?.is_provisional());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(299)?.is_final());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(299)?.is_success());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(399)?.is_redirection());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(499)?.is_request_failure());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(599)?.is_server_failure());\n# Ok::<(), sipcodes::CodeError>(())",
        "assert!(sipcodes::StatusCode::new(699)?.is_global_failure());\n# Ok::<(), sipcodes::CodeError>(())",
    }
}

/// `effective()` of every number from 100 to 699, computed at compile time.
static EFFECTIVE: [SipCode; SLOTS] = {
    let mut table = [SipCode::Ok; SLOTS];
    let mut class = 0;
    while class < Class::ALL.len() {
        let fallback = Class::ALL[class].fallback();
        let mut index = 100 * (class + 1);
        while index < 100 * (class + 2) {
            table[index] = fallback;
            index += 1;
        }
        class += 1;
    }
    let all = &SipCode::ALL;
    let mut i = 0;
    while i < all.len() {
        table[all[i] as usize] = all[i];
        i += 1;
    }
    table
};

impl From<SipCode> for StatusCode {
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    ///
    /// assert_eq!(StatusCode::from(SipCode::Ok).as_u16(), 200);
    /// ```
    fn from(code: SipCode) -> StatusCode {
        StatusCode::from_sip_code(code)
    }
}

impl From<StatusCode> for u16 {
    /// ```
    /// assert_eq!(u16::from(sipcodes::StatusCode::new(499)?), 499);
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn from(status: StatusCode) -> u16 {
        status.as_u16()
    }
}

impl TryFrom<u16> for StatusCode {
    type Error = CodeError;

    /// Same as [`StatusCode::new`].
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert!(StatusCode::try_from(499).is_ok());
    /// assert!(StatusCode::try_from(99).is_err());
    /// ```
    fn try_from(code: u16) -> Result<StatusCode, CodeError> {
        StatusCode::new(code)
    }
}

impl Default for StatusCode {
    /// `200`, as `http::StatusCode` defaults to `200 OK`.
    ///
    /// ```
    /// assert_eq!(sipcodes::StatusCode::default(), sipcodes::SipCode::Ok);
    /// ```
    fn default() -> StatusCode {
        StatusCode::from_sip_code(SipCode::Ok)
    }
}

impl TryFrom<&str> for StatusCode {
    type Error = CodeError;

    /// Same as [`str::parse`].
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert_eq!(StatusCode::try_from("499")?, 499);
    /// assert!(StatusCode::try_from("4 99").is_err());
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn try_from(text: &str) -> Result<StatusCode, CodeError> {
        text.parse()
    }
}

impl TryFrom<&[u8]> for StatusCode {
    type Error = CodeError;

    /// Same as [`StatusCode::from_bytes`].
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert_eq!(StatusCode::try_from(&b"183"[..])?, 183);
    /// assert!(StatusCode::try_from(&b"1830"[..]).is_err());
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn try_from(bytes: &[u8]) -> Result<StatusCode, CodeError> {
        StatusCode::from_bytes(bytes)
    }
}

/// `code == 486`.
///
/// ```
/// let code = sipcodes::StatusCode::new(486)?;
/// assert!(code == 486 && code != 487);
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
impl PartialEq<u16> for StatusCode {
    fn eq(&self, other: &u16) -> bool {
        self.as_u16() == *other
    }
}

/// `486 == code`.
///
/// ```
/// let code = sipcodes::StatusCode::new(486)?;
/// assert!(486 == code && 487 != code);
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
impl PartialEq<StatusCode> for u16 {
    fn eq(&self, other: &StatusCode) -> bool {
        *self == other.as_u16()
    }
}

/// `SipCode::BusyHere == 486`.
///
/// ```
/// use sipcodes::SipCode;
///
/// assert!(SipCode::BusyHere == 486 && SipCode::BusyHere != 600);
/// ```
impl PartialEq<u16> for SipCode {
    fn eq(&self, other: &u16) -> bool {
        self.as_u16() == *other
    }
}

/// `486 == SipCode::BusyHere`.
///
/// ```
/// use sipcodes::SipCode;
///
/// assert!(486 == SipCode::BusyHere && 600 != SipCode::BusyHere);
/// ```
impl PartialEq<SipCode> for u16 {
    fn eq(&self, other: &SipCode) -> bool {
        *self == other.as_u16()
    }
}

impl PartialEq<SipCode> for StatusCode {
    fn eq(&self, other: &SipCode) -> bool {
        self.as_u16() == other.as_u16()
    }
}

impl PartialEq<StatusCode> for SipCode {
    fn eq(&self, other: &StatusCode) -> bool {
        self.as_u16() == other.as_u16()
    }
}

impl fmt::Debug for StatusCode {
    /// The number alone, as `http::StatusCode` prints it: `486`.
    ///
    /// ```
    /// let code = sipcodes::StatusCode::new(499)?;
    /// assert_eq!(format!("{code:?}"), "499");
    /// assert_eq!(format!("{:?}", Some(code)), "Some(499)");
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_u16(), f)
    }
}

impl fmt::Display for StatusCode {
    /// `486 Busy Here` for a registered code; the number alone (`499`) otherwise.
    /// Width, fill and alignment apply to the whole text either way.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    ///
    /// assert_eq!(format!("[{:>16}]", StatusCode::new(486)?), "[   486 Busy Here]");
    /// assert_eq!(format!("[{:>6}]", StatusCode::new(499)?), "[   499]");
    /// assert_eq!(format!("[{:-<6}]", StatusCode::new(499)?), "[499---]");
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(code) => fmt::Display::fmt(&code, f),
            None => f.pad(self.as_str()),
        }
    }
}

impl FromStr for StatusCode {
    type Err = CodeError;

    /// Accepts exactly three ASCII digits from 100 to 699, registered or not;
    /// a registered code may be followed by one space and its registered phrase,
    /// so the [`Display`](fmt::Display) form round-trips.
    ///
    /// ```
    /// use sipcodes::{CodeError, StatusCode};
    ///
    /// assert_eq!("499".parse::<StatusCode>()?.as_u16(), 499);
    /// assert_eq!("486 Busy Here".parse::<StatusCode>()?.as_u16(), 486);
    /// assert_eq!("099".parse::<StatusCode>(), Err(CodeError::OutOfRange { code: 99 }));
    /// assert_eq!(" 200".parse::<StatusCode>(), Err(CodeError::InvalidDigit { position: 0, found: ' ' }));
    /// # Ok::<(), CodeError>(())
    /// ```
    #[inline]
    fn from_str(text: &str) -> Result<StatusCode, CodeError> {
        StatusCode::from_bytes(text.as_bytes())
    }
}
