//! The SMTP transport: the `smtp` URL of `[mail]`, one lettre connection reused
//! for many messages, and what the server said about each message. lettre's
//! `SmtpConnection` is driven command by command (not `SmtpTransport::send`)
//! because "refused before the data was sent" (safe to retry) and "connection
//! lost after the data was sent" (fate unknown) must be told apart.

use std::fmt;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;

/// How long one SMTP command may take before the connection counts as lost.
const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: no encryption.
    Plain,
    /// `smtp://…?tls=starttls`: STARTTLS, required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// Where to deliver: parsed from `smtp = "…"` in `[mail]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub security: Security,
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
    pub fn parse(text: &str) -> Result<Endpoint, (String, String)> {
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

    fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// Why no connection could be had: the run cannot go on.
#[derive(Debug)]
pub enum ConnectError {
    /// Unreachable, refused, TLS failure.
    Unreachable(String),
    /// The server refused the credentials.
    Credentials(String),
    /// Credentials would travel unencrypted to another host.
    Insecure,
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted it (2xx after the data): its response.
    Accepted(String),
    /// A 4xx answer: try again later.
    Transient(String),
    /// A 5xx answer: it will not be delivered.
    Permanent(String),
    /// The connection failed before the data was complete: not delivered; the
    /// connection is gone.
    NotSent(String),
    /// The connection failed after the data was sent: the server may or may
    /// not have taken it; the connection is gone.
    Unknown(String),
}

pub struct Connection {
    conn: SmtpConnection,
}

/// `PRIVSITE_SMTP_USER` / `PRIVSITE_SMTP_PASSWORD`, if set.
pub fn credentials_from_env() -> Option<Credentials> {
    let user = std::env::var("PRIVSITE_SMTP_USER").ok()?;
    let password = std::env::var("PRIVSITE_SMTP_PASSWORD").unwrap_or_default();
    Some(Credentials::new(user, password))
}

impl Connection {
    /// Connects, secures and authenticates, as the endpoint says.
    pub fn open(endpoint: &Endpoint, credentials: Option<&Credentials>) -> Result<Connection, ConnectError> {
        if credentials.is_some() && endpoint.security == Security::Plain && !endpoint.is_loopback() {
            return Err(ConnectError::Insecure);
        }
        let unreachable = |e: lettre::transport::smtp::Error| ConnectError::Unreachable(e.to_string());
        let tls = match endpoint.security {
            Security::Plain => None,
            _ => Some(TlsParameters::new(endpoint.host.clone()).map_err(unreachable)?),
        };
        let hello = ClientId::default();
        let wrapper = tls.as_ref().filter(|_| endpoint.security == Security::Tls);
        let mut conn = SmtpConnection::connect(
            (endpoint.host.as_str(), endpoint.port),
            Some(TIMEOUT),
            &hello,
            wrapper,
            None,
        )
        .map_err(unreachable)?;
        if let (Security::StartTls, Some(tls)) = (endpoint.security, &tls) {
            conn.starttls(tls, &hello).map_err(unreachable)?;
        }
        if let Some(credentials) = credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .map_err(|e| ConnectError::Credentials(e.to_string()))?;
        }
        Ok(Connection { conn })
    }

    /// Sends one message over this connection. After [`Outcome::NotSent`] and
    /// [`Outcome::Unknown`] the connection must be dropped.
    pub fn send(&mut self, envelope: &Envelope, email: &[u8]) -> Outcome {
        let mut options = Vec::new();
        let non_ascii = envelope.from().into_iter().chain(envelope.to()).any(|a| !a.to_string().is_ascii());
        if non_ascii {
            if !self.conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Outcome::Permanent(
                    "the address is not ASCII and the server does not support SMTPUTF8".into(),
                );
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !email.is_ascii() {
            if !self.conn.server_info().supports_feature(Extension::EightBitMime) {
                return Outcome::Permanent(
                    "the message is not ASCII and the server does not support 8BITMIME".into(),
                );
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        // Envelope commands: a negative answer leaves the connection usable after RSET.
        let mut commands = vec![self.conn.command(Mail::new(envelope.from().cloned(), options))];
        if commands[0].is_ok() {
            for to in envelope.to() {
                commands.push(self.conn.command(Rcpt::new(to.clone(), vec![])));
                if commands.last().is_some_and(Result::is_err) {
                    break;
                }
            }
        }
        if commands.iter().all(Result::is_ok) {
            commands.push(self.conn.command(Data));
        }
        if let Some(Err(e)) = commands.into_iter().find(Result::is_err) {
            return match refused(&e) {
                Some(outcome) => {
                    if self.conn.command(Rset).is_err() {
                        // A refusal is still a refusal; the caller reconnects.
                        self.conn.abort();
                    }
                    outcome
                }
                None => {
                    self.conn.abort();
                    Outcome::NotSent(e.to_string())
                }
            };
        }
        // From here the server may have the message.
        let sent = match data_block(email) {
            Some(block) => self.conn.command(block),
            None => self.conn.message(email),
        };
        match sent {
            Ok(response) => Outcome::Accepted(describe(&response)),
            Err(e) => match refused(&e) {
                Some(outcome) => outcome,
                None => {
                    self.conn.abort();
                    Outcome::Unknown(format!("connection lost after the message was sent ({e})"))
                }
            },
        }
    }

    /// Whether the connection can take another message.
    pub fn is_usable(&self) -> bool {
        !self.conn.has_broken()
    }

    /// Says goodbye politely; errors do not matter any more.
    pub fn close(mut self) {
        let _ = self.conn.quit();
    }
}

/// The message data, dot-stuffed and ended by the `.` line, to go out in one
/// write. lettre's `message()` writes the final `.` on its own, and Nagle's
/// algorithm with the server's delayed ACK turns that into a 40 ms stall per
/// message. `None` (then `message()` is used) for data that is not UTF-8.
struct DataBlock(String);

impl fmt::Display for DataBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn data_block(email: &[u8]) -> Option<DataBlock> {
    let text = std::str::from_utf8(email).ok()?;
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    Some(DataBlock(out))
}

/// A 4xx or 5xx answer as an outcome; `None` for anything else (network, parse).
fn refused(e: &lettre::transport::smtp::Error) -> Option<Outcome> {
    let code = e.status()?;
    let text = std::error::Error::source(e).map_or(String::new(), |s| s.to_string());
    let reply = format!("{code} {text}").trim().to_string();
    if e.is_transient() { Some(Outcome::Transient(reply)) } else { Some(Outcome::Permanent(reply)) }
}

/// `250 2.0.0 Ok: queued as X` on one line.
fn describe(response: &Response) -> String {
    let text = response.message().collect::<Vec<_>>().join(" ");
    format!("{} {text}", response.code()).trim().to_string()
}

/// Whether a refusal means the server wants authentication first (530).
pub fn needs_auth(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Permanent(m) if m.starts_with("530"))
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
    fn data_is_dot_stuffed_and_terminated() {
        let block = data_block(b"Subject: x\r\n\r\n.hidden\r\nend").expect("utf-8");
        assert_eq!(block.0, "Subject: x\r\n\r\n..hidden\r\nend\r\n.\r\n");
        let block = data_block(b".\r\n").expect("utf-8");
        assert_eq!(block.0, "..\r\n.\r\n");
        assert!(data_block(b"\xff").is_none());
    }

    #[test]
    fn credentials_are_not_sent_in_clear_to_another_host() {
        let remote = Endpoint::parse("smtp://mail.example.com").expect("plain");
        let creds = Credentials::new("u".into(), "p".into());
        assert!(matches!(Connection::open(&remote, Some(&creds)), Err(ConnectError::Insecure)));
    }
}
