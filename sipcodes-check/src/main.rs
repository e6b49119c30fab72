//! `sipcodes-check`: the SIP response-code registry's rules applied to the
//! responses in packet captures.
//!
//! ```text
//! sipcodes-check capture.pcapng [more.pcap …] [--format text|json] [--fail-on must|should]
//! ```
//!
//! Exit status: 0 when no finding reaches `--fail-on`, 1 when one does, 2
//! when a file could not be read to its end (its findings up to that point
//! are still printed).

mod capture;
mod dialogs;
mod packet;
mod proxied;
mod report;
mod run;
mod sip;
mod stream;
mod track;
mod verdicts;

use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use report::{Format, Sink, Summary};

/// Applies the SIP response-code registry's rules to the SIP traffic in pcap
/// and pcapng captures: every response is paired with its request and
/// checked against what the RFCs require of it.
#[derive(Parser)]
#[command(version)]
struct Options {
    /// Capture files (pcap or pcapng), checked in parallel.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// `text` for people, `json` for one JSON object a line.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when a finding of this level or a stronger one is
    /// found: `must` for MUST and MUST NOT, `should` for those and SHOULD and
    /// SHOULD NOT. A rule whose sentence has no RFC 2119 keyword never fails
    /// the run: it is a description, reported but not required.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Files checked at once (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Must,
    Should,
}

fn main() -> ExitCode {
    let options = Options::parse();
    let sink = Sink {
        format: options.format,
        out: Mutex::new(Box::new(BufWriter::new(std::io::stdout()))),
    };
    let bars = MultiProgress::with_draw_target(if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    });
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, options.files.len());
    let next = AtomicUsize::new(0);
    let summaries: Mutex<Vec<(usize, Summary)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = options.files.get(index) else {
                        return;
                    };
                    let bar = bars.add(ProgressBar::no_length().with_style(bar_style()));
                    bar.set_message(path.display().to_string());
                    let summary = run::check(path, &sink, &bar);
                    summary.print(&sink);
                    summaries
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .push((index, summary));
                }
            });
        }
    });
    let _ = sink
        .out
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .flush();
    let summaries = summaries
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut status = 0;
    for (_, summary) in &summaries {
        if let Some(error) = &summary.error {
            eprintln!("sipcodes-check: {}: {error}", summary.file);
            status = 2;
        }
        let failing = match options.fail_on {
            Some(FailOn::Must) => summary.mandatory,
            Some(FailOn::Should) => summary.mandatory + summary.recommended,
            None => 0,
        };
        if failing > 0 && status == 0 {
            status = 1;
        }
    }
    ExitCode::from(status)
}

/// A file's name, how much of it is read, and the time left.
fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}
