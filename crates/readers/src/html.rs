use crate::{ReadError, ReadOptions};
use attache_doc::Article;
pub fn parse(_bytes: &[u8], path: &str, _opts: &ReadOptions) -> Result<Article, ReadError> {
    Err(ReadError::whole(path, "HTML reader under construction"))
}
