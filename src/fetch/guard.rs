//! The SSRF guard: a feed URL (or an article link, or a redirect) chosen by a publisher must not
//! make the daemon talk to the machine it runs on, its private network, or the cloud metadata
//! service. Addresses are checked where the connection is made, after DNS resolution, so a
//! hostname that resolves to 10.0.0.1 (or is re-pointed there later, DNS rebinding) is refused
//! like the literal address; every redirect is checked again.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// A connection the guard refused; travels inside reqwest's error chain.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{host} is {address}, a {kind} address; newswire does not connect to private networks \
     (to allow it: allow_private_networks = true under [http] or on the feed; \
     `newswire extract --allow-private-networks` for one page)"
)]
pub struct BlockedAddress {
    pub host: String,
    pub address: IpAddr,
    pub kind: &'static str,
}

/// Why `address` is not on the public internet, or `None` when it is.
pub fn non_public_kind(address: IpAddr) -> Option<&'static str> {
    match address {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => v6_kind(v6),
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(if ip.is_loopback() {
        "loopback"
    } else if ip.is_private() {
        "private (RFC 1918)"
    } else if ip.is_link_local() {
        // 169.254.169.254 is the metadata service of most clouds.
        "link-local (cloud metadata)"
    } else if a == 100 && (64..128).contains(&b) {
        "carrier-grade NAT (100.64.0.0/10)"
    } else if ip.is_multicast() {
        "multicast"
    } else if ip.is_broadcast() {
        "broadcast"
    } else if ip.is_unspecified() || a == 0 {
        "unspecified (0.0.0.0/8)"
    } else if ip.is_documentation() {
        "documentation"
    } else if a == 192 && b == 0 && c == 0 {
        "IETF protocol assignment (192.0.0.0/24)"
    } else if a == 198 && (b == 18 || b == 19) {
        "benchmarking (198.18.0.0/15)"
    } else if a >= 240 {
        "reserved (240.0.0.0/4)"
    } else {
        return None;
    })
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    // IPv4 written as IPv6 (::ffff:a.b.c.d, and NAT64 64:ff9b::/96) reaches the IPv4 host.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_kind(v4);
    }
    let segments = ip.segments();
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., hi, lo] = segments;
        let v4 = Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
        return v4_kind(v4);
    }
    Some(if ip.is_loopback() {
        "loopback"
    } else if ip.is_unspecified() {
        "unspecified"
    } else if ip.is_multicast() {
        "multicast"
    } else if ip.is_unique_local() {
        "unique local (fc00::/7)"
    } else if ip.is_unicast_link_local() {
        "link-local (fe80::/10)"
    } else if segments[0] == 0x2001 && segments[1] == 0xdb8 {
        "documentation (2001:db8::/32)"
    } else if segments[..6] == [0; 6] {
        // Deprecated IPv4-compatible form ::a.b.c.d.
        "IPv4-compatible (::/96)"
    } else {
        return None;
    })
}

/// The literal IP address of a URL's host, when it is one (such URLs bypass DNS).
pub fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// Refuses a URL whose host is a non-public literal address.
pub fn check_literal(url: &url::Url) -> Result<(), BlockedAddress> {
    match literal_ip(url) {
        Some(address) => match non_public_kind(address) {
            Some(kind) => Err(BlockedAddress {
                host: url.host_str().unwrap_or_default().to_string(),
                address,
                kind,
            }),
            None => Ok(()),
        },
        None => Ok(()),
    }
}

/// The system resolver, keeping only public addresses; a name with none left is refused.
pub struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let resolved: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut blocked = None;
            let public: Vec<SocketAddr> = resolved
                .into_iter()
                .filter(|addr| match non_public_kind(addr.ip()) {
                    Some(kind) => {
                        blocked.get_or_insert(BlockedAddress {
                            host: host.clone(),
                            address: addr.ip(),
                            kind,
                        });
                        false
                    }
                    None => true,
                })
                .collect();
            match (public.is_empty(), blocked) {
                (true, Some(blocked)) => Err(blocked.into()),
                _ => Ok(Box::new(public.into_iter()) as Addrs),
            }
        })
    }
}

/// The guard's refusal somewhere in an error's chain of causes.
pub fn find_blocked(error: &(dyn std::error::Error + 'static)) -> Option<BlockedAddress> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(blocked) = e.downcast_ref::<BlockedAddress>() {
            return Some(blocked.clone());
        }
        current = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<&'static str> {
        non_public_kind(s.parse().expect("test address"))
    }

    #[test]
    fn private_and_special_ranges_are_not_public() {
        for address in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "224.0.0.1",
            "255.255.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "::10.0.0.1",
        ] {
            assert!(kind(address).is_some(), "{address} should be refused");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for address in [
            "93.184.215.14",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700:4700::1111",
            "::ffff:93.184.215.14",
        ] {
            assert_eq!(kind(address), None, "{address} is public");
        }
    }

    #[test]
    fn literal_ip_urls_are_checked_without_dns() {
        let url = |s: &str| url::Url::parse(s).expect("test url");
        let blocked = check_literal(&url("http://10.0.0.1/feed")).expect_err("private");
        assert_eq!(blocked.kind, "private (RFC 1918)");
        assert!(check_literal(&url("http://[::ffff:7f00:1]/")).is_err());
        assert!(check_literal(&url("http://example.org/")).is_ok());
        assert!(check_literal(&url("http://1.1.1.1/")).is_ok());
    }

    #[tokio::test]
    async fn resolver_refuses_names_with_only_private_addresses() {
        let name: Name = "localhost".parse().expect("name");
        let error = match PublicOnlyResolver.resolve(name).await {
            Ok(_) => panic!("localhost must not resolve through the guard"),
            Err(e) => e,
        };
        let blocked = find_blocked(error.as_ref()).expect("the guard's error");
        assert_eq!(blocked.kind, "loopback");
    }
}
