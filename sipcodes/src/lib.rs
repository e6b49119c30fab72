//! SIP (RFC 3261) response codes, generated at compile time from the IANA
//! registry, with the rules the RFCs state about each code as data.
//!
//! `registry.toml` holds every registered code: its exact reason phrase, its RFC
//! references, a description, and the rules about responses with that code
//! (header fields they carry, methods they answer, who sends them, what a
//! receiver, a dialog or a forking proxy does with them). A procedural macro
//! turns it into [`SipCode`] and its tables; everything below reads the same
//! data, so a rule added to the file changes what the crate does with no code
//! change.
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
//!
//! # The four jobs
//!
//! ## Sending a response
//!
//! A code the application sends is a [`SipCode`]: registered, exhaustive, its
//! phrase fixed. [`SipCode::status_line`] is the whole line as a `&'static str`.
//! A phrase of the application's own is a [`ReasonPhrase`], checked so that it
//! cannot end the line early ([`ReasonPhrase::from_static`] checks a literal at
//! compile time); a [`StatusLine`] joins a code and a phrase.
//!
//! ```
//! use sipcodes::{ReasonPhrase, SipCode, StatusCode, StatusLine};
//!
//! assert_eq!(SipCode::BusyHere.status_line(), "SIP/2.0 486 Busy Here\r\n");
//!
//! let text = format!("Busy: {} calls waiting", 3);
//! let line = StatusLine::new(SipCode::BusyHere.into(), ReasonPhrase::new(&text)?);
//! assert_eq!(format!("{line:#}"), "SIP/2.0 486 Busy: 3 calls waiting");
//! assert!(ReasonPhrase::new("Busy\r\nX-Injected: 1").is_err());
//!
//! // A vendor code outside the registry, with a phrase checked at compile time.
//! const NEXT_HOP: ReasonPhrase<'static> = ReasonPhrase::from_static("Next Hop Failed");
//! let vendor = StatusLine::new(StatusCode::new(477)?, NEXT_HOP);
//! assert_eq!(vendor.to_string(), "SIP/2.0 477 Next Hop Failed\r\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Receiving a response
//!
//! A code that arrives is a [`StatusCode`]: any number from 100 to 699, kept as
//! received. [`StatusLine::parse_received`] reads a status line from the bytes
//! of a datagram with the tolerances real peers need;
//! [`effective`](StatusCode::effective) is the code RFC 3261 §8.1.3.2 says to
//! act on, and [`effective_for`](StatusCode::effective_for),
//! [`dialog_effect`](StatusCode::dialog_effect) and
//! [`retry_header`](StatusCode::retry_header) apply the registry's receiver
//! rules in a [`rules::Context`]. Each registered code is also a constant, so a
//! `match` reads like one on `http` constants.
//!
//! ```
//! use sipcodes::rules::{Context, DialogEffect, Role};
//! use sipcodes::{SipCode, StatusCode, StatusLine};
//!
//! let line = StatusLine::parse_received(b"SIP/2.0 477 Next Hop Failed\r\n")?;
//! assert_eq!(line.status(), 477);                            // kept as received
//! assert_eq!(line.status().effective(), SipCode::BadRequest); // what to act on
//! assert_eq!(line.phrase().as_str(), "Next Hop Failed");
//!
//! // What is known of the request decides the registry's receiver rules.
//! let uac = Context::new().method("INVITE").in_dialog(false).roles(&[Role::Uac]);
//! let none: [&str; 0] = [];
//! let unavailable = StatusCode::SERVICE_UNAVAILABLE;
//! assert_eq!(unavailable.effective_for(&uac, none), SipCode::ServerInternalError); // no Retry-After
//! assert_eq!(unavailable.dialog_effect(&uac), DialogEffect::Dialog); // the early dialogs end
//!
//! match line.status() {
//!     StatusCode::BUSY_HERE | StatusCode::BUSY_EVERYWHERE => unreachable!(),
//!     other if other.is_request_failure() => {}
//!     _ => unreachable!(),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Handling every response: `#[derive(SipResponseHandler)]`
//!
//! An application's decision for every code it can receive is an enum whose
//! variants say which codes, classes or unregistered numbers they take. The
//! derive checks it against the registry at compile time: a code handled twice,
//! a code that does not exist, or a registered code left out is a compile error
//! on the offending token. [`SipResponseHandler`] states the rules and lists the
//! errors.
//!
//! ```
//! use sipcodes::{SipCode, SipResponseHandler, StatusCode};
//!
//! #[derive(Debug, PartialEq, SipResponseHandler)]
//! enum Outcome {
//!     #[sip(1xx)]
//!     Progress(SipCode),
//!     #[sip(2xx)]
//!     Answered(StatusCode),
//!     #[sip(486, BusyEverywhere)]
//!     Busy,
//!     #[sip(other)]
//!     Failed(StatusCode),
//! }
//!
//! assert_eq!(Outcome::from_status(StatusCode::new(299)?), Outcome::Answered(StatusCode::new(299)?));
//! assert_eq!(Outcome::from_status(StatusCode::BUSY_HERE), Outcome::Busy);
//! assert_eq!(Outcome::Busy.status(), Some(StatusCode::BUSY_HERE)); // for sending
//! # Ok::<(), sipcodes::CodeError>(())
//! ```
//!
//! ## Checking responses and proxying them
//!
//! [`check::Check`] holds a response to the registry's header, body and method
//! rules, in the [`rules::Context`] of the request it answers (from its bytes:
//! [`check::Check::from_head`]; any message's start line and header fields:
//! [`check::Head`]); [`proxy::ResponseContext`] is a forking proxy's response
//! context (RFC 3261 §16.7), every action and preference read from the registry.
//!
//! ```
//! use sipcodes::check::Check;
//! use sipcodes::proxy::{Best, ResponseContext, Slot};
//! use sipcodes::rules::{Context, ProxyAction, Role};
//! use sipcodes::{SipCode, StatusCode};
//!
//! let invite = Context::new().method("INVITE").in_dialog(false);
//!
//! // A UAS's 180 to an initial INVITE creates an early dialog: it carries Contact.
//! let ringing = Check::new(SipCode::Ringing)
//!     .headers(["Via", "From", "To", "Call-ID", "CSeq"])
//!     .context(invite.roles(&[Role::Uas]).generates(true));
//! let violation = ringing.violations().find(|v| v.is_mandatory()).unwrap();
//! assert_eq!(violation.header(), Some("Contact"));
//!
//! // A forking proxy, two branches.
//! let mut slots: [Slot<StatusCode>; 2] = Default::default();
//! let mut branches = ResponseContext::new(invite, &mut slots);
//! assert_eq!(branches.receive(0, StatusCode::RINGING), ProxyAction::Forward);
//! assert_eq!(branches.receive(0, StatusCode::BUSY_HERE), ProxyAction::Collect);
//! assert_eq!(branches.receive(1, StatusCode::SERVICE_UNAVAILABLE), ProxyAction::Collect);
//! let Some(Best::Response { response, .. }) = branches.best() else { unreachable!() };
//! assert_eq!(*response, StatusCode::BUSY_HERE); // 4xx beats 5xx (§16.7 step 6)
//! ```
//!
//! The registry's rules themselves are in [`rules`]: [`SipCode::constraints`]
//! gives a code's own, [`StatusCode::rules`] adds those over its class.
//!
//! # Features
//!
//! The crate is `no_std` and, by default, never allocates. Features, all off
//! by default:
//!
//! - `alloc`: the owned forms `ReasonPhraseBuf` and `StatusLineBuf`
//!   (`Clone + Send + Sync + 'static`), for values that outlive the buffer they
//!   were parsed from. Registered and `from_static` phrases are kept without
//!   allocating.
//! - `serde`: [`SipCode`] and [`StatusCode`] serialise as numbers; phrases as
//!   text and status lines as `"SIP/2.0 486 Busy Here"`, checked when
//!   deserialised.
//!
//! # Versioning
//!
//! [`SipCode`] is exhaustive on purpose. When IANA registers a code and it is
//! added to `registry.toml`, a new variant appears, and every handler that
//! neither names it, covers its class nor has `#[sip(other)]` stops compiling
//! and names the new code: a new code is a decision to make, not a silent
//! fall-through. A registry addition is therefore a breaking change (a new minor
//! version before 1.0). Applications that want to upgrade without touching
//! their handlers keep an `other` variant.
//!
//! A SIP stack moving to this crate from its own status type will find a recipe
//! in [`migrating`].
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
pub mod migrating;
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
