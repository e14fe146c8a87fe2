"""Reading packet captures (classic pcap and pcapng) into TCP segments, without Qt and without
third-party dependencies. See ``trainer.capture.readers`` for why the reader is our own."""

from trainer.capture.decode import SUPPORTED_LINK_TYPES, TcpPacket, iter_tcp
from trainer.capture.errors import (
    ERROR_PARAMS,
    WARNING_CODES,
    CaptureFormatError,
    CaptureWarning,
)
from trainer.capture.readers import MAX_RECORD, CaptureReader, Interface, open_capture
from trainer.capture.check import (  # noqa: E402 - after the readers it builds on
    CaptureConnection,
    CaptureReport,
    CaptureSession,
    check_capture,
)

__all__ = [
    "CaptureConnection",
    "CaptureReport",
    "CaptureSession",
    "check_capture",
    "ERROR_PARAMS",
    "MAX_RECORD",
    "SUPPORTED_LINK_TYPES",
    "WARNING_CODES",
    "CaptureFormatError",
    "CaptureReader",
    "CaptureWarning",
    "Interface",
    "TcpPacket",
    "iter_tcp",
    "open_capture",
]
