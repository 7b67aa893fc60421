//! Level of detail: the shared implementation in `podlife_render::chart::lod`, which the SVG/PNG
//! export applies to the same window, so an export looks like the screen.

pub use podlife_render::chart::lod::*;
