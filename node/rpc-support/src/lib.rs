//! What the node's `depin_*` JSON-RPC needs besides the runtime: bounds on the work it does for
//! its callers ([`limits`]) and the checked decoding of its arguments ([`params`]). A library of
//! its own so both are unit-tested and fuzzed (the node binary has no unit tests).

pub mod limits;
pub mod params;
