"""TCP Trainer: learn TCP connection establishment and teardown against RFC 9293."""

__version__ = "0.1.0"
