//! Status tokens: the private link a candidate gets for their application;
//! and the other secrets Candor hands out, built the same way (question,
//! API, session, set-password and report-link tokens).
//!
//! A token is 32 bytes in URL-safe base64: a 16-byte *selector*, stored as is
//! and used to find the application, and a 16-byte *verifier* (128 bits),
//! stored only as its SHA-256 and compared in constant time. Knowing the
//! database gives no token; timing the lookup gives no verifier bits.
//!
//! The bytes are an HMAC of the submission's `Idempotency-Key` under a server
//! secret, so a retried submission gets the very same token back without the
//! token ever being stored.

use std::fmt;
use std::net::IpAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use candor_api::recruiting::{ApiTokenInfo, Role};
use time::OffsetDateTime;

use crate::http::state::TokenSecret;
use crate::store::{Actor, CompanyId, IssuedToken, PostingId, Store, StoreError, UserId};

/// The server's key for deriving tokens: 32 random bytes kept in the
/// database, so that every instance derives the same tokens.
#[derive(Clone)]
pub struct TokenKey([u8; 32]);

impl TokenKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        TokenKey(bytes)
    }

    /// The key of the server's secret.
    pub fn of(secret: &TokenSecret) -> Self {
        TokenKey(secret.0)
    }

    pub fn random_bytes() -> [u8; 32] {
        rand::random()
    }

    /// The token for a submission to `posting` carrying `idempotency_key`.
    pub fn derive(&self, posting: PostingId, idempotency_key: &IdempotencyKey) -> StatusToken {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor status token v1\0");
        mac.update(&posting.0.to_be_bytes());
        mac.update(idempotency_key.0.as_bytes());
        let bytes: [u8; 32] = mac.finalize().into_bytes().into();
        StatusToken(SplitToken(bytes))
    }
}

impl TokenKey {
    /// Names who asked what, to know a question asked again: the client's
    /// address, the posting and the question as `Ask::sameness` folds it,
    /// under the server's key, so the stored value gives none of them away.
    pub fn question_repeat_key(&self, client: IpAddr, posting: PostingId, sameness: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor repeated question v1\0");
        mac.update(&client_bytes(client));
        mac.update(&posting.0.to_be_bytes());
        mac.update(sameness.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The asker's token for a question first asked at `asked_at` (as
    /// stored: to the microsecond), from stored values only: derived, like a
    /// status token, so that a repeat gets the first one's link back, and a
    /// mail (its answer, "Lost your link?") can carry it, without the token
    /// being stored. The client's address is in it through `repeat_key`,
    /// itself keyed, which the database keeps without the address.
    pub fn question_token(&self, repeat_key: &[u8], asked_at: OffsetDateTime) -> QuestionToken {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor question token v2\0");
        mac.update(repeat_key);
        mac.update(&(asked_at.unix_timestamp_nanos().div_euclid(1_000)).to_be_bytes());
        QuestionToken(SplitToken(mac.finalize().into_bytes().into()))
    }

    /// The token questions asked before issue 12 were given, with the
    /// client's address, which is not stored: only a repeat from that
    /// address within the day can derive it again (their links keep
    /// working regardless: only the verifier's hash is checked).
    pub fn question_token_v1(&self, client: IpAddr, repeat_key: &[u8], asked_at: OffsetDateTime) -> QuestionToken {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor question token v1\0");
        mac.update(&client_bytes(client));
        mac.update(repeat_key);
        mac.update(&(asked_at.unix_timestamp_nanos().div_euclid(1_000)).to_be_bytes());
        QuestionToken(SplitToken(mac.finalize().into_bytes().into()))
    }

    /// Names an address asking one company for its links, for the limit
    /// per address: a keyed hash, so the limiter's memory holds no address.
    pub fn lost_link_key(&self, company: CompanyId, email: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor lost link v1\0");
        mac.update(&company.0.to_be_bytes());
        mac.update(email.to_lowercase().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The secret of a report's share link, from the link's random `seed`
    /// (stored with it): derived, so that a weekly mail can carry the link
    /// again without the secret being stored.
    pub fn report_token(&self, seed: &[u8]) -> ReportToken {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor report link v1\0");
        mac.update(seed);
        ReportToken(SplitToken(mac.finalize().into_bytes().into()))
    }

    /// The demo's recruiter token: derived, so that every start of a demo
    /// prints the same one.
    pub fn demo_api_token(&self) -> ApiToken {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(b"candor demo recruiter token v1");
        ApiToken(SplitToken(mac.finalize().into_bytes().into()))
    }
}

/// An address as 16 bytes, IPv4 mapped into IPv6, so one client is one key
/// whichever way its address reached the server.
fn client_bytes(client: IpAddr) -> [u8; 16] {
    match client {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(***)")
    }
}

/// 32 bytes: a 16-byte selector stored in the clear, a 16-byte verifier
/// stored only as a hash. Shared by status tokens and API tokens.
#[derive(Clone, PartialEq, Eq)]
struct SplitToken([u8; 32]);

impl SplitToken {
    fn parse(text: &str) -> Option<SplitToken> {
        if text.len() != 43 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        Some(SplitToken(bytes.try_into().ok()?))
    }

    fn selector(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.0[..16])
    }

    fn verifier_hash(&self) -> Vec<u8> {
        Sha256::digest(&self.0[16..]).to_vec()
    }

    fn verifies(&self, stored_hash: &[u8]) -> bool {
        self.verifier_hash().ct_eq(stored_hash).into()
    }

    fn reveal(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }
}

/// Declares a token type over `SplitToken` whose `Debug` hides it, so it
/// can't reach a log.
macro_rules! split_token {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(SplitToken);

        impl $name {
            pub fn parse(text: &str) -> Option<$name> {
                SplitToken::parse(text.strip_prefix($prefix)?).map($name)
            }

            /// The part stored in the clear, to find the row by.
            pub fn selector(&self) -> String {
                self.0.selector()
            }

            /// The hash of the secret part, as stored.
            pub fn verifier_hash(&self) -> Vec<u8> {
                self.0.verifier_hash()
            }

            /// Whether this token's verifier matches a stored hash, in constant time.
            pub fn verifies(&self, stored_hash: &[u8]) -> bool {
                self.0.verifies(stored_hash)
            }

            /// The token as it is handed out, once.
            pub fn reveal(&self) -> String {
                format!("{}{}", $prefix, self.0.reveal())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(***)"))
            }
        }
    };
}

split_token!(
    /// A candidate's private token, the key of their status link.
    StatusToken,
    ""
);
split_token!(
    /// A token for the recruiter API and integrations, prefixed so that a
    /// leaked one is recognisable (and scannable) as Candor's.
    ApiToken,
    "candor_"
);

impl ApiToken {
    pub fn random() -> ApiToken {
        ApiToken(SplitToken(rand::random()))
    }
}

/// Issues a random API token of `company`; only its hash is stored.
/// `created_by` is the console user making it, if any (whose removal or
/// demotion revokes it). The token is for showing once, with how it is listed.
pub async fn issue_api_token(
    store: &dyn Store,
    company: CompanyId,
    role: Role,
    name: &str,
    created_by: Option<UserId>,
    at: OffsetDateTime,
    by: Option<&Actor>,
) -> Result<(ApiToken, ApiTokenInfo), StoreError> {
    let token = ApiToken::random();
    let issued = IssuedToken {
        role,
        name: name.to_owned(),
        selector: token.selector(),
        verifier: token.verifier_hash(),
        created_by,
        created_at: at,
    };
    let info = store.create_api_token(company, &issued, by).await?;
    Ok((token, info))
}

split_token!(
    /// A console session, kept in an HttpOnly cookie.
    SessionToken,
    "s_"
);

impl SessionToken {
    pub fn random() -> SessionToken {
        SessionToken(SplitToken(rand::random()))
    }
}

split_token!(
    /// The private token of someone who asked a public question, the key of
    /// the link they follow it with.
    QuestionToken,
    "q_"
);

split_token!(
    /// A one-time link with which a person invited to the console sets
    /// their password.
    PasswordLinkToken,
    "p_"
);

impl PasswordLinkToken {
    pub fn random() -> PasswordLinkToken {
        PasswordLinkToken(SplitToken(rand::random()))
    }
}

split_token!(
    /// The secret of a progress report's share link, for one named reader:
    /// after `#` in the link and in the `Candor-Report` header, never in a path.
    ReportToken,
    "r_"
);

impl ReportToken {
    /// A new link's seed, which its secret is derived from.
    pub fn random_seed() -> [u8; 16] {
        rand::random()
    }
}

/// A client's `Idempotency-Key`: long enough to be unguessable, so that
/// nobody gets someone else's acknowledgement by reusing a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const MIN: usize = 16;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Option<IdempotencyKey> {
        let ok = (Self::MIN..=Self::MAX).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| IdempotencyKey(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A digest of what was submitted, to tell a retry from a different
/// submission that reuses a key.
pub fn request_digest(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> IdempotencyKey {
        IdempotencyKey::parse("0b6f5c9e-3c1d-4d3a-9f6e-2a7b8c9d0e1f").unwrap()
    }

    #[test]
    fn the_same_submission_gets_the_same_token() {
        let server = TokenKey::from_bytes([7; 32]);
        let a = server.derive(PostingId(1), &key());
        assert_eq!(a, server.derive(PostingId(1), &key()));
        assert_ne!(a, server.derive(PostingId(2), &key()), "bound to the posting");
        assert_ne!(a, TokenKey::from_bytes([8; 32]).derive(PostingId(1), &key()), "bound to the server key");
    }

    #[test]
    fn a_question_asked_again_from_the_same_client_gets_the_same_token() {
        let server = TokenKey::from_bytes([7; 32]);
        let (here, there): (IpAddr, IpAddr) = ("192.0.2.7".parse().unwrap(), "198.51.100.1".parse().unwrap());
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        let repeat = server.question_repeat_key(here, PostingId(1), "\nis there parking?");
        assert_eq!(repeat, server.question_repeat_key(mapped, PostingId(1), "\nis there parking?"));
        assert_ne!(repeat, server.question_repeat_key(there, PostingId(1), "\nis there parking?"), "another client");
        assert_ne!(repeat, server.question_repeat_key(here, PostingId(2), "\nis there parking?"), "another posting");
        assert_ne!(repeat, server.question_repeat_key(here, PostingId(1), "\nis there a bus?"), "another question");
        assert!(!repeat.windows(4).any(|w| w == [192, 0, 2, 7]), "the address is not kept");
        let at = time::macros::datetime!(2026-12-01 09:17:05.123456 UTC);
        let token = server.question_token(&repeat, at);
        assert_eq!(token, server.question_token(&repeat, at), "derived again from stored values alone");
        let elsewhere = server.question_repeat_key(there, PostingId(1), "\nis there parking?");
        assert_ne!(token, server.question_token(&elsewhere, at), "bound to the address through the repeat key");
        assert_ne!(token, server.question_token(&repeat, at + time::Duration::microseconds(1)));
        assert_ne!(token, TokenKey::from_bytes([8; 32]).question_token(&repeat, at), "bound to the server key");
        assert!(QuestionToken::parse(&token.reveal()).unwrap().verifies(&token.verifier_hash()));
        // The old derivation stays what it was, for questions asked before.
        let old = server.question_token_v1(here, &repeat, at);
        assert_ne!(old, token);
        assert_eq!(old, server.question_token_v1(mapped, &repeat, at));
        assert_ne!(old, server.question_token_v1(there, &repeat, at), "bound to the address");
    }

    #[test]
    fn tokens_round_trip_and_verify() {
        let token = TokenKey::from_bytes([7; 32]).derive(PostingId(1), &key());
        let text = token.reveal();
        assert_eq!(text.len(), 43);
        let parsed = StatusToken::parse(&text).unwrap();
        assert!(parsed.verifies(&token.verifier_hash()));
        assert_eq!(parsed.selector(), token.selector());
        let mut forged = text.into_bytes();
        forged[40] = if forged[40] == b'A' { b'B' } else { b'A' };
        let forged = StatusToken::parse(std::str::from_utf8(&forged).unwrap()).unwrap();
        assert!(!forged.verifies(&token.verifier_hash()));
    }

    #[test]
    fn malformed_tokens_and_keys_are_refused() {
        assert!(StatusToken::parse("short").is_none());
        assert!(StatusToken::parse(&"!".repeat(43)).is_none());
        assert!(IdempotencyKey::parse("too-short").is_none());
        assert!(IdempotencyKey::parse(&"a".repeat(129)).is_none());
        assert!(IdempotencyKey::parse("has spaces in it, sixteen+").is_none());
    }

    #[test]
    fn api_tokens_carry_their_prefix() {
        let token = ApiToken::random();
        let text = token.reveal();
        assert!(text.starts_with("candor_") && text.len() == 50);
        let parsed = ApiToken::parse(&text).unwrap();
        assert!(parsed.verifies(&token.verifier_hash()));
        assert!(ApiToken::parse(&text["candor_".len()..]).is_none(), "the prefix is part of the token");
        assert_ne!(ApiToken::random(), token);
        assert_eq!(format!("{token:?}"), "ApiToken(***)");
    }

    #[test]
    fn a_report_link_is_derived_again_from_its_seed_alone() {
        let server = TokenKey::from_bytes([7; 32]);
        let token = server.report_token(&[1; 16]);
        assert_eq!(token, server.report_token(&[1; 16]), "the weekly mail carries the same link");
        assert_ne!(token, server.report_token(&[2; 16]), "another link");
        assert_ne!(token, TokenKey::from_bytes([8; 32]).report_token(&[1; 16]), "bound to the server key");
        let text = token.reveal();
        assert!(text.starts_with("r_") && text.len() == 45, "{}", text.len());
        assert!(ReportToken::parse(&text).unwrap().verifies(&token.verifier_hash()));
        assert!(ReportToken::parse(&text[2..]).is_none(), "the prefix is part of it");
        assert_eq!(format!("{token:?}"), "ReportToken(***)");
        assert_ne!(ReportToken::random_seed(), ReportToken::random_seed());
    }

    #[test]
    fn debug_output_hides_secrets() {
        let token = TokenKey::from_bytes([7; 32]).derive(PostingId(1), &key());
        assert_eq!(format!("{token:?}"), "StatusToken(***)");
        assert!(!format!("{:?}", TokenKey::from_bytes([7; 32])).contains('7'));
    }
}
