//! Compile errors are part of the API: each `ui/*.rs` case pins the messages and
//! spans of one mistake in `ui/*.stderr`; each `pass/*.rs` case must compile and run.

#[test]
fn derive_errors_and_accepted_forms() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
    cases.pass("pass/*.rs");
}
