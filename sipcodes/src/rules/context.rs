//! What an element knows of the circumstances of a response: one description
//! that the validator, the receivers and the proxy context all take.

use crate::header;
use crate::rules::Role;

/// What is known of the request a response answers and of the element that
/// generates, forwards or receives the response. Every fact starts unknown,
/// and a rule limited to circumstances that are not known is never guessed: the
/// validator lists it as undecided ([`Check::undecided`](crate::check::Check::undecided)),
/// and the receivers leave it out.
///
/// The lists (the request's header field names, the option tags of its Require
/// and Supported header fields) take any iterable of names that can be walked
/// more than once: an array, a slice, `&Vec<String>`, or an iterator adapter
/// over a stack's own header list; nothing is copied or allocated.
///
/// ```
/// use sipcodes::check::Check;
/// use sipcodes::rules::{Context, DialogEffect, Role};
/// use sipcodes::{SipCode, StatusCode};
///
/// // A UAS answering an INVITE that required 100rel, outside a dialog.
/// let require = vec![String::from("100rel")];
/// let invite = Context::new()
///     .method("INVITE")
///     .request_headers(["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Require"])
///     .require(&require)
///     .supported(["100rel", "timer"])
///     .in_dialog(false)
///     .roles(&[Role::Uas])
///     .generates(true);
///
/// // RFC 3262 §3: the request required 100rel, so the 180 goes reliably.
/// let ringing = Check::new(SipCode::Ringing)
///     .headers(["Via", "From", "To", "Call-ID", "CSeq", "Contact"])
///     .context(invite);
/// let missing: Vec<_> = ringing.violations().filter_map(|v| v.header()).collect();
/// assert_eq!(missing, ["Require", "RSeq"]);
/// let reliable = ringing.headers(["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Require", "RSeq"]);
/// assert!(reliable.is_valid());
///
/// // The same facts answer the receivers' questions.
/// assert_eq!(StatusCode::BUSY_HERE.dialog_effect(&invite), DialogEffect::Dialog);
/// ```
#[derive(Copy, Clone, Debug)]
pub struct Context<'a, H = NoNames, Q = NoNames, S = NoNames> {
    pub(crate) method: Option<&'a str>,
    pub(crate) request_headers: Option<H>,
    pub(crate) require: Option<Q>,
    pub(crate) supported: Option<S>,
    pub(crate) in_dialog: Option<bool>,
    pub(crate) roles: Option<&'a [Role]>,
    pub(crate) generates: Option<bool>,
    pub(crate) after_final: Option<bool>,
}

/// The type of a list of names that was not given.
pub type NoNames = [&'static str; 0];

/// A list of names a [`Context`] is told: any iterable of strings that can be
/// walked more than once (`IntoIterator + Clone`, which arrays, slices,
/// references to collections and most iterator adapters are). Implemented for
/// every such type; there is nothing to implement.
///
/// ```
/// use sipcodes::rules::Names;
///
/// fn has_timer(tags: impl Names) -> bool {
///     tags.contains("timer", |a, b| a == b)
/// }
/// assert!(has_timer(["100rel", "timer"]));
/// assert!(has_timer(&vec![String::from("timer")]));
/// assert!(!has_timer("100rel, timer".split(", ").filter(|tag| *tag != "timer")));
/// ```
pub trait Names: Clone {
    /// Whether the list holds `name`, as `same` compares names.
    fn contains(&self, name: &str, same: fn(&str, &str) -> bool) -> bool;
}

impl<T> Names for T
where
    T: IntoIterator + Clone,
    T::Item: AsRef<str>,
{
    fn contains(&self, name: &str, same: fn(&str, &str) -> bool) -> bool {
        self.clone()
            .into_iter()
            .any(|given| same(given.as_ref(), name))
    }
}

/// Names produced on demand by a closure that returns an iterator: for a
/// stack whose header list iterates without being `Clone`.
///
/// ```
/// use sipcodes::rules::{Context, from_fn};
///
/// struct Header { name: String }
/// let headers = vec![Header { name: "Via".into() }, Header { name: "Require".into() }];
///
/// let context = Context::new().request_headers(from_fn(|| headers.iter().map(|h| h.name.as_str())));
/// assert_eq!(context.request_has("require"), Some(true));
/// ```
pub fn from_fn<F, I>(names: F) -> FromFn<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    FromFn(names)
}

/// The names a closure produces; see [`from_fn`].
#[derive(Copy, Clone, Debug)]
pub struct FromFn<F>(F);

impl<F, I> Names for FromFn<F>
where
    F: Fn() -> I + Clone,
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    fn contains(&self, name: &str, same: fn(&str, &str) -> bool) -> bool {
        (self.0)()
            .into_iter()
            .any(|given| same(given.as_ref(), name))
    }
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context::new()
    }
}

impl<'a> Context<'a> {
    /// A context in which nothing is known.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// assert_eq!(Context::new().request_has("Via"), None);
    /// ```
    pub const fn new() -> Self {
        Context {
            method: None,
            request_headers: None,
            require: None,
            supported: None,
            in_dialog: None,
            roles: None,
            generates: None,
            after_final: None,
        }
    }
}

impl<'a, H: Names, Q: Names, S: Names> Context<'a, H, Q, S> {
    /// The method of the request.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::{Context, DialogEffect};
    ///
    /// let bye = Context::new().method("BYE").in_dialog(true);
    /// let gone = StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST;
    /// assert_eq!(gone.dialog_effect(&bye), DialogEffect::Dialog);
    /// ```
    #[must_use]
    pub fn method(self, method: &'a str) -> Self {
        Context {
            method: Some(method),
            ..self
        }
    }

    /// The names of the request's header fields, in any case, full or compact.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// let context = Context::new().request_headers(["v", "Timestamp"]);
    /// assert_eq!(context.request_has("Via"), Some(true));
    /// assert_eq!(context.request_has("Require"), Some(false));
    /// assert_eq!(Context::new().request_has("Via"), None);
    /// ```
    pub fn request_headers<N: Names>(self, names: N) -> Context<'a, N, Q, S> {
        Context {
            method: self.method,
            request_headers: Some(names),
            require: self.require,
            supported: self.supported,
            in_dialog: self.in_dialog,
            roles: self.roles,
            generates: self.generates,
            after_final: self.after_final,
        }
    }

    /// The option tags of the request's Require header fields (none, if it
    /// had no Require header field).
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// assert_eq!(Context::new().require(["100rel"]).requires("100rel"), Some(true));
    /// ```
    pub fn require<N: Names>(self, tags: N) -> Context<'a, H, N, S> {
        Context {
            method: self.method,
            request_headers: self.request_headers,
            require: Some(tags),
            supported: self.supported,
            in_dialog: self.in_dialog,
            roles: self.roles,
            generates: self.generates,
            after_final: self.after_final,
        }
    }

    /// The option tags of the request's Supported header fields (none, if it
    /// had no Supported header field).
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// let none: [&str; 0] = [];
    /// assert_eq!(Context::new().supported(none).supports("timer"), Some(false));
    /// ```
    pub fn supported<N: Names>(self, tags: N) -> Context<'a, H, Q, N> {
        Context {
            method: self.method,
            request_headers: self.request_headers,
            require: self.require,
            supported: Some(tags),
            in_dialog: self.in_dialog,
            roles: self.roles,
            generates: self.generates,
            after_final: self.after_final,
        }
    }

    /// Whether the request was sent inside a dialog (its To header field had a tag).
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// use sipcodes::StatusCode;
    /// use sipcodes::rules::DialogEffect;
    ///
    /// // A 481 to a request inside a dialog ends the dialog, outside it ends nothing.
    /// let gone = StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST;
    /// let info = Context::new().method("INFO");
    /// assert_ne!(gone.dialog_effect(&info.in_dialog(true)), DialogEffect::Transaction);
    /// assert_eq!(gone.dialog_effect(&info.in_dialog(false)), DialogEffect::Transaction);
    /// ```
    #[must_use]
    pub fn in_dialog(self, in_dialog: bool) -> Self {
        Context {
            in_dialog: Some(in_dialog),
            ..self
        }
    }

    /// The roles the element plays: a UA that answers a SUBSCRIBE is a UAS and
    /// a notifier; one that sends it is a UAC and a subscriber.
    ///
    /// ```
    /// use sipcodes::rules::{Context, Role};
    ///
    /// use sipcodes::{SipCode, StatusCode};
    ///
    /// // A 202 to SUBSCRIBE is acted on as 200 (RFC 6665).
    /// let none: [&str; 0] = [];
    /// let subscriber = Context::new().method("SUBSCRIBE").roles(&[Role::Uac, Role::Subscriber]);
    /// assert_eq!(StatusCode::ACCEPTED.effective_for(&subscriber, none), SipCode::Ok);
    /// ```
    #[must_use]
    pub fn roles(self, roles: &'a [Role]) -> Self {
        Context {
            roles: Some(roles),
            ..self
        }
    }

    /// Whether the element generates the response (`true`: a UAS answering, a
    /// proxy answering on its own) or forwards one it received (`false`). Rules
    /// about responses some elements generate are decided only when this and
    /// the roles are known.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// use sipcodes::SipCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::Role;
    ///
    /// // RFC 3261 §11.2: a proxy's own 200 to OPTIONS should leave Allow out.
    /// let headers = ["Via", "From", "To", "Call-ID", "CSeq", "Allow"];
    /// let proxy = Context::new().method("OPTIONS").roles(&[Role::Proxy]);
    /// let own = Check::new(SipCode::Ok).headers(headers).context(proxy.generates(true));
    /// assert!(own.violations().any(|v| v.header() == Some("Allow")));
    /// let forwarded = Check::new(SipCode::Ok).headers(headers).context(proxy.generates(false));
    /// assert!(!forwarded.violations().any(|v| v.header() == Some("Allow")));
    /// ```
    #[must_use]
    pub fn generates(self, generates: bool) -> Self {
        Context {
            generates: Some(generates),
            ..self
        }
    }

    /// Whether another final response was already sent for the request by the
    /// server transaction that sends this one (a retransmission of that
    /// response is not another one); for a proxy, whether it already sent a
    /// final response upstream (RFC 3261 §16.7 step 5), which
    /// [`ResponseContext`](crate::proxy::ResponseContext) tracks itself. A
    /// non-INVITE server transaction sends one final response only (RFC 3261
    /// §17.2.2), and a proxy forwards only 2xx to an INVITE after one.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::check::{Check, Problem};
    /// use sipcodes::rules::{Context, ProxyAction};
    ///
    /// let late = Context::new().method("INVITE").after_final(true);
    /// let action = |status: StatusCode| status.proxy_rule(&late).map(|rule| rule.action());
    /// assert_eq!(action(StatusCode::OK), Some(ProxyAction::Forward));
    /// assert_eq!(action(StatusCode::RINGING), Some(ProxyAction::Absorb));
    ///
    /// let second = Check::new(StatusCode::SERVER_INTERNAL_ERROR)
    ///     .headers(["Via", "From", "To", "Call-ID", "CSeq"])
    ///     .context(Context::new().method("MESSAGE").after_final(true));
    /// let problems: Vec<_> = second.violations().map(|v| v.problem()).collect();
    /// assert_eq!(problems, [Problem::ForbiddenResponse]);
    /// ```
    #[must_use]
    pub fn after_final(self, after_final: bool) -> Self {
        Context {
            after_final: Some(after_final),
            ..self
        }
    }

    /// Whether the request carried a header field with this name (full or
    /// compact, in any case); `None` when its header fields are not known.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// assert_eq!(Context::new().request_headers(["i"]).request_has("call-id"), Some(true));
    /// ```
    pub fn request_has(&self, name: &str) -> Option<bool> {
        let names = self.request_headers.as_ref()?;
        Some(names.contains(name, header::same))
    }

    /// Whether the request's Require header field listed this option tag;
    /// `None` when it is not known.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// assert_eq!(Context::new().requires("100rel"), None);
    /// ```
    pub fn requires(&self, tag: &str) -> Option<bool> {
        let tags = self.require.as_ref()?;
        Some(tags.contains(tag, option_tag))
    }

    /// Whether the request's Supported header field listed this option tag;
    /// `None` when it is not known.
    ///
    /// ```
    /// use sipcodes::rules::Context;
    ///
    /// assert_eq!(Context::new().supported(["timer"]).supports("TIMER"), Some(true));
    /// ```
    pub fn supports(&self, tag: &str) -> Option<bool> {
        let tags = self.supported.as_ref()?;
        Some(tags.contains(tag, option_tag))
    }

    /// Whether the element plays one of these roles; `None` when its roles are
    /// not known.
    pub(crate) fn plays(&self, roles: &[Role]) -> Option<bool> {
        Some(self.roles?.iter().any(|role| roles.contains(role)))
    }

    /// Whether the element generated the response and plays one of these
    /// roles: `Some(false)` for a response it forwards, `None` when who
    /// generated it is not known.
    pub(crate) fn generated_by(&self, roles: &[Role]) -> Option<bool> {
        match self.generates? {
            false => Some(false),
            true => self.plays(roles),
        }
    }
}

/// Option tags are tokens, and tokens are compared ignoring case (RFC 3261 §7.3.1).
fn option_tag(given: &str, wanted: &str) -> bool {
    given.eq_ignore_ascii_case(wanted)
}
