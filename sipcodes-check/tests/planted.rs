//! Small captures with one planted violation or one transport case each,
//! written by the tests; each finding and count is pinned.

mod capture;

use capture::{CLIENT, Exchange, Pcap, SERVER, check, objects, rules, save, summary};

fn findings_of(name: &str, pcap: &Pcap) -> (Vec<String>, serde_json::Value) {
    let path = pcap.save(name);
    let output = check(&[&path], &["--format", "json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // No progress bar where standard error is not a terminal.
    assert!(output.stderr.is_empty());
    let objects = objects(&output);
    (rules(&objects), summary(&objects).clone())
}

#[test]
fn a_header_field_the_code_requires() {
    let register = Exchange::new("REGISTER", "z9hG4bK-405");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", ""),
    );
    let (found, summary) = findings_of("missing-allow.pcap", &pcap);
    assert_eq!(
        found,
        ["405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)"]
    );
    assert_eq!(summary["requests"], 1);
    assert_eq!(summary["responses"], 1);
    assert_eq!(summary["unpaired"], 0);
    assert_eq!(summary["findings"]["must"], 1);
    assert_eq!(summary["findings"]["mandatory"], 1);
    assert_eq!(summary["findings"]["must-not"], 0);
    assert_eq!(summary["findings"]["total"], 1);

    // The same exchange with Allow: nothing to report.
    let mut fixed = Pcap::ethernet();
    fixed.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", "Allow: INVITE, ACK\r\n"),
    );
    assert!(findings_of("with-allow.pcap", &fixed).0.is_empty());
}

#[test]
fn a_code_that_does_not_answer_the_method() {
    let options = Exchange::new("OPTIONS", "z9hG4bK-408");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &options.request()).udp(
        SERVER,
        CLIENT,
        &options.response("408 Request Timeout", ""),
    );
    let (found, _) = findings_of("408-to-options.pcap", &pcap);
    assert_eq!(
        found,
        ["408 Request Timeout MUST answer only INVITE (RFC 4320 §4.2)"]
    );
}

#[test]
fn a_code_that_answers_only_inside_a_dialog() {
    let outside = Exchange::new("SUBSCRIBE", "z9hG4bK-204");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &outside.request()).udp(
        SERVER,
        CLIENT,
        &outside.response("204 No Notification", ""),
    );
    // RFC 5839 §7.1: "It is valid only in response to a SUBSCRIBE message sent
    // within an established dialog": a description, without a keyword.
    let answers = "204 No Notification must answer only SUBSCRIBE inside a dialog \
                   (RFC 5839 §7.1; no RFC 2119 keyword)";
    let (found, summary) = findings_of("204-outside.pcap", &pcap);
    assert!(found.iter().any(|rule| rule == answers), "{found:?}");
    assert_eq!(summary["findings"]["statement"], 1);
    assert_eq!(summary["findings"]["described"], 1);

    let inside = Exchange {
        to_tag: Some("b2"),
        ..Exchange::new("SUBSCRIBE", "z9hG4bK-204b")
    };
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &inside.request()).udp(
        SERVER,
        CLIENT,
        &inside.response("204 No Notification", ""),
    );
    let (found, _) = findings_of("204-inside.pcap", &pcap);
    assert!(!found.iter().any(|rule| rule == answers), "{found:?}");
}

#[test]
fn a_second_final_response_on_a_non_invite_transaction() {
    let message = Exchange::new("MESSAGE", "z9hG4bK-twice");
    let ok = message.response("200 OK", "");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &ok)
        // The request again, and the same final response again: a retransmission.
        .udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &ok)
        .udp(
            SERVER,
            CLIENT,
            &message.response("500 Server Internal Error", ""),
        );
    let (found, summary) = findings_of("second-final.pcap", &pcap);
    assert_eq!(
        found,
        [
            "500 Server Internal Error MUST NOT be sent after another final response to the request (RFC 3261 §17.2.2)"
        ]
    );
    assert_eq!(summary["findings"]["must-not"], 1);

    // The same retransmissions without the second answer break nothing.
    let mut fixed = Pcap::ethernet();
    fixed
        .udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &ok)
        .udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &ok);
    assert!(findings_of("one-final.pcap", &fixed).0.is_empty());
}

#[test]
fn a_rule_without_a_keyword_is_reported_as_a_description() {
    // RFC 3261 §21.4.25: "This response is never returned for a CANCEL request
    // itself."
    let cancel = Exchange::new("CANCEL", "z9hG4bK-487");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &cancel.request()).udp(
        SERVER,
        CLIENT,
        &cancel.response("487 Request Terminated", ""),
    );
    let (found, summary) = findings_of("487-to-cancel.pcap", &pcap);
    assert_eq!(
        found,
        [
            "487 Request Terminated must answer any method but CANCEL (RFC 3261 §21.4.25; no RFC 2119 keyword)"
        ]
    );
    assert_eq!(summary["findings"]["total"], 1);
    assert_eq!(summary["findings"]["described"], 1);
    assert_eq!(summary["findings"]["statement"], 1);
    assert_eq!(summary["findings"]["must"], 0);
    assert_eq!(summary["findings"]["mandatory"], 0);
    assert_eq!(summary["findings"]["recommended"], 0);
    // A description fails no run, and the text summary counts it apart.
    let path = pcap.save("487-to-cancel-fail-on.pcap");
    let output = check(&[&path], &["--fail-on", "should"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("1 findings (0 MUST, 0 SHOULD, 1 without a keyword)"),
        "{text}"
    );
}

/// A request and its response inside one dialog (Call-ID `dialog@example.com`,
/// tags `a1` and `b2`), in their own transaction.
fn in_dialog(method: &'static str, branch: &'static str, status: &str) -> (String, String) {
    let exchange = Exchange {
        to_tag: Some("b2"),
        ..Exchange::new(method, branch)
    };
    let call_id = format!("Call-ID: {branch}@example.com");
    let dialog = |text: String| text.replace(&call_id, "Call-ID: dialog@example.com");
    (
        dialog(exchange.request()),
        dialog(exchange.response(status, "")),
    )
}

#[test]
fn a_request_on_a_dialog_a_481_ended() {
    // RFC 3261 §12.2.1.2: "If the response for a request within a dialog is a
    // 481 (Call/Transaction Does Not Exist) or a 408 (Request Timeout), the
    // UAC SHOULD terminate the dialog."
    let (info, gone) = in_dialog(
        "INFO",
        "z9hG4bK-info",
        "481 Call/Transaction Does Not Exist",
    );
    let (update, updated) = in_dialog("UPDATE", "z9hG4bK-update", "200 OK");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &info)
        .udp(SERVER, CLIENT, &gone)
        .udp(CLIENT, SERVER, &update)
        .udp(SERVER, CLIENT, &updated);
    let (found, summary) = findings_of("481-then-update.pcap", &pcap);
    let ended = "481 Call/Transaction Does Not Exist to INFO inside a dialog SHOULD end the dialog, \
                 yet UPDATE was sent on it after (RFC 3261 §12.2.1.2)";
    assert!(found.iter().any(|rule| rule == ended), "{found:?}");
    assert_eq!(summary["findings"]["should"], 1, "{found:?}");

    // The text names the 481 and the request sent after it, with their frames.
    let path = pcap.save("481-then-update-text.pcap");
    let text = String::from_utf8(check(&[&path], &[]).stdout).unwrap();
    assert!(
        text.contains(&format!(
            "  {ended}\n  response: SIP/2.0 481 Call/Transaction Does Not Exist (frame 2)\n  \
             request:  UPDATE sip:bob@example.com SIP/2.0 (frame 3)"
        )),
        "{text}"
    );

    // "For INVITE initiated dialogs, terminating the dialog consists of
    // sending a BYE": a BYE after the 481 is how the UAC ends it.
    let (bye, _) = in_dialog("BYE", "z9hG4bK-bye", "200 OK");
    let mut fixed = Pcap::ethernet();
    fixed
        .udp(CLIENT, SERVER, &info)
        .udp(SERVER, CLIENT, &gone)
        .udp(CLIENT, SERVER, &bye);
    assert!(findings_of("481-then-bye.pcap", &fixed).0.is_empty());
}

#[test]
fn a_request_on_an_invite_usage_a_2xx_to_bye_ended() {
    // RFC 3261 §15: "the BYE also terminates the dialog", no keyword.
    let (bye, ok) = in_dialog("BYE", "z9hG4bK-bye2", "200 OK");
    let (info, _) = in_dialog("INFO", "z9hG4bK-late", "200 OK");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &bye)
        .udp(SERVER, CLIENT, &ok)
        .udp(SERVER, CLIENT, &info);
    let (found, summary) = findings_of("bye-then-info.pcap", &pcap);
    assert_eq!(
        found,
        [
            "200 OK to BYE inside a dialog must end its invite usage, yet INFO was sent on it after \
          (RFC 3261 §15; no RFC 2119 keyword)"
        ]
    );
    assert_eq!(summary["findings"]["statement"], 1);
    // A second BYE is no way out: the usage ended with the first one's 2xx.
    let (again, _) = in_dialog("BYE", "z9hG4bK-bye3", "481 Call/Transaction Does Not Exist");
    let mut twice = Pcap::ethernet();
    twice
        .udp(CLIENT, SERVER, &bye)
        .udp(SERVER, CLIENT, &ok)
        .udp(CLIENT, SERVER, &again);
    assert_eq!(findings_of("bye-then-bye.pcap", &twice).0.len(), 1);
    // A request of another usage of the dialog (a subscription's NOTIFY) goes on.
    let (notify, _) = in_dialog("NOTIFY", "z9hG4bK-notify", "200 OK");
    let mut other = Pcap::ethernet();
    other
        .udp(CLIENT, SERVER, &bye)
        .udp(SERVER, CLIENT, &ok)
        .udp(SERVER, CLIENT, &notify);
    let (found, _) = findings_of("bye-then-notify.pcap", &other);
    assert!(
        !found
            .iter()
            .any(|rule| rule.contains("was sent on it after")),
        "{found:?}"
    );
}

#[test]
fn a_notify_on_a_subscription_a_405_ended() {
    // RFC 6665 §4.2.2: a notifier whose NOTIFY gets a 405 "MUST remove the
    // corresponding subscription". A subscription is its dialog and its Event
    // type and id (§8.2.1); the NOTIFYs go from SERVER (the notifier) here.
    let event =
        |text: String, value: &str| text.replace("CSeq:", &format!("Event: {value}\r\nCSeq:"));
    let (notify, refused) = in_dialog("NOTIFY", "z9hG4bK-n1", "405 Method Not Allowed");
    let (again, _) = in_dialog("NOTIFY", "z9hG4bK-n2", "200 OK");
    let (other, _) = in_dialog("NOTIFY", "z9hG4bK-n3", "200 OK");
    let (refresh, _) = in_dialog("SUBSCRIBE", "z9hG4bK-s1", "200 OK");
    let after = |what: &str, from: ([u8; 4], u16), to: ([u8; 4], u16)| {
        let mut pcap = Pcap::ethernet();
        pcap.udp(SERVER, CLIENT, &event(notify.clone(), "presence;id=7"))
            .udp(CLIENT, SERVER, &refused)
            .udp(from, to, what);
        findings_of("subscription.pcap", &pcap)
            .0
            .into_iter()
            .filter(|rule| rule.contains("was sent on it after"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        after(&event(again, "presence ;id=7;x=y"), SERVER, CLIENT),
        [
            "405 Method Not Allowed to NOTIFY inside a dialog MUST end its subscription to \
             presence;id=7, yet NOTIFY was sent on it after (RFC 6665 §4.2.2)"
        ]
    );
    // Another subscription of the dialog (another id) goes on.
    assert!(after(&event(other, "presence;id=8"), SERVER, CLIENT).is_empty());
    // The subscriber, who sent the 405, was told nothing by it.
    assert!(after(&event(refresh, "presence;id=7"), CLIENT, SERVER).is_empty());
}

#[test]
fn what_the_request_asked_for() {
    // RFC 3262 §3: an INVITE that requires 100rel gets its 180 reliably.
    let invite = Exchange {
        request_extra: "Require: 100rel\r\nContact: <sip:alice@127.0.0.1:5061>\r\n",
        ..Exchange::new("INVITE", "z9hG4bK-100rel")
    };
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &invite.request()).udp(
        SERVER,
        CLIENT,
        &invite.response("180 Ringing", "Contact: <sip:bob@127.0.0.1:5060>\r\n"),
    );
    let (found, _) = findings_of("180-unreliable.pcap", &pcap);
    assert!(
        found
            .iter()
            .any(|rule| rule.starts_with("180 Ringing MUST carry RSeq")),
        "{found:?}"
    );

    // Without the request, the checker does not know 100rel was required.
    let mut alone = Pcap::ethernet();
    alone.udp(
        SERVER,
        CLIENT,
        &invite.response("180 Ringing", "Contact: <sip:bob@127.0.0.1:5060>\r\n"),
    );
    let (found, summary) = findings_of("180-alone.pcap", &alone);
    assert!(!found.iter().any(|rule| rule.contains("RSeq")), "{found:?}");
    assert_eq!(summary["unpaired"], 1);
}

#[test]
fn a_body_the_code_must_not_carry() {
    let message = Exchange::new("MESSAGE", "z9hG4bK-msg");
    let with_body = message
        .response("200 OK", "Content-Type: text/plain\r\n")
        .replace("Content-Length: 0\r\n\r\n", "Content-Length: 2\r\n\r\nhi");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &with_body);
    let (found, summary) = findings_of("200-message-body.pcap", &pcap);
    assert_eq!(
        found,
        ["200 OK MUST NOT carry a message body (RFC 3428 §7)"]
    );
    assert_eq!(summary["findings"]["must-not"], 1);
    assert_eq!(summary["findings"]["must"], 0);
    assert_eq!(summary["findings"]["mandatory"], 1);

    // RFC 3261 §7.4.1: a body without Content-Type, and Content-Encoding
    // without a body.
    let untyped = message
        .response("200 OK", "")
        .replace("Content-Length: 0\r\n\r\n", "Content-Length: 2\r\n\r\nhi");
    let coded = Exchange::new("MESSAGE", "z9hG4bK-msg2");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &message.request())
        .udp(SERVER, CLIENT, &untyped)
        .udp(CLIENT, SERVER, &coded.request())
        .udp(
            SERVER,
            CLIENT,
            &coded.response("200 OK", "Content-Encoding: gzip\r\n"),
        );
    let (found, _) = findings_of("body-type.pcap", &pcap);
    assert!(
        found
            .iter()
            .any(|rule| rule == "200 OK MUST carry Content-Type (RFC 3261 §7.4.1)"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|rule| rule == "200 OK MUST NOT carry Content-Encoding (RFC 3261 §7.4.1)"),
        "{found:?}"
    );
}

#[test]
fn text_findings_name_the_frame_the_addresses_and_the_request() {
    let register = Exchange::new("REGISTER", "z9hG4bK-text");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", ""),
    );
    let path = pcap.save("text.pcap");
    let output = check(&[&path], &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    let file = path.display();
    // Two rules over every response stay undecided: Require for an extension
    // the UAS applied (RFC 3261 §8.2.4, stated in prose), and no Allow-Events
    // in a proxy's own response (RFC 6665 §4.4.4: who generated it is unknown).
    assert_eq!(
        text,
        format!(
            "{file}:2 1.000000s 127.0.0.1:5060 -> 127.0.0.1:5061 Call-ID z9hG4bK-text@example.com\n\
             \x20 405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)\n\
             \x20 response: SIP/2.0 405 Method Not Allowed (frame 2)\n\
             \x20 request:  REGISTER sip:bob@example.com SIP/2.0 (frame 1)\n\
             {file}: 2 frames, 1 requests, 1 responses, 0 unparsed, 0 unpaired, \
             0 forwarded by a proxy, 1 findings (1 MUST, 0 SHOULD), 2 rules undecided\n\
             \x20      1  405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)\n"
        )
    );
}

#[test]
fn fail_on_sets_the_exit_status() {
    let register = Exchange::new("REGISTER", "z9hG4bK-fail");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", ""),
    );
    let path = pcap.save("fail-on.pcap");
    assert_eq!(check(&[&path], &[]).status.code(), Some(0));
    assert_eq!(
        check(&[&path], &["--fail-on", "must"]).status.code(),
        Some(1)
    );
    assert_eq!(
        check(&[&path], &["--fail-on", "should"]).status.code(),
        Some(1)
    );
}

#[test]
fn messages_it_cannot_read_or_pair_are_listed_and_counted() {
    let mut pcap = Pcap::ethernet();
    pcap.udp(
        CLIENT,
        SERVER,
        "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-x\r\n\r\n",
    )
    .udp(
        SERVER,
        CLIENT,
        &Exchange::new("OPTIONS", "z9hG4bK-y").response("200 OK", ""),
    )
    // Not SIP at all: RTP, say. Neither listed nor counted.
    .udp(CLIENT, SERVER, "\u{80}\u{0}rtp");
    let path = pcap.save("unreadable.pcap");
    let objects = objects(&check(&[&path], &["--format", "json"]));
    let kinds: Vec<_> = objects
        .iter()
        .map(|o| o["type"].as_str().unwrap())
        .filter(|kind| *kind != "finding")
        .collect();
    assert_eq!(kinds, ["unparsed", "unpaired", "summary"]);
    assert_eq!(objects[0]["reason"], "no CSeq header field");
    assert_eq!(objects[0]["frame"], 1);
    assert_eq!(objects[1]["frame"], 2);
    let summary = summary(&objects);
    assert_eq!(
        (summary["unparsed"].as_u64(), summary["unpaired"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(summary["frames"], 3);
}

#[test]
fn tcp_streams_are_framed_by_content_length() {
    let invite = Exchange::new("OPTIONS", "z9hG4bK-tcp");
    let request = invite
        .request()
        .replace("Content-Length: 0\r\n\r\n", "Content-Length: 4\r\n\r\nbody");
    let answer = invite.response("405 Method Not Allowed", "");
    let both = format!("{answer}{answer}");
    let mut pcap = Pcap::ethernet();
    // The request over three segments, one of them sent twice; the two
    // responses (a retransmission) in one segment.
    let bytes = request.as_bytes();
    pcap.tcp(CLIENT, SERVER, 1000, &bytes[..30])
        .tcp(CLIENT, SERVER, 1030, &bytes[30..60])
        .tcp(CLIENT, SERVER, 1030, &bytes[30..60])
        .tcp(CLIENT, SERVER, 1060, &bytes[60..])
        .tcp(SERVER, CLIENT, 7000, both.as_bytes());
    let (found, summary) = findings_of("tcp.pcap", &pcap);
    assert_eq!(summary["requests"], 1);
    assert_eq!(summary["responses"], 2);
    assert_eq!(summary["unpaired"], 0);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn fragmented_datagrams_are_put_together() {
    let options = Exchange {
        request_extra: "Subject: a long subject to make the datagram worth splitting in two\r\n",
        ..Exchange::new("OPTIONS", "z9hG4bK-frag")
    };
    let mut pcap = Pcap::ethernet();
    pcap.udp_fragmented(CLIENT, SERVER, &options.request()).udp(
        SERVER,
        CLIENT,
        &options.response("405 Method Not Allowed", ""),
    );
    let (found, summary) = findings_of("fragments.pcap", &pcap);
    assert_eq!(summary["requests"], 1);
    assert_eq!(summary["unpaired"], 0);
    assert_eq!(found.len(), 1);
}

#[test]
fn linux_cooked_captures_v2() {
    let options = Exchange::new("OPTIONS", "z9hG4bK-sll2");
    let mut pcap = Pcap::with_link(276);
    for (from, to, text) in [
        (CLIENT, SERVER, options.request()),
        (
            SERVER,
            CLIENT,
            options.response("405 Method Not Allowed", ""),
        ),
    ] {
        let mut ethernet = Vec::new();
        etherparse::PacketBuilder::ethernet2([2; 6], [4; 6])
            .ipv4(from.0, to.0, 64)
            .udp(from.1, to.1)
            .write(&mut ethernet, text.as_bytes())
            .unwrap();
        // Protocol 0x0800, reserved, interface 1, ARPHRD_ETHER, outgoing,
        // address length 6, address padded to 8.
        let mut frame = vec![0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 4, 6];
        frame.extend_from_slice(&[2, 2, 2, 2, 2, 2, 0, 0]);
        frame.extend_from_slice(&ethernet[14..]);
        pcap.frame(&frame);
    }
    let (found, summary) = findings_of("sll2.pcap", &pcap);
    assert_eq!(summary["requests"], 1);
    assert_eq!(
        found,
        ["405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)"]
    );
}

#[test]
fn a_truncated_file_keeps_its_findings_and_names_the_offset() {
    let register = Exchange::new("REGISTER", "z9hG4bK-cut");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &register.request())
        .udp(
            SERVER,
            CLIENT,
            &register.response("405 Method Not Allowed", ""),
        )
        .udp(CLIENT, SERVER, &register.request());
    let whole = pcap.bytes();
    let path = save("truncated.pcap", &whole[..whole.len() - 20]);
    let output = check(&[&path], &["--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let objects = objects(&output);
    assert_eq!(rules(&objects).len(), 1);
    let summary = summary(&objects);
    let frames_before = 24
        + 2 * 16
        + register.request().len()
        + 42
        + register.response("405 Method Not Allowed", "").len()
        + 42;
    assert_eq!(summary["error"]["offset"], frames_before);
    assert_eq!(
        summary["error"]["message"],
        "the file ends inside a record: it is truncated"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "truncated.pcap: the file ends inside a record: it is truncated (at byte {frames_before})"
        )),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_no_capture_is_a_clear_error() {
    let path = save("not-a-capture.pcap", b"this is text, not a capture file");
    let output = check(&[&path], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("not-a-capture.pcap: not a pcap or pcapng file"),
        "{stderr}"
    );
    let missing = std::path::Path::new("no-such-file.pcap");
    let output = check(&[missing], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("no-such-file.pcap: cannot open the file")
    );
}

/// A caller, a proxy and two branches, each on its own address.
const UAC: ([u8; 4], u16) = ([127, 0, 0, 1], 5061);
const PROXY: ([u8; 4], u16) = ([127, 0, 0, 2], 5060);
const BRANCH: [([u8; 4], u16); 2] = [([127, 0, 0, 3], 5060), ([127, 0, 0, 4], 5060)];

/// A request as the caller sends it, or as the proxy forwards it on a branch
/// (its own Via on top).
fn proxied_request(method: &str, branch: Option<usize>) -> String {
    let vias = match branch {
        Some(n) => format!(
            "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-p{n}\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-u\r\n"
        ),
        None => "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-u\r\n".to_owned(),
    };
    format!(
        "{method} sip:bob@example.com SIP/2.0\r\n{vias}From: <sip:alice@example.com>;tag=a1\r\n\
         To: <sip:bob@example.com>\r\nCall-ID: proxied@example.com\r\nCSeq: 1 {method}\r\n\
         Max-Forwards: 70\r\nContact: <sip:alice@127.0.0.1:5061>\r\nContent-Length: 0\r\n\r\n"
    )
}

/// A response from a branch to the proxy, or from the proxy upstream.
fn proxied_response(method: &str, status: &str, to_tag: &str, branch: Option<usize>) -> String {
    let request = proxied_request(method, branch);
    let head: String = request
        .lines()
        .filter(|line| {
            ["Via", "From", "To", "Call-ID", "CSeq"]
                .iter()
                .any(|name| line.starts_with(&format!("{name}:")))
        })
        .map(|line| match line.starts_with("To:") {
            true => format!("{line};tag={to_tag}\r\n"),
            false => format!("{line}\r\n"),
        })
        .collect();
    format!("SIP/2.0 {status}\r\n{head}Contact: <sip:bob@127.0.0.9>\r\nContent-Length: 0\r\n\r\n")
}

fn proxy_findings(name: &str, pcap: &Pcap) -> Vec<String> {
    let (found, summary) = findings_of(name, pcap);
    assert!(summary["forwarded"].as_u64() > Some(0), "{summary}");
    found
        .into_iter()
        .filter(|rule| rule.contains("branch"))
        .collect()
}

/// A response in a proxied exchange: from branch `n` to the proxy, or from
/// the proxy upstream passing branch `n`'s (its To tag).
#[derive(Clone, Copy)]
enum Hop {
    Branch(usize),
    Up(usize),
}

/// A request forked on `branches` branches, then these responses in order.
fn exchange(method: &str, branches: usize, responses: &[(Hop, &str)]) -> Pcap {
    let mut pcap = Pcap::ethernet();
    pcap.udp(UAC, PROXY, &proxied_request(method, None));
    for (branch, address) in BRANCH.iter().enumerate().take(branches) {
        pcap.udp(PROXY, *address, &proxied_request(method, Some(branch)));
    }
    for (hop, status) in responses {
        match *hop {
            Hop::Branch(n) => {
                let response = proxied_response(method, status, &format!("b{n}"), Some(n));
                pcap.udp(BRANCH[n], PROXY, &response)
            }
            Hop::Up(n) => {
                let response = proxied_response(method, status, &format!("b{n}"), None);
                pcap.udp(PROXY, UAC, &response)
            }
        };
    }
    pcap
}

#[test]
fn a_proxy_that_keeps_a_provisional_response_back() {
    let kept = [
        (Hop::Branch(0), "180 Ringing"),
        (Hop::Branch(0), "200 OK"),
        (Hop::Up(0), "200 OK"),
    ];
    assert_eq!(
        proxy_findings("proxy-keeps-180.pcap", &exchange("INVITE", 1, &kept)),
        ["180 Ringing from a branch MUST be passed upstream at once (RFC 3261 §16.7)"]
    );
    // Passed on, it is what the rule asks.
    let passed = [
        (Hop::Branch(0), "180 Ringing"),
        (Hop::Up(0), "180 Ringing"),
        (Hop::Branch(0), "200 OK"),
        (Hop::Up(0), "200 OK"),
    ];
    assert!(proxy_findings("proxy-passes-180.pcap", &exchange("INVITE", 1, &passed)).is_empty());
}

#[test]
fn a_proxy_that_passes_a_response_after_its_final_one() {
    let responses = [
        (Hop::Branch(0), "404 Not Found"),
        (Hop::Up(0), "404 Not Found"),
        (Hop::Branch(1), "200 OK"),
        (Hop::Up(1), "200 OK"),
    ];
    assert_eq!(
        proxy_findings(
            "proxy-passes-after-final.pcap",
            &exchange("OPTIONS", 2, &responses)
        ),
        ["200 OK from a branch MUST NOT be passed upstream (RFC 3261 §16.7)"]
    );
}

#[test]
fn a_proxy_that_sends_upstream_what_is_not_the_best_response() {
    let (busy, everywhere) = ("486 Busy Here", "600 Busy Everywhere");
    let finals = [(Hop::Branch(0), busy), (Hop::Branch(1), everywhere)];
    let not_best = exchange("INVITE", 2, &[finals[0], finals[1], (Hop::Up(0), busy)]);
    let found = proxy_findings("proxy-not-best.pcap", &not_best);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "486 Busy Here went upstream where the best response of the branches is 600 Busy Everywhere; "
        ),
        "{found:?}"
    );
    assert!(found[0].ends_with("(RFC 3261 §16.7)"), "{found:?}");
    // The 600 upstream is the choice the registry makes.
    let best = exchange(
        "INVITE",
        2,
        &[finals[0], finals[1], (Hop::Up(1), everywhere)],
    );
    assert!(proxy_findings("proxy-best.pcap", &best).is_empty());
}

#[test]
fn several_files_are_checked_each_with_its_summary() {
    let register = Exchange::new("REGISTER", "z9hG4bK-many");
    let mut broken = Pcap::ethernet();
    broken.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", ""),
    );
    let mut fine = Pcap::ethernet();
    fine.udp(CLIENT, SERVER, &register.request()).udp(
        SERVER,
        CLIENT,
        &register.response("405 Method Not Allowed", "Allow: INVITE\r\n"),
    );
    let paths = [
        broken.save("many-1.pcap"),
        fine.save("many-2.pcap"),
        broken.save("many-3.pcap"),
    ];
    let files: Vec<&std::path::Path> = paths.iter().map(|path| path.as_path()).collect();
    for jobs in ["1", "2", "3"] {
        let output = check(
            &files,
            &["--format", "json", "--jobs", jobs, "--fail-on", "must"],
        );
        assert_eq!(output.status.code(), Some(1), "jobs {jobs}");
        let objects = objects(&output);
        let mut summaries: Vec<(String, u64)> = objects
            .iter()
            .filter(|object| object["type"] == "summary")
            .map(|object| {
                let file = object["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned();
                (file, object["findings"]["mandatory"].as_u64().unwrap())
            })
            .collect();
        summaries.sort();
        let expected = [("many-1.pcap", 1), ("many-2.pcap", 0), ("many-3.pcap", 1)];
        let expected: Vec<(String, u64)> =
            expected.iter().map(|(f, n)| (f.to_string(), *n)).collect();
        assert_eq!(summaries, expected, "jobs {jobs}");
        assert_eq!(rules(&objects).len(), 2, "jobs {jobs}");
    }
}

#[test]
fn a_progress_bar_shows_on_a_terminal() {
    // script(1) runs the checker on a pseudo-terminal and keeps what it drew.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("SIPCODES_REQUIRE_PEERS").is_none(),
            "script(1) is not installed (Debian package bsdutils)"
        );
        eprintln!("skipped: script(1) is not installed");
        return;
    }
    let register = Exchange::new("REGISTER", "z9hG4bK-bar");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &register.request());
    let path = pcap.save("progress.pcap");
    let log = path.with_extension("typescript");
    let command = format!(
        "{} {} > /dev/null",
        env!("CARGO_BIN_EXE_sipcodes-check"),
        path.display()
    );
    let status = std::process::Command::new("script")
        .args(["-qec", &command])
        .arg(&log)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let drawn = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(drawn.contains(&format!("{} [", path.display())), "{drawn}");
}

#[test]
fn pcapng_ipv6_and_vlan() {
    let register = Exchange::new("REGISTER", "z9hG4bK-v6");
    let mut pcap = Pcap::ethernet();
    pcap.udp_ipv6_vlan(5061, 5060, &register.request())
        .udp_ipv6_vlan(5060, 5061, &register.response("405 Method Not Allowed", ""));
    let expected = ["405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)"];
    let (found, summary) = findings_of("ipv6-vlan.pcap", &pcap);
    assert_eq!(found, expected);
    assert_eq!(summary["unpaired"], 0);

    let path = save("ipv6-vlan.pcapng", &pcap.to_pcapng());
    let output = check(&[&path], &["--format", "json"]);
    assert!(output.status.success());
    let objects = objects(&output);
    assert_eq!(rules(&objects), expected);
    let finding = objects.iter().find(|o| o["type"] == "finding").unwrap();
    // Port 5060 from address ::c4 (the helper numbers hosts by port).
    assert_eq!(finding["source"], "[::c4]:5060");
    assert_eq!(finding["time"], 1_800_000_001.0);
}

/// A small, seeded generator: the same captures on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self, below: usize) -> usize {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }

    /// The bytes with a few bytes changed, inserted or removed.
    fn mutate(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut bytes = bytes.to_vec();
        for _ in 0..1 + self.next(12) {
            let at = self.next(bytes.len() + 1);
            match self.next(3) {
                0 if at < bytes.len() => bytes[at] = self.next(256) as u8,
                1 => bytes.insert(at, self.next(256) as u8),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        bytes
    }
}

#[test]
fn mutated_and_truncated_captures_never_crash_it() {
    let exchange = Exchange::new("INVITE", "z9hG4bK-noise");
    let texts = [
        exchange.request(),
        exchange.response("180 Ringing", "Contact: <sip:b@h>\r\n"),
    ];
    let mut noise = Noise(0x5eed_cafe);
    for capture in 0..24 {
        let mut pcap = Pcap::ethernet();
        for n in 0..120u32 {
            let original = &texts[noise.next(2)];
            let text = noise.mutate(original.as_bytes());
            match noise.next(4) {
                0 => pcap.tcp(CLIENT, SERVER, n * 97, &text),
                1 => {
                    // A whole frame damaged: link, IP or transport headers.
                    let mut frame = Vec::new();
                    etherparse::PacketBuilder::ethernet2([2; 6], [4; 6])
                        .ipv4(CLIENT.0, SERVER.0, 64)
                        .udp(CLIENT.1, SERVER.1)
                        .write(&mut frame, &text)
                        .unwrap();
                    let damaged = noise.mutate(&frame);
                    pcap.frame(&damaged)
                }
                _ => pcap.udp(CLIENT, SERVER, &String::from_utf8_lossy(&text)),
            };
        }
        let mut bytes = pcap.bytes().to_vec();
        if capture % 4 == 3 {
            bytes.truncate(24 + noise.next(bytes.len() - 24));
        }
        let path = save(&format!("noise-{capture}.pcap"), &bytes);
        let output = check(&[&path], &["--format", "json"]);
        // 0, or 2 for a truncated file: never a panic.
        assert!(
            matches!(output.status.code(), Some(0 | 2)),
            "{}: {output:?}",
            path.display()
        );
        let objects = objects(&output);
        assert!(summary(&objects)["frames"].as_u64().is_some());
    }
}

#[test]
fn rfc_2543_peers_are_paired_without_a_magic_cookie() {
    // No z9hG4bK branch: the request is told by Call-ID, CSeq, From tag and
    // topmost Via (RFC 3261 §17.2.3).
    let old = Exchange::new("REGISTER", "old-style-1");
    let mut pcap = Pcap::ethernet();
    pcap.udp(CLIENT, SERVER, &old.request()).udp(
        SERVER,
        CLIENT,
        &old.response("405 Method Not Allowed", ""),
    );
    let (found, summary) = findings_of("rfc2543.pcap", &pcap);
    assert_eq!(summary["unpaired"], 0, "{summary}");
    assert_eq!(
        found,
        ["405 Method Not Allowed MUST carry Allow (RFC 3261 §21.4.6)"]
    );
    // Another CSeq is another request.
    let mut other = Pcap::ethernet();
    other.udp(CLIENT, SERVER, &old.request()).udp(
        SERVER,
        CLIENT,
        &old.response("405 Method Not Allowed", "")
            .replace("CSeq: 1 ", "CSeq: 2 "),
    );
    assert_eq!(findings_of("rfc2543-other.pcap", &other).1["unpaired"], 1);
}

#[test]
fn what_it_cannot_decode_is_counted() {
    let mut pcap = Pcap::ethernet();
    // An SCTP packet (IP protocol 132), which SIP may use (RFC 4168).
    let mut sctp = Vec::new();
    etherparse::PacketBuilder::ethernet2([2; 6], [4; 6])
        .ipv4(CLIENT.0, SERVER.0, 64)
        .write(&mut sctp, etherparse::IpNumber(132), &[0; 16])
        .unwrap();
    pcap.frame(&sctp);
    // A TLS connection: a ClientHello on port 5061.
    pcap.tcp(
        CLIENT,
        SERVER,
        1,
        &[0x16, 0x03, 0x01, 0x00, 0x2e, 0x01, 0x00, 0x00, 0x2a],
    );
    // A frame cut short inside its IP header.
    pcap.frame(&sctp[..20]);
    let (_, summary) = findings_of("not-decoded.pcap", &pcap);
    assert_eq!(
        summary["not_decoded"],
        serde_json::json!({
            "SCTP packets": 1,
            "TLS connections": 1,
            "frames that do not decode": 1,
        })
    );
}

#[test]
fn command_line_mistakes_say_what_is_accepted() {
    let path = save("empty.pcap", b"");
    let output = check(&[&path], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("empty.pcap: the file is empty (at byte 0)"),
        "{stderr}"
    );

    let output = check(&[&path], &["--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: text, json]"
        ),
        "{stderr}"
    );
    let output = check(&[&path], &["--fail-on", "may"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("[possible values: must, should]"),
        "{stderr}"
    );
    let output = check(&[], &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("the following required arguments were not provided:\n  <FILES>..."),
        "{stderr}"
    );
}
