//! A file of a SIP stack that glob-imports both its stack's message types and
//! `sipcodes`: every name resolves, none is ambiguous. `StatusCode` is the one
//! name both export, by design (it is the type `sipcodes` replaces); an explicit
//! import of either settles it, as an explicit `use` outranks a glob.

use rsipstack::sip::*;
use sipcodes::*;

#[test]
fn the_stacks_message_types_and_the_root_of_sipcodes_live_side_by_side() {
    // The stack's types, by the names a stack's code uses.
    let method: Method = Method::Invite;
    let version: Version = Version::V2;
    let transport = Transport::Udp;
    let _: Option<(Request, Response, Header, Headers, SipMessage, Uri, Param)> = None;
    let _: Option<(Subject, Reason, Via, Contact, CallId)> = None;
    let _: Option<(CSeq, From, To, Scheme, Host)> = None;
    let _: Option<Error> = None;
    assert_eq!(method.to_string(), "INVITE");
    assert_eq!(version.to_string(), "SIP/2.0");
    assert_eq!(transport.to_string(), "UDP");

    // Every name at the root of `sipcodes` but `StatusCode`.
    let code: SipCode = SipCode::BusyHere;
    let class: Class = code.class();
    let line: StatusLine<'_> = StatusLine::canonical(code);
    let phrase: ReasonPhrase<'_> = line.phrase();
    let _: Option<(CodeError, ReasonPhraseError, StatusLineError, ReceivedError)> = None;
    let _: Option<(SipVersion, ReasonPhraseBuf, StatusLineBuf)> = None;
    assert_eq!(class, Class::RequestFailure);
    assert_eq!(phrase.as_str(), "Busy Here");

    // The derive and its traits.
    #[derive(Debug, PartialEq, SipResponseHandler)]
    enum Outcome {
        #[sip(2xx)]
        Done,
        #[sip(other)]
        Failed(SipCode),
    }
    fn carries<T: CodeCarrier>() {}
    carries::<SipCode>();
    assert_eq!(Outcome::from_code(SipCode::Ok), Outcome::Done);
    assert_eq!(Outcome::from_code(code), Outcome::Failed(code));
}

mod explicit {
    use rsipstack::sip::*;
    use sipcodes::*;
    // An explicit import outranks both globs.
    use sipcodes::StatusCode;

    #[test]
    fn an_explicit_import_settles_the_one_shared_name() {
        let busy: StatusCode = StatusCode::BUSY_HERE;
        assert_eq!(busy, SipCode::BusyHere);
        let stack: rsipstack::sip::StatusCode = 486.into();
        assert_eq!(stack.code(), busy.as_u16());
        let _: Option<Request> = None;
    }
}
