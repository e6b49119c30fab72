//! Tests of `sipcodes` written as a downstream crate would use it; see `tests/`.
