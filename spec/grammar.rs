//! The text rules of RFC 3261: the status-code range, the Reason-Phrase and the token.

use core::fmt;

/// The lowest status code: a SIP status code is three digits, the first from 1 to 6.
pub const MIN_CODE: u16 = 100;
/// The highest status code.
pub const MAX_CODE: u16 = 699;
/// How many numbers from [`MIN_CODE`] to [`MAX_CODE`].
pub const SPAN: usize = (MAX_CODE - MIN_CODE + 1) as usize;

/// Whether `code` is a status code (RFC 3261 §7.2).
pub const fn is_code(code: u16) -> bool {
    code >= MIN_CODE && code <= MAX_CODE
}

/// `700 is not a SIP status code; codes run from 100 to 699`: the one wording
/// of the range rule, in every message about a number out of range.
pub struct OutOfRange<T>(pub T);

impl<T: fmt::Display> fmt::Display for OutOfRange<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not a SIP status code; codes run from {MIN_CODE} to {MAX_CODE}",
            self.0
        )
    }
}

/// Whether `text` is an RFC 3261 §25.1 `token` (method names, header field names,
/// option tags).
pub const fn is_token(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !is_token_byte(bytes[index]) {
            return false;
        }
        index += 1;
    }
    !bytes.is_empty()
}

/// Whether `byte` may appear in a `token` (RFC 3261 §25.1): a letter, a digit,
/// or one of ``-.!%*_+`'~``.
pub const fn is_token_byte(byte: u8) -> bool {
    matches!(
        byte,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9'
            | b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
    )
}

/// Checks `text` against the Reason-Phrase grammar of RFC 3261 §25.1: letters,
/// digits, space, tab, the marks ``-_.!~*'()``, the reserved characters
/// `;/?:@&=+$,`, `%` followed by two hexadecimal digits, and any non-ASCII
/// character other than a control character.
pub const fn check_phrase(text: &str) -> Result<(), ReasonPhraseError> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b' ' | b'\t' => {}
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => {}
            b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b',' => {}
            b'%' => {
                let escaped = index + 2 < bytes.len()
                    && bytes[index + 1].is_ascii_hexdigit()
                    && bytes[index + 2].is_ascii_hexdigit();
                if !escaped {
                    return Err(ReasonPhraseError::InvalidEscape { position: index });
                }
                index += 2;
            }
            0x00..=0x1f | 0x7f => {
                return Err(ReasonPhraseError::ControlCharacter {
                    position: index,
                    found: byte as char,
                });
            }
            0x20..=0x7e => {
                return Err(ReasonPhraseError::DisallowedCharacter {
                    position: index,
                    found: byte as char,
                });
            }
            // C1 controls U+0080..=U+009F are encoded as 0xC2 0x80..=0x9F.
            0xc2 if index + 1 < bytes.len() && bytes[index + 1] <= 0x9f => {
                let found = match char::from_u32(bytes[index + 1] as u32) {
                    Some(c) => c,
                    None => char::REPLACEMENT_CHARACTER,
                };
                return Err(ReasonPhraseError::ControlCharacter {
                    position: index,
                    found,
                });
            }
            _ => {}
        }
        index += 1;
    }
    Ok(())
}

/// Why a text is not a valid reason phrase (RFC 3261 §25.1).
///
/// ```
/// use sipcodes::{ReasonPhrase, ReasonPhraseError};
///
/// assert_eq!(
///     ReasonPhrase::new("Busy\r\nX-Injected: 1"),
///     Err(ReasonPhraseError::ControlCharacter { position: 4, found: '\r' })
/// );
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonPhraseError {
    /// A control character (CR, LF, NUL, DEL, …): on the wire it would end the
    /// status line or corrupt it. Tab is allowed.
    ControlCharacter {
        /// Byte offset of the character.
        position: usize,
        /// The character found.
        found: char,
    },
    /// A printable ASCII character that the Reason-Phrase grammar excludes, such
    /// as `"`, `<`, `>`, `#`, `\`, `[`, `]`, `{`, `}`, `|`, `^` or `` ` ``.
    DisallowedCharacter {
        /// Byte offset of the character.
        position: usize,
        /// The character found.
        found: char,
    },
    /// A `%` not followed by two hexadecimal digits.
    InvalidEscape {
        /// Byte offset of the `%`.
        position: usize,
    },
    /// Bytes that are not UTF-8 (only from `ReasonPhrase::from_bytes`
    /// and the parsers of received lines): RFC 3261 §25.1 allows non-ASCII
    /// characters in UTF-8 only.
    InvalidUtf8 {
        /// Byte offset of the first byte that is not part of a UTF-8 character.
        position: usize,
    },
}

impl fmt::Display for ReasonPhraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ReasonPhraseError::ControlCharacter { position, found } => write!(
                f,
                "control character {found:?} at byte {position} is not allowed in a reason \
                 phrase"
            ),
            ReasonPhraseError::DisallowedCharacter { position, found } => write!(
                f,
                "character {found:?} at byte {position} is not allowed in a reason phrase \
                 (RFC 3261 §25.1)"
            ),
            ReasonPhraseError::InvalidEscape { position } => write!(
                f,
                "'%' at byte {position} must be followed by two hexadecimal digits"
            ),
            ReasonPhraseError::InvalidUtf8 { position } => write!(
                f,
                "byte {position} of the reason phrase is not UTF-8 (RFC 3261 §25.1 allows \
                 non-ASCII text in UTF-8 only)"
            ),
        }
    }
}

impl core::error::Error for ReasonPhraseError {}
