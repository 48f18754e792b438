//! The portal stand-in in headless Chromium, driven through chromedriver's WebDriver
//! API: late rendering into `main#portal-main`, navigation by `history.pushState`
//! without a page load, and the back button.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Browser {
    driver: Child,
    base: String,
    session: String,
    http: reqwest::Client,
    profile: std::path::PathBuf,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium that sends the portal host to the
    /// emulator and pins its certificate by SPKI.
    async fn start(emulator: &Emulator) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{CHROMEDRIVER} did not start: {e}"));
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::builder().no_proxy().build().unwrap();

        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer on {base}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        let profile =
            std::env::temp_dir().join(format!("emulator-portal-{}-{port}", std::process::id()));
        let running = &emulator.running;
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-default-apps".to_string(),
            "--disable-domain-reliability".to_string(),
            format!("--user-data-dir={}", profile.display()),
            format!(
                "--host-resolver-rules=MAP security.microsoft.com 127.0.0.1:{}, MAP * ~NOTFOUND",
                running.port
            ),
            format!(
                "--ignore-certificate-errors-spki-list={}",
                running.spki_sha256
            ),
        ];
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
            }}
        });
        let created: Value = http
            .post(format!("{base}/session"))
            .json(&capabilities)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {created}"))
            .to_string();
        Browser {
            driver,
            base,
            session,
            http,
            profile,
        }
    }

    async fn command(&self, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let answer: Value = self
            .http
            .post(url)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(answer["value"].get("error").is_none(), "{path}: {answer}");
        answer["value"].clone()
    }

    async fn open(&self, url: &str) {
        self.command("/url", json!({ "url": url })).await;
    }

    async fn script(&self, source: &str) -> Value {
        self.command("/execute/sync", json!({ "script": source, "args": [] }))
            .await
    }

    /// Runs `source` as an async script; it calls `done(value)` with its result.
    async fn async_script(&self, source: &str) -> Value {
        let wrapped = format!("const done = arguments[arguments.length - 1]; {source}");
        self.command("/execute/async", json!({ "script": wrapped, "args": [] }))
            .await
    }

    async fn wait_for_page(&self, page: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let current = self
                .script("return document.getElementById('portal-main').dataset.page")
                .await;
            if current == page {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "page stayed '{current}', expected '{page}'"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stop(mut self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.http.delete(url).send().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

#[tokio::test]
async fn device_page_renders_seed_device() {
    let emulator = Emulator::start().await;
    let browser = Browser::start(&emulator).await;
    browser
        .open(&format!(
            "https://security.microsoft.com/machines/v2/{DEVICE}/overview?tid={TENANT}"
        ))
        .await;
    browser.wait_for_page("device").await;

    let heading = browser
        .script("return document.querySelector('#portal-main h1').textContent")
        .await;
    assert_eq!(heading, "ws-finance-01.contoso.local");
    let hashes = browser
        .script("return [...document.querySelectorAll('#portal-main [data-sha1]')].map(e => e.dataset.sha1)")
        .await;
    assert!(hashes
        .as_array()
        .unwrap()
        .contains(&Value::from(MALICIOUS_SHA1)));
    browser.stop().await;
}

#[tokio::test]
async fn link_navigates_with_push_state_and_late_render() {
    let emulator = Emulator::start().await;
    let browser = Browser::start(&emulator).await;
    browser
        .open(&format!(
            "https://security.microsoft.com/machines/v2/{DEVICE}/overview"
        ))
        .await;
    browser.wait_for_page("device").await;

    // Click a file link and watch main until the file page appears.
    let outcome = browser
        .async_script(&format!(
            r#"
            window.notReloaded = true;
            const main = document.getElementById('portal-main');
            const started = performance.now();
            document.querySelector('#portal-main a[href^="/file/{MALICIOUS_SHA1}"]').click();
            const right_after = main.dataset.page;
            const path = location.pathname;
            const timer = setInterval(() => {{
              if (main.dataset.page === 'file') {{
                clearInterval(timer);
                done({{ right_after, path, elapsed: performance.now() - started,
                        heading: main.querySelector('h1').textContent,
                        notReloaded: window.notReloaded === true,
                        historyLength: history.length }});
              }}
            }}, 10);
            "#
        ))
        .await;

    assert_eq!(outcome["right_after"], "loading");
    assert_eq!(outcome["path"], format!("/file/{MALICIOUS_SHA1}/overview"));
    assert!(outcome["elapsed"].as_f64().unwrap() >= 250.0, "{outcome}");
    assert_eq!(outcome["heading"], "eicar.com");
    assert_eq!(outcome["notReloaded"], true);
    assert_eq!(outcome["historyLength"], 3);

    // The back button returns to the device page, again without a page load.
    browser.script("history.back()").await;
    browser.wait_for_page("device").await;
    let still_same_document = browser.script("return window.notReloaded === true").await;
    assert_eq!(still_same_document, true);
    browser.stop().await;
}

#[tokio::test]
async fn alert_and_incident_pages_render() {
    let emulator = Emulator::start().await;
    let browser = Browser::start(&emulator).await;
    browser
        .open("https://security.microsoft.com/alerts/da637551227677560813_-961444813")
        .await;
    browser.wait_for_page("alert").await;
    let device = browser
        .script(
            "return document.querySelector('#portal-main dd[data-machine-id]').dataset.machineId",
        )
        .await;
    assert_eq!(device, DEVICE);

    browser
        .open("https://security.microsoft.com/incidents/41")
        .await;
    browser.wait_for_page("incident").await;
    let links = browser
        .script("return document.querySelectorAll('#portal-main a[data-nav][href^=\"/alerts/\"]').length")
        .await;
    assert_eq!(links, 2);
    browser.stop().await;
}
