"""Reading packet captures (classic pcap and pcapng) into TCP segments, without Qt and without
third-party dependencies. See ``trainer.capture.readers`` for why the reader is our own."""

from trainer.capture.check import (
    CaptureConnection,
    CaptureReport,
    CaptureSession,
    check_capture,
)
from trainer.capture.decode import SUPPORTED_LINK_TYPES, TcpPacket, iter_tcp
from trainer.capture.errors import (
    ERROR_PARAMS,
    WARNING_CODES,
    CaptureFormatError,
    CaptureWarning,
)
from trainer.capture.readers import MAX_RECORD, CaptureReader, Interface, open_capture

__all__ = [
    "ERROR_PARAMS",
    "MAX_RECORD",
    "SUPPORTED_LINK_TYPES",
    "WARNING_CODES",
    "CaptureConnection",
    "CaptureFormatError",
    "CaptureReader",
    "CaptureReport",
    "CaptureSession",
    "CaptureWarning",
    "Interface",
    "TcpPacket",
    "check_capture",
    "iter_tcp",
    "open_capture",
]
