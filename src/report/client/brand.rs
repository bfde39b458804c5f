//! A brand's look from `config.toml` (`[brands.NAME]`): its name, its logo read into a
//! `data:` URI (the report stays one file that needs no network), and its accent colour,
//! checked so that nothing but a colour reaches the stylesheet.

use std::path::Path;

use base64::Engine;

use super::model::Brand;
use crate::config::BrandConfig;

/// Logos larger than this are refused: the report is meant to be mailed.
const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// `#rgb` or `#rrggbb`, lower-cased; anything else is refused.
pub fn accent(text: &str) -> Result<String, String> {
    let t = text.trim();
    let hex = t.strip_prefix('#').unwrap_or("");
    if (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_lowercase()))
    } else {
        Err(format!(
            "accent {t:?}: write a colour as #rrggbb, e.g. #c0392b"
        ))
    }
}

fn mime(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// The logo file as a `data:` URI. `base` is the folder relative paths start from.
pub fn logo(path: &Path, base: Option<&Path>) -> Result<String, String> {
    let full = match base {
        Some(b) if path.is_relative() => b.join(path),
        _ => path.to_path_buf(),
    };
    let shown = full.display();
    let kind = mime(&full)
        .ok_or_else(|| format!("logo {shown}: use a .png, .jpg, .gif, .webp or .svg file"))?;
    let size = std::fs::metadata(&full)
        .map_err(|e| format!("logo {shown}: {e}"))?
        .len();
    if size > MAX_LOGO_BYTES {
        return Err(format!("logo {shown}: {size} bytes; keep it under 1 MB"));
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("logo {shown}: {e}"))?;
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(format!("data:{kind};base64,{data}"))
}

/// The brand `key` as configured (or just its name when `config.toml` says nothing of it).
pub fn brand(key: &str, cfg: Option<&BrandConfig>, base: Option<&Path>) -> Result<Brand, String> {
    let Some(cfg) = cfg else {
        return Ok(Brand {
            name: key.to_string(),
            ..Brand::default()
        });
    };
    let at = |e: String| format!("[brands.{key}] {e}");
    Ok(Brand {
        name: cfg.name.clone().unwrap_or_else(|| key.to_string()),
        logo: cfg
            .logo
            .as_deref()
            .map(|p| logo(p, base))
            .transpose()
            .map_err(at)?,
        accent: cfg.accent.as_deref().map(accent).transpose().map_err(at)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_are_colours_only() {
        assert_eq!(accent(" #C0392B ").unwrap(), "#c0392b");
        assert_eq!(accent("#abc").unwrap(), "#abc");
        for bad in ["red", "#12345", "#c0392b;}body{", "c0392b", ""] {
            assert!(accent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn logo_becomes_a_data_uri_and_bad_ones_name_themselves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("l.png"), [0x89, b'P', b'N', b'G']).unwrap();
        let cfg = BrandConfig {
            name: Some("Lumen".into()),
            logo: Some("l.png".into()),
            accent: Some("#112233".into()),
        };
        let b = brand("lumen", Some(&cfg), Some(dir.path())).unwrap();
        assert_eq!(b.logo.as_deref(), Some("data:image/png;base64,iVBORw=="));
        assert_eq!(
            (b.name.as_str(), b.accent.as_deref()),
            ("Lumen", Some("#112233"))
        );
        let missing = BrandConfig {
            logo: Some("none.png".into()),
            ..BrandConfig::default()
        };
        let err = brand("lumen", Some(&missing), Some(dir.path())).unwrap_err();
        assert!(
            err.contains("[brands.lumen]") && err.contains("none.png"),
            "{err}"
        );
        assert_eq!(brand("x", None, None).unwrap().name, "x");
    }
}
