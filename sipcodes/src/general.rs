//! The rules that hold for every response, a class of responses, or many codes.

use crate::{Constraint, SipCode, StatusCode};

/// A rule the registry states once for many codes: every response, a class
/// (`2xx`), or a list of codes. It holds for unregistered codes of a class it
/// covers too.
///
/// ```
/// use sipcodes::{GeneralRule, StatusCode, Subject};
///
/// let via = GeneralRule::all()
///     .iter()
///     .find(|rule| rule.constraint().subject() == Subject::Header(&["Via"]))
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
    /// assert!(!sipcodes::GeneralRule::all().is_empty());
    /// ```
    pub const fn all() -> &'static [GeneralRule] {
        GeneralRule::TABLE
    }

    /// Whether the rule is about responses with this code.
    ///
    /// ```
    /// use sipcodes::{GeneralRule, SipCode, StatusCode};
    ///
    /// let every = GeneralRule::all().iter().filter(|rule| rule.covers(StatusCode::OK)).count();
    /// assert!(every > 0);
    /// ```
    pub fn covers(&self, status: StatusCode) -> bool {
        let code = status.as_u16();
        let class = 1 << (code / 100);
        !self.except.contains(&code)
            && (self.classes & (1 | class) != 0 || self.codes.contains(&code))
    }

    /// The rule.
    ///
    /// ```
    /// assert!(sipcodes::GeneralRule::all().iter().all(|rule| !rule.constraint().rule().is_empty()));
    /// ```
    pub const fn constraint(&self) -> &Constraint {
        &self.constraint
    }
}

impl StatusCode {
    /// Every rule about responses with this code: the code's own constraints,
    /// then the rules over every response or its class, unless the code states
    /// the same rule itself (same subject and scope, its own level). An
    /// unregistered code has the rules of its class.
    ///
    /// ```
    /// use sipcodes::{StatusCode, Subject};
    ///
    /// let carries_via = |status: StatusCode| {
    ///     status.rules().any(|rule| rule.subject() == Subject::Header(&["Via"]))
    /// };
    /// assert!(carries_via(StatusCode::BUSY_HERE));
    /// assert!(carries_via(StatusCode::new(499)?));
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub fn rules(self) -> impl Iterator<Item = &'static Constraint> {
        let own: &'static [Constraint] = self.known().map_or(&[], SipCode::constraints);
        let general = GeneralRule::TABLE
            .iter()
            .filter(move |rule| {
                rule.covers(self)
                    && !own.iter().any(|constraint| {
                        constraint.subject == rule.constraint.subject
                            && constraint.scope == rule.constraint.scope
                    })
            })
            .map(|rule| &rule.constraint);
        own.iter().chain(general)
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
