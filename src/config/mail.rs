//! The values of `[mail]` that are more than text: where notices are
//! delivered (`smtp`) and how fast (`rate`). `notify` uses them; they are
//! parsed here, with the rest of the configuration.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Security {
    /// `smtp://`: no encryption.
    Plain,
    /// `smtp://…?tls=starttls`: STARTTLS, required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// Where to deliver: parsed from `smtp = "…"` in `[mail]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) security: Security,
}

impl fmt::Display for Endpoint {
    /// `host:port`, never credentials (there are none in the URL).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl Endpoint {
    /// Parses `smtp://host[:port][?tls=starttls]` or `smtps://host[:port]`;
    /// the error is (message, help).
    pub(crate) fn parse(text: &str) -> Result<Endpoint, (String, String)> {
        const FORMS: &str = "write `smtp://host:25`, `smtp://host:587?tls=starttls` or `smtps://host:465`";
        let bad = |why: &str| (format!("`smtp` `{text}` {why}"), FORMS.to_string());
        let url = url::Url::parse(text.trim()).map_err(|e| bad(&format!("is not a URL ({e})")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err((
                "`smtp` must not contain credentials".to_string(),
                "remove them from privsite.toml and set PRIVSITE_SMTP_USER and PRIVSITE_SMTP_PASSWORD in the environment instead".to_string(),
            ));
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("has no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        if !matches!(url.path(), "" | "/") || url.fragment().is_some() {
            return Err(bad("has a path; only host, port and `?tls=starttls` are used"));
        }
        let mut starttls = false;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "starttls") => starttls = true,
                _ => return Err(bad(&format!("has an unknown option `{key}={value}`"))),
            }
        }
        let (security, default_port) = match (url.scheme(), starttls) {
            ("smtp", false) => (Security::Plain, 25),
            ("smtp", true) => (Security::StartTls, 587),
            ("smtps", false) => (Security::Tls, 465),
            ("smtps", true) => {
                return Err(bad("asks for STARTTLS on an implicit-TLS (smtps) connection"));
            }
            (scheme, _) => return Err(bad(&format!("has the scheme `{scheme}`"))),
        };
        Ok(Endpoint { host, port: url.port().unwrap_or(default_port), security })
    }

    pub(crate) fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// A maximum rate, from `rate = "14/s"` (or `/min`, `/h`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rate {
    pub(crate) per_second: f64,
}

impl Rate {
    /// Parses `N/s`, `N/min` or `N/h` (N may have a fraction); the error says why.
    pub(crate) fn parse(text: &str) -> Result<Rate, String> {
        let (count, unit) = text
            .split_once('/')
            .ok_or_else(|| format!("`rate` `{text}` has no unit: write it like \"14/s\""))?;
        let count: f64 = count
            .trim()
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite() && *n > 0.0)
            .ok_or_else(|| format!("`rate` `{text}` does not start with a positive number"))?;
        let seconds = match unit.trim() {
            "s" | "sec" | "second" => 1.0,
            "min" | "minute" => 60.0,
            "h" | "hour" => 3600.0,
            other => return Err(format!("`rate` `{text}` has the unit `{other}`; use s, min or h")),
        };
        Ok(Rate { per_second: count / seconds })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let plain = Endpoint::parse("smtp://mail.example.com").expect("plain");
        assert_eq!((plain.port, plain.security), (25, Security::Plain));
        let start = Endpoint::parse("smtp://mail.example.com:2587?tls=starttls").expect("starttls");
        assert_eq!((start.port, start.security), (2587, Security::StartTls));
        let tls = Endpoint::parse("smtps://mail.example.com").expect("tls");
        assert_eq!((tls.port, tls.security), (465, Security::Tls));
        assert_eq!(tls.to_string(), "mail.example.com:465");
        let v6 = Endpoint::parse("smtp://[::1]:2525").expect("ipv6");
        assert_eq!(v6.to_string(), "[::1]:2525");
        assert!(v6.is_loopback());
    }

    #[test]
    fn refuses_credentials_unknown_schemes_and_options() {
        let (message, help) =
            Endpoint::parse("smtp://user:secret@mail.example.com").expect_err("credentials");
        assert!(!message.contains("secret") && !help.contains("secret"), "{message} {help}");
        assert!(help.contains("PRIVSITE_SMTP_USER"));
        assert!(Endpoint::parse("http://mail.example.com").is_err());
        assert!(Endpoint::parse("smtp://mail.example.com?tls=yes").is_err());
        assert!(Endpoint::parse("smtps://mail.example.com?tls=starttls").is_err());
        assert!(Endpoint::parse("mail.example.com").is_err());
    }

    #[test]
    fn rates_in_each_unit() {
        assert_eq!(Rate::parse("14/s"), Ok(Rate { per_second: 14.0 }));
        assert_eq!(Rate::parse("300 / min"), Ok(Rate { per_second: 5.0 }));
        assert_eq!(Rate::parse("7200/h"), Ok(Rate { per_second: 2.0 }));
        for bad in ["14", "0/s", "-1/s", "x/s", "5/day", "inf/s"] {
            assert!(Rate::parse(bad).is_err(), "{bad}");
        }
    }
}
