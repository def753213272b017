#!/usr/bin/env bash
# Adds real ClientHellos from OpenSSL and GnuTLS to the seed corpora (127.0.0.1, random ports,
# hard time limits). Run from the repository root; needs openssl, gnutls-cli and python3.
set -euo pipefail
corpus=${1:-fuzz/corpus}
capture() { # capture tcp|udp NAME command...
  local proto=$1 name=$2; shift 2
  python3 - "$proto" "$corpus" "$name" "$@" <<'PY'
import os, socket, subprocess, sys
proto, corpus, name, *cmd = sys.argv[1:]
kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
s = socket.socket(socket.AF_INET, kind); s.bind(("127.0.0.1", 0)); s.settimeout(5)
port = s.getsockname()[1]
if proto == "tcp": s.listen(1)
cmd = [c.replace("PORT", str(port)) for c in cmd]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    if proto == "tcp":
        c, _ = s.accept(); c.settimeout(5); data = b""
        while len(data) < 5 or len(data) < 5 + int.from_bytes(data[3:5], "big"):
            chunk = c.recv(65536)
            if not chunk: break
            data += chunk
        c.close(); hdr = 5
        body = data[hdr + 4:]
        sel = 0
    else:
        data, _ = s.recvfrom(65536); hdr = 13
        body = data[hdr + 12:]
        sel = 1
finally:
    p.kill(); p.wait()
def put(target, blob):
    d = os.path.join(corpus, target); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "capture-" + name), "wb").write(blob)
put("record-" + proto.replace("tcp", "tls").replace("udp", "dtls"), data)
put("msg-client-hello", bytes([sel]) + body)
# The server engine with no prefix, receiving this real hello: [prefix 0][uint16 length][bytes].
put("engine-" + ("tls" if proto == "tcp" else "dtls") + "-server", bytes([0]) + len(data).to_bytes(2, "big") + data)
print(name, len(data), "bytes")
PY
}
capture tcp openssl-tls13 timeout 10 openssl s_client -connect 127.0.0.1:PORT -servername device.example
capture tcp openssl-tls12 timeout 10 openssl s_client -tls1_2 -connect 127.0.0.1:PORT
capture udp openssl-dtls12 timeout 10 openssl s_client -dtls1_2 -connect 127.0.0.1:PORT
capture tcp gnutls-tls timeout 10 gnutls-cli --insecure --port PORT 127.0.0.1
capture udp gnutls-dtls12 timeout 10 gnutls-cli --insecure --udp --priority NORMAL:-VERS-ALL:+VERS-DTLS1.2 --port PORT 127.0.0.1
