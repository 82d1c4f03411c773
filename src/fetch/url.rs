//! URLs: which origin a URL belongs to, the Graph request URL for a call id, and where a next
//! link points.
//!
//! Whether the token goes with a request is decided by comparing origins, so the comparison has
//! to err on the side of "different". The parser here is deliberately narrow: it accepts only
//! absolute `http`/`https` URLs without user info, spaces or control characters. Anything a
//! browser might read differently is refused with a reason, rather than guessed at.

use super::FetchError;

/// What Graph is asked for: the record with its sessions and their segments expanded.
pub const EXPAND: &str = "$expand=sessions($expand=segments)";

/// The Graph v1.0 endpoint of the global cloud; national clouds have their own.
pub const DEFAULT_BASE: &str = "https://graph.microsoft.com/v1.0";

/// Scheme, host and port of a URL: the unit browsers (and callscope) trust as one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Reads the origin of an absolute `http` or `https` URL.
    pub fn of(url: &str) -> Result<Origin, FetchError> {
        let invalid = |reason| FetchError::InvalidUrl {
            url: url.to_owned(),
            reason,
        };
        if url.is_empty() {
            return Err(invalid("it is empty"));
        }
        // Browsers silently drop tabs and newlines inside URLs; a URL that relies on that is
        // refused so that callscope and the browser never disagree about the host.
        if url.chars().any(|c| c.is_control() || c == ' ') {
            return Err(invalid("it contains spaces or control characters"));
        }
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| invalid("it does not start with https://"))?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => {
                return Err(invalid(
                    "only https (and http on this machine) can be fetched",
                ))
            }
        };

        // For http(s), a backslash ends the host just like a slash does.
        let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.contains('@') {
            return Err(invalid("it has a user name or password in it"));
        }
        let (host, port) =
            split_port(authority).ok_or_else(|| invalid("its port is not a number"))?;
        if host.is_empty() {
            return Err(invalid("it has no host"));
        }
        Ok(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port: port.unwrap_or(default_port),
        })
    }

    /// The host as a person would name it: with the port when it is not the scheme's default.
    pub fn host_label(&self) -> String {
        let default_port = if self.scheme == "https" { 443 } else { 80 };
        if self.port == default_port {
            self.host.clone()
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// True for this machine's own addresses, the only places plain http is allowed to.
    pub fn is_loopback(&self) -> bool {
        matches!(self.host.as_str(), "127.0.0.1" | "localhost" | "[::1]")
    }

    /// Refuses plain http to other machines: the page's Content-Security-Policy would block it
    /// anyway, and a token must never travel unencrypted.
    pub fn check_allowed(&self, url: &str) -> Result<(), FetchError> {
        if self.scheme == "http" && !self.is_loopback() {
            return Err(FetchError::PlainHttp {
                url: url.to_owned(),
            });
        }
        Ok(())
    }

    fn prefix(&self) -> String {
        format!("{}://{}", self.scheme, self.host_label())
    }
}

/// Splits `host[:port]`, keeping the brackets of an IPv6 address. `None` for a bad port.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let colon = if authority.starts_with('[') {
        authority.find(']').and_then(|close| {
            let after = &authority[close + 1..];
            after.starts_with(':').then_some(close + 1)
        })
    } else {
        authority.rfind(':')
    };
    match colon {
        None => Some((authority, None)),
        // `host:` with nothing after the colon means the default port, as in browsers.
        Some(i) if i + 1 == authority.len() => Some((&authority[..i], None)),
        Some(i) => {
            let digits = &authority[i + 1..];
            let port = digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())
                .flatten()?;
            Some((&authority[..i], Some(port)))
        }
    }
}

/// A URL that was checked: absolute, http(s), and allowed by the page.
pub fn checked(url: &str) -> Result<(String, Origin), FetchError> {
    let url = url.trim();
    let origin = Origin::of(url)?;
    origin.check_allowed(url)?;
    Ok((url.to_owned(), origin))
}

/// The Graph request for one call record with its sessions and segments.
pub fn graph_url(base: &str, call_id: &str) -> Result<(String, Origin), FetchError> {
    let base = base.trim().trim_end_matches('/');
    let (base, origin) = checked(base)?;
    if base.contains(['?', '#']) {
        return Err(FetchError::InvalidUrl {
            url: base,
            reason: "a base URL ends at the version (…/v1.0), without ? or #",
        });
    }
    let id = call_id.trim();
    if id.is_empty() {
        return Err(FetchError::MissingCallId);
    }
    let url = format!(
        "{base}/communications/callRecords/{}?{EXPAND}",
        encode_segment(id)
    );
    Ok((url, origin))
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so that an id can never
/// add a path segment, a query or a fragment.
pub fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where a next link points, resolved against the page it came from. Graph writes absolute
/// links; a path-only link is taken relative to the current server.
pub fn resolve(link: &str, current: &Origin) -> Result<(String, Origin), FetchError> {
    let link = link.trim();
    if link.starts_with('/') && !link.starts_with("//") {
        return checked(&format!("{}{link}", current.prefix()));
    }
    checked(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(url: &str) -> String {
        match Origin::of(url) {
            Ok(o) => format!("{} {} {}", o.scheme, o.host, o.port),
            Err(FetchError::InvalidUrl { reason, .. }) => format!("invalid: {reason}"),
            Err(other) => format!("other: {other}"),
        }
    }

    #[test]
    fn origins_are_read_strictly() {
        let cases = [
            (
                "https://graph.microsoft.com/v1.0",
                "https graph.microsoft.com 443",
            ),
            (
                "HTTPS://Graph.Microsoft.COM",
                "https graph.microsoft.com 443",
            ),
            (
                "https://graph.microsoft.com:443/x",
                "https graph.microsoft.com 443",
            ),
            (
                "https://graph.microsoft.com:/x",
                "https graph.microsoft.com 443",
            ),
            ("http://127.0.0.1:8123/v1.0?a=b", "http 127.0.0.1 8123"),
            ("http://[::1]:9000/", "http [::1] 9000"),
            ("https://[2001:db8::1]/", "https [2001:db8::1] 443"),
            ("https://host?x=1", "https host 443"),
            ("https://host#frag", "https host 443"),
            // A backslash ends the host in browsers; so it does here.
            (
                "https://graph.microsoft.com\\@evil.example/",
                "https graph.microsoft.com 443",
            ),
            (
                "https://graph.microsoft.com@evil.example/",
                "invalid: it has a user name or password in it",
            ),
            (
                "https://user:pw@graph.microsoft.com/",
                "invalid: it has a user name or password in it",
            ),
            (
                "https://evil.example#@graph.microsoft.com",
                "https evil.example 443",
            ),
            (
                "https://gra\tph.microsoft.com/",
                "invalid: it contains spaces or control characters",
            ),
            (
                "https://graph.microsoft.com:44x3/",
                "invalid: its port is not a number",
            ),
            (
                "https://graph.microsoft.com:99999/",
                "invalid: its port is not a number",
            ),
            ("https:///path", "invalid: it has no host"),
            (
                "ftp://files.example/",
                "invalid: only https (and http on this machine) can be fetched",
            ),
            (
                "javascript:alert(1)",
                "invalid: it does not start with https://",
            ),
            (
                "graph.microsoft.com/v1.0",
                "invalid: it does not start with https://",
            ),
            ("", "invalid: it is empty"),
        ];
        for (url, expected) in cases {
            assert_eq!(origin(url), expected, "origin of {url:?}");
        }
    }

    #[test]
    fn different_hosts_ports_and_schemes_are_different_origins() {
        let base = Origin::of("http://127.0.0.1:8123/v1.0").unwrap();
        let cases = [
            ("http://127.0.0.1:8123/other?x", true),
            ("http://localhost:8123/v1.0", false),
            ("http://127.0.0.1:8124/v1.0", false),
            ("https://127.0.0.1:8123/v1.0", false),
        ];
        for (url, same) in cases {
            assert_eq!(
                Origin::of(url).unwrap() == base,
                same,
                "{url} same origin as base"
            );
        }
    }

    #[test]
    fn plain_http_is_allowed_only_to_this_machine() {
        let cases = [
            ("http://127.0.0.1:1/", true),
            ("http://localhost/", true),
            ("http://[::1]:80/", true),
            ("https://graph.microsoft.com/", true),
            ("http://graph.microsoft.com/", false),
            ("http://127.0.0.2/", false),
        ];
        for (url, allowed) in cases {
            assert_eq!(checked(url).is_ok(), allowed, "{url} allowed");
        }
    }

    #[test]
    fn host_labels_show_only_unusual_ports() {
        let cases = [
            ("https://graph.microsoft.com:443/", "graph.microsoft.com"),
            (
                "https://graph.microsoft.com:8443/",
                "graph.microsoft.com:8443",
            ),
            ("http://localhost:80/", "localhost"),
            ("http://localhost:4100/", "localhost:4100"),
        ];
        for (url, expected) in cases {
            assert_eq!(Origin::of(url).unwrap().host_label(), expected, "{url}");
        }
    }

    #[test]
    fn graph_urls_expand_sessions_and_encode_the_id() {
        let cases = [
            (
                "https://graph.microsoft.com/v1.0",
                "2f1a1100-b174-40a0-aba7-0b405e01ed92",
                "https://graph.microsoft.com/v1.0/communications/callRecords/2f1a1100-b174-40a0-aba7-0b405e01ed92?$expand=sessions($expand=segments)",
            ),
            (
                " https://graph.microsoft.us/v1.0/ ",
                " id with space ",
                "https://graph.microsoft.us/v1.0/communications/callRecords/id%20with%20space?$expand=sessions($expand=segments)",
            ),
            (
                "http://127.0.0.1:9/v1.0",
                "../me?x=#y",
                "http://127.0.0.1:9/v1.0/communications/callRecords/..%2Fme%3Fx%3D%23y?$expand=sessions($expand=segments)",
            ),
            (
                "http://localhost:9",
                "ü",
                "http://localhost:9/communications/callRecords/%C3%BC?$expand=sessions($expand=segments)",
            ),
        ];
        for (base, id, expected) in cases {
            assert_eq!(graph_url(base, id).unwrap().0, expected, "{base} + {id:?}");
        }
    }

    #[test]
    fn graph_urls_refuse_what_cannot_work() {
        let cases = [
            (
                "https://graph.microsoft.com/v1.0",
                "  ",
                FetchError::MissingCallId,
            ),
            (
                "http://graph.microsoft.com/v1.0",
                "x",
                FetchError::PlainHttp {
                    url: "http://graph.microsoft.com/v1.0".into(),
                },
            ),
            (
                "https://graph.microsoft.com/v1.0?x=1",
                "x",
                FetchError::InvalidUrl {
                    url: "https://graph.microsoft.com/v1.0?x=1".into(),
                    reason: "a base URL ends at the version (…/v1.0), without ? or #",
                },
            ),
        ];
        for (base, id, expected) in cases {
            assert_eq!(
                graph_url(base, id).unwrap_err(),
                expected,
                "{base} + {id:?}"
            );
        }
    }

    #[test]
    fn next_links_resolve_against_the_current_server() {
        let current = Origin::of("http://127.0.0.1:8123/v1.0/x").unwrap();
        let cases = [
            (
                "/v1.0/next?$skiptoken=a",
                Ok("http://127.0.0.1:8123/v1.0/next?$skiptoken=a"),
            ),
            ("http://localhost:8123/p2", Ok("http://localhost:8123/p2")),
            (
                "https://graph.microsoft.com/v1.0/p",
                Ok("https://graph.microsoft.com/v1.0/p"),
            ),
            ("//evil.example/p", Err("invalid")),
            ("next?page=2", Err("invalid")),
            ("http://evil.example/p", Err("plain http")),
        ];
        for (link, expected) in cases {
            let got = match resolve(link, &current) {
                Ok((url, _)) => Ok(url),
                Err(FetchError::InvalidUrl { .. }) => Err("invalid"),
                Err(FetchError::PlainHttp { .. }) => Err("plain http"),
                Err(other) => panic!("{link}: unexpected {other}"),
            };
            assert_eq!(got.as_deref().map_err(|e| *e), expected, "{link}");
        }
    }
}
