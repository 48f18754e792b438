//! Starts an emulator in this process on free ports and talks to it over real HTTPS,
//! with every Microsoft host name resolved to 127.0.0.1 and the emulator's CA trusted.

#![allow(dead_code)]

use std::net::SocketAddr;

use defender_emulator::{start, Options, Running};
use reqwest::{Certificate, Client, Response};
use serde_json::{json, Value};

pub const DEVICE: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
pub const DEVICE_1709: &str = "8d767e2a1dede0ac9a5c76e63e6fa5184b2beeae";
pub const DEVICE_1607: &str = "04ff5060a42cb77dc583af5e593998ba948de50e";
pub const SERVER: &str = "c7b3b83e8cb949e2fd040ac063cae7fa4d3e26a1";
pub const MAC: &str = "5230e197286f08836247d028fc14068f3cc90eec";
pub const LINUX: &str = "b5237f5bdfb9bbf051bc58a328bf55a69e084cbc";
pub const OFFLINE: &str = "1f2268528e186e9353c7864584c06954971512b2";
pub const REIMAGED_OLD: &str = "155de168dd831548f39f1894b544d301efd10101";
pub const REIMAGED_NEW: &str = "3dc95099f32ade08fd9ae1bf62a2d176d6477863";
pub const NO_ANTIVIRUS: &str = "3ed2e9be598863cd3dc4eaf9cc9634f64d29bbf2";
pub const MALICIOUS_SHA1: &str = "3395856ce81f2b7382dee72602f798b642f14140";
pub const MALICIOUS_SHA256: &str =
    "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
pub const MICROSOFT_SHA1: &str = "22967422fdce93ae6838fb70947726955a665043";
pub const TRUSTED_SHA1: &str = "f4334a0413d7ef2b95b9e6942c01d1ef576da893";
pub const SHA256_ONLY: &str = "46a98a68dd5b8e0faf4394be7057fb27df46fc17833d4a68a93e35e70497b089";
pub const UNKNOWN_SHA1: &str = "0123456789abcdef0123456789abcdef01234567";
pub const ANALYST: &str = "analyst@contoso.onmicrosoft.com";
pub const VIEWER: &str = "viewer@contoso.onmicrosoft.com";
pub const LIMITED: &str = "limited@contoso.onmicrosoft.com";
pub const TENANT: &str = "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
pub const CLIENT_ID: &str = "7d3e6a0b-1c2d-4e5f-9a8b-7c6d5e4f3a2b";
pub const REDIRECT_URI: &str = "https://ebojcpbneaajnbiionfaimhgoljgdjpk.chromiumapp.org/";
pub const API: &str = "api.security.microsoft.com";

pub struct Emulator {
    pub running: Running,
    /// HTTPS client that never follows redirects.
    pub client: Client,
    admin: Client,
}

/// Builds an HTTPS client that sends every emulator host to 127.0.0.1 and trusts the
/// emulator's CA.
pub fn https_client(running: &Running) -> Client {
    let certificate = Certificate::from_pem(running.ca_pem.as_bytes()).expect("CA PEM parses");
    let address: SocketAddr = ([127, 0, 0, 1], running.port).into();
    let mut builder = Client::builder()
        .add_root_certificate(certificate)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy();
    for host in &running.hosts {
        builder = builder.resolve(host, address);
    }
    builder.build().expect("HTTPS client builds")
}

impl Emulator {
    pub async fn start() -> Emulator {
        Emulator::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> Emulator {
        let running = start(options).await.expect("emulator starts");
        let client = https_client(&running);
        let admin = Client::builder().no_proxy().build().unwrap();
        Emulator {
            running,
            client,
            admin,
        }
    }

    /// `https://{host}:{port}{path}`: the port goes in the URL, the name resolves to
    /// 127.0.0.1.
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("https://{host}:{}{path}", self.running.port)
    }

    pub fn api(&self, path: &str) -> String {
        self.url(API, path)
    }

    pub fn admin_url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.running.admin_port)
    }

    pub async fn admin_post(&self, path: &str, body: Value) -> Value {
        let response = self
            .admin
            .post(self.admin_url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "admin POST {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    pub async fn admin_get(&self, path: &str) -> Value {
        let response = self.admin.get(self.admin_url(path)).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "admin GET {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    pub async fn admin_delete(&self, path: &str) -> Value {
        let response = self
            .admin
            .delete(self.admin_url(path))
            .send()
            .await
            .unwrap();
        response.json().await.unwrap()
    }

    /// Mints a token for `upn` with the default commercial scopes.
    pub async fn token(&self, upn: &str) -> String {
        let minted = self.admin_post("/tokens", json!({ "upn": upn })).await;
        minted["accessToken"].as_str().unwrap().to_string()
    }

    pub async fn token_with(&self, body: Value) -> String {
        let minted = self.admin_post("/tokens", body).await;
        minted["accessToken"].as_str().unwrap().to_string()
    }

    pub async fn advance(&self, seconds: f64) {
        self.admin_post("/clock/advance", json!({ "seconds": seconds }))
            .await;
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.client
            .get(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/machines/{machine}/StopAndQuarantineFile` with a JSON body.
    pub async fn quarantine(&self, token: &str, machine: &str, sha1: &str) -> Response {
        self.client
            .post(self.api(&format!("/api/machines/{machine}/StopAndQuarantineFile")))
            .bearer_auth(token)
            .json(&json!({ "Comment": "Malware found by the SOC", "Sha1": sha1 }))
            .send()
            .await
            .unwrap()
    }

    /// Creates an action as the analyst and returns its JSON.
    pub async fn created_action(&self, machine: &str, sha1: &str) -> Value {
        let token = self.token(ANALYST).await;
        let response = self.quarantine(&token, machine, sha1).await;
        assert_eq!(response.status(), 201);
        response.json().await.unwrap()
    }

    pub async fn action_status(&self, id: &str) -> String {
        let token = self.token(ANALYST).await;
        let action: Value = self
            .get(&token, &format!("/api/machineactions/{id}"))
            .await
            .json()
            .await
            .unwrap();
        action["status"].as_str().unwrap().to_string()
    }
}

/// Asserts the status and the Defender error code, and returns the body.
pub async fn expect_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert!(body["error"]["target"].is_string());
    body
}
