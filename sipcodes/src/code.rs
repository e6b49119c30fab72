use core::fmt;
use core::str::FromStr;

use crate::registry::slice;
use crate::rules::{Constraint, Reference};
use crate::spec::grammar;
use crate::spec::nearest;
use crate::{Class, CodeError, StatusCode, parse};

/// The length of the tables indexed by a code's number itself; their first 100
/// slots are unused, so that a lookup is a bounds check and a load, as in a plain
/// table, with no offset to subtract.
pub(crate) const SLOTS: usize = grammar::MAX_CODE as usize + 1;

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
    #[inline]
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
    #[inline]
    pub const fn from_u16(code: u16) -> Option<SipCode> {
        let slot = code as usize;
        if slot < SLOTS {
            tables::BY_NUMBER[slot]
        } else {
            None
        }
    }

    /// The registered reason phrase, exactly as the defining RFC spells it.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert_eq!(SipCode::RequestUriTooLong.reason_phrase(), "Request-URI Too Long");
    /// assert_eq!(SipCode::CallTransactionDoesNotExist.reason_phrase(), "Call/Transaction Does Not Exist");
    /// ```
    #[inline]
    pub const fn reason_phrase(self) -> &'static str {
        tables::PHRASES[self as usize]
    }

    /// The three digits, as sent on the wire.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::BusyHere.as_str(), "486");
    /// ```
    #[inline]
    pub const fn as_str(self) -> &'static str {
        StatusCode::from_sip_code(self).as_str()
    }

    /// The code's canonical status line, ending in CRLF: what a UAS sends to
    /// answer with this code and its registered phrase, in a single write.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert_eq!(SipCode::BusyHere.status_line(), "SIP/2.0 486 Busy Here\r\n");
    /// ```
    #[inline]
    pub const fn status_line(self) -> &'static str {
        Self::ENTRIES[self.index()].status_line
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
    #[inline]
    pub const fn index(self) -> usize {
        tables::INDEX[self as usize] as usize
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
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let needs_allow = SipCode::MethodNotAllowed
    ///     .constraints()
    ///     .iter()
    ///     .any(|rule| rule.level().is_mandatory() && rule.kind() == Kind::Header(&["Allow"]));
    /// assert!(needs_allow);
    /// ```
    pub const fn constraints(self) -> &'static [Constraint] {
        Self::ENTRIES[self.index()].constraints
    }

    /// Whether the registry deprecates the code (202 Accepted, by RFC 6665).
    ///
    /// ```
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
    /// assert!(sipcodes::SipCode::Accepted.deprecation().is_some());
    /// ```
    pub const fn deprecation(self) -> Option<&'static str> {
        Self::ENTRIES[self.index()].deprecation
    }

    /// The registered codes nearest to `number` in its class (up to five, in
    /// ascending order): what to suggest for a number that is not registered.
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// let near: Vec<u16> = SipCode::nearest(499).map(SipCode::as_u16).collect();
    /// assert_eq!(near, [488, 489, 491, 493, 494]);
    /// assert_eq!(SipCode::nearest(42).count(), 0);
    /// ```
    pub fn nearest(number: u16) -> impl Iterator<Item = SipCode> {
        let codes = match grammar::is_code(number) {
            true => nearest::nearest_codes(number, SipCode::ALL.iter().map(|code| code.as_u16())),
            false => nearest::Nearest::default(),
        };
        (0..codes.as_slice().len()).filter_map(move |i| SipCode::from_u16(codes.as_slice()[i]))
    }

    /// The code's class.
    ///
    /// ```
    /// use sipcodes::{Class, SipCode};
    ///
    /// assert_eq!(SipCode::Decline.class(), Class::GlobalFailure);
    /// ```
    #[inline]
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

impl TryFrom<StatusCode> for SipCode {
    type Error = CodeError;

    /// The registered code, or [`CodeError::Unregistered`] with the number
    /// received; [`StatusCode::effective`] is the infallible reading of RFC 3261
    /// §8.1.3.2.
    ///
    /// ```
    /// use sipcodes::{CodeError, SipCode, StatusCode};
    ///
    /// assert_eq!(SipCode::try_from(StatusCode::BUSY_HERE), Ok(SipCode::BusyHere));
    /// assert_eq!(
    ///     SipCode::try_from(StatusCode::new(499)?),
    ///     Err(CodeError::Unregistered { code: 499 })
    /// );
    /// # Ok::<(), CodeError>(())
    /// ```
    fn try_from(status: StatusCode) -> Result<SipCode, CodeError> {
        status.known().ok_or(CodeError::Unregistered {
            code: status.as_u16(),
        })
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
        f.pad(tables::LINES[self.index()])
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

/// The lookup tables, computed at compile time from `SipCode::ALL` and the
/// registry data the macro generates.
mod tables {
    use super::{SLOTS, SipCode, slice};

    /// The number of `SipCode::ALL[i]`, for `const` loops.
    const fn number(i: usize) -> usize {
        let all = &SipCode::ALL;
        all[i] as usize
    }

    /// The code of each number from 100 to 699.
    pub(super) static BY_NUMBER: [Option<SipCode>; SLOTS] = {
        let mut table = [None; SLOTS];
        let mut i = 0;
        while i < SipCode::COUNT {
            table[number(i)] = Some(SipCode::ALL[i]);
            i += 1;
        }
        table
    };

    /// The position in `ALL` of each registered number (`u8::MAX` elsewhere).
    pub(super) static INDEX: [u8; SLOTS] = {
        assert!(SipCode::COUNT < u8::MAX as usize);
        let mut table = [u8::MAX; SLOTS];
        let mut i = 0;
        while i < SipCode::COUNT {
            table[number(i)] = i as u8;
            i += 1;
        }
        table
    };

    /// The registered phrase of each number, so that `reason_phrase` is one load.
    pub(super) static PHRASES: [&str; SLOTS] = {
        let entries = &SipCode::ENTRIES;
        let mut table = [""; SLOTS];
        let mut i = 0;
        while i < SipCode::COUNT {
            table[number(i)] = slice(entries[i].status_line, "SIP/2.0 486 ".len(), 2);
            i += 1;
        }
        table
    };

    /// `486 Busy Here` for each code, in the order of `ALL`.
    pub(super) static LINES: [&str; SipCode::COUNT] = {
        let entries = &SipCode::ENTRIES;
        let mut table = [""; SipCode::COUNT];
        let mut i = 0;
        while i < SipCode::COUNT {
            table[i] = slice(entries[i].status_line, "SIP/2.0 ".len(), 2);
            i += 1;
        }
        table
    };

    /// `units!(4 8)` is `["480", "481", …, "489"]`.
    macro_rules! units {
        ($h:literal $t:literal) => {
            [
                concat!($h, $t, 0),
                concat!($h, $t, 1),
                concat!($h, $t, 2),
                concat!($h, $t, 3),
                concat!($h, $t, 4),
                concat!($h, $t, 5),
                concat!($h, $t, 6),
                concat!($h, $t, 7),
                concat!($h, $t, 8),
                concat!($h, $t, 9),
            ]
        };
    }

    /// `tens!(4)` is the digits of 400 to 499, by tens.
    macro_rules! tens {
        ($h:literal) => {
            [
                units!($h 0),
                units!($h 1),
                units!($h 2),
                units!($h 3),
                units!($h 4),
                units!($h 5),
                units!($h 6),
                units!($h 7),
                units!($h 8),
                units!($h 9),
            ]
        };
    }

    static BY_DIGIT: [[[&str; 10]; 10]; 6] =
        [tens!(1), tens!(2), tens!(3), tens!(4), tens!(5), tens!(6)];

    /// The three digits of every number from 100 to 699.
    pub(crate) static DIGITS: [&str; SLOTS] = {
        let mut table = [""; SLOTS];
        let mut i = 100;
        while i < SLOTS {
            table[i] = BY_DIGIT[i / 100 - 1][i / 10 % 10][i % 10];
            i += 1;
        }
        table
    };
}

pub(crate) use tables::DIGITS;
