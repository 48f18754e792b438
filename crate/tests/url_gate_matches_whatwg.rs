//! Differential property tests of the URL gate against `url`, a WHATWG URL parser like
//! the browser's: whenever the core accepts a URL, the browser must reach the same host.
//! The inputs mix table hosts with the tricks used to smuggle another host past a check:
//! user info, backslashes, encoded dots, trailing dots, odd ports and stray white space.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use quarantine_core::api_url::is_allowed_api_url;
use quarantine_core::cloud::{Cloud, CLOUDS};
use quarantine_core::portal_url::parse_portal_url;

fn tricky_url() -> impl Strategy<Value = String> {
    // Plain parts are weighted up, so that a good share of the URLs passes the checks and
    // the properties below test something.
    let scheme = prop_oneof![
        6 => Just("https"),
        1 => prop::sample::select(vec!["HTTPS", "hTtPs", "http", "wss", " https"]),
    ];
    let separator = prop_oneof![
        6 => Just("://"),
        1 => prop::sample::select(vec![":/", ":///", ":\\\\", "://\t"]),
    ];
    let user_info = prop_oneof![
        6 => Just(""),
        1 => prop::sample::select(vec![
            "user@",
            "a:b@",
            "api.security.microsoft.com@",
            "security.microsoft.com@",
            "@",
        ]),
    ];
    let host = prop::sample::select(vec![
        "api.security.microsoft.com",
        "API.Security.Microsoft.com",
        "eu.api.security.microsoft.com",
        "api-gov.securitycenter.microsoft.us",
        "security.microsoft.com",
        "security.apps.mil",
        "api.security.microsoft.com.",
        "api%2esecurity.microsoft.com",
        "api.security.microsoft.com.evil.test",
        "evil.test",
        "api.security.microsoft.com\u{3002}",
        "xn--api-security.microsoft.com",
        "127.0.0.1",
        "[::1]",
    ]);
    let port = prop_oneof![
        6 => Just(""),
        1 => prop::sample::select(vec![":443", ":0443", ":8443", ":", ":443x"]),
    ];
    let rest = prop::sample::select(vec![
        "/api/machines",
        "",
        "/",
        "\\@evil.test/",
        "?x=1",
        "#frag",
        "/machines/v2/1e5bc9d7e413ddd7902c2932e418702b84d0cc07/overview",
        "@evil.test/",
        "/%2e%2e/",
    ]);
    let junk = prop_oneof![
        6 => Just(""),
        1 => prop::sample::select(vec!["\t", "\n", " ", "\u{0}", "\\", "@", "%", "#"]),
    ];
    (
        scheme,
        separator,
        user_info,
        host,
        port,
        rest,
        junk,
        any::<prop::sample::Index>(),
    )
        .prop_map(
            |(scheme, separator, user_info, host, port, rest, junk, index)| {
                let url = format!("{scheme}{separator}{user_info}{host}{port}{rest}");
                let at = index.index(url.len() + 1);
                match url.is_char_boundary(at) {
                    true => format!("{}{junk}{}", &url[..at], &url[at..]),
                    false => url,
                }
            },
        )
}

/// Returns the host the browser would connect to for an `https` URL on the default port
/// without user info, or `None` for any other URL.
fn whatwg_plain_https_host(text: &str) -> Option<String> {
    let parsed = url::Url::parse(text).ok()?;
    let plain = parsed.scheme() == "https"
        && parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.port().is_none();
    plain
        .then(|| parsed.host_str().map(str::to_string))
        .flatten()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn allowed_api_urls_reach_an_api_host(text in tricky_url(), cloud_index in 0usize..4) {
        let cloud: Cloud = CLOUDS[cloud_index];
        if is_allowed_api_url(&text, cloud) {
            let host = whatwg_plain_https_host(&text);
            prop_assert!(host.is_some(), "{text:?} is not a plain https URL for WHATWG");
            let host = host.unwrap_or_default();
            prop_assert!(
                cloud.profile().api_hosts.contains(&host.as_str()),
                "{text:?} reaches {host}"
            );
        }
    }

    #[test]
    fn portal_urls_are_on_a_portal_host(text in tricky_url()) {
        if parse_portal_url(&text).is_some() {
            let host = whatwg_plain_https_host(&text);
            prop_assert!(host.is_some(), "{text:?} is not a plain https URL for WHATWG");
            let host = host.unwrap_or_default();
            let portal = CLOUDS
                .iter()
                .any(|cloud| cloud.profile().portal_hosts.contains(&host.as_str()));
            prop_assert!(portal, "{text:?} reaches {host}");
        }
    }
}

/// Checks that the generator produces accepted URLs often enough that the properties
/// above are not vacuous.
#[test]
fn generator_reaches_accepted_urls() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = tricky_url();
    let mut api = 0;
    let mut portal = 0;
    for _ in 0..4000 {
        let text = strategy
            .new_tree(&mut runner)
            .map(|tree| tree.current())
            .unwrap_or_default();
        api += usize::from(is_allowed_api_url(&text, Cloud::Commercial));
        portal += usize::from(parse_portal_url(&text).is_some());
    }
    assert!(
        api >= 20,
        "only {api} of 4000 generated URLs pass the API gate"
    );
    assert!(
        portal >= 20,
        "only {portal} of 4000 generated URLs are portal URLs"
    );
}
