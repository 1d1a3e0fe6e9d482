"""Gateway calls with retries: a local stand-in gateway answers 503, 503, then 200; the client
retries with exponential backoff, sends one Idempotency-Key on every attempt, and reports each
attempt. Runs in about a second. Run: python examples/python/retry.py"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import revtain

SCRIPT = [503, 503, 200]  # the status of each request in turn
keys_seen: list[str] = []


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        keys_seen.append(self.headers["Idempotency-Key"])
        status = SCRIPT[min(len(keys_seen), len(SCRIPT)) - 1]
        body = b'{"id": "pi_demo", "status": "succeeded"}' if status == 200 else b'{"error": "busy"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}"  # plain http is allowed to loopback only

# The defaults are base 0.5 s, cap 20 s, 4 attempts, 30 s deadline; shorter here for the demo.
policy = revtain.RetryPolicy(base=0.2, cap=2.0, max_attempts=4, deadline=10.0)
client = revtain.GatewayClient(url, policy=policy, timeout=2.0,
                               headers={"Authorization": "Bearer sk_test_demo"})
print(f"[python] {'client':<16}: {client!r}")  # header names only, never their values

resp = client.request("POST", "/v1/payment_intents", body="amount=1999&currency=eur")
for i, a in enumerate(resp.attempts, 1):
    outcome = a.status if a.status is not None else a.error
    print(f"[python] {f'attempt {i}':<16}: {outcome} after waiting {a.delay:.3f} s (took {a.duration:.3f} s)")
print(f"[python] {'result':<16}: {resp.status} {resp.json()}")
print(f"[python] {'idempotency key':<16}: {resp.idempotency_key} (sent {len(keys_seen)} times)")

assert [a.status for a in resp.attempts] == [503, 503, 200]
assert set(keys_seen) == {resp.idempotency_key}
server.shutdown()
