//! The text form shared by `SipCode` and `StatusCode`: exactly three ASCII
//! digits, optionally followed by one space and a reason phrase.

use crate::CodeError;

/// Splits `text` into a code from 100 to 699 and the phrase after it, if any.
pub(crate) fn split(text: &str) -> Result<(u16, Option<&str>), CodeError> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return Err(CodeError::Empty);
    }
    let mut code = 0u16;
    for index in 0..3 {
        let Some(&byte) = bytes.get(index) else {
            return Err(CodeError::TooShort);
        };
        if !byte.is_ascii_digit() {
            return Err(CodeError::InvalidDigit {
                position: index,
                found: char_at(text, index),
            });
        }
        code = code * 10 + u16::from(byte - b'0');
    }
    // Bytes 0..3 are ASCII digits, so 3 and 4 are character boundaries.
    let phrase = match bytes.get(3) {
        None => None,
        Some(byte) if byte.is_ascii_digit() => return Err(CodeError::TooLong),
        Some(b' ') => Some(&text[4..]),
        Some(_) => {
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

fn char_at(text: &str, index: usize) -> char {
    text[index..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}
