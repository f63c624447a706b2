//! Small pallets that exist only for this runtime's wiring: custom governance origins and the
//! chain's timing parameters.

pub mod origins;
pub mod timing;
