#!/usr/bin/env bash
# Record real TCP exchanges of the Linux stack on loopback, as reader fixtures.
#
#   sudo tests/capture/make_real_captures.sh [OUTDIR]     (default: tests/capture/data)
#
# Needs root and tcpdump. Only 127.0.0.1 is used. Writes:
#   lo_handshake_close.pcap   -i lo  (LINKTYPE_ETHERNET): handshake, 5 bytes each way, the
#                             client closes first, then the server
#   any_handshake_close.pcap  -i any (LINKTYPE_LINUX_SLL2 with libpcap >= 1.10, else SLL):
#                             the same exchange, the server closes first
#   lo_rst_closed_port.pcap   -i lo: a SYN to a port nobody listens on, answered by RST,ACK
# Ports are fixed (client 40001..40003, server 50001/50002, closed port 50003) so that the
# tests can name them.
set -euo pipefail
out=${1:-"$(dirname "$0")/data"}
mkdir -p "$out"

record() {  # record IFACE FILE FILTER -- python code
    local iface=$1 file=$2 filter=$3
    shift 4
    tcpdump -i "$iface" -w "$file" -U -s 128 -n "$filter" 2>/dev/null &
    local pid=$!
    sleep 1  # let tcpdump attach
    python3 -c "$1"
    sleep 1
    kill -INT "$pid"
    wait "$pid" || true
}

exchange='
import socket, sys, threading, time
sport, cport, server_first = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "server"
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", sport)); srv.listen(1)
cli = socket.socket(); cli.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
cli.bind(("127.0.0.1", cport)); cli.connect(("127.0.0.1", sport))
conn, _ = srv.accept()
cli.sendall(b"hello"); assert conn.recv(5) == b"hello"
conn.sendall(b"world"); assert cli.recv(5) == b"world"
time.sleep(0.2)
first, second = (conn, cli) if server_first else (cli, conn)
first.close(); time.sleep(0.2)
assert second.recv(1) == b""
second.close(); time.sleep(0.2); srv.close()
'

record lo "$out/lo_handshake_close.pcap" "tcp port 50001" -- \
    "import sys; sys.argv = ['x', '50001', '40001', 'client']; exec('''$exchange''')"
record any "$out/any_handshake_close.pcap" "tcp port 50002" -- \
    "import sys; sys.argv = ['x', '50002', '40002', 'server']; exec('''$exchange''')"
record lo "$out/lo_rst_closed_port.pcap" "tcp port 50003" -- '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 40003))
try:
    s.connect(("127.0.0.1", 50003))
except ConnectionRefusedError:
    pass
s.close()
'
chown --reference="$out" "$out"/*.pcap  # tcpdump drops root and writes as its own user
ls -l "$out"/*.pcap
