//! Compile-time cost of `#[derive(SipResponseHandler)]`: builds a crate of 100
//! derived handler enums and a crate of the same 100 enums with hand-written
//! impls, with dependencies already built, and reports the ratio.
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml --bin compile-time [ROUNDS]
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ENUMS: usize = 100;

/// The start of both generated crates.
const PRELUDE: &str =
    "#![allow(dead_code)]\nuse sipcodes::{SipCode, SipResponseHandler, StatusCode};\n";

/// Registered codes the enums single out, one per enum, so no two are alike.
const SPECIFIC: [u16; 10] = [404, 408, 480, 481, 487, 488, 500, 503, 603, 604];

fn main() {
    let rounds = sipcodes_benches::rounds(5);
    let sipcodes = sipcodes_benches::sipcodes_dir();
    let work = sipcodes_benches::work_dir("compile-time");
    let derived = write_crate(&work, "derived", &sipcodes, &derived_source());
    let handwritten = write_crate(&work, "handwritten", &sipcodes, &handwritten_source());
    let target = work.join("target");

    for dir in [&derived, &handwritten] {
        build(dir, &target);
    }
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (slot, dir) in [&derived, &handwritten].into_iter().enumerate() {
            touch(&dir.join("src/lib.rs"));
            times[slot].push(build(dir, &target));
        }
    }
    let [derived_median, handwritten_median] = times.map(sipcodes_benches::median);
    println!("crate of {ENUMS} handler enums, median of {rounds} builds (dependencies prebuilt):");
    println!(
        "  #[derive(SipResponseHandler)]  {:>8.3} s",
        derived_median.as_secs_f64()
    );
    println!(
        "  hand-written impls            {:>8.3} s",
        handwritten_median.as_secs_f64()
    );
    println!(
        "  ratio derived / hand-written  {:>8.2}",
        derived_median.as_secs_f64() / handwritten_median.as_secs_f64()
    );
}

fn write_crate(work: &Path, name: &str, sipcodes: &Path, source: &str) -> PathBuf {
    let dir = work.join(name);
    std::fs::create_dir_all(dir.join("src")).expect("create the crate directory");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\nsipcodes = {{ path = {:?} }}\n",
        sipcodes.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    std::fs::write(dir.join("src/lib.rs"), source).expect("write lib.rs");
    dir
}

fn build(dir: &Path, target: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .arg("build")
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // Every build compiles the crate from scratch, not from the incremental cache.
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .expect("run cargo");
    assert!(status.success(), "building {} failed", dir.display());
    start.elapsed()
}

fn touch(file: &Path) {
    let source = std::fs::read(file).expect("read the source");
    std::fs::write(file, source).expect("rewrite the source");
}

fn derived_source() -> String {
    let mut source = String::from(PRELUDE);
    for index in 0..ENUMS {
        let specific = SPECIFIC[index % SPECIFIC.len()];
        write!(
            source,
            r#"
#[derive(Debug, PartialEq, SipResponseHandler)]
pub enum Handler{index} {{
    #[sip(1xx)]
    Progress(SipCode),
    #[sip(200, 202)]
    Answered,
    #[sip(3xx)]
    Redirected(SipCode),
    #[sip(401, 407)]
    Challenged,
    #[sip(486, 600)]
    Busy,
    #[sip({specific})]
    Specific,
    #[sip(other)]
    Failed(StatusCode),
}}
"#
        )
        .unwrap();
    }
    source
}

fn handwritten_source() -> String {
    let mut source = String::from(PRELUDE);
    for index in 0..ENUMS {
        let specific = SPECIFIC[index % SPECIFIC.len()];
        write!(
            source,
            r#"
#[derive(Debug, PartialEq)]
pub enum Handler{index} {{
    Progress(SipCode),
    Answered,
    Redirected(SipCode),
    Challenged,
    Busy,
    Specific,
    Failed(StatusCode),
}}

impl SipResponseHandler for Handler{index} {{
    fn from_code(code: SipCode) -> Self {{
        match code.as_u16() {{
            100..=199 => Self::Progress(code),
            200 | 202 => Self::Answered,
            300..=399 => Self::Redirected(code),
            401 | 407 => Self::Challenged,
            486 | 600 => Self::Busy,
            {specific} => Self::Specific,
            _ => Self::Failed(code.into()),
        }}
    }}

    fn from_status(status: StatusCode) -> Self {{
        match Self::from_code(status.effective()) {{
            Self::Failed(_) => Self::Failed(status),
            handled => handled,
        }}
    }}

    fn status(&self) -> Option<StatusCode> {{
        match self {{
            Self::Progress(code) | Self::Redirected(code) => Some((*code).into()),
            Self::Answered => Some(SipCode::Ok.into()),
            Self::Challenged => Some(SipCode::Unauthorized.into()),
            Self::Busy => Some(SipCode::BusyHere.into()),
            Self::Specific => StatusCode::new({specific}).ok(),
            Self::Failed(status) => Some(*status),
        }}
    }}
}}

impl From<SipCode> for Handler{index} {{
    fn from(code: SipCode) -> Self {{
        Self::from_code(code)
    }}
}}
"#
        )
        .unwrap();
    }
    source
}
