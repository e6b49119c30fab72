//! Reading pcap and pcapng files, frame by frame, with each frame's link type
//! and time.

use std::fmt;
use std::io::Read;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapReaderIterator;
use pcap_parser::{Linktype, PcapBlockOwned, PcapError, create_reader};

const TRUNCATED: &str = "the file ends inside a record: it is truncated";

/// Bytes read from the file at a time; a record larger than this grows it.
const BUFFER: usize = 1 << 20;

/// One captured frame.
pub struct Frame<'a> {
    /// 1 for the first frame of the file, as Wireshark counts.
    pub number: u64,
    /// Seconds since the Unix epoch.
    pub time: f64,
    pub link: Linktype,
    pub data: &'a [u8],
}

/// Why a file could not be read to its end.
#[derive(Debug)]
pub struct CaptureError {
    /// Where in the file reading stopped.
    pub offset: u64,
    pub what: String,
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.what, self.offset)
    }
}

/// How the frames of one pcapng interface are stamped.
struct Interface {
    link: Linktype,
    units_per_second: u64,
    offset: i64,
}

/// Calls `frame` for every packet of the capture, in file order, and
/// `progress` with the bytes read so far. Stops at the first record it cannot
/// read: the frames before it have been handed over.
pub fn read(
    input: impl Read + Send,
    mut frame: impl FnMut(Frame<'_>),
    mut progress: impl FnMut(u64),
) -> Result<(), CaptureError> {
    let mut reader = create_reader(BUFFER, input).map_err(|error| CaptureError {
        offset: 0,
        what: match error {
            PcapError::Eof => "the file is empty".to_owned(),
            PcapError::HeaderNotRecognized => {
                "not a pcap or pcapng file (its first bytes are neither header)".to_owned()
            }
            other => describe(&other),
        },
    })?;
    let mut legacy_link = Linktype::ETHERNET;
    let mut nanoseconds = false;
    let mut interfaces: Vec<Interface> = Vec::new();
    let mut number = 0u64;
    let mut consumed = 0u64;
    loop {
        match reader.next() {
            Ok((length, block)) => {
                match block {
                    PcapBlockOwned::LegacyHeader(header) => {
                        legacy_link = header.network;
                        nanoseconds = header.is_nanosecond_precision();
                    }
                    PcapBlockOwned::Legacy(packet) => {
                        number += 1;
                        let fraction = if nanoseconds { 1e-9 } else { 1e-6 };
                        frame(Frame {
                            number,
                            time: f64::from(packet.ts_sec) + f64::from(packet.ts_usec) * fraction,
                            link: legacy_link,
                            data: packet.data,
                        });
                    }
                    PcapBlockOwned::NG(Block::SectionHeader(_)) => interfaces.clear(),
                    PcapBlockOwned::NG(Block::InterfaceDescription(interface)) => {
                        interfaces.push(Interface {
                            link: interface.linktype,
                            units_per_second: interface.ts_resolution().unwrap_or(1_000_000),
                            offset: interface.ts_offset(),
                        });
                    }
                    PcapBlockOwned::NG(Block::EnhancedPacket(packet)) => {
                        number += 1;
                        let Some(interface) = interfaces.get(packet.if_id as usize) else {
                            return Err(CaptureError {
                                offset: consumed,
                                what: format!(
                                    "frame {number} names interface {}, which no interface description block defined",
                                    packet.if_id
                                ),
                            });
                        };
                        let (seconds, units) =
                            packet.decode_ts(interface.offset as u64, interface.units_per_second);
                        let data = &packet.data[..(packet.caplen as usize).min(packet.data.len())];
                        frame(Frame {
                            number,
                            time: f64::from(seconds)
                                + f64::from(units) / interface.units_per_second as f64,
                            link: interface.link,
                            data,
                        });
                    }
                    PcapBlockOwned::NG(Block::SimplePacket(packet)) => {
                        number += 1;
                        let link = interfaces.first().map_or(Linktype::ETHERNET, |i| i.link);
                        frame(Frame {
                            number,
                            time: 0.0,
                            link,
                            data: packet.data,
                        });
                    }
                    PcapBlockOwned::NG(_) => {}
                }
                consumed += length as u64;
                reader.consume(length);
                progress(consumed);
            }
            Err(PcapError::Eof) => return Ok(()),
            Err(PcapError::Incomplete(_)) => {
                if reader.reader_exhausted() {
                    return Err(CaptureError {
                        offset: consumed,
                        what: TRUNCATED.to_owned(),
                    });
                }
                refill(reader.as_mut(), consumed)?;
            }
            Err(PcapError::BufferTooSmall) => {
                let size = reader.data().len().max(BUFFER) * 2;
                if size > 256 * BUFFER || !reader.grow(size) {
                    return Err(CaptureError {
                        offset: consumed,
                        what: "a record is larger than 256 MiB".to_owned(),
                    });
                }
                refill(reader.as_mut(), consumed)?;
            }
            Err(error) => {
                return Err(CaptureError {
                    offset: consumed,
                    what: describe(&error),
                });
            }
        }
    }
}

/// Reads more of the file into the reader's buffer.
fn refill(reader: &mut dyn PcapReaderIterator, offset: u64) -> Result<(), CaptureError> {
    reader.refill().map_err(|error| CaptureError {
        offset,
        what: describe(&error),
    })
}

/// What went wrong, without the bytes a parse error holds.
fn describe(error: &PcapError<&[u8]>) -> String {
    match error {
        PcapError::NomError(_, kind) => format!("a record is malformed ({})", kind.description()),
        PcapError::OwnedNomError(_, kind) => {
            format!("a record is malformed ({})", kind.description())
        }
        PcapError::ReadError => "reading the file failed".to_owned(),
        PcapError::Eof | PcapError::UnexpectedEof | PcapError::Incomplete(_) => {
            TRUNCATED.to_owned()
        }
        PcapError::BufferTooSmall => "a record is too large to read".to_owned(),
        PcapError::HeaderNotRecognized => "the file header is not recognised".to_owned(),
    }
}
