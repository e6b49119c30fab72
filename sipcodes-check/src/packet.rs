//! From a captured frame to a UDP datagram or a TCP segment: link layers
//! (Ethernet, VLAN, Linux cooked captures v1 and v2, raw IP, BSD loopback),
//! IPv4 and IPv6 with fragment reassembly.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};

use etherparse::defrag::IpDefragPool;
use etherparse::{EtherType, IpNumber, NetSlice, SlicedPacket, TcpSlice, TransportSlice, UdpSlice};
use pcap_parser::Linktype;

/// Linux cooked capture v2 (`tcpdump -i any` since libpcap 1.10).
const LINKTYPE_LINUX_SLL2: Linktype = Linktype(276);
/// Seconds a fragment waits for the rest of its datagram (RFC 791's upper
/// bound for the reassembly timer is 15 s; Linux waits 30 s).
const FRAGMENT_TIMEOUT: u64 = 30;

/// A transport payload and where it went.
pub struct Segment<'a> {
    pub source: SocketAddr,
    pub destination: SocketAddr,
    pub transport: Transport,
    pub payload: Cow<'a, [u8]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    Udp,
    Tcp {
        sequence: u32,
        syn: bool,
        fin: bool,
        rst: bool,
    },
}

/// What a frame held.
pub enum Decoded<'a> {
    Segment(Segment<'a>),
    /// A fragment held until the rest of its datagram arrives.
    Fragment,
    /// Not IP (ARP, a link type not read), or IP carrying neither UDP nor TCP
    /// (ICMP): not SIP's concern.
    Other,
    /// SCTP: SIP may run over it (RFC 4168), and it is not read.
    Sctp,
    /// The frame could not be decoded: the reason.
    Malformed(String),
}

#[derive(Default)]
pub struct Decoder {
    fragments: IpDefragPool<u64, ()>,
    last_sweep: u64,
}

impl Decoder {
    pub fn decode<'a>(&mut self, link: Linktype, data: &'a [u8], time: f64) -> Decoded<'a> {
        let sliced = match link {
            Linktype::ETHERNET => SlicedPacket::from_ethernet(data),
            Linktype::LINUX_SLL => SlicedPacket::from_linux_sll(data),
            LINKTYPE_LINUX_SLL2 => match data.get(..20) {
                // Protocol type (2 bytes), reserved (2), interface index (4),
                // ARPHRD type (2), packet type (1), address length (1), address (8).
                Some(header) => SlicedPacket::from_ether_type(
                    EtherType(u16::from_be_bytes([header[0], header[1]])),
                    &data[20..],
                ),
                None => return Decoded::Malformed("a Linux cooked v2 header is cut short".into()),
            },
            Linktype::RAW | Linktype::IPV4 | Linktype::IPV6 | Linktype(12) | Linktype(14) => {
                SlicedPacket::from_ip(data)
            }
            // BSD loopback: a 4-byte address family in host (NULL) or network
            // (LOOP) order, then the IP packet.
            Linktype::NULL | Linktype::LOOP => match data.get(4..) {
                Some(packet) => SlicedPacket::from_ip(packet),
                None => return Decoded::Malformed("a loopback header is cut short".into()),
            },
            _ => return Decoded::Other,
        };
        let sliced = match sliced {
            Ok(sliced) => sliced,
            Err(error) => return Decoded::Malformed(error.to_string()),
        };
        let (source, destination, protocol) = match &sliced.net {
            Some(NetSlice::Ipv4(ip)) => (
                IpAddr::V4(ip.header().source_addr()),
                IpAddr::V4(ip.header().destination_addr()),
                ip.payload().ip_number,
            ),
            Some(NetSlice::Ipv6(ip)) => (
                IpAddr::V6(ip.header().source_addr()),
                IpAddr::V6(ip.header().destination_addr()),
                ip.payload().ip_number,
            ),
            _ => return Decoded::Other,
        };
        let seconds = time as u64;
        self.sweep(seconds);
        match self.fragments.process_sliced_packet(&sliced, seconds, ()) {
            Ok(None) => {}
            Ok(Some(whole)) => {
                let decoded = transport(source, destination, whole.ip_number, &whole.payload)
                    .map(Segment::into_owned);
                self.fragments.return_buf(whole);
                return decoded;
            }
            Err(error) => return Decoded::Malformed(format!("IP reassembly: {error}")),
        }
        if is_fragment(&sliced) {
            return Decoded::Fragment;
        }
        match sliced.transport {
            Some(TransportSlice::Udp(udp)) => udp_segment(source, destination, &udp),
            Some(TransportSlice::Tcp(tcp)) => tcp_segment(source, destination, &tcp),
            _ if protocol == IpNumber::SCTP => Decoded::Sctp,
            _ => Decoded::Other,
        }
    }

    /// Drops fragments whose datagram never completed.
    fn sweep(&mut self, now: u64) {
        if now > self.last_sweep + FRAGMENT_TIMEOUT {
            self.fragments
                .retain(|started| *started + FRAGMENT_TIMEOUT >= now);
            self.last_sweep = now;
        }
    }
}

fn is_fragment(sliced: &SlicedPacket<'_>) -> bool {
    match &sliced.net {
        Some(NetSlice::Ipv4(ip)) => ip.header().is_fragmenting_payload(),
        Some(NetSlice::Ipv6(ip)) => ip.is_payload_fragmented(),
        _ => false,
    }
}

fn transport<'a>(
    source: IpAddr,
    destination: IpAddr,
    protocol: IpNumber,
    payload: &'a [u8],
) -> Decoded<'a> {
    match protocol {
        IpNumber::UDP => match UdpSlice::from_slice_lax(payload) {
            Ok(udp) => udp_segment(source, destination, &udp),
            Err(error) => Decoded::Malformed(error.to_string()),
        },
        IpNumber::TCP => match TcpSlice::from_slice(payload) {
            Ok(tcp) => tcp_segment(source, destination, &tcp),
            Err(error) => Decoded::Malformed(error.to_string()),
        },
        IpNumber::SCTP => Decoded::Sctp,
        _ => Decoded::Other,
    }
}

fn udp_segment<'a>(source: IpAddr, destination: IpAddr, udp: &UdpSlice<'a>) -> Decoded<'a> {
    Decoded::Segment(Segment {
        source: SocketAddr::new(source, udp.source_port()),
        destination: SocketAddr::new(destination, udp.destination_port()),
        transport: Transport::Udp,
        payload: Cow::Borrowed(udp.payload()),
    })
}

fn tcp_segment<'a>(source: IpAddr, destination: IpAddr, tcp: &TcpSlice<'a>) -> Decoded<'a> {
    Decoded::Segment(Segment {
        source: SocketAddr::new(source, tcp.source_port()),
        destination: SocketAddr::new(destination, tcp.destination_port()),
        transport: Transport::Tcp {
            sequence: tcp.sequence_number(),
            syn: tcp.syn(),
            fin: tcp.fin(),
            rst: tcp.rst(),
        },
        payload: Cow::Borrowed(tcp.payload()),
    })
}

impl<'a> Decoded<'a> {
    fn map(self, f: impl FnOnce(Segment<'a>) -> Segment<'static>) -> Decoded<'static> {
        match self {
            Decoded::Segment(segment) => Decoded::Segment(f(segment)),
            Decoded::Fragment => Decoded::Fragment,
            Decoded::Other => Decoded::Other,
            Decoded::Sctp => Decoded::Sctp,
            Decoded::Malformed(why) => Decoded::Malformed(why),
        }
    }
}

impl Segment<'_> {
    fn into_owned(self) -> Segment<'static> {
        Segment {
            source: self.source,
            destination: self.destination,
            transport: self.transport,
            payload: Cow::Owned(self.payload.into_owned()),
        }
    }
}
