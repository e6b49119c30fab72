//! What the measuring binaries share: their command line, where they work, and
//! how they summarise noisy samples.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The number of rounds: the first command-line argument, else `default`.
pub fn rounds(default: usize) -> usize {
    std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The `sipcodes` crate of this workspace.
pub fn sipcodes_dir() -> PathBuf {
    benches_dir()
        .parent()
        .expect("benches/ is inside the workspace")
        .join("sipcodes")
}

/// A scratch directory for the binary `name`, under `benches/target`.
pub fn work_dir(name: &str) -> PathBuf {
    benches_dir().join("target").join(name)
}

fn benches_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The median of the samples (the upper one of an even count).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// User and system time of every child process waited for so far.
pub fn children_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}
