//! The SIP rules and vocabulary that `sipcodes-macros` applies when it reads the
//! registry and that this crate applies at run time. The macro crate compiles
//! these same files (its `src/spec/` links here), so each rule has one definition.

pub mod grammar;
pub mod nearest;
pub mod render;
pub mod vocab;
