//! The gate every request passes: a token goes only to an API host of its own cloud.

use std::fmt;

use serde::Serialize;

use crate::cloud::Cloud;
use crate::url_parts::split_url;
use crate::validate::ValidationError;

/// Reports whether `url` may carry a token of `cloud`: an `https` URL on exactly one of
/// the cloud's API hosts, on the default port, without user info. Every other URL,
/// including anything [`split_url`] cannot read, is rejected.
pub fn is_allowed_api_url(url: &str, cloud: Cloud) -> bool {
    let Some(parts) = split_url(url) else {
        return false;
    };
    parts.is_plain_https()
        && cloud
            .profile()
            .api_hosts
            .iter()
            .any(|host| host.eq_ignore_ascii_case(parts.host))
}

/// Returns `https://host` for the cloud's default API host, or for the regional host
/// with the identifier `region`.
pub fn api_base_for(cloud: Cloud, region: Option<&str>) -> Result<String, ValidationError> {
    let profile = cloud.profile();
    let host = match region {
        None => profile.default_api_host,
        Some(id) => {
            let found = profile.regions.iter().find(|candidate| candidate.id == id);
            match found {
                Some(region) => region.host,
                None => {
                    return Err(ValidationError::RegionUnknown {
                        cloud: cloud.id().to_string(),
                        value: id.to_string(),
                    })
                }
            }
        }
    };
    Ok(format!("https://{host}"))
}

/// The origin requests are sent to: `https://host`, lower case, without path. It is not
/// checked against a cloud here; the client does that with [`is_allowed_api_url`]
/// before sending.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ApiBase(String);

impl ApiBase {
    /// Accepts `https://host`, with an optional trailing `/`.
    pub fn parse(text: &str) -> Result<ApiBase, ValidationError> {
        let invalid = || ValidationError::ApiBaseInvalid {
            value: text.to_string(),
        };
        let parts = split_url(text).ok_or_else(invalid)?;
        let bare = parts.is_plain_https()
            && parts.port.is_none()
            && matches!(parts.path, "" | "/")
            && parts.query.is_none()
            && !text.contains('#');
        if !bare {
            return Err(invalid());
        }
        Ok(ApiBase(format!(
            "https://{}",
            parts.host.to_ascii_lowercase()
        )))
    }

    /// The origin, such as `https://api.security.microsoft.com`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::CLOUDS;

    #[test]
    fn allowed_urls() {
        let cases = [
            (
                "https://api.security.microsoft.com/api/machines",
                Cloud::Commercial,
            ),
            (
                "https://API.Security.Microsoft.COM/api/machines",
                Cloud::Commercial,
            ),
            (
                "https://api.security.microsoft.com:443/api",
                Cloud::Commercial,
            ),
            (
                "https://eu.api.security.microsoft.com/api",
                Cloud::Commercial,
            ),
            (
                "https://api-eu.securitycenter.microsoft.com/api",
                Cloud::Commercial,
            ),
            (
                "https://api-gcc.securitycenter.microsoft.us/api",
                Cloud::Gcc,
            ),
            (
                "https://api-gov.securitycenter.microsoft.us/api",
                Cloud::GccHigh,
            ),
            (
                "https://api-gov.securitycenter.microsoft.us/api",
                Cloud::Dod,
            ),
        ];
        for (url, cloud) in cases {
            assert!(is_allowed_api_url(url, cloud), "{url} {cloud:?}");
        }
    }

    #[test]
    fn rejected_urls() {
        let cases = [
            ("http://api.security.microsoft.com/api", Cloud::Commercial),
            (
                "https://api.security.microsoft.com:8443/api",
                Cloud::Commercial,
            ),
            (
                "https://user@api.security.microsoft.com/api",
                Cloud::Commercial,
            ),
            (
                "https://api.security.microsoft.com@evil.test/api",
                Cloud::Commercial,
            ),
            (
                "https://api.security.microsoft.com.evil.test/api",
                Cloud::Commercial,
            ),
            (
                "https://evil.test/api.security.microsoft.com",
                Cloud::Commercial,
            ),
            ("https://api.security.microsoft.com./api", Cloud::Commercial),
            ("https://xapi.security.microsoft.com/api", Cloud::Commercial),
            (
                "https://api.security.microsoft.com\\@evil.test/",
                Cloud::Commercial,
            ),
            ("https://api%2esecurity.microsoft.com/", Cloud::Commercial),
            ("https://security.microsoft.com/api", Cloud::Commercial),
            ("https://login.microsoftonline.com/api", Cloud::Commercial),
            (
                "https://api-gov.securitycenter.microsoft.us/api",
                Cloud::Commercial,
            ),
            ("https://api.security.microsoft.com/api", Cloud::Gcc),
            ("https://api.security.microsoft.com/api", Cloud::GccHigh),
            ("https://127.0.0.1/api", Cloud::Commercial),
            (" https://api.security.microsoft.com/api", Cloud::Commercial),
            ("", Cloud::Commercial),
        ];
        for (url, cloud) in cases {
            assert!(!is_allowed_api_url(url, cloud), "{url} {cloud:?}");
        }
    }

    #[test]
    fn every_table_host_is_allowed_for_its_cloud() {
        for cloud in CLOUDS {
            for host in cloud.profile().api_hosts {
                assert!(is_allowed_api_url(&format!("https://{host}/api"), cloud));
            }
        }
    }

    #[test]
    fn api_bases() {
        assert_eq!(
            api_base_for(Cloud::Commercial, None).as_deref(),
            Ok("https://api.security.microsoft.com")
        );
        assert_eq!(
            api_base_for(Cloud::Commercial, Some("eu")).as_deref(),
            Ok("https://eu.api.security.microsoft.com")
        );
        assert_eq!(
            api_base_for(Cloud::Dod, None).as_deref(),
            Ok("https://api-gov.securitycenter.microsoft.us")
        );
        assert_eq!(
            api_base_for(Cloud::Gcc, Some("eu")),
            Err(ValidationError::RegionUnknown {
                cloud: "gcc".to_string(),
                value: "eu".to_string(),
            })
        );
    }

    #[test]
    fn api_base_parsing() {
        for text in [
            "https://API.security.microsoft.com",
            "https://api.security.microsoft.com/",
        ] {
            assert_eq!(
                ApiBase::parse(text).map(|base| base.0),
                Ok("https://api.security.microsoft.com".to_string())
            );
        }
        for text in [
            "http://api.security.microsoft.com",
            "https://api.security.microsoft.com/api",
            "https://api.security.microsoft.com?x=1",
            "https://api.security.microsoft.com:443",
            "https://a@api.security.microsoft.com",
            "api.security.microsoft.com",
        ] {
            assert!(ApiBase::parse(text).is_err(), "{text}");
        }
    }
}
