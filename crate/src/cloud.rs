//! The cloud table: which sign-in authority, API hosts, token scopes and portal hosts
//! belong together. A token is only ever sent to an API host of the cloud it was issued
//! for, so every request URL is checked against this table.

use serde::Serialize;

/// A Microsoft cloud that hosts Defender for Endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Cloud {
    /// The commercial (worldwide) cloud.
    Commercial,
    /// US Government Community Cloud: commercial sign-in, its own API host.
    Gcc,
    /// US Government Community Cloud High.
    GccHigh,
    /// US Department of Defense.
    Dod,
}

/// A regional API host that an administrator may pin requests to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// Stable identifier stored in settings, such as `eu`.
    pub id: &'static str,
    /// The API host serving that region.
    pub host: &'static str,
}

/// Everything the product needs to know about one cloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudProfile {
    /// The cloud this profile describes.
    pub cloud: Cloud,
    /// Host of the Entra ID sign-in authority.
    pub authority_host: &'static str,
    /// Host used when no region is chosen.
    pub default_api_host: &'static str,
    /// Every API host of the cloud, global and regional, the default included.
    pub api_hosts: &'static [&'static str],
    /// Regional hosts offered in the settings, a subset of `api_hosts`.
    pub regions: &'static [Region],
    /// Resource (token audience) whose delegated scopes the extension requests.
    pub resource: &'static str,
    /// Delegated scopes, without `offline_access`.
    pub scopes: &'static [&'static str],
    /// Hosts of the Defender portal where the button is offered.
    pub portal_hosts: &'static [&'static str],
}

/// Every cloud, in the order the settings list them.
pub const CLOUDS: [Cloud; 4] = [Cloud::Commercial, Cloud::Gcc, Cloud::GccHigh, Cloud::Dod];

const COMMERCIAL: CloudProfile = CloudProfile {
    cloud: Cloud::Commercial,
    authority_host: "login.microsoftonline.com",
    default_api_host: "api.security.microsoft.com",
    api_hosts: &[
        "api.security.microsoft.com",
        "api.securitycenter.microsoft.com",
        "us.api.security.microsoft.com",
        "eu.api.security.microsoft.com",
        "uk.api.security.microsoft.com",
        "au.api.security.microsoft.com",
        "swa.api.security.microsoft.com",
        "ina.api.security.microsoft.com",
        "api-us.securitycenter.microsoft.com",
        "api-eu.securitycenter.microsoft.com",
        "api-uk.securitycenter.microsoft.com",
        "api-au.securitycenter.microsoft.com",
    ],
    regions: &[
        Region {
            id: "us",
            host: "us.api.security.microsoft.com",
        },
        Region {
            id: "eu",
            host: "eu.api.security.microsoft.com",
        },
        Region {
            id: "uk",
            host: "uk.api.security.microsoft.com",
        },
        Region {
            id: "au",
            host: "au.api.security.microsoft.com",
        },
        Region {
            id: "swa",
            host: "swa.api.security.microsoft.com",
        },
        Region {
            id: "ina",
            host: "ina.api.security.microsoft.com",
        },
    ],
    resource: "https://api.securitycenter.microsoft.com",
    scopes: &[
        "https://api.securitycenter.microsoft.com/Machine.StopAndQuarantine",
        "https://api.securitycenter.microsoft.com/Machine.Read",
        "https://api.securitycenter.microsoft.com/File.Read.All",
    ],
    portal_hosts: &[
        "security.microsoft.com",
        "securitycenter.windows.com",
        "securitycenter.microsoft.com",
    ],
};

// NOTE: Microsoft publishes no example token for the US Government clouds, so the
// resources below follow the API host names. Policy can override them.
const GCC: CloudProfile = CloudProfile {
    cloud: Cloud::Gcc,
    authority_host: "login.microsoftonline.com",
    default_api_host: "api-gcc.securitycenter.microsoft.us",
    api_hosts: &["api-gcc.securitycenter.microsoft.us"],
    regions: &[],
    resource: "https://api-gcc.securitycenter.microsoft.us",
    scopes: &[
        "https://api-gcc.securitycenter.microsoft.us/Machine.StopAndQuarantine",
        "https://api-gcc.securitycenter.microsoft.us/Machine.Read",
        "https://api-gcc.securitycenter.microsoft.us/File.Read.All",
    ],
    portal_hosts: &["security.microsoft.com"],
};

const GCC_HIGH: CloudProfile = CloudProfile {
    cloud: Cloud::GccHigh,
    authority_host: "login.microsoftonline.us",
    default_api_host: "api-gov.securitycenter.microsoft.us",
    api_hosts: &["api-gov.securitycenter.microsoft.us"],
    regions: &[],
    resource: "https://api-gov.securitycenter.microsoft.us",
    scopes: &[
        "https://api-gov.securitycenter.microsoft.us/Machine.StopAndQuarantine",
        "https://api-gov.securitycenter.microsoft.us/Machine.Read",
        "https://api-gov.securitycenter.microsoft.us/File.Read.All",
    ],
    portal_hosts: &["security.microsoft.us"],
};

const DOD: CloudProfile = CloudProfile {
    cloud: Cloud::Dod,
    portal_hosts: &["security.apps.mil"],
    ..GCC_HIGH
};

impl Cloud {
    /// Parses the identifier used in settings and in the JS API: `commercial`, `gcc`,
    /// `gccHigh` or `dod`. Matching is exact, so a typo never falls back to a default.
    pub fn parse(id: &str) -> Option<Cloud> {
        match id {
            "commercial" => Some(Cloud::Commercial),
            "gcc" => Some(Cloud::Gcc),
            "gccHigh" => Some(Cloud::GccHigh),
            "dod" => Some(Cloud::Dod),
            _ => None,
        }
    }

    /// The identifier that [`Cloud::parse`] accepts.
    pub fn id(self) -> &'static str {
        match self {
            Cloud::Commercial => "commercial",
            Cloud::Gcc => "gcc",
            Cloud::GccHigh => "gccHigh",
            Cloud::Dod => "dod",
        }
    }

    /// The table row of this cloud.
    pub fn profile(self) -> &'static CloudProfile {
        match self {
            Cloud::Commercial => &COMMERCIAL,
            Cloud::Gcc => &GCC,
            Cloud::GccHigh => &GCC_HIGH,
            Cloud::Dod => &DOD,
        }
    }
}

/// Every host of every cloud: sign-in, API and portal hosts, each once. The emulator's
/// certificate and the browser's host-resolver rules are built from it.
pub fn all_hosts() -> Vec<&'static str> {
    let mut hosts: Vec<&'static str> = Vec::new();
    for cloud in CLOUDS {
        let profile = cloud.profile();
        let cloud_hosts = std::iter::once(profile.authority_host)
            .chain(profile.api_hosts.iter().copied())
            .chain(profile.portal_hosts.iter().copied());
        for host in cloud_hosts {
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_ids_round_trip() {
        for cloud in CLOUDS {
            assert_eq!(Cloud::parse(cloud.id()), Some(cloud));
        }
        assert_eq!(Cloud::parse("Commercial"), None);
    }

    #[test]
    fn regions_and_default_are_api_hosts() {
        for cloud in CLOUDS {
            let profile = cloud.profile();
            assert!(profile.api_hosts.contains(&profile.default_api_host));
            for region in profile.regions {
                assert!(profile.api_hosts.contains(&region.host), "{}", region.host);
            }
        }
    }

    #[test]
    fn all_hosts_has_no_duplicates() {
        let hosts = all_hosts();
        let mut sorted = hosts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), hosts.len());
        assert!(hosts.contains(&"login.microsoftonline.us"));
        assert!(hosts.contains(&"security.apps.mil"));
    }
}
