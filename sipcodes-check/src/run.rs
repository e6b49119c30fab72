//! Checking one capture file from its first frame to its last.

use std::fs::File;
use std::path::Path;

use indicatif::ProgressBar;
use sipcodes::StatusCode;

use crate::capture;
use crate::packet::{Decoded, Decoder, Transport};
use crate::report::{Sink, Summary};
use crate::sip::{self, Start};
use crate::stream::{Piece, Streams};
use crate::track::{Seen, Tracker};

/// Everything one capture needs while it is read.
struct Run<'s> {
    sink: &'s Sink,
    summary: Summary,
    decoder: Decoder,
    streams: Streams,
    tracker: Tracker,
}

/// Checks one capture; the summary holds the counts and, if the file could
/// not be read to its end, why (the findings before that point are kept).
pub fn check(path: &Path, sink: &Sink, progress: &ProgressBar) -> Summary {
    let mut run = Run {
        sink,
        summary: Summary {
            file: path.display().to_string(),
            ..Summary::default()
        },
        decoder: Decoder::default(),
        streams: Streams::default(),
        tracker: Tracker::default(),
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => {
            run.summary.error = Some(capture::CaptureError {
                offset: 0,
                what: format!("cannot open the file: {error}"),
            });
            return run.summary;
        }
    };
    if let Ok(metadata) = file.metadata() {
        progress.set_length(metadata.len());
    }
    let result = capture::read(
        file,
        |frame| run.frame(frame),
        |bytes| progress.set_position(bytes),
    );
    run.summary.error = result.err();
    for finding in run.tracker.finish() {
        run.summary.finding(run.sink, finding);
    }
    run.summary.forwarded = run.tracker.forwarded;
    for (kind, count) in &run.streams.not_sip {
        let label = match *kind {
            "TLS" => "TLS connections",
            _ => "connections that carry something else",
        };
        *run.summary.not_decoded.entry(label).or_default() += count;
    }
    progress.finish_and_clear();
    run.summary
}

impl Run<'_> {
    fn frame(&mut self, frame: capture::Frame<'_>) {
        self.summary.frames += 1;
        self.summary.first_time.get_or_insert(frame.time);
        let segment = match self.decoder.decode(frame.link, frame.data, frame.time) {
            Decoded::Segment(segment) => segment,
            Decoded::Fragment | Decoded::Other => return,
            Decoded::Sctp => {
                *self.summary.not_decoded.entry("SCTP packets").or_default() += 1;
                return;
            }
            Decoded::Malformed(_) => {
                *self
                    .summary
                    .not_decoded
                    .entry("frames that do not decode")
                    .or_default() += 1;
                return;
            }
        };
        let seen = Seen {
            frame: frame.number,
            time: frame.time,
            source: segment.source,
            destination: segment.destination,
        };
        match segment.transport {
            Transport::Udp => {
                if sip::looks_like_sip(&segment.payload) {
                    self.message(&segment.payload, seen);
                }
            }
            Transport::Tcp { .. } => {
                for piece in self.streams.segment(&segment, frame.time) {
                    match piece {
                        Piece::Message(bytes) => self.message(&bytes, seen),
                        Piece::Garbage(why) => self.summary.unparsed(self.sink, &seen, &why, ""),
                    }
                }
            }
        }
    }

    fn message(&mut self, bytes: &[u8], seen: Seen) {
        let message = match sip::parse(bytes) {
            Ok(message) => message,
            Err(why) => {
                let line = sip::first_line(bytes);
                self.summary.unparsed(self.sink, &seen, &why, &line);
                return;
            }
        };
        match message.start {
            Start::Request => {
                self.summary.requests += 1;
                self.tracker.request(message, seen);
            }
            Start::Response { code } => {
                self.summary.responses += 1;
                let code = match StatusCode::new(code) {
                    Ok(code) => code,
                    Err(error) => {
                        self.summary.unparsed(
                            self.sink,
                            &seen,
                            &error.to_string(),
                            message.first_line(),
                        );
                        return;
                    }
                };
                let outcome = self.tracker.response(&message, code, seen);
                self.summary.undecided += outcome.undecided as u64;
                if let Some(unpaired) = &outcome.unpaired {
                    self.summary.unpaired(self.sink, unpaired);
                }
                for finding in outcome.findings {
                    self.summary.finding(self.sink, finding);
                }
            }
        }
    }
}
