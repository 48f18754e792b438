//! The binary: its ready line, its certificate, its options and how it stops.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use common::*;
use serde_json::Value;

const BINARY: &str = env!("CARGO_BIN_EXE_defender-emulator");

/// Starts the binary with piped stdin and returns it with its ready line.
fn spawn(arguments: &[&str]) -> (Child, Value) {
    let mut child = Command::new(BINARY)
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let ready: Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("ready line '{line}': {e}"));
    (child, ready)
}

/// Waits up to five seconds for the process to exit and returns whether it did.
fn exits_soon(child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    false
}

/// Builds a client that, like Chromium with `--ignore-certificate-errors-spki-list`, accepts the
/// certificate and lets the test check its SPKI itself.
fn pinning_client(port: u16) -> reqwest::Client {
    let address: SocketAddr = ([127, 0, 0, 1], port).into();
    let mut builder = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .tls_info(true)
        .no_proxy();
    for host in quarantine_core::cloud::all_hosts() {
        builder = builder.resolve(host, address);
    }
    builder.build().unwrap()
}

fn spki_sha256(certificate_der: &[u8]) -> String {
    let (_, certificate) = x509_parser::parse_x509_certificate(certificate_der).unwrap();
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        certificate.tbs_certificate.subject_pki.raw,
    );
    base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
}

#[tokio::test]
async fn ready_line_has_ports_spki_and_hosts() {
    let (mut child, ready) = spawn(&[]);
    assert_eq!(ready["event"], "ready");
    assert!(ready["port"].as_u64().unwrap() > 0);
    assert!(ready["adminPort"].as_u64().unwrap() > 0);
    let hosts: Vec<&str> = ready["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(hosts, quarantine_core::cloud::all_hosts());
    assert_eq!(ready["spki"].as_str().unwrap().len(), 44);
    child.kill().unwrap();
}

#[tokio::test]
async fn served_certificate_matches_ready_spki() {
    let (mut child, ready) = spawn(&[]);
    let port = ready["port"].as_u64().unwrap() as u16;
    let response = pinning_client(port)
        .get(format!("https://security.microsoft.com:{port}/machines"))
        .send()
        .await
        .unwrap();
    let info = response
        .extensions()
        .get::<reqwest::tls::TlsInfo>()
        .unwrap();
    let der = info.peer_certificate().unwrap();
    assert_eq!(spki_sha256(der), ready["spki"]);
    child.kill().unwrap();
}

#[tokio::test]
async fn closing_stdin_stops_the_emulator() {
    let (mut child, _) = spawn(&[]);
    drop(child.stdin.take());
    assert!(exits_soon(&mut child));
}

#[tokio::test]
async fn sigterm_stops_the_emulator() {
    let (mut child, _) = spawn(&[]);
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(exits_soon(&mut child));
    assert!(child.wait().unwrap().success());
}

#[tokio::test]
async fn fixed_ports_are_used() {
    // Ask the OS for two free ports, release them, and start on them.
    let ports: Vec<u16> = (0..2)
        .map(|_| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        })
        .collect();
    let (port, admin_port) = (ports[0].to_string(), ports[1].to_string());
    let (mut child, ready) = spawn(&["--port", &port, "--admin-port", &admin_port]);
    assert_eq!(ready["port"].as_u64().unwrap().to_string(), port);
    assert_eq!(ready["adminPort"].as_u64().unwrap().to_string(), admin_port);
    child.kill().unwrap();
}

#[tokio::test]
async fn seed_file_replaces_built_in_seed() {
    let mut seed: Value = serde_json::from_str(defender_emulator::seed::DEFAULT_SEED).unwrap();
    seed["machines"][0]["computerDnsName"] = Value::from("renamed-01.fabrikam.local");
    let path = std::env::temp_dir().join(format!("emulator-seed-{}.json", std::process::id()));
    std::fs::File::create(&path)
        .unwrap()
        .write_all(seed.to_string().as_bytes())
        .unwrap();

    let (mut child, ready) = spawn(&["--seed", path.to_str().unwrap()]);
    let admin_port = ready["adminPort"].as_u64().unwrap();
    let served: Value = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("http://127.0.0.1:{admin_port}/seed"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served["machines"][0]["computerDnsName"],
        "renamed-01.fabrikam.local"
    );
    child.kill().unwrap();
    std::fs::remove_file(path).unwrap();
}

#[test]
fn invalid_option_exits_with_usage() {
    for arguments in [
        &["--port", "http"][..],
        &["--clock-speed", "0"],
        &["--seed", "/nonexistent/seed.json"],
        &["--color"],
    ] {
        let output = Command::new(BINARY)
            .args(arguments)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(!output.status.success(), "{arguments:?}");
        assert!(
            !String::from_utf8_lossy(&output.stderr).is_empty(),
            "{arguments:?}"
        );
    }
}

#[tokio::test]
async fn certificate_covers_every_host() {
    let emulator = Emulator::start().await;
    for host in emulator.running.hosts.clone() {
        // The client verifies the name against the certificate, so any response will do.
        let result = emulator.client.get(emulator.url(host, "/")).send().await;
        assert!(result.is_ok(), "{host}: {result:?}");
    }
}

#[tokio::test]
async fn unknown_host_is_421() {
    let emulator = Emulator::start().await;
    let client = https_client(&emulator.running);
    let response = client
        .get(format!(
            "https://localhost:{}/api/machines",
            emulator.running.port
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 421);
}

/// Local addresses of the listening TCP sockets on `port`, from /proc/net/tcp.
fn listening_addresses(port: u16) -> Vec<String> {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (address, port_hex) = fields[1].split_once(':')?;
            let listening = fields[3] == "0A";
            (listening && u16::from_str_radix(port_hex, 16).ok()? == port)
                .then(|| address.to_string())
        })
        .collect()
}

#[tokio::test]
async fn listens_on_loopback_only() {
    let (mut child, ready) = spawn(&[]);
    for key in ["port", "adminPort"] {
        let port = ready[key].as_u64().unwrap() as u16;
        // /proc/net/tcp writes 127.0.0.1 as 0100007F.
        assert_eq!(listening_addresses(port), ["0100007F"], "{key}");
    }
    child.kill().unwrap();
}
