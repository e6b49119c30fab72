//! What `sipcodes` adds to a user's cold build, in CPU and wall seconds.
//!
//! Builds four small crates from scratch (a fresh target directory each time),
//! in one run, and reports the median of several rounds:
//!
//! - `floor`: a bare proc-macro crate on syn, quote, proc-macro2 and toml, syn
//!   with the features `sipcodes-macros` uses: the least a macro reading a TOML
//!   registry with the usual crates can cost;
//! - `sipcodes`: a library that derives one `SipResponseHandler`;
//! - `serde-thiserror`: a library that derives serde's traits and a thiserror
//!   error, as many SIP stacks do;
//! - `serde-thiserror-sipcodes`: the same with one `SipResponseHandler` more.
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml --bin build-cost [ROUNDS]
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SYN_FEATURES: &str = r#"["derive", "parsing", "printing", "proc-macro"]"#;

struct Probe {
    name: &'static str,
    dependencies: String,
    lib: bool,
    source: String,
}

fn probes(sipcodes: &Path) -> Vec<Probe> {
    let sipcodes = format!(
        "sipcodes = {{ path = {:?} }}\n",
        sipcodes.display().to_string()
    );
    let serde = "serde = { version = \"1\", features = [\"derive\"] }\nthiserror = \"2\"\n";
    let syn = format!(
        "proc-macro2 = {{ version = \"1\", default-features = false, features = [\"proc-macro\"] }}\n\
         quote = {{ version = \"1\", default-features = false, features = [\"proc-macro\"] }}\n\
         syn = {{ version = \"3\", default-features = false, features = {SYN_FEATURES} }}\n"
    );
    vec![
        Probe {
            name: "floor",
            dependencies: format!(
                "{syn}toml = {{ version = \"1\", default-features = false, features = [\"std\", \"parse\"] }}\n"
            ),
            lib: false,
            source: FLOOR.to_owned(),
        },
        Probe {
            name: "sipcodes",
            dependencies: sipcodes.clone(),
            lib: true,
            source: HANDLER.to_owned(),
        },
        Probe {
            name: "serde-thiserror",
            dependencies: serde.to_owned(),
            lib: true,
            source: SERDE.to_owned(),
        },
        Probe {
            name: "serde-thiserror-sipcodes",
            dependencies: format!("{serde}{sipcodes}"),
            lib: true,
            source: format!("{SERDE}{HANDLER}"),
        },
    ]
}

const FLOOR: &str = r#"
use proc_macro::TokenStream;

#[proc_macro_derive(Floor)]
pub fn floor(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    let table: toml::de::DeTable<'_> = toml::de::DeTable::parse("code = 486").unwrap().into_inner();
    let ident = input.ident;
    let count = table.len();
    quote::quote!(impl #ident { pub const COUNT: usize = #count; }).into()
}
"#;

const HANDLER: &str = r#"
#[derive(sipcodes::SipResponseHandler)]
pub enum Outcome {
    #[sip(2xx)]
    Done,
    #[sip(486, 600)]
    Busy,
    #[sip(other)]
    Failed(sipcodes::StatusCode),
}
"#;

const SERDE: &str = r#"
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Binding {
    pub contact: String,
    pub expires: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no binding for {0}")]
    Unbound(String),
}
"#;

#[derive(Clone, Copy)]
struct Cost {
    cpu: Duration,
    wall: Duration,
}

fn main() {
    let rounds = sipcodes_benches::rounds(3);
    let sipcodes = sipcodes_benches::sipcodes_dir();
    let work = sipcodes_benches::work_dir("build-cost");
    let probes = probes(&sipcodes);
    let dirs: Vec<PathBuf> = probes
        .iter()
        .map(|probe| write_crate(&work, probe))
        .collect();
    // Resolve and download once, outside the measurement.
    for dir in &dirs {
        run(Command::new("cargo").arg("fetch").current_dir(dir));
    }

    let mut costs: Vec<Vec<Cost>> = vec![Vec::new(); probes.len()];
    for round in 0..rounds {
        // Each round starts with another probe, so that a slow spell of the
        // machine does not always fall on the same one.
        for step in 0..dirs.len() {
            let slot = (round + step) % dirs.len();
            let cost = cold_build(&dirs[slot]);
            eprintln!(
                "round {}: {:<26} cpu {:>6.2} s  wall {:>6.2} s",
                round + 1,
                probes[slot].name,
                cost.cpu.as_secs_f64(),
                cost.wall.as_secs_f64()
            );
            costs[slot].push(cost);
        }
    }

    let medians: Vec<Cost> = costs.iter().map(|runs| median(runs)).collect();
    println!(
        "cold debug builds, median of {rounds} rounds, {} cores:",
        cores()
    );
    for (probe, cost) in probes.iter().zip(&medians) {
        println!(
            "  {:<26} cpu {:>6.2} s  wall {:>6.2} s",
            probe.name,
            cost.cpu.as_secs_f64(),
            cost.wall.as_secs_f64()
        );
    }
    let cpu = |slot: usize| medians[slot].cpu.as_secs_f64();
    println!(
        "sipcodes / floor (cpu):                       {:.2}x",
        cpu(1) / cpu(0)
    );
    println!(
        "added to serde+thiserror (cpu):               {:+.2} s ({:.2}x)",
        cpu(3) - cpu(2),
        cpu(3) / cpu(2)
    );
    let wall = |slot: usize| medians[slot].wall.as_secs_f64();
    println!(
        "added to serde+thiserror (wall):              {:+.2} s",
        wall(3) - wall(2)
    );
}

fn write_crate(work: &Path, probe: &Probe) -> PathBuf {
    let dir = work.join(probe.name);
    std::fs::create_dir_all(dir.join("src")).expect("create the crate");
    let kind = if probe.lib {
        ""
    } else {
        "\n[lib]\nproc-macro = true\n"
    };
    let manifest = format!(
        "[package]\nname = \"probe-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n{kind}\n[dependencies]\n{}\n[workspace]\n",
        probe.name, probe.dependencies
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    std::fs::write(dir.join("src/lib.rs"), &probe.source).expect("write lib.rs");
    dir
}

/// A debug build in an empty target directory. Incremental compilation is off:
/// cargo never uses it for dependencies from a registry, which is how users get
/// `sipcodes`, while the probes reach it by path, which would turn it on.
fn cold_build(dir: &Path) -> Cost {
    let target = dir.join("target");
    let _ = std::fs::remove_dir_all(&target);
    let before = sipcodes_benches::children_cpu();
    let start = Instant::now();
    run(Command::new("cargo")
        .args(["build", "--offline", "--quiet"])
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(dir));
    Cost {
        wall: start.elapsed(),
        cpu: sipcodes_benches::children_cpu() - before,
    }
}

fn run(command: &mut Command) {
    let status = command.status().expect("run cargo");
    assert!(status.success(), "{command:?} failed");
}

fn median(runs: &[Cost]) -> Cost {
    Cost {
        cpu: sipcodes_benches::median(runs.iter().map(|cost| cost.cpu).collect()),
        wall: sipcodes_benches::median(runs.iter().map(|cost| cost.wall).collect()),
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
