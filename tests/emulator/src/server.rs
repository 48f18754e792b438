//! The two listeners: the TLS port that serves every Microsoft host by its Host header,
//! and the plain HTTP admin port. Each request is logged, recorded, delayed and faulted
//! here, around the handler of its site.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::HOST;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::StatusCode;
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use crate::api::errors::api_error;
use crate::hosts::{normalize, site_of, Site};
use crate::http::{with_type, Request, Response};
use crate::request_log;
use crate::seed::Seed;
use crate::state::{FaultKind, Shared};
use crate::{admin, api, entra, portal, tls};

/// How to start the emulator.
pub struct Options {
    /// TLS port; 0 picks a free one.
    pub port: u16,
    /// Admin port; 0 picks a free one.
    pub admin_port: u16,
    pub seed: Seed,
    /// How many emulated seconds pass per real second.
    pub clock_speed: f64,
    /// Lifetime of access tokens from the token endpoint, in seconds.
    pub token_lifetime_seconds: i64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            port: 0,
            admin_port: 0,
            seed: Seed::built_in(),
            clock_speed: 1.0,
            token_lifetime_seconds: 3600,
        }
    }
}

/// A started emulator. Dropping it stops both listeners.
pub struct Running {
    pub port: u16,
    pub admin_port: u16,
    /// Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo.
    pub spki_sha256: String,
    /// The CA that signed the server certificate, in PEM.
    pub ca_pem: String,
    pub hosts: Vec<&'static str>,
    pub shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// Builds the JSON line printed on stdout once the emulator accepts connections.
    pub fn ready_line(&self) -> String {
        json!({
            "event": "ready",
            "port": self.port,
            "adminPort": self.admin_port,
            "spki": self.spki_sha256,
            "hosts": self.hosts,
        })
        .to_string()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// The error that makes hyper close a connection without a response.
#[derive(Debug)]
struct DroppedConnection;

impl std::fmt::Display for DroppedConnection {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DroppedConnection {}

/// Binds both ports on 127.0.0.1 and starts serving.
pub async fn start(options: Options) -> Result<Running, String> {
    let hosts = quarantine_core::cloud::all_hosts();
    let certificates = tls::generate(&hosts)?;
    let shared = Arc::new(Shared::new(
        options.seed,
        options.clock_speed,
        options.token_lifetime_seconds,
    ));

    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    let admin_listener = TcpListener::bind(("127.0.0.1", options.admin_port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.admin_port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let admin_port = admin_listener
        .local_addr()
        .map_err(|e| e.to_string())?
        .port();

    let acceptor = TlsAcceptor::from(certificates.server_config.clone());
    let tasks = vec![
        tokio::spawn(serve_tls(listener, acceptor, shared.clone())),
        tokio::spawn(serve_admin(
            admin_listener,
            shared.clone(),
            certificates.ca_pem.clone(),
        )),
    ];

    Ok(Running {
        port,
        admin_port,
        spki_sha256: certificates.spki_sha256,
        ca_pem: certificates.ca_pem,
        hosts,
        shared,
        tasks,
    })
}

async fn serve_tls(listener: TcpListener, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                eprintln!("accepting a TLS connection failed: {error}");
                continue;
            }
        };
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let stream = match acceptor.accept(stream).await {
                Ok(stream) => stream,
                Err(error) => {
                    eprintln!("TLS handshake failed: {error}");
                    return;
                }
            };
            let service = service_fn(move |request| serve_request(shared.clone(), request));
            // Errors here are clients going away and injected drops; both are expected.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn read_request(request: hyper::Request<Incoming>) -> Request {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
    let host = parts
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .or(parts.uri.host())
        .map(normalize)
        .unwrap_or_default();
    Request {
        method: parts.method,
        host,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts.headers,
        body,
    }
}

async fn serve_request(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<Response, DroppedConnection> {
    let started = Instant::now();
    let request = read_request(request).await;

    let delay_ms = latency_for(&shared, &request);
    if delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    }

    let fault = take_fault(&shared, &request);
    let response = match fault {
        Some(FaultKind::InternalServerError) => api_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            "An injected fault answered 500.",
        ),
        Some(FaultKind::ServiceUnavailable) => api_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "An injected fault answered 503.",
        ),
        _ => dispatch(&shared, &request),
    };

    // A hang or drop runs the handler first, as a real outage after the service acted
    // would: the action exists even though the client never hears of it.
    if let Some(FaultKind::Hang | FaultKind::Drop) = fault {
        finish(&shared, &request, 0, started);
        if fault == Some(FaultKind::Hang) {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        return Err(DroppedConnection);
    }

    finish(&shared, &request, response.status().as_u16(), started);
    Ok(response)
}

fn dispatch(shared: &Shared, request: &Request) -> Response {
    match site_of(&request.host) {
        Some(Site::SignIn) => entra::handle(shared, request),
        Some(Site::Api) => api::handle(shared, request),
        Some(Site::Portal) => portal::handle(shared, request),
        None => with_type(
            StatusCode::MISDIRECTED_REQUEST,
            "text/plain; charset=utf-8",
            format!(
                "The emulator does not serve host '{}'. It serves the hosts in its ready line.",
                request.host
            ),
        ),
    }
}

fn finish(shared: &Shared, request: &Request, status: u16, started: Instant) {
    let ms = started.elapsed().as_millis();
    request_log::log_line(request, status, ms);
    let record = request_log::record(shared, request, status, ms);
    request_log::store(shared, record);
}

fn latency_for(shared: &Shared, request: &Request) -> u64 {
    let inner = shared.lock();
    match &inner.latency {
        Some(latency)
            if latency
                .path
                .as_ref()
                .is_none_or(|path| path.is_match(&request.path)) =>
        {
            latency.ms
        }
        _ => 0,
    }
}

/// Takes one use of the first fault that matches the request, if any.
fn take_fault(shared: &Shared, request: &Request) -> Option<FaultKind> {
    let mut inner = shared.lock();
    let fault = inner.faults.iter_mut().find(|fault| {
        fault.remaining > 0
            && fault
                .method
                .as_ref()
                .is_none_or(|method| method.eq_ignore_ascii_case(request.method.as_str()))
            && fault.path.is_match(&request.path)
    })?;
    fault.remaining -= 1;
    let kind = fault.kind;
    inner.faults.retain(|fault| fault.remaining > 0);
    Some(kind)
}

async fn serve_admin(listener: TcpListener, shared: Arc<Shared>, ca_pem: String) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                eprintln!("accepting an admin connection failed: {error}");
                continue;
            }
        };
        let shared = shared.clone();
        let ca_pem = ca_pem.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let shared = shared.clone();
                let ca_pem = ca_pem.clone();
                async move {
                    let started = Instant::now();
                    let request = read_request(request).await;
                    let response = admin::handle(&shared, &ca_pem, &request);
                    request_log::log_line(
                        &request,
                        response.status().as_u16(),
                        started.elapsed().as_millis(),
                    );
                    Ok::<_, Infallible>(response)
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
