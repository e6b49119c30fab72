//! The registry data the macro generates, the tables computed from it, and the
//! codes that are no longer registered.

use core::fmt;

use crate::rules::{Constraint, Reference};

/// What the registry says about one code, in the order of `SipCode::ALL`.
pub(crate) struct Entry {
    /// `SIP/2.0 486 Busy Here\r\n`: the code's canonical status line, from which
    /// its phrase and its `Display` form are sliced.
    pub(crate) status_line: &'static str,
    pub(crate) description: &'static str,
    pub(crate) references: &'static [Reference],
    pub(crate) constraints: &'static [Constraint],
    /// The rules over many codes that hold for this one: bit `i` for
    /// `GeneralRule::TABLE[i]`, chosen by the macro (a rule the code states
    /// itself, same kind and scope, is left out).
    pub(crate) general: RuleBits,
    /// Of those, the ones one of the code's own rules contradicts (same kind,
    /// the other polarity): only these may give way (`check`).
    pub(crate) contested: RuleBits,
    pub(crate) deprecation: Option<&'static str>,
}

/// A set of `[[rule]]` tables by index: bit `i % 128` of word `i / 128`.
pub(crate) type RuleBits = [u128; 2];

/// The indices a set holds, in order, found a set bit at a time: testing
/// every index cost the validator about 2 000 instructions a response.
pub(crate) fn indices(bits: RuleBits) -> impl Iterator<Item = usize> {
    bits.into_iter()
        .enumerate()
        .flat_map(|(word_index, mut word)| {
            core::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    word_index * 128 + bit
                })
            })
        })
}

/// Whether the set holds the `index`th rule.
pub(crate) const fn holds(bits: &RuleBits, index: usize) -> bool {
    bits[index / 128] >> (index % 128) & 1 == 1
}

/// A code that existed only in an obsoleted RFC (RFC 2543) and is no longer
/// registered, so it is not a [`SipCode`](crate::SipCode). A peer that still
/// sends one is handled through [`StatusCode`](crate::StatusCode) like any
/// unregistered code.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::rules::Historic;
///
/// let conflict = Historic::get(409).expect("409 Conflict was an RFC 2543 code");
/// assert_eq!(conflict.reason_phrase(), "Conflict");
/// assert_eq!(StatusCode::new(409)?.known(), None);
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Historic {
    pub(crate) code: u16,
    pub(crate) phrase: &'static str,
    pub(crate) description: &'static str,
    pub(crate) references: &'static [Reference],
}

impl Historic {
    /// Every historic code, in ascending order.
    ///
    /// ```
    /// assert!(sipcodes::rules::Historic::all().iter().any(|h| h.as_u16() == 409));
    /// ```
    pub const fn all() -> &'static [Historic] {
        Self::TABLE
    }

    /// The historic code with this number, if there is one.
    ///
    /// ```
    /// assert!(sipcodes::rules::Historic::get(409).is_some());
    /// assert!(sipcodes::rules::Historic::get(486).is_none());
    /// ```
    pub fn get(code: u16) -> Option<&'static Historic> {
        Self::TABLE.iter().find(|historic| historic.code == code)
    }

    /// The number.
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Historic::get(409).unwrap().as_u16(), 409);
    /// ```
    pub const fn as_u16(&self) -> u16 {
        self.code
    }

    /// The phrase it had.
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Historic::get(409).unwrap().reason_phrase(), "Conflict");
    /// ```
    pub const fn reason_phrase(&self) -> &'static str {
        self.phrase
    }

    /// What it meant.
    ///
    /// ```
    /// assert!(!sipcodes::rules::Historic::get(409).unwrap().description().is_empty());
    /// ```
    pub const fn description(&self) -> &'static str {
        self.description
    }

    /// Where it was defined.
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Historic::get(409).unwrap().references()[0].rfc(), 2543);
    /// ```
    pub const fn references(&self) -> &'static [Reference] {
        self.references
    }
}

impl fmt::Display for Historic {
    /// `409 Conflict`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.phrase)
    }
}

/// `text[from..text.len() - trim_end]`, in `const` evaluation.
pub(crate) const fn slice(text: &'static str, from: usize, trim_end: usize) -> &'static str {
    let (_, rest) = text.split_at(from);
    let (middle, _) = rest.split_at(rest.len() - trim_end);
    middle
}
