//! Bytes to text: the checks every format shares (empty, binary, encoding) and charset handling.

use encoding_rs::Encoding;

/// How much of the start of an input the binary check and the charset prescan look at.
pub const HEAD_LEN: usize = 8192;

/// Share of control bytes in the head above which an input counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Rejects inputs that cannot be text before any decoding: empty (or only whitespace) and binary ones.
///
/// UTF-16 input (recognised by its byte-order mark) is exempt from the NUL-byte rule, as NULs are how it
/// writes ASCII.
pub fn check_text_like(bytes: &[u8]) -> Result<(), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    if Encoding::for_bom(bytes).is_some_and(|(encoding, _)| encoding != encoding_rs::UTF_8) {
        return Ok(());
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(format!("binary file (NUL byte at byte offset {offset})"));
    }
    let head = &bytes[..bytes.len().min(HEAD_LEN)];
    // Branch-free sums of bytes over short chunks, so the compiler checks many bytes at once: this runs on
    // every input.
    let control: usize = head
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().map(|&b| u8::from(is_binary_control(b))).sum::<u8>()))
        .sum();
    if control as f64 > head.len() as f64 * MAX_CONTROL_SHARE {
        return Err(format!("binary file ({control} control bytes in the first {} bytes)", head.len()));
    }
    Ok(())
}

#[inline]
fn is_binary_control(byte: u8) -> bool {
    // 0x00–0x08, 0x0e–0x1a, 0x1c–0x1f and DEL: control bytes other than tab, line breaks, form feed and escape.
    ((byte < 0x20) & (byte.wrapping_sub(0x09) > 0x04) & (byte != 0x1b)) | (byte == 0x7f)
}

/// Decodes a whole input to text.
///
/// A byte-order mark wins (UTF-8, UTF-16LE/BE; it is removed). Otherwise `declared` (a charset named inside the
/// document) is used; otherwise the bytes must be UTF-8, and the error names the first byte offset that is not.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, String> {
    check_text_like(bytes)?;
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        return if encoding == encoding_rs::UTF_8 {
            utf8(body, bom_len, None)
        } else {
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                Err(format!("not valid {} (despite its byte-order mark)", encoding.name()))
            } else {
                Ok(text.into_owned())
            }
        };
    }
    match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if had_errors {
                Err(format!("not valid {} (the charset it declares)", encoding.name()))
            } else {
                Ok(text.into_owned())
            }
        }
        Some(encoding) => utf8(bytes, 0, Some(encoding)),
        None => utf8(bytes, 0, None),
    }
}

fn utf8(bytes: &[u8], offset_base: usize, declared: Option<&'static Encoding>) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let offset = offset_base + error.valid_up_to();
            Err(match declared {
                Some(_) => format!("not valid UTF-8 at byte offset {offset} (the charset it declares)"),
                None => format!(
                    "not valid UTF-8 at byte offset {offset} and no charset is declared \
                     (convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`, or declare its charset)"
                ),
            })
        }
    }
}

/// The charset a document names for itself: an XML declaration's `encoding="…"`, or an HTML
/// `<meta charset=…>` / `<meta http-equiv="Content-Type" content="…; charset=…">`, looked for in the head.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_LEN)]).to_ascii_lowercase();
    let label = xml_declared_encoding(&head).or_else(|| meta_charset(&head))?;
    // As HTML's prescan does, a declared UTF-16 in an ASCII-compatible head means UTF-8.
    Encoding::for_label(label.as_bytes()).map(Encoding::output_encoding)
}

fn xml_declared_encoding(head: &str) -> Option<String> {
    let start = head.trim_start_matches('\u{feff}').trim_start();
    let declaration = start.strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    attribute_value(declaration, "encoding")
}

fn meta_charset(head: &str) -> Option<String> {
    let mut rest = head;
    while let Some(at) = rest.find("<meta") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        let tag = &rest[at..tag_end];
        if let Some(position) = tag.find("charset=") {
            let value = tag[position + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String = value
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | ';' | '/' | '>') && !c.is_whitespace())
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

/// The value of `name="…"` (or `'…'`) inside a tag's text.
fn attribute_value(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(at) = search.find(name) {
        let after = search[at + name.len()..].trim_start();
        if let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &after[1..];
                return value.find(quote).map(|end| value[..end].trim().to_string());
            }
        }
        search = &search[at + name.len()..];
    }
    None
}

/// Removes an XML declaration (`<?xml …?>`) from the start of decoded text, so an XML parser reading the
/// (already UTF-8) text does not decode it a second time with the declared encoding.
pub fn strip_xml_declaration(text: &str) -> &str {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(rest) = trimmed.strip_prefix("<?xml")
        && let Some(end) = rest.find("?>")
    {
        return &rest[end + 2..];
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_control_bytes_are_exactly_the_listed_ranges() {
        for byte in 0..=u8::MAX {
            let listed = matches!(byte, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f);
            assert_eq!(is_binary_control(byte), listed, "byte {byte:#04x}");
        }
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(check_text_like(b"").unwrap_err(), "empty file");
        assert_eq!(check_text_like(b" \n\t\n").unwrap_err(), "empty file");
        assert!(check_text_like(b"GIF89a\x01\x00\x00").unwrap_err().contains("NUL byte at byte offset 7"));
        let controls: Vec<u8> = (0..100).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert!(check_text_like(&controls).unwrap_err().starts_with("binary file (34 control bytes"));
        assert!(check_text_like("plain words\tand a tab\r\n".as_bytes()).is_ok());
    }

    #[test]
    fn utf8_errors_name_the_offset() {
        let latin1 = b"Caf\xe9 society";
        let error = decode(latin1, None).unwrap_err();
        assert!(error.starts_with("not valid UTF-8 at byte offset 3 and no charset is declared"), "{error}");
        let with_bom = b"\xef\xbb\xbfna\xefve";
        assert!(decode(with_bom, None).unwrap_err().contains("byte offset 5"));
    }

    #[test]
    fn bom_and_declared_charsets_decode() {
        assert_eq!(decode(b"\xef\xbb\xbfhello", None).unwrap(), "hello");
        assert_eq!(decode(b"\xff\xfeh\x00i\x00", None).unwrap(), "hi");
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>Caf\xe9</a>";
        let charset = declared_charset(latin1);
        assert_eq!(charset, Some(encoding_rs::WINDOWS_1252));
        assert!(decode(latin1, charset).unwrap().ends_with("<a>Café</a>"));
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">";
        assert_eq!(declared_charset(html), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(declared_charset(b"<meta charset=\"utf-16\">"), Some(encoding_rs::UTF_8));
        assert_eq!(declared_charset(b"<html><p>no charset here</p>"), None);
    }

    #[test]
    fn xml_declaration_is_stripped() {
        assert_eq!(strip_xml_declaration("<?xml version=\"1.0\"?>\n<rss/>"), "\n<rss/>");
        assert_eq!(strip_xml_declaration("<rss/>"), "<rss/>");
    }
}
