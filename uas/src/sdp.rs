//! The offer/answer decisions of RFC 3264, on SDP parsed and written by the
//! `webrtc-sdp` crate. This UAS takes audio over RTP/AVP with PCMU or PCMA and
//! sends no media: it answers with a port and a codec, nothing more.

use std::net::IpAddr;

use webrtc_sdp::address::ExplicitlyTypedAddress;
use webrtc_sdp::attribute_type::{SdpAttribute, SdpAttributeRtpmap, SdpAttributeType};
use webrtc_sdp::media_type::{
    SdpFormatList, SdpMedia, SdpMediaLine, SdpMediaValue, SdpProtocolValue,
};
use webrtc_sdp::{SdpConnection, SdpOrigin, SdpSession, SdpTiming, parse_sdp, parse_sdp_line};

/// The RTP port this UAS puts in its SDP. Nothing listens there: the example
/// negotiates sessions, it does not carry media.
const RTP_PORT: u32 = 40_000;

/// Static RTP payload types this UAS accepts, by preference (RFC 3551 §6).
const CODECS: [(u32, &str); 2] = [(0, "PCMU"), (8, "PCMA")];

/// Why an offer gets no answer: the reason goes into the log, the request gets 488.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    Unparseable(String),
    NoAcceptableStream,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unparseable(error) => write!(f, "unparseable SDP: {error}"),
            Refusal::NoAcceptableStream => f.write_str("no audio stream with PCMU or PCMA"),
        }
    }
}

/// The answer to an offer (RFC 3264 §6): one m-line per offered m-line, in
/// order; the first audio RTP/AVP stream offering a codec from `CODECS` is
/// accepted with that codec and the mirrored direction, every other stream is
/// refused with port 0.
pub fn answer(offer: &str, local: IpAddr, version: u64) -> Result<String, Refusal> {
    let offer = parse_sdp(&without_broken_attributes(offer), false)
        .map_err(|error| Refusal::Unparseable(error.to_string()))?;
    let mut session = session(local, version);
    let mut accepted = false;
    for offered in &offer.media {
        let codec = (!accepted
            && *offered.get_type() == SdpMediaValue::Audio
            && *offered.get_proto() == SdpProtocolValue::RtpAvp
            && offered.get_port() != 0)
            .then(|| chosen_codec(offered.get_formats()))
            .flatten();
        let Some((payload, name)) = codec else {
            session.media.push(refused(offered));
            continue;
        };
        accepted = true;
        let mut media = audio();
        media
            .add_codec(SdpAttributeRtpmap::new(
                payload as u8,
                name.to_owned(),
                8000,
            ))
            .map_err(|error| Refusal::Unparseable(error.to_string()))?;
        media
            .add_attribute(mirrored_direction(offered, &offer))
            .map_err(|error| Refusal::Unparseable(error.to_string()))?;
        session.media.push(media);
    }
    if !accepted {
        return Err(Refusal::NoAcceptableStream);
    }
    Ok(session.to_string())
}

/// The offer without the `a=` lines the SDP parser rejects (`a=rtpmap:31 LPC`
/// lacks its clock rate): an attribute a receiver does not understand is
/// ignored (RFC 4566 §5.13), and one it cannot read is treated the same way.
fn without_broken_attributes(offer: &str) -> String {
    offer
        .lines()
        .enumerate()
        .filter(|(number, line)| !line.starts_with("a=") || parse_sdp_line(line, *number).is_ok())
        .flat_map(|(_, line)| [line, "\r\n"])
        .collect()
}

/// An offer, for a 2xx to an INVITE that carried none (RFC 3261 §13.2.1).
pub fn offer(local: IpAddr, version: u64) -> String {
    let mut session = session(local, version);
    let mut media = audio();
    for (payload, name) in CODECS {
        media
            .add_codec(SdpAttributeRtpmap::new(
                payload as u8,
                name.to_owned(),
                8000,
            ))
            .expect("a static payload type fits");
    }
    media
        .add_attribute(SdpAttribute::Sendrecv)
        .expect("one direction attribute");
    session.media.push(media);
    session.to_string()
}

fn session(local: IpAddr, version: u64) -> SdpSession {
    let mut session = SdpSession::new(
        0,
        SdpOrigin {
            username: "-".to_owned(),
            session_id: 1,
            session_version: version,
            unicast_addr: ExplicitlyTypedAddress::Ip(local),
        },
        "-".to_owned(),
    );
    session.set_connection(SdpConnection {
        address: ExplicitlyTypedAddress::Ip(local),
        ttl: None,
        amount: None,
    });
    session.set_timing(SdpTiming { start: 0, stop: 0 });
    session
}

/// An audio RTP/AVP stream on our port; `port_count` 0 writes no "/count".
fn audio() -> SdpMedia {
    SdpMedia::new(SdpMediaLine {
        media: SdpMediaValue::Audio,
        port: RTP_PORT,
        port_count: 0,
        proto: SdpProtocolValue::RtpAvp,
        formats: SdpFormatList::Integers(Vec::new()),
    })
}

/// The offered stream with port 0: refused (RFC 3264 §6).
fn refused(offered: &SdpMedia) -> SdpMedia {
    SdpMedia::new(SdpMediaLine {
        media: offered.get_type().clone(),
        port: 0,
        port_count: 0,
        proto: offered.get_proto().clone(),
        formats: offered.get_formats().clone(),
    })
}

fn chosen_codec(formats: &SdpFormatList) -> Option<(u32, &'static str)> {
    let SdpFormatList::Integers(offered) = formats else {
        return None;
    };
    offered
        .iter()
        .find_map(|payload| CODECS.iter().find(|(ours, _)| ours == payload).copied())
}

/// sendonly becomes recvonly and the reverse; sendrecv and inactive stay
/// (RFC 3264 §6.1). The stream's own attribute wins over the session's.
fn mirrored_direction(media: &SdpMedia, session: &SdpSession) -> SdpAttribute {
    let of = |t: SdpAttributeType| {
        media.get_attribute(t.clone()).is_some()
            || (media.get_attribute(SdpAttributeType::Sendrecv).is_none()
                && media.get_attribute(SdpAttributeType::Sendonly).is_none()
                && media.get_attribute(SdpAttributeType::Recvonly).is_none()
                && media.get_attribute(SdpAttributeType::Inactive).is_none()
                && session.get_attribute(t).is_some())
    };
    if of(SdpAttributeType::Sendonly) {
        SdpAttribute::Recvonly
    } else if of(SdpAttributeType::Recvonly) {
        SdpAttribute::Sendonly
    } else if of(SdpAttributeType::Inactive) {
        SdpAttribute::Inactive
    } else {
        SdpAttribute::Sendrecv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn offer_with(media: &str) -> String {
        format!(
            "v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n{media}"
        )
    }

    #[test]
    fn an_audio_offer_gets_one_codec_and_the_mirrored_direction() {
        let offer = offer_with(
            "m=video 5002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\nm=audio 5000 RTP/AVP 18 8 0\r\na=sendonly\r\n",
        );
        let answer = answer(&offer, LOCAL, 1).unwrap();
        let lines: Vec<&str> = answer.lines().collect();
        assert!(lines.contains(&"m=video 0 RTP/AVP 96"), "{answer}");
        assert!(lines.contains(&"m=audio 40000 RTP/AVP 8"), "{answer}");
        assert!(lines.contains(&"a=rtpmap:8 PCMA/8000"), "{answer}");
        assert!(lines.contains(&"a=recvonly"), "{answer}");
        let video = lines.iter().position(|l| l.starts_with("m=video")).unwrap();
        let audio = lines.iter().position(|l| l.starts_with("m=audio")).unwrap();
        assert!(video < audio, "m-lines keep the offer's order");
        parse_sdp(&answer, false).expect("the answer parses");
    }

    #[test]
    fn an_attribute_the_parser_rejects_is_ignored() {
        let offer = offer_with(
            "m=audio 5000 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n",
        );
        let answer = answer(&offer, LOCAL, 1).unwrap();
        assert!(answer.contains("m=audio 40000 RTP/AVP 0\r\n"), "{answer}");
        assert!(answer.contains("m=video 0 RTP/AVP 31\r\n"), "{answer}");
    }

    #[test]
    fn offers_without_a_usable_stream_are_refused() {
        let g729 = offer_with("m=audio 5000 RTP/AVP 18\r\n");
        assert_eq!(answer(&g729, LOCAL, 1), Err(Refusal::NoAcceptableStream));
        assert!(matches!(
            answer("not sdp", LOCAL, 1),
            Err(Refusal::Unparseable(_))
        ));
    }

    #[test]
    fn an_offer_parses() {
        let offer = offer(LOCAL, 3);
        let parsed = parse_sdp(&offer, false).unwrap();
        assert_eq!(parsed.media.len(), 1);
        assert!(offer.contains("m=audio 40000 RTP/AVP 0 8\r\n"), "{offer}");
    }
}
