//! The text form shared by `SipCode` and `StatusCode`: exactly three ASCII
//! digits, optionally followed by one space and a reason phrase.

use crate::{CodeError, SipCode};

/// Splits `text` into a code from 100 to 699 and the phrase after it, if any.
#[inline]
pub(crate) fn split(text: &str) -> Result<(u16, Option<&str>), CodeError> {
    let (code, phrase) = split_bytes(text.as_bytes())?;
    // The phrase starts after three ASCII digits and a space: a character boundary.
    Ok((
        code,
        phrase.map(|phrase| &text[text.len() - phrase.len()..]),
    ))
}

/// [`split`] on bytes; the phrase is not checked for UTF-8.
#[inline]
pub(crate) fn split_bytes(bytes: &[u8]) -> Result<(u16, Option<&[u8]>), CodeError> {
    let (code, rest) = three_digits(bytes)?;
    let phrase = match rest {
        [] => None,
        [b'0'..=b'9', ..] => return Err(CodeError::TooLong),
        [b' ', phrase @ ..] => Some(phrase),
        [_, ..] => {
            return Err(CodeError::MissingSpace {
                position: 3,
                found: char_at(bytes, 3),
            });
        }
    };
    if !(100..=699).contains(&code) {
        return Err(CodeError::OutOfRange { code });
    }
    Ok((code, phrase))
}

/// The number of three leading ASCII digits (any, not only 100 to 699) and
/// the bytes after them.
#[inline]
pub(crate) fn three_digits(bytes: &[u8]) -> Result<(u16, &[u8]), CodeError> {
    let [a @ b'0'..=b'9', b @ b'0'..=b'9', c @ b'0'..=b'9', rest @ ..] = bytes else {
        return Err(not_three_digits(bytes));
    };
    Ok((number(*a, *b, *c), rest))
}

/// The number three ASCII digits spell.
#[inline]
pub(crate) fn number(hundreds: u8, tens: u8, units: u8) -> u16 {
    u16::from(hundreds - b'0') * 100 + u16::from(tens - b'0') * 10 + u16::from(units - b'0')
}

/// `code`, if `phrase` is absent or is its registered phrase (ignoring ASCII case).
pub(crate) fn check_phrase(code: SipCode, phrase: Option<&str>) -> Result<SipCode, CodeError> {
    check_phrase_bytes(code, phrase.map(str::as_bytes))
}

/// [`check_phrase`] on bytes.
pub(crate) fn check_phrase_bytes(
    code: SipCode,
    phrase: Option<&[u8]>,
) -> Result<SipCode, CodeError> {
    match phrase {
        Some(phrase) if !phrase.eq_ignore_ascii_case(code.reason_phrase().as_bytes()) => {
            Err(CodeError::UnexpectedPhrase {
                code: code.as_u16(),
            })
        }
        _ => Ok(code),
    }
}

/// Why `bytes` does not start with three ASCII digits.
#[cold]
fn not_three_digits(bytes: &[u8]) -> CodeError {
    if bytes.is_empty() {
        return CodeError::Empty;
    }
    match bytes.iter().take(3).position(|byte| !byte.is_ascii_digit()) {
        Some(position) => CodeError::InvalidDigit {
            position,
            found: char_at(bytes, position),
        },
        None => CodeError::TooShort,
    }
}

/// The character starting at byte `index`, or U+FFFD where the bytes there are
/// not UTF-8.
pub(crate) fn char_at(bytes: &[u8], index: usize) -> char {
    let rest = bytes.get(index..).unwrap_or_default();
    let valid = match core::str::from_utf8(rest) {
        Ok(text) => text,
        Err(error) => {
            // `valid_up_to` bytes are UTF-8 by definition.
            core::str::from_utf8(&rest[..error.valid_up_to()]).unwrap_or_default()
        }
    };
    valid.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}
