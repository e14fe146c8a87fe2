#!/usr/bin/env bash
# Makes tests/capture/data/veth_random_loss.pcap: four 120 kB uploads (the server sends 3 kB back
# mid-way) between two network namespaces joined by a veth pair, with nft dropping a random
# twelfth of the segments in both directions on the server side; captured on the client side.
# Random on purpose (retransmissions, SACK, crossings differ each run): re-running replaces the
# fixture, and the test only asserts what any run shows. Needs root and nftables. Usage:
#   sudo tests/capture/make_lossy_capture.sh [OUT.pcap]
OUT=${1:-tests/capture/data/veth_random_loss.pcap}
set -euo pipefail
TMP_OUT=$(mktemp --suffix=.pcap)
ip netns del lc 2>/dev/null || true; ip netns del ls 2>/dev/null || true
ip netns add lc; ip netns add ls
ip link add vc type veth peer name vs
ip link set vc netns lc; ip link set vs netns ls
ip -n lc addr add 192.0.2.101/24 dev vc; ip -n ls addr add 192.0.2.102/24 dev vs
ip -n lc link set vc up; ip -n ls link set vs up; ip netns exec lc ethtool -K vc tso off gso off gro off >/dev/null 2>&1 || true; ip netns exec ls ethtool -K vs tso off gso off gro off >/dev/null 2>&1 || true; ip -n lc link set lo up; ip -n ls link set lo up
ip netns exec ls nft -f - <<'NFT'
table inet t {
  chain cin { type filter hook input priority 0; tcp dport 52000 numgen random mod 12 == 0 drop; }
  chain cout { type filter hook output priority 0; tcp sport 52000 numgen random mod 12 == 0 drop; }
}
NFT
ip netns exec lc tcpdump -U -Z root -i vc -w "$TMP_OUT" -s 128 tcp port 52000 >/dev/null 2>&1 &
TD=$!
sleep 0.7
ip netns exec ls python3 -c "
import socket
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR,1); s.bind(('192.0.2.102',52000)); s.listen()
for i in range(4):
    c,_=s.accept(); n=0
    while True:
        d=c.recv(65536)
        if not d: break
        n+=len(d)
        if n>20000 and n<40000: c.sendall(b'y'*3000)
    c.sendall(b'done'); c.close()
" &
SV=$!
sleep 0.3
ip netns exec lc python3 -c "
import socket, time
for i in range(4):
    c=socket.socket(); c.connect(('192.0.2.102',52000)); c.sendall(b'x'*120000); c.shutdown(socket.SHUT_WR)
    while c.recv(65536): pass
    c.close()
"
wait $SV
sleep 0.5; kill $TD; sleep 0.3
ip netns del lc; ip netns del ls
mv "$TMP_OUT" "$OUT"
chmod 644 "$OUT"
echo "wrote $OUT"
