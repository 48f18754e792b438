//! The portal stand-in over HTTPS: one page for every route on every portal host, the
//! script and the seed it renders from. Rendering itself is checked in a browser by
//! `portal_browser.rs`.

mod common;

use common::*;

const PORTAL_HOSTS: [&str; 5] = [
    "security.microsoft.com",
    "securitycenter.windows.com",
    "securitycenter.microsoft.com",
    "security.microsoft.us",
    "security.apps.mil",
];

#[tokio::test]
async fn every_route_serves_the_app_page() {
    let emulator = Emulator::start().await;
    let routes = [
        format!("/machines/v2/{DEVICE}/overview"),
        format!("/machines/v2/{DEVICE}/timeline"),
        format!("/machines/{DEVICE}"),
        format!("/file/{MALICIOUS_SHA1}/overview"),
        format!("/file/{MALICIOUS_SHA256}"),
        "/alerts/da637551227677560813_-961444813".to_string(),
        "/alert/da637551227677560813_-961444813".to_string(),
        "/incidents/41".to_string(),
        "/incident2/41/overview".to_string(),
        format!("/machines/v2/{DEVICE}/overview?tid={TENANT}"),
    ];
    for host in PORTAL_HOSTS {
        for route in &routes {
            let response = emulator
                .client
                .get(emulator.url(host, route))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{host}{route}");
            assert!(response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"));
            let page = response.text().await.unwrap();
            assert!(page.contains(r#"<main id="portal-main""#), "{host}{route}");
            assert!(
                page.contains(r#"<script src="/portal-assets/app.js""#),
                "{host}{route}"
            );
        }
    }
}

#[tokio::test]
async fn page_carries_seed_names_and_hashes() {
    let emulator = Emulator::start().await;
    let page = emulator
        .client
        .get(emulator.url(
            "security.microsoft.com",
            &format!("/machines/v2/{DEVICE}/overview"),
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "ws-finance-01.contoso.local",
        DEVICE,
        MALICIOUS_SHA1,
        MALICIOUS_SHA256,
        "da637551227677560813_-961444813",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
}

#[tokio::test]
async fn script_navigates_with_push_state() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .get(emulator.url("security.microsoft.com", "/portal-assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let script = response.text().await.unwrap();
    assert!(script.contains("history.pushState"));
    assert!(script.contains("a[data-nav]"));
    assert!(script.contains("const RENDER_DELAY_MS = 300;"));
}

#[tokio::test]
async fn portal_answers_only_get() {
    let emulator = Emulator::start().await;
    let response = emulator
        .client
        .post(emulator.url("security.microsoft.com", "/machines"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
}
