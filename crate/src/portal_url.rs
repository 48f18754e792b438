//! Reading the Defender portal's address: which page the analyst is on and what it shows.

use serde::Serialize;

use crate::cloud::CLOUDS;
use crate::url_parts::split_url;
use crate::validate::guid::normalize_guid;

/// The kind of portal page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PortalPage {
    /// A device page, `/machines/v2/{id}/...` or `/machines/{id}`.
    Device,
    /// A file page, `/file/{hash}/...`.
    File,
    /// An alert, `/alerts/{id}` or the older `/alert/{id}`.
    Alert,
    /// An incident, `/incidents/{id}` or `/incident2/{id}/...`.
    Incident,
    /// Any other page of the portal.
    Other,
}

/// The page a portal URL shows and the ids in it. Device ids and hashes are lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalLocation {
    /// The kind of page.
    pub page: PortalPage,
    /// The device id of a device page: 40 lower-case hex digits.
    pub machine_id: Option<String>,
    /// The SHA-1 or SHA-256 of a file page, in lower case.
    pub file_hash: Option<String>,
    /// The alert id, as in the path.
    pub alert_id: Option<String>,
    /// The incident id, as in the path.
    pub incident_id: Option<String>,
    /// The tenant from `?tid=`, a lower-case GUID.
    pub tenant_id: Option<String>,
}

/// Reads a portal URL. Returns `None` unless it is an `https` URL on the default port,
/// without user info, on a portal host of the cloud table.
pub fn parse_portal_url(url: &str) -> Option<PortalLocation> {
    let parts = split_url(url)?;
    let on_portal = CLOUDS.iter().any(|cloud| {
        cloud
            .profile()
            .portal_hosts
            .iter()
            .any(|host| host.eq_ignore_ascii_case(parts.host))
    });
    if !parts.is_plain_https() || !on_portal {
        return None;
    }

    let mut location = PortalLocation {
        page: PortalPage::Other,
        machine_id: None,
        file_hash: None,
        alert_id: None,
        incident_id: None,
        tenant_id: parts.query_parameter("tid").and_then(normalize_guid),
    };

    let segments: Vec<String> = parts
        .path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let original: Vec<&str> = parts
        .path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    let keywords: Vec<&str> = segments.iter().map(String::as_str).collect();

    match keywords.as_slice() {
        ["machines", "v2", id, ..] | ["machines", id] if is_hex_of(id, &[40]) => {
            location.page = PortalPage::Device;
            location.machine_id = Some((*id).to_string());
        }
        ["file", hash, ..] if is_hex_of(hash, &[40, 64]) => {
            location.page = PortalPage::File;
            location.file_hash = Some((*hash).to_string());
        }
        ["alerts" | "alert", _, ..] if is_portal_id(original[1]) => {
            location.page = PortalPage::Alert;
            location.alert_id = Some(original[1].to_string());
        }
        ["incidents" | "incident2", _, ..] if is_portal_id(original[1]) => {
            location.page = PortalPage::Incident;
            location.incident_id = Some(original[1].to_string());
        }
        _ => {}
    }
    Some(location)
}

fn is_hex_of(text: &str, lengths: &[usize]) -> bool {
    lengths.contains(&text.len()) && text.chars().all(|character| character.is_ascii_hexdigit())
}

/// Alert and incident ids: letters, digits, `_` and `-`, such as
/// `da637551227677560813_-961444813`.
fn is_portal_id(text: &str) -> bool {
    (1..=128).contains(&text.len())
        && text
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || matches!(character, '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    const TENANT: &str = "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b";

    fn page(url: &str) -> Option<PortalPage> {
        parse_portal_url(url).map(|location| location.page)
    }

    #[test]
    fn device_pages() {
        for url in [
            format!("https://security.microsoft.com/machines/v2/{ID}/overview"),
            format!("https://security.microsoft.com/machines/v2/{ID}/timeline?tid={TENANT}"),
            format!(
                "https://security.microsoft.com/machines/v2/{}",
                ID.to_uppercase()
            ),
            format!("https://security.microsoft.com/machines/{ID}"),
            format!("https://securitycenter.windows.com/machines/{ID}"),
            format!("https://security.microsoft.us/machines/v2/{ID}/overview"),
            format!("https://security.apps.mil/machines/v2/{ID}/overview"),
            format!("https://Security.Microsoft.com:443/machines/v2/{ID}/overview#top"),
        ] {
            let location = parse_portal_url(&url);
            assert_eq!(
                location.as_ref().map(|location| location.page),
                Some(PortalPage::Device),
                "{url}"
            );
            assert_eq!(
                location.and_then(|location| location.machine_id).as_deref(),
                Some(ID),
                "{url}"
            );
        }
        let with_tenant = parse_portal_url(&format!(
            "https://security.microsoft.com/machines/v2/{ID}/overview?tid={}",
            TENANT.to_uppercase()
        ));
        assert_eq!(
            with_tenant
                .and_then(|location| location.tenant_id)
                .as_deref(),
            Some(TENANT)
        );
    }

    #[test]
    fn other_pages() {
        let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let file = parse_portal_url(&format!(
            "https://security.microsoft.com/file/{sha256}/overview"
        ));
        assert_eq!(
            file.as_ref().map(|location| location.page),
            Some(PortalPage::File)
        );
        assert_eq!(
            file.and_then(|location| location.file_hash).as_deref(),
            Some(sha256)
        );

        let alert_id = "da637551227677560813_-961444813";
        for prefix in ["alerts", "alert"] {
            let alert = parse_portal_url(&format!(
                "https://security.microsoft.com/{prefix}/{alert_id}"
            ));
            assert_eq!(
                alert.and_then(|location| location.alert_id).as_deref(),
                Some(alert_id)
            );
        }

        let incident =
            parse_portal_url("https://security.microsoft.com/incident2/1234/overview?tid=x");
        assert_eq!(
            incident.as_ref().map(|location| location.page),
            Some(PortalPage::Incident)
        );
        assert_eq!(
            incident
                .as_ref()
                .and_then(|location| location.incident_id.as_deref()),
            Some("1234")
        );
        assert_eq!(incident.and_then(|location| location.tenant_id), None);
        assert_eq!(
            page("https://security.microsoft.com/incidents/77"),
            Some(PortalPage::Incident)
        );

        assert_eq!(
            page("https://security.microsoft.com/homepage"),
            Some(PortalPage::Other)
        );
        assert_eq!(
            page("https://security.microsoft.com"),
            Some(PortalPage::Other)
        );
        assert_eq!(
            page("https://security.microsoft.com/machines/v2/not-an-id/overview"),
            Some(PortalPage::Other)
        );
        assert_eq!(
            page("https://security.microsoft.com/file/abc"),
            Some(PortalPage::Other)
        );
    }

    #[test]
    fn foreign_urls() {
        for url in [
            format!("https://security.microsoft.com@other.test/machines/v2/{ID}/overview"),
            format!("https://user@security.microsoft.com/machines/v2/{ID}/overview"),
            format!("https://security.microsoft.com.other.test/machines/v2/{ID}/overview"),
            format!("https://security-microsoft.com/machines/v2/{ID}/overview"),
            format!("https://securlty.microsoft.com/machines/v2/{ID}/overview"),
            format!("http://security.microsoft.com/machines/v2/{ID}/overview"),
            format!("https://security.microsoft.com:8443/machines/v2/{ID}/overview"),
            format!("https://api.security.microsoft.com/machines/v2/{ID}/overview"),
            format!("https://other.test/?u=https://security.microsoft.com/machines/v2/{ID}"),
            "not a url".to_string(),
        ] {
            assert_eq!(parse_portal_url(&url), None, "{url}");
        }
    }
}
