use core::fmt;

use crate::SipCode;

/// The class of a response code: its first digit (RFC 3261 §7.2).
///
/// ```
/// use sipcodes::{Class, SipCode};
///
/// assert_eq!(SipCode::BusyHere.class(), Class::RequestFailure);
/// assert_eq!(Class::RequestFailure.to_string(), "4xx");
/// assert_eq!(Class::from_u16(183), Some(Class::Provisional));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Class {
    /// `1xx`: the request was received and is being processed.
    Provisional = 1,
    /// `2xx`: the request succeeded.
    Success = 2,
    /// `3xx`: the request should be retried elsewhere.
    Redirection = 3,
    /// `4xx`: the request is wrong for this server.
    RequestFailure = 4,
    /// `5xx`: the server failed to fulfil a valid request.
    ServerFailure = 5,
    /// `6xx`: the request cannot succeed at any server.
    GlobalFailure = 6,
}

impl Class {
    /// Every class, `1xx` to `6xx`.
    ///
    /// ```
    /// assert_eq!(sipcodes::Class::ALL.len(), 6);
    /// ```
    pub const ALL: [Class; 6] = [
        Class::Provisional,
        Class::Success,
        Class::Redirection,
        Class::RequestFailure,
        Class::ServerFailure,
        Class::GlobalFailure,
    ];

    /// The class of a number from 100 to 699; `None` outside that range.
    ///
    /// ```
    /// use sipcodes::Class;
    ///
    /// assert_eq!(Class::from_u16(699), Some(Class::GlobalFailure));
    /// assert_eq!(Class::from_u16(99), None);
    /// assert_eq!(Class::from_u16(700), None);
    /// ```
    pub const fn from_u16(code: u16) -> Option<Class> {
        match code {
            100..=199 => Some(Class::Provisional),
            200..=299 => Some(Class::Success),
            300..=399 => Some(Class::Redirection),
            400..=499 => Some(Class::RequestFailure),
            500..=599 => Some(Class::ServerFailure),
            600..=699 => Some(Class::GlobalFailure),
            _ => None,
        }
    }

    /// The first digit: 1 for `1xx`, …, 6 for `6xx`.
    ///
    /// ```
    /// assert_eq!(sipcodes::Class::ServerFailure.digit(), 5);
    /// ```
    pub const fn digit(self) -> u8 {
        self as u8
    }

    /// Whether responses of this class end a transaction (every class but `1xx`).
    ///
    /// ```
    /// use sipcodes::Class;
    ///
    /// assert!(!Class::Provisional.is_final());
    /// assert!(Class::Success.is_final());
    /// ```
    pub const fn is_final(self) -> bool {
        !matches!(self, Class::Provisional)
    }

    /// The code a UAC acts on for an unrecognised code of this class (RFC 3261
    /// §8.1.3.2): `183 Session Progress` for `1xx`, the `x00` code otherwise,
    /// as the registry's receiver rules for each class state it.
    ///
    /// ```
    /// use sipcodes::{Class, SipCode};
    ///
    /// assert_eq!(Class::Provisional.fallback(), SipCode::SessionProgress);
    /// assert_eq!(Class::RequestFailure.fallback(), SipCode::BadRequest);
    /// ```
    pub const fn fallback(self) -> SipCode {
        crate::rules::general::FALLBACK[self as usize - 1]
    }
}

impl fmt::Display for Class {
    /// `1xx` … `6xx`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}xx", self.digit())
    }
}

/// The class predicates of a type with a `const fn class(self) -> Class`, each
/// with its doc example.
macro_rules! predicates {
    ($provisional:literal, $final:literal, $success:literal, $redirection:literal, $request:literal, $server:literal, $global:literal $(,)?) => {
        /// `1xx`: the request is being processed; more responses follow.
        ///
        /// ```
        #[doc = $provisional]
        /// ```
        pub const fn is_provisional(self) -> bool {
            matches!(self.class(), $crate::Class::Provisional)
        }

        /// `2xx` to `6xx`: the response ends the transaction.
        ///
        /// ```
        #[doc = $final]
        /// ```
        pub const fn is_final(self) -> bool {
            self.class().is_final()
        }

        /// `2xx`: success.
        ///
        /// ```
        #[doc = $success]
        /// ```
        pub const fn is_success(self) -> bool {
            matches!(self.class(), $crate::Class::Success)
        }

        /// `3xx`: redirection.
        ///
        /// ```
        #[doc = $redirection]
        /// ```
        pub const fn is_redirection(self) -> bool {
            matches!(self.class(), $crate::Class::Redirection)
        }

        /// `4xx`: request failure.
        ///
        /// ```
        #[doc = $request]
        /// ```
        pub const fn is_request_failure(self) -> bool {
            matches!(self.class(), $crate::Class::RequestFailure)
        }

        /// `5xx`: server failure.
        ///
        /// ```
        #[doc = $server]
        /// ```
        pub const fn is_server_failure(self) -> bool {
            matches!(self.class(), $crate::Class::ServerFailure)
        }

        /// `6xx`: global failure.
        ///
        /// ```
        #[doc = $global]
        /// ```
        pub const fn is_global_failure(self) -> bool {
            matches!(self.class(), $crate::Class::GlobalFailure)
        }
    };
}

pub(crate) use predicates;
