//! The optional CV: a PDF, checked by what it contains rather than by what
//! the browser says it is.

use serde::{Deserialize, Serialize};

use crate::rules::{FieldError, Invalid, single_line};

pub const CV_MAX_BYTES: usize = 5 * 1024 * 1024;

/// A stored CV, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CvInfo {
    pub file_name: String,
    pub size: u64,
}

/// Whether `bytes` are a PDF within the size limit: the `%PDF-` header at
/// the start and an `%%EOF` marker near the end (PDF writers may append a
/// little after it). A renamed image or a truncated upload fails.
pub fn check_pdf(bytes: &[u8]) -> Result<(), Invalid> {
    if bytes.len() > CV_MAX_BYTES {
        return Err(Invalid::TooLarge { max_bytes: CV_MAX_BYTES });
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let ends = tail.windows(5).any(|w| w == b"%%EOF");
    if bytes.starts_with(b"%PDF-") && ends { Ok(()) } else { Err(Invalid::NotAPdf) }
}

/// A file name as shown to recruiters: no directories, no control characters.
pub fn file_name(raw: &str) -> Result<String, FieldError> {
    let name = single_line("file_name", raw, 1, 120)?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if base.is_empty() || base == "." || base == ".." {
        return Err(FieldError::new("file_name", Invalid::Required));
    }
    Ok(base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn pdf(body: &str) -> Vec<u8> {
        format!("%PDF-1.7\n{body}\n%%EOF\n").into_bytes()
    }

    #[test]
    fn a_pdf_is_recognised_by_its_content() {
        assert!(check_pdf(&pdf("1 0 obj << >> endobj")).is_ok());
        assert_eq!(check_pdf(b"\x89PNG\r\n\x1a\n...."), Err(Invalid::NotAPdf));
        assert_eq!(check_pdf(b"%PDF-1.7 truncated"), Err(Invalid::NotAPdf));
        assert_eq!(check_pdf(b""), Err(Invalid::NotAPdf));
        let mut big = pdf("");
        big.resize(CV_MAX_BYTES + 1, b' ');
        assert_eq!(check_pdf(&big), Err(Invalid::TooLarge { max_bytes: CV_MAX_BYTES }));
    }

    #[test]
    fn file_names_lose_their_directories() {
        assert_eq!(file_name("C:\\Users\\aino\\CV 2026.pdf").unwrap(), "CV 2026.pdf");
        assert_eq!(file_name("../../etc/passwd").unwrap(), "passwd");
        assert!(file_name("dir/").is_err());
        assert!(file_name("a\u{0}b.pdf").is_err());
    }
}
