//! SIP (RFC 3261) response codes, generated at compile time from the IANA
//! registry.
//!
//! - [`SipCode`]: one variant per registered code, with its exact reason phrase,
//!   its class, its description and the rules the RFCs state about it
//!   ([`SipCode::constraints`]), all from `registry.toml`.
//! - [`StatusCode`]: any code from 100 to 699 as received from the wire, kept
//!   losslessly, with the RFC 3261 §8.1.3.2 rule for unrecognised codes
//!   ([`StatusCode::effective`]).
//! - [`ReasonPhrase`]: an application's own phrase, checked so that it cannot
//!   inject header lines.
//! - [`StatusLine`]: a response's first line, formatted, parsed strictly with
//!   [`StatusLine::parse`], or read from the network with the tolerances of
//!   [`StatusLine::parse_received`].
//!
//! The crate is `no_std` and, by default, never allocates. Features, all off
//! by default:
//!
//! - `alloc`: the owned forms `ReasonPhraseBuf` and `StatusLineBuf`, for
//!   values that outlive the buffer they were parsed from.
//! - `serde`: [`SipCode`] and [`StatusCode`] serialise as numbers; phrases as
//!   text and status lines as `"SIP/2.0 486 Busy Here"`, checked when
//!   deserialised.
//!
//! # Quick start
//!
//! ```
//! use sipcodes::{SipCode, StatusCode};
//!
//! // Sending: the registered phrase, never a typo.
//! let line = format!("SIP/2.0 {}\r\n", SipCode::BusyHere);
//! assert_eq!(line, "SIP/2.0 486 Busy Here\r\n");
//!
//! // Receiving: keep the number, act on what RFC 3261 says it means.
//! let received: StatusCode = "499".parse()?;
//! assert_eq!(received.as_u16(), 499);
//! assert_eq!(received.effective(), SipCode::BadRequest);
//!
//! // Per-code counters, indexed densely.
//! let mut counts = [0u64; SipCode::COUNT];
//! counts[received.effective().index()] += 1;
//! # Ok::<(), sipcodes::CodeError>(())
//! ```
#![no_std]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

// Lets `#[derive(SipResponseHandler)]`, which names `::sipcodes`, work inside this crate too.
#[allow(unused_extern_crates)]
extern crate self as sipcodes;

mod carrier;
pub mod check;
mod class;
mod code;
mod error;
mod handler;
pub mod header;
#[cfg(feature = "alloc")]
mod owned;
mod parse;
pub mod proxy;
mod reason;
mod received_line;
mod receiver;
mod registry;
pub mod rules;
#[cfg(feature = "serde")]
mod serde;
#[cfg(feature = "serde")]
mod serde_text;
mod status;
mod status_line;

pub use carrier::CodeCarrier;
pub use class::Class;
pub use code::SipCode;
pub use error::CodeError;
pub use handler::SipResponseHandler;
#[cfg(feature = "alloc")]
pub use owned::{ReasonPhraseBuf, StatusLineBuf};
pub use reason::ReasonPhrase;
pub use received_line::{ReceivedError, SipVersion};
/// Derives [`SipResponseHandler`](trait@SipResponseHandler); see the trait for the syntax and rules.
pub use sipcodes_macros::SipResponseHandler;
pub use spec::grammar::ReasonPhraseError;
pub use status::StatusCode;
pub use status_line::{StatusLine, StatusLineError};

// The SIP rules shared with the macro crate.
use sipcodes_spec as spec;
