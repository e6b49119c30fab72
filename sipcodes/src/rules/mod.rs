//! The registry's rules, as data: what the RFCs say about responses with each
//! code, and the one description of what an element knows ([`Context`]) that
//! every question about them takes.
//!
//! Each rule is a [`Constraint`]: its RFC 2119 [`Level`] and the [`Basis`] of
//! that level (the keyword in capitals, or a sentence without one, which makes
//! the rule a description rather than a requirement), its [`Kind`] (a header
//! field, a body, the methods answered, who sends it, what a receiver, a dialog
//! or a proxy does with it), the [`Scope`] it is limited to, its prose and its
//! [`Reference`]. A code's own rules come from
//! [`SipCode::constraints`](crate::SipCode::constraints); the rules over many
//! codes are [`GeneralRule`]s; [`StatusCode::rules`](crate::StatusCode::rules)
//! gives both.
//!
//! ```
//! use sipcodes::SipCode;
//! use sipcodes::rules::{Kind, Level};
//!
//! let allow = SipCode::MethodNotAllowed
//!     .constraints()
//!     .iter()
//!     .find(|rule| rule.kind() == Kind::Header(&["Allow"]))
//!     .expect("405 requires Allow");
//! assert_eq!(allow.level(), Level::Must);
//! assert_eq!(allow.reference().to_string(), "RFC 3261 §21.4.6");
//! ```

mod constraint;
mod context;
pub(crate) mod general;
mod reference;
pub(crate) mod scope;
mod usage;

pub use crate::registry::Historic;
pub use crate::spec::vocab::{
    Basis, Client, DialogEffect, Failure, Level, ProxyAction, Role, Timer, Usage,
};
pub use constraint::{Constraint, Kind, ProxyRule, ReceiverRule};
pub use context::{Context, FromFn, Names, NoNames, from_fn};
pub use general::GeneralRule;
pub use reference::Reference;
pub use scope::Scope;
pub(crate) use usage::UsageEntry;
pub use usage::{usage_ended_by, usage_of, usage_reference};
