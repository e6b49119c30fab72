//! Captures written by the tests themselves, frame by frame, and the checker
//! run on them as a user runs it.

// Each test crate uses the part of it that it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use etherparse::{EtherType, Ethernet2Header, IpFragOffset, IpNumber, Ipv4Header, PacketBuilder};

pub const CLIENT: ([u8; 4], u16) = ([127, 0, 0, 1], 5061);
pub const SERVER: ([u8; 4], u16) = ([127, 0, 0, 1], 5060);

/// A pcap file being written: a link type and frames with their times.
pub struct Pcap {
    link: u32,
    bytes: Vec<u8>,
    frames: u32,
}

impl Pcap {
    pub fn ethernet() -> Pcap {
        Pcap::with_link(1)
    }

    pub fn with_link(link: u32) -> Pcap {
        // Magic (microseconds), version 2.4, zone, accuracy, snap length.
        let mut bytes = 0xa1b2_c3d4u32.to_le_bytes().to_vec();
        bytes.extend_from_slice(&2u16.to_le_bytes());
        bytes.extend_from_slice(&4u16.to_le_bytes());
        for field in [0u32, 0, 65535, link] {
            bytes.extend_from_slice(&field.to_le_bytes());
        }
        Pcap {
            link,
            bytes,
            frames: 0,
        }
    }

    /// Appends one frame as captured, at `frames` seconds past a fixed start.
    pub fn frame(&mut self, data: &[u8]) -> &mut Pcap {
        let seconds = 1_800_000_000 + self.frames;
        for field in [seconds, 0, data.len() as u32, data.len() as u32] {
            self.bytes.extend_from_slice(&field.to_le_bytes());
        }
        self.bytes.extend_from_slice(data);
        self.frames += 1;
        self
    }

    /// A UDP datagram from `from` to `to`, over Ethernet and IPv4.
    pub fn udp(&mut self, from: ([u8; 4], u16), to: ([u8; 4], u16), payload: &str) -> &mut Pcap {
        assert_eq!(self.link, 1, "udp() writes Ethernet frames");
        let builder = PacketBuilder::ethernet2([2; 6], [4; 6])
            .ipv4(from.0, to.0, 64)
            .udp(from.1, to.1);
        let mut frame = Vec::new();
        builder.write(&mut frame, payload.as_bytes()).unwrap();
        self.frame(&frame)
    }

    /// A TCP segment with this sequence number.
    pub fn tcp(
        &mut self,
        from: ([u8; 4], u16),
        to: ([u8; 4], u16),
        sequence: u32,
        payload: &[u8],
    ) -> &mut Pcap {
        let builder = PacketBuilder::ethernet2([2; 6], [4; 6])
            .ipv4(from.0, to.0, 64)
            .tcp(from.1, to.1, sequence, 65535)
            .ack(1);
        let mut frame = Vec::new();
        builder.write(&mut frame, payload).unwrap();
        self.frame(&frame)
    }

    /// A UDP datagram sent as two IPv4 fragments, the second one first.
    pub fn udp_fragmented(
        &mut self,
        from: ([u8; 4], u16),
        to: ([u8; 4], u16),
        payload: &str,
    ) -> &mut Pcap {
        let builder = PacketBuilder::ipv4(from.0, to.0, 64).udp(from.1, to.1);
        let mut packet = Vec::new();
        builder.write(&mut packet, payload.as_bytes()).unwrap();
        let datagram = &packet[Ipv4Header::MIN_LEN..];
        let split = (datagram.len() / 2) & !7;
        let fragments = [
            (&datagram[split..], split, false),
            (&datagram[..split], 0, true),
        ];
        for (part, offset, more) in fragments {
            let mut header =
                Ipv4Header::new(part.len() as u16, 64, IpNumber::UDP, from.0, to.0).unwrap();
            header.identification = 4242;
            header.more_fragments = more;
            header.fragment_offset = IpFragOffset::try_new((offset / 8) as u16).unwrap();
            header.header_checksum = header.calc_header_checksum();
            let mut frame = Vec::new();
            Ethernet2Header {
                source: [2; 6],
                destination: [4; 6],
                ether_type: EtherType::IPV4,
            }
            .write(&mut frame)
            .unwrap();
            header.write(&mut frame).unwrap();
            frame.extend_from_slice(part);
            self.frame(&frame);
        }
        self
    }

    /// A UDP datagram between two IPv6 addresses, in a VLAN.
    pub fn udp_ipv6_vlan(&mut self, from: u16, to: u16, payload: &str) -> &mut Pcap {
        let address = |last: u8| {
            let mut address = [0u8; 16];
            address[15] = last;
            address
        };
        let builder = PacketBuilder::ethernet2([2; 6], [4; 6])
            .single_vlan(etherparse::VlanId::try_new(42).unwrap())
            .ipv6(address((from % 256) as u8), address((to % 256) as u8), 64)
            .udp(from, to);
        let mut frame = Vec::new();
        builder.write(&mut frame, payload.as_bytes()).unwrap();
        self.frame(&frame)
    }

    /// The same frames as a pcapng file: a section header, one Ethernet
    /// interface with microsecond stamps, and an enhanced packet block each.
    pub fn to_pcapng(&self) -> Vec<u8> {
        fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
            let padded = body.len().div_ceil(4) * 4;
            let length = (12 + padded) as u32;
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&length.to_le_bytes());
            out.extend_from_slice(body);
            out.resize(out.len() + padded - body.len(), 0);
            out.extend_from_slice(&length.to_le_bytes());
        }
        let mut out = Vec::new();
        // Byte-order magic, version 1.0, section length unknown.
        let mut section = 0x1a2b_3c4du32.to_le_bytes().to_vec();
        section.extend_from_slice(&1u16.to_le_bytes());
        section.extend_from_slice(&0u16.to_le_bytes());
        section.extend_from_slice(&(-1i64).to_le_bytes());
        block(&mut out, 0x0a0d_0d0a, &section);
        let mut interface = (self.link as u16).to_le_bytes().to_vec();
        interface.extend_from_slice(&[0, 0]);
        interface.extend_from_slice(&65535u32.to_le_bytes());
        block(&mut out, 1, &interface);
        // The pcap records after the 24-byte file header.
        let mut records = &self.bytes[24..];
        while records.len() >= 16 {
            let field = |at: usize| u32::from_le_bytes(records[at..at + 4].try_into().unwrap());
            let (seconds, micros, length) = (field(0), field(4), field(8) as usize);
            let stamp = u64::from(seconds) * 1_000_000 + u64::from(micros);
            let mut packet = 0u32.to_le_bytes().to_vec();
            packet.extend_from_slice(&((stamp >> 32) as u32).to_le_bytes());
            packet.extend_from_slice(&(stamp as u32).to_le_bytes());
            packet.extend_from_slice(&(length as u32).to_le_bytes());
            packet.extend_from_slice(&(length as u32).to_le_bytes());
            packet.extend_from_slice(&records[16..16 + length]);
            block(&mut out, 6, &packet);
            records = &records[16 + length..];
        }
        out
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Writes the file under a name of the test's own.
    pub fn save(&self, name: &str) -> PathBuf {
        save(name, &self.bytes)
    }
}

pub fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join("captures");
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs the checker on these files with these options.
pub fn check(files: &[&Path], options: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sipcodes-check"))
        .args(files)
        .args(options)
        .output()
        .unwrap()
}

/// The JSON objects the checker printed, one a line.
pub fn objects(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The `rule` of every finding, in order.
pub fn rules(objects: &[serde_json::Value]) -> Vec<String> {
    objects
        .iter()
        .filter(|object| object["type"] == "finding")
        .map(|object| object["rule"].as_str().unwrap().to_owned())
        .collect()
}

pub fn summary(objects: &[serde_json::Value]) -> &serde_json::Value {
    objects
        .iter()
        .find(|object| object["type"] == "summary")
        .expect("a summary")
}

/// A request and the head of its response, sharing Via, From, To, Call-ID
/// and CSeq as RFC 3261 §8.2.6.2 has them.
pub struct Exchange {
    pub method: &'static str,
    pub branch: &'static str,
    pub request_extra: &'static str,
    pub to_tag: Option<&'static str>,
}

impl Exchange {
    pub fn new(method: &'static str, branch: &'static str) -> Exchange {
        Exchange {
            method,
            branch,
            request_extra: "",
            to_tag: None,
        }
    }

    fn common(&self, to_tag: Option<&str>) -> String {
        let to = match to_tag {
            Some(tag) => format!("To: <sip:bob@example.com>;tag={tag}\r\n"),
            None => "To: <sip:bob@example.com>\r\n".to_owned(),
        };
        format!(
            "Via: SIP/2.0/UDP 127.0.0.1:5061;branch={}\r\n\
             From: <sip:alice@example.com>;tag=a1\r\n{to}\
             Call-ID: {}@example.com\r\nCSeq: 1 {}\r\n",
            self.branch, self.branch, self.method
        )
    }

    pub fn request(&self) -> String {
        format!(
            "{} sip:bob@example.com SIP/2.0\r\n{}Max-Forwards: 70\r\n{}Content-Length: 0\r\n\r\n",
            self.method,
            self.common(self.to_tag),
            self.request_extra
        )
    }

    /// A response with this status line and these further header fields.
    pub fn response(&self, status: &str, extra: &str) -> String {
        format!(
            "SIP/2.0 {status}\r\n{}{extra}Content-Length: 0\r\n\r\n",
            self.common(Some(self.to_tag.unwrap_or("b2")))
        )
    }
}
