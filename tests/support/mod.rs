pub mod openpty;
pub mod pty;
