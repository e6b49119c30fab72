//! The rules that hold for every response, a class of responses, or many codes.

use crate::registry::{holds, indices};
use crate::rules::{Constraint, Kind, Level, ReceiverRule, Role};
use crate::{Class, SipCode, StatusCode};

/// A rule the registry states once for many codes: every response, a class
/// (`2xx`), or a list of codes. It holds for unregistered codes of a class it
/// covers too.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::rules::{GeneralRule, Kind};
///
/// let via = GeneralRule::all()
///     .iter()
///     .find(|rule| rule.constraint().kind() == Kind::Header(&["Via"]))
///     .expect("every response carries Via");
/// assert!(via.covers(StatusCode::new(499)?));
/// # Ok::<(), sipcodes::CodeError>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct GeneralRule {
    /// Bit `n` for the class `nxx`; bit 0 for every code.
    pub(crate) classes: u8,
    pub(crate) codes: &'static [u16],
    pub(crate) except: &'static [u16],
    pub(crate) constraint: Constraint,
}

impl GeneralRule {
    /// Every rule over many codes, in the order of `registry.toml`.
    ///
    /// ```
    /// assert!(!sipcodes::rules::GeneralRule::all().is_empty());
    /// ```
    pub const fn all() -> &'static [GeneralRule] {
        GeneralRule::TABLE
    }

    /// Whether the rule is about responses with this code.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusCode};
    /// use sipcodes::rules::GeneralRule;
    ///
    /// let every = GeneralRule::all().iter().filter(|rule| rule.covers(StatusCode::OK)).count();
    /// assert!(every > 0);
    /// ```
    pub const fn covers(&self, status: StatusCode) -> bool {
        covers(self, status.as_u16())
    }

    /// The rule.
    ///
    /// ```
    /// assert!(sipcodes::rules::GeneralRule::all().iter().all(|rule| !rule.constraint().rule().is_empty()));
    /// ```
    pub const fn constraint(&self) -> &Constraint {
        &self.constraint
    }
}

/// Where one of a code's rules comes from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The code's own constraints.
    Own,
    /// A rule over many codes; `contested` when one of the code's own rules
    /// says the opposite about the same thing.
    General { contested: bool },
}

impl StatusCode {
    /// Every rule about responses with this code: the code's own constraints,
    /// then the rules over every response or its class, unless the code states
    /// the same rule itself (same subject and scope, its own level). An
    /// unregistered code has the rules of its class.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::Kind;
    ///
    /// let carries_via = |status: StatusCode| {
    ///     status.rules().any(|rule| rule.kind() == Kind::Header(&["Via"]))
    /// };
    /// assert!(carries_via(StatusCode::BUSY_HERE));
    /// assert!(carries_via(StatusCode::new(499)?));
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn rules(self) -> impl Iterator<Item = &'static Constraint> {
        self.rules_by_origin().map(|(_, constraint)| constraint)
    }

    /// [`rules`](StatusCode::rules), each with where it comes from.
    pub(crate) fn rules_by_origin(self) -> impl Iterator<Item = (Origin, &'static Constraint)> {
        let known = self.known();
        let own: &'static [Constraint] = known.map_or(&[], SipCode::constraints);
        let (mask, contested) = match known {
            Some(code) => {
                let entry = &SipCode::ENTRIES[code.index()];
                (entry.general, entry.contested)
            }
            None => {
                let mut mask = [0; 2];
                for (index, rule) in GeneralRule::TABLE.iter().enumerate() {
                    if rule.covers(self) {
                        mask[index / 128] |= 1 << (index % 128);
                    }
                }
                (mask, [0; 2])
            }
        };
        let general = indices(mask).map(move |index| {
            let origin = Origin::General {
                contested: holds(&contested, index),
            };
            (origin, &GeneralRule::TABLE[index].constraint)
        });
        own.iter().map(|own| (Origin::Own, own)).chain(general)
    }
}

impl SipCode {
    /// Every rule about responses with this code; see [`StatusCode::rules`].
    ///
    /// ```
    /// use sipcodes::SipCode;
    ///
    /// assert!(SipCode::Ok.rules().count() > SipCode::Ok.constraints().len());
    /// ```
    pub fn rules(self) -> impl Iterator<Item = &'static Constraint> {
        StatusCode::from_sip_code(self).rules()
    }
}

/// The code an unrecognised code of each class is acted on as (RFC 3261
/// §8.1.3.2), read at compile time from the registry: the `treat-as` of the
/// UAC's receiver rule over the class that covers its unregistered codes.
pub(crate) static FALLBACK: [SipCode; Class::ALL.len()] = {
    let mut table = [SipCode::ALL[0]; Class::ALL.len()];
    let mut class = 0;
    while class < table.len() {
        table[class] = match class_fallback(class as u16 + 1) {
            Some(code) => code,
            None => panic!("registry.toml states no RFC 3261 §8.1.3.2 rule for a class"),
        };
        class += 1;
    }
    table
};

/// The registry's receiver rule for an unregistered code of class `digit`.
const fn class_fallback(digit: u16) -> Option<SipCode> {
    // The first number of the class the registry does not define.
    let mut number = digit * 100;
    while SipCode::from_u16(number).is_some() {
        number += 1;
    }
    let rules = GeneralRule::TABLE;
    let mut i = 0;
    while i < rules.len() {
        let rule = &rules[i];
        if let Kind::Receiver(ReceiverRule {
            roles,
            treat_as: Some(target),
            ..
        }) = rule.constraint.kind
            && matches!(rule.constraint.level, Level::Must)
            && has_uac(roles)
            && covers(rule, number)
        {
            return Some(target);
        }
        i += 1;
    }
    None
}

const fn has_uac(roles: &[Role]) -> bool {
    let mut i = 0;
    while i < roles.len() {
        if matches!(roles[i], Role::Uac) {
            return true;
        }
        i += 1;
    }
    false
}

/// [`GeneralRule::covers`] in `const` evaluation.
const fn covers(rule: &GeneralRule, code: u16) -> bool {
    if contains(rule.except, code) {
        return false;
    }
    let class = 1u8 << (code / 100);
    rule.classes & (1 | class) != 0 || contains(rule.codes, code)
}

const fn contains(codes: &[u16], code: u16) -> bool {
    let mut i = 0;
    while i < codes.len() {
        if codes[i] == code {
            return true;
        }
        i += 1;
    }
    false
}
