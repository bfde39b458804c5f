//! Copying to the system clipboard with OSC 52: the terminal does it, so it works over SSH and
//! needs no clipboard library.

use std::io::Write;

use base64::Engine;

/// The escape sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}

/// Writes the sequence to the terminal. A terminal without OSC 52 ignores it.
pub fn copy_osc52(text: &str) {
    let mut out = std::io::stdout();
    let _ = out.write_all(osc52(text).as_bytes());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_utf8() {
        assert_eq!(super::osc52("hi ☕"), "\x1b]52;c;aGkg4piV\x07");
    }
}
