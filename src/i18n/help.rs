//! The help of every command, flag and argument.
