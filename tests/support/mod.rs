pub mod files;
pub mod openpty;
pub mod pty;
pub mod screen;
