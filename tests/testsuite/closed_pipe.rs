//! A reader that stops early (`privsite status | head -1`, a program that
//! quit while `serve` writes to it): the command does its work and exits 0
//! without a panic. A result that cannot be written for any other reason is an error.

use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::time::Instant;

use crate::serve::{BOUND, request_at};
use crate::support::{Run, Site, binary, section};

/// The writing end of a pipe whose reading end is already closed.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

#[track_caller]
fn no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn results_into_a_closed_pipe_are_no_failure() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neuer Text."));
    for args in [&["status"][..], &["diff", "policy"], &["check", "--format", "json"]] {
        let mut cmd = site.command(args);
        cmd.stdout(closed_pipe());
        let run = site.finish(cmd);
        no_panic(&run);
        assert_eq!(run.status, 0, "{args:?}:\n{}", run.stderr);
    }
    // Each has a result to write: the same commands print one to a reader.
    assert!(site.run(&["status"]).ok().stdout.contains("policy"));
    assert!(site.run(&["diff", "policy"]).ok().stdout.contains("Neuer Text"));
}

#[test]
fn messages_into_a_closed_pipe_leave_the_work_done() {
    let site = Site::released();
    let mut cmd = site.command(&["build", "--date", "2024-02-01"]);
    cmd.stderr(closed_pipe());
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(site.read("public/de/policy/index.html").contains("<html"));
    // What it would have said, to a reader.
    let run = site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(!run.stderr.is_empty());
}

/// The body of `GET target` once it contains `what`, within [`BOUND`];
/// the server may still be starting.
#[track_caller]
fn eventually(addr: &str, target: &str, what: &str) -> String {
    let started = Instant::now();
    loop {
        let up = TcpStream::connect(addr).is_ok();
        let body = if up { request_at(addr, "GET", target).body } else { String::new() };
        if body.contains(what) {
            return body;
        }
        assert!(started.elapsed() < BOUND, "{target} did not show {what}:\n{body}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn serve_goes_on_when_the_reader_of_its_messages_has_gone() {
    let site = Site::released();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = binary()
        .args(["serve", "--port", &port.to_string()])
        .current_dir(site.root())
        .stdin(Stdio::null())
        .stdout(closed_pipe())
        .stderr(closed_pipe())
        .spawn()
        .unwrap();
    let addr = format!("127.0.0.1:{port}");
    eventually(&addr, "/de/policy/", "<html");
    // A save makes it say what it rebuilt, to nobody, and serve the change.
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Nach dem Schließen."));
    eventually(&addr, "/de/policy/", "Nach dem Schließen.");
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(alive, "serve ended with the reader of its messages");
}

#[cfg(target_os = "linux")]
#[test]
fn a_result_that_cannot_be_written_is_an_error() {
    let site = Site::released();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut cmd = site.command(&["status"]);
    cmd.stdout(full);
    let run = site.finish(cmd).fails();
    no_panic(&run);
    assert!(run.stderr.contains("cannot write the result to standard output"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
}
