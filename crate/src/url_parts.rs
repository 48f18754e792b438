//! A strict splitter for absolute `scheme://host[:port]/path?query#fragment` URLs.
//!
//! It is deliberately narrower than the WHATWG URL parser that browsers use: anything
//! a browser would rewrite before resolving the host (white space, control characters,
//! backslashes, percent-encoded or non-ASCII hosts, an empty port) makes it return
//! `None`. So a URL it accepts has the same host for the browser, and allowlist checks
//! built on it can only err towards rejecting.

/// The parts of an absolute URL, as borrowed slices of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    /// The scheme, as written; compare it case-insensitively.
    pub scheme: &'a str,
    /// Whether the authority contained user info (`user:password@`).
    pub has_user_info: bool,
    /// The host as written: ASCII letters, digits, dots and hyphens only. Compare it
    /// case-insensitively, because browsers lower-case it.
    pub host: &'a str,
    /// The port digits, if a port was written.
    pub port: Option<&'a str>,
    /// The path, starting with `/`, or empty.
    pub path: &'a str,
    /// The query without `?`, if any.
    pub query: Option<&'a str>,
}

/// Splits `url`, or returns `None` if it is not a plain absolute URL.
pub(crate) fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let clean = url
        .chars()
        .all(|character| character.is_ascii_graphic() && character != '\\');
    if !clean {
        return None;
    }

    let (scheme, rest) = url.split_once("://")?;
    let scheme_valid = scheme
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && scheme.chars().all(|character| {
            character.is_ascii_alphanumeric() || matches!(character, '+' | '-' | '.')
        });
    if !scheme_valid {
        return None;
    }

    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after_authority) = rest.split_at(authority_end);

    let (has_user_info, host_and_port) = match authority.rsplit_once('@') {
        Some((_, host_and_port)) => (true, host_and_port),
        None => (false, authority),
    };
    let (host, port) = match host_and_port.split_once(':') {
        Some((host, port)) => {
            if port.is_empty() || !port.chars().all(|character| character.is_ascii_digit()) {
                return None;
            }
            (host, Some(port))
        }
        None => (host_and_port, None),
    };
    let host_valid = !host.is_empty()
        && host
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || matches!(character, '.' | '-'));
    if !host_valid {
        return None;
    }

    let without_fragment = after_authority
        .split_once('#')
        .map_or(after_authority, |(before, _)| before);
    let (path, query) = match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (without_fragment, None),
    };

    Some(UrlParts {
        scheme,
        has_user_info,
        host,
        port,
        path,
        query,
    })
}

impl<'a> UrlParts<'a> {
    /// Reports whether this is an `https` URL on the default port without user info.
    pub(crate) fn is_plain_https(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("https")
            && !self.has_user_info
            && self
                .port
                .is_none_or(|port| port.trim_start_matches('0') == "443")
    }

    /// Returns the value of the first query parameter named `name`, undecoded.
    pub(crate) fn query_parameter(&self, name: &str) -> Option<&'a str> {
        self.query?.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then_some(value)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_urls() {
        let parts = split_url("HTTPS://Api.Security.Microsoft.com:443/api/machines?$top=1#x");
        assert_eq!(
            parts,
            Some(UrlParts {
                scheme: "HTTPS",
                has_user_info: false,
                host: "Api.Security.Microsoft.com",
                port: Some("443"),
                path: "/api/machines",
                query: Some("$top=1"),
            })
        );
        assert!(parts.is_some_and(|parts| parts.is_plain_https()));

        let bare = split_url("https://security.microsoft.com");
        assert_eq!(bare.map(|parts| parts.path), Some(""));
    }

    #[test]
    fn rejects_what_browsers_rewrite() {
        let cases = [
            "",
            " https://a.test/",
            "https://a.test/ ",
            "https://a\t.test/",
            "https://a.test\\@b.test/",
            "https://a%2Etest/",
            "https://ä.test/",
            "https://a.test:/",
            "https://a.test:44x/",
            "https://[::1]/",
            "https:///path",
            "//a.test/",
            "1https://a.test/",
            "https:a.test",
        ];
        for case in cases {
            assert_eq!(split_url(case), None, "{case:?}");
        }
    }

    #[test]
    fn finds_user_info() {
        let parts = split_url("https://security.microsoft.com@other.test/machines");
        assert_eq!(
            parts.map(|parts| (parts.has_user_info, parts.host)),
            Some((true, "other.test"))
        );
        assert!(parts.is_some_and(|parts| !parts.is_plain_https()));
    }

    #[test]
    fn port_rules() {
        let https = |url: &str| split_url(url).is_some_and(|parts| parts.is_plain_https());
        assert!(https("https://a.test/"));
        assert!(https("https://a.test:443/"));
        assert!(!https("https://a.test:8443/"));
        assert!(!https("http://a.test/"));
    }

    #[test]
    fn query_parameters() {
        let parts = split_url("https://a.test/x?a=1&tid=abc&tid=def");
        assert_eq!(
            parts.and_then(|parts| parts.query_parameter("tid")),
            Some("abc")
        );
        assert_eq!(parts.and_then(|parts| parts.query_parameter("t")), None);
    }
}
