"""Malformed and hostile requests for Scripts/soak, on raw sockets, for a given number of
seconds: bad paths and parameters, broken percent-encoding, oversized heads, garbage instead
of HTTP, requests cut off in the middle, slow heads, wrong tokens. Every answer's status is
counted (503, the server's "busy, retry", apart from other 5xx); prints one line:
SOAK_MALFORMED requests=… s2xx=… s3xx=… s4xx=… s503=… s5xx=… no_answer=…

Usage: python3 malformed_requests.py PORT SECONDS EDITION
"""
import random
import socket
import sys
import time

PORT, SECONDS, EDITION = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]

REQUESTS = [
    b"GET /editions/%s/tiles/04/013/006.json HTTP/1.1\r\nHost: x\r\n\r\n" % EDITION.encode(),
    b"GET /editions/%s/tiles/4/99999/6.json HTTP/1.1\r\nHost: x\r\n\r\n" % EDITION.encode(),
    b"GET /editions/%s/tiles/-1/0/0.json HTTP/1.1\r\nHost: x\r\n\r\n" % EDITION.encode(),
    b"GET /editions/%ff%fe/tiles.json HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /editions/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/near?lon=abc&lat=35&km=5 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/near?lon=139.7&lat=35.7&km=1e308 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/gaps?bureau=nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/stats?level=ward&metric=count&extra=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/locate?lon=139.7&lat=35.7&lon=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /editions/soak/tiles.json HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-token-guess\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n",
    b"GARBAGE\x00\x01\x02 nonsense\r\n\r\n",
    b"GET /api/locate?lon=139.7&lat=35.7 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabc",
    b"POST /api/locate HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
    b"GET /editions/" + b"e" * 5000 + b"/tiles.json HTTP/1.1\r\nHost: x\r\n\r\n",
]

counts = {"requests": 0, "s2xx": 0, "s3xx": 0, "s4xx": 0, "s503": 0, "s5xx": 0, "no_answer": 0}
deadline = time.monotonic() + SECONDS
rng = random.Random(7)
while time.monotonic() < deadline:
    payload = rng.choice(REQUESTS)
    cut = rng.random() < 0.1  # now and then a request cut off in the middle
    counts["requests"] += 1
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=10) as s:
            if cut:
                s.sendall(payload[: len(payload) // 2])
                continue
            s.sendall(payload)
            head = s.recv(64)
    except OSError:
        counts["no_answer"] += 1
        continue
    if head.startswith(b"HTTP/1.1 ") and len(head) >= 12 and head[9:12].isdigit():
        status = int(head[9:12])
        counts["s503" if status == 503 else "s%dxx" % (status // 100)] += 1
    else:
        # The server may close a connection on garbage without an answer.
        counts["no_answer"] += 1
print("SOAK_MALFORMED " + " ".join("%s=%d" % item for item in counts.items()), flush=True)
