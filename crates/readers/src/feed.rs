use crate::{ReadError, ReadOptions};
use attache_doc::Article;
pub fn parse(_bytes: &[u8], path: &str, _opts: &ReadOptions) -> Vec<Result<Article, ReadError>> {
    vec![Err(ReadError::whole(path, "feed reader under construction"))]
}
