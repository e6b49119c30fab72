//! Just enough SIP request parsing for the example: the request line and the
//! header fields a response needs. A malformed request is a `Malformed` that
//! says what was wrong, in words fit for a reason phrase.

use sipcodes::header;

pub struct Request<'a> {
    pub method: &'a str,
    pub uri: &'a str,
    /// Header fields in order, names as received.
    pub headers: Vec<(&'a str, &'a str)>,
}

/// What is wrong with a request; becomes the phrase of a 400 response.
pub struct Malformed(pub &'static str);

impl<'a> Request<'a> {
    pub fn parse(text: &'a str) -> Result<Request<'a>, Malformed> {
        let head = match text.split_once("\r\n\r\n") {
            Some((head, _body)) => head,
            None => text.strip_suffix("\r\n").unwrap_or(text),
        };
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or("");
        let mut parts = request_line.split(' ');
        let (Some(method), Some(uri), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Malformed("Malformed Request-Line"));
        };
        if !version.eq_ignore_ascii_case("SIP/2.0") {
            return Err(Malformed("Unsupported SIP Version"));
        }
        if method.is_empty()
            || !method
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
        {
            return Err(Malformed("Malformed Method"));
        }
        if !uri.contains(':') {
            return Err(Malformed("Malformed Request-URI"));
        }
        let mut headers = Vec::new();
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                return Err(Malformed("Malformed Header Field"));
            };
            let name = name.trim_end();
            if name.is_empty() || name.contains(' ') {
                return Err(Malformed("Malformed Header Field"));
            }
            headers.push((name, value.trim()));
        }
        let request = Request {
            method,
            uri,
            headers,
        };
        for (required, problem) in [
            ("Via", "Missing Via"),
            ("From", "Missing From"),
            ("To", "Missing To"),
            ("Call-ID", "Missing Call-ID"),
            ("CSeq", "Missing CSeq"),
        ] {
            if request.header(required).is_none() {
                return Err(Malformed(problem));
            }
        }
        let cseq_method = request
            .header("CSeq")
            .and_then(|cseq| cseq.split_whitespace().nth(1));
        if cseq_method != Some(method) {
            return Err(Malformed("CSeq Does Not Match Method"));
        }
        Ok(request)
    }

    /// The first header field with this name (any case, compact forms too).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.all(name).next()
    }

    /// Every header field with this name, in order.
    pub fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.headers
            .iter()
            .filter(move |(n, _)| header::same(n, name))
            .map(|(_, value)| *value)
    }

    /// The user part of the Request-URI: `bob` in `sip:bob@example.com`.
    pub fn user(&self) -> Option<&'a str> {
        let rest = self.uri.split_once(':')?.1;
        let (user, _host) = rest.split_once('@')?;
        Some(user.split(';').next().unwrap_or(user))
    }
}

/// Every `Name: value` line after the first, for answering a request that
/// failed to parse.
pub fn header_lines(text: &str) -> Vec<(&str, &str)> {
    let head = text.split("\r\n\r\n").next().unwrap_or(text);
    head.split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
        .collect()
}
