//! The emulator's certificate: a throwaway CA made at start and one server certificate
//! it signs, whose names cover every Microsoft host the emulator serves.
//!
//! Browsers trust the server certificate through its SubjectPublicKeyInfo hash
//! (`--ignore-certificate-errors-spki-list`); Rust clients trust the CA.

use std::sync::Arc;

use base64::Engine;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PublicKeyData, SanType,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use time::{Duration, OffsetDateTime};

/// The TLS material of one emulator run.
pub struct Certificates {
    /// Server configuration presenting the server certificate and the CA.
    pub server_config: Arc<rustls::ServerConfig>,
    /// Base64 of the SHA-256 of the server certificate's SubjectPublicKeyInfo.
    pub spki_sha256: String,
    /// The CA certificate in PEM, for clients that verify the chain.
    pub ca_pem: String,
}

/// Creates a fresh CA and a server certificate for `hosts`, `localhost` and 127.0.0.1.
pub fn generate(hosts: &[&str]) -> Result<Certificates, String> {
    let now = OffsetDateTime::now_utc();

    let ca_key = KeyPair::generate().map_err(|e| format!("CA key generation failed: {e}"))?;
    let mut ca_params = CertificateParams::default();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Defender emulator test CA");
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca_params.not_before = now - Duration::days(1);
    ca_params.not_after = now + Duration::days(30);
    let ca_cert = ca_params
        .self_signed(&ca_key)
        .map_err(|e| format!("CA certificate signing failed: {e}"))?;
    let issuer = Issuer::new(ca_params, ca_key);

    let mut names: Vec<String> = hosts.iter().map(|host| host.to_string()).collect();
    names.push("localhost".to_string());
    let server_key =
        KeyPair::generate().map_err(|e| format!("server key generation failed: {e}"))?;
    let mut server_params = CertificateParams::new(names)
        .map_err(|e| format!("a host name is not a valid DNS name: {e}"))?;
    server_params
        .subject_alt_names
        .push(SanType::IpAddress([127, 0, 0, 1].into()));
    server_params
        .distinguished_name
        .push(DnType::CommonName, "Defender emulator");
    server_params.is_ca = IsCa::ExplicitNoCa;
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server_params.not_before = now - Duration::days(1);
    server_params.not_after = now + Duration::days(30);
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .map_err(|e| format!("server certificate signing failed: {e}"))?;

    let spki = ring::digest::digest(&ring::digest::SHA256, &server_key.subject_public_key_info());
    let spki_sha256 = base64::engine::general_purpose::STANDARD.encode(spki.as_ref());

    let chain = vec![server_cert.der().clone(), ca_cert.der().clone()];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let mut server_config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| format!("TLS configuration failed: {e}"))?
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .map_err(|e| format!("TLS configuration rejected the certificate: {e}"))?;
    // HTTP/1.1 only: the request log and the fault injection work per connection.
    server_config.alpn_protocols = vec![b"http/1.1".to_vec()];

    Ok(Certificates {
        server_config: Arc::new(server_config),
        spki_sha256,
        ca_pem: ca_cert.pem(),
    })
}
