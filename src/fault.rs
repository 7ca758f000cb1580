//! A test-only fault hook: with `PRIVSITE_FAULT=<step>` the process aborts
//! at that step, as a kill at that instant would, so the tests can prove what
//! each instant of a write leaves behind. Unset, it costs one lookup.

/// Aborts the process if `PRIVSITE_FAULT` names `step`.
pub(crate) fn point(step: &str) {
    if std::env::var_os("PRIVSITE_FAULT").is_some_and(|v| v == step) {
        std::process::abort();
    }
}
