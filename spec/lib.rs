//! The SIP facts that [`sipcodes`](https://docs.rs/sipcodes) and its macro crate
//! share: the response-code registry itself ([`REGISTRY`]), the 100–699 range and
//! the grammars the registry's values follow, the words of its closed
//! vocabularies, citations, the nearest-codes suggestion and the one-line
//! rendering of a rule. `sipcodes-macros` applies them when it reads the registry
//! at compile time, `sipcodes` at run time: each rule has one definition.
//!
//! This crate is a part of `sipcodes`, which depends on it at an exact version
//! and re-exports what users need; use it through `sipcodes`. Its own API may
//! change in any release.
#![no_std]
#![warn(missing_docs)]

pub mod grammar;
pub mod nearest;
pub mod render;
pub mod vocab;

/// The text of `registry.toml`, the SIP response-code registry that
/// `sipcodes-macros` reads at compile time. The file sits at the top of the
/// workspace, where it is edited; editing it rebuilds every crate that uses it.
pub const REGISTRY: &str = include_str!("../registry.toml");
