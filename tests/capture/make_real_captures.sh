#!/usr/bin/env bash
# Record real TCP exchanges of the Linux stack as test fixtures, each with the socket states the
# kernel's own `ss` reported while it ran.
#
#   sudo tests/capture/make_real_captures.sh [OUTDIR [SCENARIO ...]]   (OUTDIR: tests/capture/data)
#
# Needs root, tcpdump, dumpcap (Wireshark's, comes with tshark), ss and ip (iproute2), nft
# (apt-get install nftables) and /dev/net/tun. Takes 12-19 s.
# Everything runs in network namespaces this script creates (ttcap-*) and deletes again, on
# loopback (127.0.0.1 and ::1), a veth pair (192.0.2.1 <-> 192.0.2.2) and a tun pair
# (198.51.100.1 <-> .2); no other address and no network access. Re-running replaces the
# fixtures; only sequence numbers, TCP timestamps and times change (ports are fixed, the flags
# and lengths come out the same).
# The exchanges themselves are in real_exchanges.py (Python sockets, next to this script).
#
# For every NAME it writes NAME.pcap (tcpdump; NAME.pcapng where dumpcap captured; snap length
# 128) and NAME.ss.json:
#   {"pcap": "NAME.pcap", "sockets": [{"local": "a:p", "peer": "b:q", "states": [...]}, ...],
#    "notes": "how it was made"}
# where states are the distinct states `ss -tanH state all` showed for that socket, in order
# (an IPv6 address is written as ss prints it: "[::1]:p").
# ss runs in a loop (a poll every 3-12 ms on a loaded 2-core machine), so a state shorter
# than that may be missing (on loopback: SYN-SENT, SYN-RECV, LAST-ACK); nothing is added that
# ss did not show. The listener comes first, with peer 0.0.0.0:* ([::]:* for IPv6).
#
#   lo_handshake_close      -i lo (Ethernet): handshake, 5 bytes each way, client closes first
#   any_handshake_close     -i any (Linux SLL2): the same, the server closes first
#   lo_three_way_close      the server closes right after reading EOF: FIN,ACK / FIN,ACK / ACK
#                           (Linux delays the ACK of a FIN; a close() within the 40 ms
#                           delayed-ACK time piggybacks it on the server's FIN)
#   lo_half_close.pcapng    client shutdown(SHUT_WR); the server sends 3 replies in CLOSE-WAIT
#                           (captured by dumpcap: a real pcapng file)
#   lo_rst_closed_port      SYN to a port nobody listens on, answered by RST,ACK
#   lo_abort                SO_LINGER {1, 0} close() mid-connection: RST,ACK
#   lo_midstream            tcpdump and ss start after the handshake and a first exchange
#   veth_lost_fin           capture on the client's veth; nft drops the client's first FIN once
#                           at the server's ingress; the FIN is retransmitted ~200 ms later
#   veth_lost_data          the same with the client's first data segment
#   tun_simultaneous_close  tun pair with a 20 ms user-space delay line (this kernel has no
#                           netem); both sides close at once, the FINs cross (raw IP capture)
#   tun_three_way_close     the three-way close over the tun pair: ss sees LAST-ACK, SYN-RECV
#   lo6_handshake_close     lo_handshake_close over IPv6: AF_INET6 sockets on ::1, -i lo
# Ports are fixed, server 500NN and client 400NN: NN = 01 lo_handshake_close, 02 any_, 03 rst,
# 04 lo_three_way, 05 half, 06 abort, 07 lost_fin, 08 lost_data, 09 simultaneous, 10 midstream,
# 11 tun_three_way, 12 lo6_handshake_close.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/data"}
shift || true

for tool in tcpdump dumpcap ss ip nft python3; do
    command -v "$tool" >/dev/null || { echo "make_real_captures.sh: $tool not found" >&2; exit 2; }
done
[[ $(id -u) == 0 ]] || { echo "make_real_captures.sh: run as root" >&2; exit 2; }
mkdir -p "$out"
start=$EPOCHREALTIME

namespaces=(ttcap-lo ttcap-va ttcap-vb ttcap-tc ttcap-td)
cleanup() {
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup  # leftovers of an interrupted run
for ns in "${namespaces[@]}"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
done

# veth: fixed MACs and permanent neighbour entries, so no ARP and the same bytes every run.
ip -n ttcap-va link add va address 02:00:00:00:00:01 type veth \
    peer name vb address 02:00:00:00:00:02 netns ttcap-vb
ip -n ttcap-va addr add 192.0.2.1/24 dev va
ip -n ttcap-vb addr add 192.0.2.2/24 dev vb
ip -n ttcap-va neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev va nud permanent
ip -n ttcap-vb neigh add 192.0.2.1 lladdr 02:00:00:00:00:01 dev vb nud permanent
ip -n ttcap-va link set va up
ip -n ttcap-vb link set vb up

# The loss: each rule matches once (a one-packet bucket refilled once an hour) and drops.
ip netns exec ttcap-vb nft -f - <<'EOF'
table netdev ttcap {
    chain ingress {
        type filter hook ingress device "vb" priority 0; policy accept;
        tcp dport 50007 tcp flags & fin == fin limit rate 1/hour burst 1 packets counter drop
        tcp dport 50008 tcp flags & psh == psh limit rate 1/hour burst 1 packets counter drop
    }
}
EOF

# tun pair: persistent devices; real_exchanges.py attaches to both and forwards with a delay.
ip -n ttcap-tc tuntap add dev tt0 mode tun
ip -n ttcap-td tuntap add dev tt0 mode tun
ip -n ttcap-tc addr add 198.51.100.1 peer 198.51.100.2 dev tt0
ip -n ttcap-td addr add 198.51.100.2 peer 198.51.100.1 dev tt0
ip -n ttcap-tc link set tt0 up
ip -n ttcap-td link set tt0 up

python3 "$here/real_exchanges.py" "$out" "$@"

# Each drop rule must have matched at most once (exactly once when its scenario ran).
drops=$(ip netns exec ttcap-vb nft list chain netdev ttcap ingress |
    grep -o 'packets [0-9]*' | cut -d' ' -f2)
echo "nft drops (lost FIN, lost data):" $drops
for n in $drops; do
    ((n <= 1)) || { echo "make_real_captures.sh: a drop rule matched $n times" >&2; exit 1; }
done

chown --reference="$out" "$out"/*.pcap* "$out"/*.ss.json
awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "took %.1f s\n", b - a }'
ls -l "$out"
