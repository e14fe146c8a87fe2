#!/usr/bin/env bash
# Real exchanges of the Linux stack over an unreliable wire, for a robustness sweep of the
# capture checker: the tun pair of make_real_captures.sh (198.51.100.1 <-> .2, namespaces
# ttcap-tc / ttcap-td, made here and deleted again) with the user-space delay line of
# real_exchanges.py giving each packet a random delay (reordering), duplicating and dropping
# some, from a seeded RNG. The exchanges are in sweep_exchanges.py.
#
#   sudo tests/capture/make_sweep_captures.sh OUTDIR SEED [SEED ...] [sweep_exchanges options]
#
# Writes OUTDIR/SEED.{client,server,middle}.pcap (tcpdump on the client's and the server's tun,
# and the delay line's view half way along the wire) and OUTDIR/SEED.json (what the wire did).
# The same seed draws the same wire choices, but kernel timing still differs from run to run.
# Needs root, tcpdump, ip and /dev/net/tun.
#
# Fixtures (test_sweep_captures.py) are a sweep's connections of one failure class, trimmed by
# server port (51000 + (SEED % 50) * 100 + the scenario's index); a new run differs in timing,
# so pick connections that show the same class, e.g. with `python -m trainer check --json`:
#   tests/capture/make_sweep_captures.sh /tmp/sweep 1
#   tcpdump -r /tmp/sweep/1.client.pcap -w tests/capture/data/tun_reorder_client.pcap \
#       'tcp port 51101 or tcp port 51104'
#   tcpdump -r /tmp/sweep/1.server.pcap -w tests/capture/data/tun_reorder_server.pcap \
#       'tcp port 51101 or tcp port 51103'
#   tests/capture/make_sweep_captures.sh /tmp/sweep 2 3 4 5 6 7 8 9
#   tcpdump -r /tmp/sweep/8.client.pcap -w tests/capture/data/tun_overtaken_client.pcap \
#       'tcp port 51803'
#   tcpdump -r /tmp/sweep/4.server.pcap -w tests/capture/data/tun_overtaken_server.pcap \
#       'tcp port 51400'
#   tcpdump -r /tmp/sweep/6.middle.pcap -w tests/capture/data/tun_synack_again_middle.pcap \
#       'tcp port 51603'
#   tests/capture/make_sweep_captures.sh /tmp/sweep2/a 41 42 43 44 45 46
#   tcpdump -r /tmp/sweep2/a/43.client.pcap -w tests/capture/data/tun_deep_reorder_client.pcap \
#       'tcp port 55301'
#   tcpdump -r /tmp/sweep2/a/44.client.pcap -w tests/capture/data/tun_window_update_client.pcap \
#       'tcp port 55409'
#   tests/capture/make_sweep_captures.sh /tmp/sweep2/r 31 32 33 34 35 36 --loss 0 --duplicate 0 \
#       --jitter 0.02
#   tcpdump -r /tmp/sweep2/r/33.client.pcap -w tests/capture/data/tun_abort_client.pcap \
#       'tcp port 54306'
#   tcpdump -r /tmp/sweep2/r/36.server.pcap -w tests/capture/data/tun_abort_server.pcap \
#       'tcp port 54606'
#   tcpdump -r /tmp/sweep2/r/34.server.pcap \
#       -w tests/capture/data/tun_abort_acked_again_server.pcap 'tcp port 54406'
#   tests/capture/make_sweep_captures.sh /tmp/sweep2/d 51 52 53 54 --loss 0.01 --duplicate 0.1 \
#       --jitter 0.01
#   tcpdump -r /tmp/sweep2/d/53.server.pcap \
#       -w tests/capture/data/tun_overtaker_not_held_server.pcap 'tcp port 51300'
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $(id -u) == 0 ]] || { echo "make_sweep_captures.sh: run as root" >&2; exit 2; }
namespaces=(ttcap-tc ttcap-td)
cleanup() {
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
for ns in "${namespaces[@]}"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
done
ip -n ttcap-tc tuntap add dev tt0 mode tun
ip -n ttcap-td tuntap add dev tt0 mode tun
ip -n ttcap-tc addr add 198.51.100.1 peer 198.51.100.2 dev tt0
ip -n ttcap-td addr add 198.51.100.2 peer 198.51.100.1 dev tt0
ip -n ttcap-tc link set tt0 up
ip -n ttcap-td link set tt0 up
python3 "$here/sweep_exchanges.py" "$@"
