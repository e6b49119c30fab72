use core::fmt;

use crate::SipCode;
use crate::spec::grammar::OutOfRange;

/// Why a number or a text is not the response code asked for.
///
/// Every variant says what was wrong and where, so a parser or a log can tell
/// a user exactly which character to fix.
///
/// ```
/// use sipcodes::{CodeError, SipCode};
///
/// assert_eq!("2OO".parse::<SipCode>(), Err(CodeError::InvalidDigit { position: 1, found: 'O' }));
/// assert_eq!(SipCode::try_from(499), Err(CodeError::Unregistered { code: 499 }));
/// assert_eq!(
///     "2OO".parse::<SipCode>().unwrap_err().to_string(),
///     "expected an ASCII digit at byte 1, found 'O'"
/// );
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeError {
    /// The text is empty.
    Empty,
    /// A character other than an ASCII digit where one of the three digits belongs
    /// (`"+200"`, `" 200"`, `"2OO"`).
    InvalidDigit {
        /// Byte offset of the character.
        position: usize,
        /// The character found.
        found: char,
    },
    /// Fewer than three digits (`"20"`).
    TooShort,
    /// More than three digits (`"1000"`, `"0200"`).
    TooLong,
    /// Three digits, but not from 100 to 699 (`"099"`, `"700"`).
    OutOfRange {
        /// The number.
        code: u16,
    },
    /// A valid code that the registry does not define (only where a registered
    /// code is required, as by [`SipCode`]).
    Unregistered {
        /// The number.
        code: u16,
    },
    /// Something other than a space follows the three digits (`"486-Busy"`).
    MissingSpace {
        /// Byte offset of the character.
        position: usize,
        /// The character found.
        found: char,
    },
    /// A phrase follows the code but is not the code's registered phrase
    /// (compared ignoring ASCII case), or the code has no registered phrase.
    UnexpectedPhrase {
        /// The code the phrase follows.
        code: u16,
    },
}

impl CodeError {
    /// The error of a status code that starts at byte `start` of a line, with
    /// every byte counted from the start of the line.
    pub(crate) fn fmt_in_line(&self, f: &mut fmt::Formatter<'_>, start: usize) -> fmt::Result {
        match *self {
            CodeError::InvalidDigit { position, found } => write!(
                f,
                "in the status code: expected an ASCII digit at byte {}, found {found:?}",
                start + position
            ),
            _ => write!(f, "in the status code at byte {start}: {self}"),
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CodeError::Empty => {
                f.write_str("empty text where a three-digit status code was expected")
            }
            CodeError::InvalidDigit { position, found } => {
                write!(
                    f,
                    "expected an ASCII digit at byte {position}, found {found:?}"
                )
            }
            CodeError::TooShort => f.write_str("a status code has three digits; found fewer"),
            CodeError::TooLong => f.write_str("a status code has three digits; found more"),
            CodeError::OutOfRange { code } => OutOfRange(code).fmt(f),
            CodeError::Unregistered { code } => {
                write!(f, "{code} is not a registered SIP response code")
            }
            CodeError::MissingSpace { position, found } => write!(
                f,
                "expected a space between the code and the reason phrase at byte {position}, \
                    found {found:?}"
            ),
            CodeError::UnexpectedPhrase { code } => match SipCode::from_u16(code) {
                Some(known) => write!(
                    f,
                    "the reason phrase after {code} is not its registered phrase {:?}",
                    known.reason_phrase()
                ),
                None => write!(
                    f,
                    "{code} is not registered, so no reason phrase can follow it here"
                ),
            },
        }
    }
}

impl core::error::Error for CodeError {}
