//! Web origins (`scheme://host[:port]`), as a company lists the sites allowed
//! to embed its widget and as browsers send them in the `Origin` header.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::rules::Invalid;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Origin(String);

impl Origin {
    /// Accepts exactly what a browser would send: a scheme of `http` or
    /// `https`, a host, an optional port and nothing else. Letters are
    /// lowercased and a trailing slash dropped so that a pasted
    /// `https://Careers.Example.com/` still matches the header.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let lower = raw.trim().trim_end_matches('/').to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or(Invalid::NotAUrl)?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
            _ => (rest, None),
        };
        let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        } else {
            !host.is_empty()
                && host.len() <= 253
                && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                && !host.starts_with(['.', '-'])
        };
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0));
        if host_ok && port_ok { Ok(Origin(lower)) } else { Err(Invalid::NotAUrl) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Origin::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_paste() {
        assert_eq!(Origin::parse(" https://Careers.Example.com/ ").unwrap().as_str(), "https://careers.example.com");
        assert_eq!(Origin::parse("http://127.0.0.1:8081").unwrap().as_str(), "http://127.0.0.1:8081");
        assert_eq!(Origin::parse("http://[::1]:8080").unwrap().as_str(), "http://[::1]:8080");
    }

    #[test]
    fn refuses_anything_but_an_origin() {
        for bad in [
            "careers.example.com",
            "ftp://example.com",
            "https://example.com/careers",
            "https://example.com?x=1",
            "https://user@example.com",
            "https://",
            "https://example.com:0",
            "https://example.com:99999",
            "https://example.com:",
            "https://exa mple.com",
            "null",
        ] {
            assert_eq!(Origin::parse(bad), Err(Invalid::NotAUrl), "{bad}");
        }
    }
}
