//! The coder as a pipeline stage (to be completed).
pub struct CoderStage;
