//! The closed vocabularies of the registry, with their spellings in `registry.toml`.

use core::fmt;

/// An enum whose variants are the words of one registry key, each with its
/// spelling in `registry.toml`, and the derives of a plain value type; `ALL` lists
/// them, so the words a message offers can never drift from the words the parser
/// accepts.
#[doc(hidden)]
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$doc:meta])* $variant:ident = $word:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$doc])* $variant, )*
        }

        impl $name {
            /// Every word, in the order of declaration.
            ///
            #[doc = concat!(
                "```\nuse sipcodes::rules::", stringify!($name), ";\n\n",
                "let words: Vec<&str> = ", stringify!($name), "::ALL.iter().map(|word| word.as_str()).collect();\n",
                "assert_eq!(words, [", $(stringify!($word), ", ",)* "]);\n```"
            )]
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The word as `registry.toml` spells it.
            ///
            #[doc = concat!(
                "```\nuse sipcodes::rules::", stringify!($name), ";\n\n",
                "let spellings = [", $(stringify!($word), ", ",)* "];\n",
                "for (word, spelling) in ", stringify!($name), "::ALL.iter().zip(spellings) {\n",
                "    assert_eq!(word.as_str(), spelling);\n}\n```"
            )]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }
        }

        impl $crate::vocab::Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;
            const WORDS: &'static [&'static str] = &[$($word,)*];

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }
    };
}

/// What the registry parser needs of a vocabulary.
pub trait Vocabulary: Copy + 'static {
    /// Every word.
    const ALL: &'static [Self];

    /// The spellings in `registry.toml`, in the order of `ALL`.
    const WORDS: &'static [&'static str];

    /// The spelling in `registry.toml`.
    fn as_str(self) -> &'static str;

    /// The word spelt `word`, if there is one.
    fn from_word(word: &str) -> Option<Self> {
        position(Self::WORDS, word).map(|index| Self::ALL[index])
    }
}

/// Where `word` is in `words`.
pub fn position(words: &[&str], word: &str) -> Option<usize> {
    words.iter().position(|candidate| *candidate == word)
}

/// `Display` as the word `registry.toml` spells, padded.
macro_rules! display_as_word {
    ($name:ident, $example:literal) => {
        impl fmt::Display for $name {
            #[doc = concat!("The word as `registry.toml` spells it: `", $example, "`.")]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

#[doc(hidden)]
pub use vocabulary;

vocabulary! {
    /// The RFC 2119 keyword of a rule of the registry.
    ///
    /// ```
    /// use sipcodes::rules::Level;
    ///
    /// assert_eq!(Level::MustNot.to_string(), "MUST NOT");
    /// assert_eq!(Level::MustNot.as_str(), "must-not");
    /// ```
    pub enum Level {
        /// MUST: a response that breaks it is wrong.
        Must = "must",
        /// MUST NOT.
        MustNot = "must-not",
        /// SHOULD: breaking it needs a good reason.
        Should = "should",
        /// SHOULD NOT.
        ShouldNot = "should-not",
        /// MAY: allowed, not required.
        May = "may",
    }
}

vocabulary! {
    /// What a rule's [`Level`] rests on. The level is the RFC 2119 keyword of
    /// the sentence the rule comes from; where that sentence has none, the
    /// registry still records how strongly it reads ("is never returned" reads
    /// as MUST NOT) and says so here. Only a [`Keyword`](Basis::Keyword) rule
    /// is normative: the others are descriptions, never a MUST or a SHOULD.
    ///
    /// ```
    /// use sipcodes::SipCode;
    /// use sipcodes::rules::Basis;
    ///
    /// // RFC 3261 §21.4.25: "This response is never returned for a CANCEL request itself."
    /// let never = SipCode::RequestTerminated.constraints().iter().find(|rule| rule.kind() == sipcodes::rules::Kind::Answers).unwrap();
    /// assert_eq!(never.basis(), Basis::Statement);
    /// assert!(!Basis::Statement.is_normative());
    /// ```
    pub enum Basis {
        /// The sentence carries the keyword the level names, in capitals.
        Keyword = "keyword",
        /// A standards-track sentence states it without a keyword: a
        /// description ("is never returned", "are terminated") or a lower-case
        /// "should" or "may".
        Statement = "statement",
        /// Only an Informational RFC says it (RFC 5057, which "makes no
        /// normative statements of any kind"); recorded where no
        /// standards-track text speaks.
        Informational = "informational",
    }
}

impl Basis {
    /// How a report names it: `RFC 2119 keyword`, `no RFC 2119 keyword`,
    /// `Informational RFC`.
    ///
    /// ```
    /// use sipcodes::rules::Basis;
    ///
    /// assert_eq!(Basis::Statement.description(), "no RFC 2119 keyword");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Basis::Keyword => "RFC 2119 keyword",
            Basis::Statement => "no RFC 2119 keyword",
            Basis::Informational => "Informational RFC",
        }
    }

    /// Whether the rule is an RFC 2119 requirement ([`Keyword`](Basis::Keyword)).
    ///
    /// ```
    /// assert!(sipcodes::rules::Basis::Keyword.is_normative());
    /// ```
    pub const fn is_normative(self) -> bool {
        matches!(self, Basis::Keyword)
    }
}

display_as_word!(Basis, "informational");

impl Level {
    /// Whether breaking the rule makes a response wrong (MUST and MUST NOT).
    ///
    /// ```
    /// use sipcodes::rules::Level;
    ///
    /// assert!(Level::MustNot.is_mandatory());
    /// assert!(!Level::Should.is_mandatory());
    /// ```
    pub const fn is_mandatory(self) -> bool {
        matches!(self, Level::Must | Level::MustNot)
    }

    /// The level as the rule's sentence has it: the RFC 2119 keyword in
    /// capitals (`MUST NOT`, also its `Display`), or in lower case (`must
    /// not`) where the sentence has no keyword, so that a description never
    /// reads as a requirement.
    ///
    /// ```
    /// use sipcodes::rules::{Basis, Level};
    ///
    /// assert_eq!(Level::MustNot.written(Basis::Keyword), "MUST NOT");
    /// assert_eq!(Level::MustNot.written(Basis::Statement), "must not");
    /// ```
    pub const fn written(self, basis: Basis) -> &'static str {
        match (basis.is_normative(), self) {
            (true, Level::Must) => "MUST",
            (true, Level::MustNot) => "MUST NOT",
            (true, Level::Should) => "SHOULD",
            (true, Level::ShouldNot) => "SHOULD NOT",
            (true, Level::May) => "MAY",
            (false, Level::Must) => "must",
            (false, Level::MustNot) => "must not",
            (false, Level::Should) => "should",
            (false, Level::ShouldNot) => "should not",
            (false, Level::May) => "may",
        }
    }

    /// Whether the rule forbids rather than requires (MUST NOT, SHOULD NOT).
    ///
    /// ```
    /// assert!(sipcodes::rules::Level::ShouldNot.is_negative());
    /// ```
    pub const fn is_negative(self) -> bool {
        matches!(self, Level::MustNot | Level::ShouldNot)
    }
}

impl fmt::Display for Level {
    /// The keyword as RFC 2119 writes it: `MUST NOT`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.written(Basis::Keyword))
    }
}

vocabulary! {
    /// An element of a SIP network, as the RFCs name them.
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Role::RedirectServer.as_str(), "redirect-server");
    /// ```
    #[non_exhaustive]
    pub enum Role {
        /// User agent client: sends the request.
        Uac = "uac",
        /// User agent server: answers the request.
        Uas = "uas",
        /// A proxy server.
        Proxy = "proxy",
        /// A registrar (RFC 3261 §10).
        Registrar = "registrar",
        /// A redirect server (RFC 3261 §8.3).
        RedirectServer = "redirect-server",
        /// An event notifier (RFC 6665).
        Notifier = "notifier",
        /// An event subscriber (RFC 6665).
        Subscriber = "subscriber",
        /// The first proxy on an outbound flow (RFC 5626).
        EdgeProxy = "edge-proxy",
    }
}

display_as_word!(Role, "redirect-server");

/// A citation of an RFC and optionally one of its sections, written
/// `RFC 3261 §21.4.6`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Citation<'a> {
    /// The RFC number.
    pub rfc: u16,
    /// The section number, such as `21.4.6`.
    pub section: Option<&'a str>,
}

impl Citation<'_> {
    /// The rfc-editor.org address of the cited text, anchored at the section.
    pub fn url(&self) -> impl fmt::Display + '_ {
        Url(self)
    }
}

impl fmt::Display for Citation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RFC {}", self.rfc)?;
        match self.section {
            Some(section) => write!(f, " §{section}"),
            None => Ok(()),
        }
    }
}

struct Url<'c, 'a>(&'c Citation<'a>);

impl fmt::Display for Url<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "https://www.rfc-editor.org/rfc/rfc{}.html", self.0.rfc)?;
        match self.0.section {
            Some(section) => write!(f, "#section-{section}"),
            None => Ok(()),
        }
    }
}

vocabulary! {
    /// What a response does beyond its transaction to the dialog it belongs to
    /// (RFC 5057 §5.1) or to a subscription (RFC 6665).
    ///
    /// ```
    /// use sipcodes::rules::DialogEffect;
    ///
    /// assert_eq!(DialogEffect::Usage.as_str(), "usage");
    /// assert!(DialogEffect::Dialog > DialogEffect::Usage);
    /// ```
    ///
    /// The enum is exhaustive: its variants are the outcomes RFC 5057 §5.1
    /// distinguishes (the transaction, the usage, the dialog) and the end of a
    /// subscription of RFC 6665, which is all a response can end; a `match`
    /// needs no wildcard, and a new effect would be a breaking change.
    pub enum DialogEffect {
        /// Nothing beyond the transaction.
        Transaction = "transaction",
        /// The dialog usage the request belonged to ends; other usages go on.
        Usage = "usage",
        /// The subscription the request belonged to ends.
        Subscription = "subscription",
        /// The whole dialog ends, every usage with it.
        Dialog = "dialog",
    }
}

vocabulary! {
    /// What a stateful proxy does with a response it receives on a branch
    /// (RFC 3261 §16.7).
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::ProxyAction::CancelBranches.as_str(), "cancel-branches");
    /// ```
    ///
    /// The enum is exhaustive: the proxy context names every action, so a new
    /// one does not compile until it is decided there.
    pub enum ProxyAction {
        /// Never forwarded upstream.
        Absorb = "absorb",
        /// Forwarded upstream at once.
        Forward = "forward",
        /// Kept as a candidate for the best final response.
        Collect = "collect",
        /// Kept, and the other branches are cancelled: it is the response sent
        /// upstream unless a 2xx arrives.
        CancelBranches = "cancel-branches",
        /// Not a response received: the code the proxy sends itself when every
        /// branch ended without a final response (408 to an INVITE).
        NoFinalResponse = "no-final-response",
    }
}

vocabulary! {
    /// A failure the transaction or transport layer reports instead of a
    /// response; the registry names the code an element acts on for each
    /// (RFC 3261 §8.1.3.1, §16.8, §16.9).
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Failure::TransportError.as_str(), "transport-error");
    /// ```
    #[non_exhaustive]
    pub enum Failure {
        /// The client transaction timed out without a final response (for a
        /// proxy: Timer C fired before any provisional response).
        Timeout = "timeout",
        /// The transport layer reported a fatal error sending the request.
        TransportError = "transport-error",
    }
}

vocabulary! {
    /// A timer of RFC 3261 an element restarts when a response arrives.
    ///
    /// ```
    /// assert_eq!(sipcodes::rules::Timer::C.as_str(), "C");
    /// ```
    #[non_exhaustive]
    pub enum Timer {
        /// A proxy's timer C on an INVITE branch (RFC 3261 §16.6 step 11,
        /// §16.7 step 2): when it fires, the branch is cancelled or ends.
        C = "C",
    }
}

display_as_word!(DialogEffect, "subscription");
display_as_word!(Timer, "C");
display_as_word!(Failure, "transport-error");
display_as_word!(ProxyAction, "cancel-branches");

vocabulary! {
    /// An element whose client transaction can fail without a response (a
    /// timeout, a transport error), and that then acts as if a response had
    /// arrived: the registry names the code for each failure and each client
    /// (`SipCode::for_failure`), and a registry without one does not compile.
    ///
    /// ```
    /// use sipcodes::rules::{Client, Role};
    ///
    /// assert_eq!(Client::Proxy.role(), Role::Proxy);
    /// ```
    pub enum Client {
        /// A user agent client (RFC 3261 §8.1.3.1).
        Uac = "uac",
        /// A proxy forwarding a request on a branch (RFC 3261 §16.8, §16.9).
        Proxy = "proxy",
    }
}

impl Client {
    /// The role the element plays in the registry's rules.
    ///
    /// ```
    /// use sipcodes::rules::{Client, Role};
    ///
    /// assert_eq!(Client::Uac.role(), Role::Uac);
    /// ```
    pub const fn role(self) -> Role {
        match self {
            Client::Uac => Role::Uac,
            Client::Proxy => Role::Proxy,
        }
    }
}

display_as_word!(Client, "proxy");

vocabulary! {
    /// A dialog usage (RFC 5057 §3): the share of a dialog that an INVITE
    /// session, a subscription or a registration makes. A request inside a
    /// dialog belongs to one usage, or to none (RFC 5057 §5.3), as the registry
    /// states; a failure ends that usage.
    ///
    /// ```
    /// use sipcodes::rules::{Usage, usage_of};
    ///
    /// assert_eq!(usage_of("INFO"), Some(Usage::Invite));
    /// assert_eq!(usage_of("NOTIFY"), Some(Usage::Subscription));
    /// assert_eq!(usage_of("MESSAGE"), None);
    /// ```
    pub enum Usage {
        /// The INVITE usage: the session an INVITE set up.
        Invite = "invite",
        /// A subscription (RFC 6665), told apart from others by its Event
        /// header field, or by the id of a REFER.
        Subscription = "subscription",
        /// A registration in a pseudo-dialog.
        Registration = "registration",
    }
}

display_as_word!(Usage, "subscription");
