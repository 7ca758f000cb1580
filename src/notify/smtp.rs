//! The SMTP transport: the `smtp` URL of `[mail]`, lettre connections reused
//! for many messages, and what the server said about each message. lettre's
//! `SmtpConnection` is driven command by command (not `SmtpTransport::send`)
//! because "refused before the data was sent" (safe to retry) and "connection
//! lost after the data was sent" (fate unknown) must be told apart, and
//! because lettre does not pipeline: where the server offers PIPELINING
//! (RFC 2920), MAIL, RCPT and DATA go out in one write and their answers are
//! read after it, which saves two round trips a message on a real network.

use std::fmt;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;

use crate::config::mail::{Endpoint, Security};
use crate::diag::Diagnostic;

/// How long one SMTP command may take before the connection counts as lost.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why no connection could be had: the run cannot go on.
#[derive(Debug)]
pub(crate) enum ConnectError {
    /// Unreachable, refused, TLS failure.
    Unreachable(String),
    /// The server refused the credentials.
    Credentials(String),
    /// Credentials would travel unencrypted to another host.
    Insecure,
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
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

/// `PRIVSITE_SMTP_USER` / `PRIVSITE_SMTP_PASSWORD`, if set.
pub(crate) fn credentials_from_env() -> Option<Credentials> {
    let user = std::env::var("PRIVSITE_SMTP_USER").ok()?;
    let password = std::env::var("PRIVSITE_SMTP_PASSWORD").unwrap_or_default();
    Some(Credentials::new(user, password))
}

/// Opens connections to one endpoint, with the TLS settings read once.
pub(crate) struct Client {
    endpoint: Endpoint,
    credentials: Option<Credentials>,
    tls: Option<TlsParameters>,
}

/// `PRIVSITE_SMTP_CA_FILE`: a PEM bundle trusted besides the system roots,
/// for relays whose certificate comes from a company's own CA.
pub(crate) const CA_FILE_VAR: &str = "PRIVSITE_SMTP_CA_FILE";

impl Client {
    /// The client of `endpoint`; an error when the CA bundle cannot be read.
    pub(crate) fn new(endpoint: &Endpoint, credentials: Option<Credentials>) -> Result<Client, Diagnostic> {
        let tls = match endpoint.security {
            Security::Plain => None,
            _ => Some(tls_parameters(&endpoint.host)?),
        };
        Ok(Client { endpoint: endpoint.clone(), credentials, tls })
    }

    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Connects, secures and authenticates, as the endpoint says.
    pub(crate) fn open(&self) -> Result<Connection, ConnectError> {
        let endpoint = &self.endpoint;
        if self.credentials.is_some() && endpoint.security == Security::Plain && !endpoint.is_loopback() {
            return Err(ConnectError::Insecure);
        }
        let unreachable = |e: lettre::transport::smtp::Error| ConnectError::Unreachable(e.to_string());
        let hello = ClientId::default();
        let wrapper = self.tls.as_ref().filter(|_| endpoint.security == Security::Tls);
        let mut conn = SmtpConnection::connect(
            (endpoint.host.as_str(), endpoint.port),
            Some(TIMEOUT),
            &hello,
            wrapper,
            None,
        )
        .map_err(unreachable)?;
        if let (Security::StartTls, Some(tls)) = (endpoint.security, &self.tls) {
            conn.starttls(tls, &hello).map_err(unreachable)?;
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .map_err(|e| ConnectError::Credentials(e.to_string()))?;
        }
        // lettre's ServerInfo drops the PIPELINING keyword, so ask once more
        // (EHLO may be repeated at any time, RFC 5321 4.1.4).
        let ehlo = conn.command(Ehlo::new(hello)).map_err(unreachable)?;
        let pipelining = ehlo.message().any(|line| {
            line.split_whitespace().next().is_some_and(|word| word.eq_ignore_ascii_case("PIPELINING"))
        });
        Ok(Connection { conn, pipelining })
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, Diagnostic> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(file) = std::env::var_os(CA_FILE_VAR) {
        let path = std::path::Path::new(&file);
        let pem = std::fs::read(path).map_err(|e| {
            crate::diag::io_error("read the CA bundle", path, &e)
                .help(format!("{CA_FILE_VAR} names a PEM file of CA certificates; fix the path or unset it"))
        })?;
        let certificate = Certificate::from_pem(&pem)
            .ok()
            .filter(|_| String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----"))
            .ok_or_else(|| {
                Diagnostic::error(format!("{} holds no PEM certificate", path.display()))
                    .help(format!("{CA_FILE_VAR} names a file of `-----BEGIN CERTIFICATE-----` blocks"))
            })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build().map_err(|e| Diagnostic::error(format!("cannot set up TLS: {e}")))
}

pub(crate) struct Connection {
    conn: SmtpConnection,
    /// The server offered PIPELINING.
    pipelining: bool,
}

impl Connection {
    /// Opens a message: MAIL, RCPT and DATA. `Ok` once the server waits for
    /// the data; else what became of the message (never `Accepted` or
    /// `Unknown`: nothing was sent yet). After [`Outcome::NotSent`] the
    /// connection must be dropped.
    pub(crate) fn start(&mut self, envelope: &Envelope, email: &[u8]) -> Result<(), Outcome> {
        let mut options = Vec::new();
        let non_ascii = envelope.from().into_iter().chain(envelope.to()).any(|a| !a.to_string().is_ascii());
        if non_ascii {
            if !self.conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                return Err(Outcome::Permanent(
                    "the address is not ASCII and the server does not support SMTPUTF8".into(),
                ));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !email.is_ascii() {
            if !self.conn.server_info().supports_feature(Extension::EightBitMime) {
                return Err(Outcome::Permanent(
                    "the message is not ASCII and the server does not support 8BITMIME".into(),
                ));
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let mail = Mail::new(envelope.from().cloned(), options);
        let rcpts: Vec<Rcpt> = envelope.to().iter().map(|to| Rcpt::new(to.clone(), vec![])).collect();
        let answers = if self.pipelining {
            // One write, then every answer in order (RFC 2920 section 3.1).
            let batch: String = std::iter::once(mail.to_string())
                .chain(rcpts.iter().map(ToString::to_string))
                .chain(std::iter::once(Data.to_string()))
                .collect();
            let mut answers = vec![self.conn.command(batch)];
            for _ in 0..=rcpts.len() {
                if answers.last().is_some_and(|a| a.as_ref().is_err_and(|e| refused(e).is_none())) {
                    break;
                }
                answers.push(self.conn.read_response());
            }
            answers
        } else {
            // One command at a time, up to the first refusal.
            let mut answers = vec![self.conn.command(mail)];
            for command in rcpts.iter().map(ToString::to_string).chain(std::iter::once(Data.to_string())) {
                if answers.last().is_some_and(Result::is_err) {
                    break;
                }
                answers.push(self.conn.command(command));
            }
            answers
        };
        let data_open = answers.len() == rcpts.len() + 2 && answers.last().is_some_and(Result::is_ok);
        let Some(Err(first)) = answers.iter().find(|a| a.is_err()) else {
            return Ok(());
        };
        let Some(outcome) = refused(first) else {
            self.conn.abort();
            return Err(Outcome::NotSent(first.to_string()));
        };
        let lost = answers.iter().any(|a| a.as_ref().is_err_and(|e| refused(e).is_none()));
        if data_open && !lost {
            // A recipient was refused but the server still took DATA: end an
            // empty message, which it must then refuse for want of recipients.
            let _ = self.conn.command(".\r\n");
        }
        // A refusal leaves the connection usable after RSET; 421 closes it.
        if lost || outcome.reply().starts_with("421") || self.conn.command(Rset).is_err() {
            self.conn.abort();
        }
        Err(outcome)
    }

    /// Sends the data of the message started by [`Connection::start`]. From
    /// here the server may have the message: a lost connection is `Unknown`.
    pub(crate) fn data(&mut self, email: &[u8]) -> Outcome {
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
    pub(crate) fn is_usable(&self) -> bool {
        !self.conn.has_broken()
    }

    /// Says goodbye politely; errors do not matter any more.
    pub(crate) fn close(mut self) {
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

impl Outcome {
    /// The server's answer or the reason, whatever the outcome.
    pub(crate) fn reply(&self) -> &str {
        match self {
            Outcome::Accepted(r)
            | Outcome::Transient(r)
            | Outcome::Permanent(r)
            | Outcome::NotSent(r)
            | Outcome::Unknown(r) => r,
        }
    }

    /// A temporary refusal that asks the whole run to slow down: 421 or 454,
    /// an enhanced code 4.7.x, or "throttl…" in its text (SES, for one, says
    /// "454 Throttling failure: Maximum sending rate exceeded").
    pub(crate) fn is_throttle(&self) -> bool {
        let Outcome::Transient(reply) = self else {
            return false;
        };
        let mut words = reply.split_whitespace();
        let code = words.next().unwrap_or("");
        let enhanced = words.next().unwrap_or("");
        let text = reply.to_lowercase();
        // Greylisting (often 451 4.7.1) concerns one sender and recipient, not the pace.
        let greylisted = text.contains("greylist") || text.contains("graylist");
        matches!(code, "421" | "454")
            || (enhanced.starts_with("4.7.") && !greylisted)
            || text.contains("throttl")
    }
}

/// Whether a refusal means the server wants authentication first (530).
pub(crate) fn needs_auth(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Permanent(m) if m.starts_with("530"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let client = Client::new(&remote, Some(creds)).expect("no TLS to set up");
        assert!(matches!(client.open(), Err(ConnectError::Insecure)));
    }

    #[test]
    fn throttles_are_told_from_other_refusals() {
        let t = |r: &str| Outcome::Transient(r.into()).is_throttle();
        assert!(t("454 Throttling failure: Maximum sending rate exceeded."));
        assert!(t("421 4.3.2 Service not available, closing channel"));
        assert!(t("450 4.7.0 Too many messages, slow down"));
        assert!(t("451 Request throttled"));
        assert!(!t("451 4.3.0 Mail server temporarily rejected message"));
        assert!(!t("452 4.2.2 Mailbox full"));
        assert!(!t("451 4.7.1 Greylisted, try again later"));
        assert!(!Outcome::Permanent("554 Throttling".into()).is_throttle());
    }
}
