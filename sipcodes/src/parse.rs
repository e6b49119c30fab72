//! The text form shared by `SipCode` and `StatusCode`: exactly three ASCII
//! digits, optionally followed by one space and a reason phrase.

use crate::{CodeError, SipCode};

/// Splits `text` into a code from 100 to 699 and the phrase after it, if any.
#[inline]
pub(crate) fn split(text: &str) -> Result<(u16, Option<&str>), CodeError> {
    let [a @ b'0'..=b'9', b @ b'0'..=b'9', c @ b'0'..=b'9', rest @ ..] = text.as_bytes() else {
        return Err(not_three_digits(text));
    };
    let code = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
    // Bytes 0..3 are ASCII digits, so 3 and 4 are character boundaries.
    let phrase = match rest {
        [] => None,
        [b'0'..=b'9', ..] => return Err(CodeError::TooLong),
        [b' ', ..] => Some(&text[4..]),
        [_, ..] => {
            return Err(CodeError::MissingSpace {
                position: 3,
                found: char_at(text, 3),
            });
        }
    };
    if !(100..=699).contains(&code) {
        return Err(CodeError::OutOfRange { code });
    }
    Ok((code, phrase))
}

/// `code`, if `phrase` is absent or is its registered phrase (ignoring ASCII case).
pub(crate) fn check_phrase(code: SipCode, phrase: Option<&str>) -> Result<SipCode, CodeError> {
    match phrase {
        Some(phrase) if !phrase.eq_ignore_ascii_case(code.reason_phrase()) => {
            Err(CodeError::UnexpectedPhrase {
                code: code.as_u16(),
            })
        }
        _ => Ok(code),
    }
}

/// Why `text` does not start with three ASCII digits.
#[cold]
fn not_three_digits(text: &str) -> CodeError {
    if text.is_empty() {
        return CodeError::Empty;
    }
    match text.bytes().take(3).position(|byte| !byte.is_ascii_digit()) {
        Some(position) => CodeError::InvalidDigit {
            position,
            found: char_at(text, position),
        },
        None => CodeError::TooShort,
    }
}

/// The character at byte `index`, which follows only ASCII digits and so is a
/// character boundary.
fn char_at(text: &str, index: usize) -> char {
    text[index..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}
