// The theme, the built-in strings and the example site are embedded with
// include_dir!; tell cargo to rebuild when they change.
fn main() {
    for path in ["themes/default", "src/locales", "content", "versions", "privsite.toml", "hosting"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
