//! TCP streams put back in order and cut into SIP messages (RFC 3261 §18.3:
//! Content-Length frames a message on a stream), and SIP over WebSocket
//! (RFC 7118: one SIP message a WebSocket message).

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use memchr::memmem;
use sipcodes::check::HeaderFields;

use crate::packet::{Segment, Transport};
use crate::sip::looks_like_sip;

/// Bytes held for one direction of a connection while a message or a gap in
/// the sequence is pending; a stream that holds more is resynchronised.
const MAX_HELD: usize = 1 << 20;
/// Seconds after which an idle connection is forgotten.
const IDLE: f64 = 600.0;

/// A message cut from a stream, or a stretch that could not be read.
pub enum Piece {
    Message(Vec<u8>),
    /// Bytes that are not a SIP message, with the reason.
    Garbage(String),
}

#[derive(Default)]
pub struct Streams {
    flows: HashMap<(SocketAddr, SocketAddr), Flow>,
    last_sweep: f64,
    /// Connections seen to carry something else than SIP: TLS, HTTP.
    pub not_sip: HashMap<&'static str, u64>,
}

#[derive(Default)]
struct Flow {
    next: Option<u32>,
    buffer: Vec<u8>,
    /// Segments that arrived ahead of a gap, by sequence number.
    ahead: BTreeMap<u32, Vec<u8>>,
    held: usize,
    mode: Mode,
    last_seen: f64,
    /// A WebSocket message being assembled from its frames.
    fragments: Vec<u8>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    #[default]
    Unknown,
    Sip,
    /// The HTTP handshake that opens a WebSocket connection.
    Handshake,
    WebSocket,
    NotSip,
}

impl Streams {
    /// Takes one TCP segment and returns the messages it completes; a
    /// segment that is not TCP completes nothing.
    pub fn segment(&mut self, segment: &Segment<'_>, time: f64) -> Vec<Piece> {
        let Transport::Tcp {
            sequence,
            syn,
            fin,
            rst,
        } = segment.transport
        else {
            return Vec::new();
        };
        let (end, payload) = (fin || rst, &segment.payload[..]);
        self.sweep(time);
        let key = (segment.source, segment.destination);
        let flow = self.flows.entry(key).or_default();
        flow.last_seen = time;
        if syn {
            *flow = Flow {
                next: Some(sequence.wrapping_add(1)),
                last_seen: time,
                ..Flow::default()
            };
        }
        let mut pieces = Vec::new();
        if !payload.is_empty() && flow.mode != Mode::NotSip {
            flow.accept(sequence, payload, &mut pieces);
            flow.cut(&mut pieces);
            if flow.mode == Mode::NotSip {
                // A TLS record starts with its content type, 22 for a handshake.
                let kind = if flow.buffer.first() == Some(&0x16) {
                    "TLS"
                } else {
                    "not SIP"
                };
                *self.not_sip.entry(kind).or_default() += 1;
                flow.buffer = Vec::new();
                flow.ahead.clear();
            }
        }
        if end {
            if !flow.buffer.is_empty() && flow.mode == Mode::Sip {
                pieces.push(Piece::Garbage(format!(
                    "the connection closed {} bytes into a message",
                    flow.buffer.len()
                )));
            }
            self.flows.remove(&key);
        }
        pieces
    }

    fn sweep(&mut self, now: f64) {
        if now > self.last_sweep + IDLE {
            self.flows.retain(|_, flow| flow.last_seen + IDLE >= now);
            self.last_sweep = now;
        }
    }
}

impl Flow {
    /// Appends the segment's new bytes in sequence order; a retransmission
    /// adds only what was not seen, a segment beyond a gap waits for it.
    fn accept(&mut self, sequence: u32, payload: &[u8], pieces: &mut Vec<Piece>) {
        let next = *self.next.get_or_insert(sequence);
        let ahead_by = sequence.wrapping_sub(next) as i32;
        if ahead_by > 0 {
            self.held += payload.len();
            self.ahead.insert(sequence, payload.to_vec());
            if self.held > MAX_HELD {
                pieces.push(Piece::Garbage(format!(
                    "{} bytes of the stream were never captured",
                    self.ahead
                        .keys()
                        .next()
                        .map_or(0, |first| first.wrapping_sub(next))
                )));
                self.buffer.clear();
                self.mode = Mode::Unknown;
                self.next = self.ahead.keys().next().copied();
                self.drain_ahead();
            }
            return;
        }
        self.append(sequence, payload);
        self.drain_ahead();
    }

    fn append(&mut self, sequence: u32, payload: &[u8]) {
        let next = self.next.unwrap_or(sequence);
        let seen = next.wrapping_sub(sequence) as usize;
        if seen < payload.len() {
            self.buffer.extend_from_slice(&payload[seen..]);
            self.next = Some(sequence.wrapping_add(payload.len() as u32));
        }
    }

    fn drain_ahead(&mut self) {
        while let Some(next) = self.next {
            let Some((&sequence, _)) = self.ahead.iter().next() else {
                return;
            };
            if (sequence.wrapping_sub(next) as i32) > 0 {
                return;
            }
            let payload = self.ahead.remove(&sequence).unwrap_or_default();
            self.held -= payload.len();
            self.append(sequence, &payload);
        }
    }

    /// Cuts every complete message off the front of the buffer.
    fn cut(&mut self, pieces: &mut Vec<Piece>) {
        loop {
            // Keep-alives (RFC 5626 §3.5.1) between messages.
            let blank = self
                .buffer
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if self.mode != Mode::WebSocket && blank > 0 {
                self.buffer.drain(..blank);
            }
            if self.buffer.is_empty() {
                return;
            }
            if self.mode == Mode::Unknown {
                // A start line begins with a letter (a method, `SIP/2.0`,
                // `GET`, `HTTP/1.1`); wait for its end before deciding.
                let letter = self.buffer[0].is_ascii_alphabetic();
                if letter && !self.buffer.contains(&b'\n') && self.buffer.len() < 256 {
                    return;
                }
                self.mode = if !letter {
                    Mode::NotSip
                } else if looks_like_sip(&self.buffer) {
                    Mode::Sip
                } else if self.buffer.starts_with(b"GET ")
                    || self.buffer.starts_with(b"HTTP/1.1 101")
                {
                    Mode::Handshake
                } else {
                    Mode::NotSip
                };
            }
            let taken = match self.mode {
                Mode::Unknown | Mode::NotSip => return,
                Mode::Sip => self.cut_sip(pieces),
                Mode::Handshake => self.cut_handshake(),
                Mode::WebSocket => self.cut_frame(pieces),
            };
            if !taken {
                if self.buffer.len() > MAX_HELD {
                    pieces.push(Piece::Garbage(format!(
                        "{} bytes without the end of a message head",
                        self.buffer.len()
                    )));
                    self.buffer.clear();
                    self.mode = Mode::Unknown;
                }
                return;
            }
        }
    }

    fn cut_sip(&mut self, pieces: &mut Vec<Piece>) -> bool {
        let Some(head_end) = memmem::find(&self.buffer, b"\r\n\r\n").map(|at| at + 4) else {
            return false;
        };
        let length = match content_length(&self.buffer[..head_end]) {
            Some(Ok(length)) => length,
            Some(Err(value)) => {
                pieces.push(Piece::Garbage(format!(
                    "Content-Length `{value}` is not a number; the stream cannot be framed on"
                )));
                self.buffer.clear();
                self.mode = Mode::Unknown;
                return false;
            }
            // RFC 3261 §18.3 requires it on a stream; read the message as
            // ending with its head, and let the parser report what it sees.
            None => 0,
        };
        if self.buffer.len() < head_end + length {
            return false;
        }
        let message: Vec<u8> = self.buffer.drain(..head_end + length).collect();
        pieces.push(Piece::Message(message));
        if !self.buffer.is_empty()
            && !looks_like_sip(&self.buffer)
            && !self.buffer.starts_with(b"\r")
        {
            self.mode = Mode::Unknown;
        }
        true
    }

    fn cut_handshake(&mut self) -> bool {
        let Some(head_end) = memmem::find(&self.buffer, b"\r\n\r\n").map(|at| at + 4) else {
            return false;
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).to_ascii_lowercase();
        self.mode = if head.contains("upgrade: websocket") {
            Mode::WebSocket
        } else {
            Mode::NotSip
        };
        self.buffer.drain(..head_end);
        true
    }

    /// One WebSocket frame (RFC 6455 §5.2); a text or binary message holds
    /// one SIP message (RFC 7118 §5).
    fn cut_frame(&mut self, pieces: &mut Vec<Piece>) -> bool {
        let buffer = &self.buffer;
        if buffer.len() < 2 {
            return false;
        }
        let fin = buffer[0] & 0x80 != 0;
        let opcode = buffer[0] & 0x0f;
        let masked = buffer[1] & 0x80 != 0;
        let (length, mut at) = match buffer[1] & 0x7f {
            126 if buffer.len() >= 4 => (u64::from(u16::from_be_bytes([buffer[2], buffer[3]])), 4),
            127 if buffer.len() >= 10 => {
                let mut bytes = [0; 8];
                bytes.copy_from_slice(&buffer[2..10]);
                (u64::from_be_bytes(bytes), 10)
            }
            126 | 127 => return false,
            short => (u64::from(short), 2),
        };
        let mask = if masked {
            if buffer.len() < at + 4 {
                return false;
            }
            at += 4;
            Some([
                buffer[at - 4],
                buffer[at - 3],
                buffer[at - 2],
                buffer[at - 1],
            ])
        } else {
            None
        };
        let Ok(length) = usize::try_from(length) else {
            return false;
        };
        if length > MAX_HELD {
            pieces.push(Piece::Garbage(format!(
                "a WebSocket frame of {length} bytes"
            )));
            self.buffer.clear();
            self.mode = Mode::NotSip;
            return false;
        }
        if buffer.len() < at + length {
            return false;
        }
        let mut payload = buffer[at..at + length].to_vec();
        if let Some(mask) = mask {
            for (index, byte) in payload.iter_mut().enumerate() {
                *byte ^= mask[index % 4];
            }
        }
        self.buffer.drain(..at + length);
        // Continuation, text and binary frames carry the message; close,
        // ping and pong carry no SIP.
        if opcode <= 2 {
            self.fragments.extend_from_slice(&payload);
            if fin {
                let message = std::mem::take(&mut self.fragments);
                pieces.push(if looks_like_sip(&message) {
                    Piece::Message(message)
                } else {
                    Piece::Garbage("a WebSocket message that is not SIP".to_owned())
                });
            }
        }
        true
    }
}

/// The Content-Length of a message head (or its compact form `l`): `None`
/// when absent, the value as written when it is not a number.
fn content_length(head: &[u8]) -> Option<Result<usize, String>> {
    let (_, value) =
        HeaderFields::of(head).find(|(name, _)| sipcodes::header::same(name, "Content-Length"))?;
    let value = String::from_utf8_lossy(value);
    Some(value.parse().map_err(|_| value.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "127.0.0.1:5060";
    const B: &str = "127.0.0.1:40000";

    fn messages(pieces: Vec<Piece>) -> Vec<String> {
        pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Message(bytes) => String::from_utf8(bytes).unwrap(),
                Piece::Garbage(why) => format!("garbage: {why}"),
            })
            .collect()
    }

    /// A segment from A to B, neither opening nor closing the connection.
    fn tcp(sequence: u32, payload: &[u8]) -> Segment<'_> {
        Segment {
            source: A.parse().unwrap(),
            destination: B.parse().unwrap(),
            transport: Transport::Tcp {
                sequence,
                syn: false,
                fin: false,
                rst: false,
            },
            payload: payload.into(),
        }
    }

    fn feed(streams: &mut Streams, sequence: u32, payload: &str) -> Vec<String> {
        messages(streams.segment(&tcp(sequence, payload.as_bytes()), 0.0))
    }

    const ONE: &str = "OPTIONS sip:a SIP/2.0\r\nContent-Length: 3\r\n\r\nabc";
    const TWO: &str = "SIP/2.0 200 OK\r\nl: 0\r\n\r\n";

    #[test]
    fn several_messages_in_one_segment_and_one_over_several() {
        let mut streams = Streams::default();
        let both = format!("{ONE}{TWO}");
        assert_eq!(feed(&mut streams, 1, &both), [ONE, TWO]);
        let base = 1 + both.len() as u32;
        assert!(feed(&mut streams, base, &ONE[..10]).is_empty());
        assert_eq!(feed(&mut streams, base + 10, &ONE[10..]), [ONE]);
    }

    #[test]
    fn retransmissions_and_reordering() {
        let mut streams = Streams::default();
        assert!(feed(&mut streams, 100, &ONE[..20]).is_empty());
        // The rest arrives before a retransmission of the start, then the
        // start again, overlapping.
        assert!(feed(&mut streams, 130, &ONE[30..]).is_empty());
        assert!(feed(&mut streams, 100, &ONE[..20]).is_empty());
        assert_eq!(feed(&mut streams, 110, &ONE[10..30]), [ONE]);
    }

    #[test]
    fn websocket_frames_carry_one_message_each() {
        let mut streams = Streams::default();
        let handshake =
            "GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
        assert!(feed(&mut streams, 1, handshake).is_empty());
        let mask = [1u8, 2, 3, 4];
        let mut frame = vec![0x81, 0x80 | TWO.len() as u8];
        frame.extend_from_slice(&mask);
        frame.extend(TWO.bytes().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        let pieces = streams.segment(&tcp(1 + handshake.len() as u32, &frame), 0.0);
        assert_eq!(messages(pieces), [TWO]);
    }

    #[test]
    fn tls_is_counted_as_not_sip() {
        let mut streams = Streams::default();
        let hello = [0x16, 0x03, 0x01, 0x00, 0x2e, 0x01, 0x00, 0x00, 0x2a];
        assert!(streams.segment(&tcp(1, &hello), 0.0).is_empty());
        assert_eq!(streams.not_sip.get("TLS"), Some(&1));
    }
}
