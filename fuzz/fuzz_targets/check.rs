//! The whole check, as plain text, Markdown and HTML, with every output format rendered. Every
//! span must lie in bounds and on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/sound/mod.rs"]
mod sound;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    sound::check_all("fuzz", text);
});
