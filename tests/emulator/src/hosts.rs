//! Which part of the emulator serves a Host header, from the cloud table.

use quarantine_core::cloud::CLOUDS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    SignIn,
    Api,
    Portal,
}

/// Finds the site served on `host` (lower case, without port), if it is in the cloud table.
pub fn site_of(host: &str) -> Option<Site> {
    let profiles = CLOUDS.iter().map(|cloud| cloud.profile());
    for profile in profiles {
        if profile.authority_host == host {
            return Some(Site::SignIn);
        }
        if profile.api_hosts.contains(&host) {
            return Some(Site::Api);
        }
        if profile.portal_hosts.contains(&host) {
            return Some(Site::Portal);
        }
    }
    None
}

/// Strips the port from a Host header and lower-cases it.
pub fn normalize(host_header: &str) -> String {
    let host = match host_header.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host_header,
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}
