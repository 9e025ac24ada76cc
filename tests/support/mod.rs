pub mod files;
pub mod openpty;
pub mod pty;
