#!/usr/bin/env python3
"""Failure drill against the local deployment (scripts/deploy-local.sh): workers file 12345 tickets, submit
企业开办 applications and record traceability events (each one a ledger append) through nginx without pause; meanwhile one instance is killed with -9 (and started again later),
and PostgreSQL is restarted. Afterwards every ticket and application that got a success answer is looked up: none may
be missing. Prints what was acknowledged, refused or failed, and what was found.
With SMS_PORT set, the drill also plays the SMS provider: start the deployment with
TONGBAN_SMS_WEBHOOK_URL=http://127.0.0.1:$SMS_PORT/sms and every text the platform sends arrives here; afterwards the
drill waits for the outbox to drain and counts messages delivered more than once (a job run twice).
Usage: failure-drill.py URL DEPLOY_SCRIPT [seconds, default 30] [events, default "0.25:kill 1,0.5:restart 1,0.7:pg-restart"]
(each event: the share of the run at which `DEPLOY_SCRIPT <command>` is run; scripts/sqlite-instance.sh takes the same
commands for a single SQLite instance)."""
import http.client, http.server, json, os, subprocess, sys, threading, time
from collections import Counter
from urllib.parse import urlparse

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module
case_body = import_module("case-body")

URL = urlparse(sys.argv[1])
DEPLOY = sys.argv[2]
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 30
EVENTS = [(float(at), command.split()) for at, command in
          (event.split(":", 1) for event in (sys.argv[4] if len(sys.argv) > 4 else "0.25:kill 1,0.5:restart 1,0.7:pg-restart").split(","))]

def request(method, path, body=None, token=None, content_type="application/json"):
    conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=30)
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=body if isinstance(body, (bytes, type(None))) else json.dumps(body), headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return 0, str(error).encode()
    finally:
        conn.close()

def token(login):
    status, data = request("POST", "/api/v1/auth/token", {"login": login, "password": "Tongban2026"})
    assert status == 200, data
    return json.loads(data)["token"]

operator, applicant, clerk = token("operator"), token("13800000002"), token("clerk")
status, data = request("POST", "/api/v1/uploads", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", applicant, "application/pdf")
assert status in (200, 201), data
upload = json.loads(data)["id"]
status, data = request("GET", "/api/v1/cases/draft?lifeEvent=qykb", token=applicant)
application = case_body.body(json.loads(data), upload)
status, data = request("GET", "/api/v1/me", token=applicant)
assert status == 200, data
company = json.loads(data)["companies"][0]["creditCode"]
run = str(int(time.time()))[-6:]

def trace_event(lot):
    return {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-04-08T07:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "bizStep": "commissioning", "disposition": "active", "tb:productName": "演练茶叶",
            "quantityList": [{"epcClass": f"https://id.gs1.org/01/06900000000021/10/{lot}", "quantity": 1, "uom": "KGM"}]}

texts = Counter()
if os.environ.get("SMS_PORT"):
    class Provider(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            message = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                texts[message["id"]] += 1
            self.send_response(200)
            self.end_headers()
        def log_message(self, *args):
            pass
    provider = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["SMS_PORT"])), Provider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()

acknowledged = {"ticket": [], "case": [], "trace": []}
outcomes = Counter()
lock = threading.Lock()
stop = time.time() + SECONDS

def worker(n):
    i = 0
    while time.time() < stop:
        i += 1
        if i % 3 == 1:
            status, data = request("POST", "/api/v1/tickets", {"type": "complaint", "title": f"演练工单 {n}-{i}",
                                   "body": "小区门口路灯不亮，晚上出行不便，请尽快维修。", "contactName": "演练", "contactPhone": "13900000000"}, operator)
            kind, key = "ticket", lambda v: v["number"]
        elif i % 3 == 2:
            status, data = request("POST", "/api/v1/cases", application, applicant)
            kind, key = "case", lambda v: v["id"]
        else:
            lot = f"D{run}-{n}-{i}"
            status, data = request("POST", f"/api/v1/trace/companies/{company}/events", trace_event(lot), applicant)
            kind, key = "trace", lambda v: lot
        with lock:
            outcomes[f"{kind} {status}"] += 1
            if status in (200, 201):
                acknowledged[kind].append(key(json.loads(data)))
        if kind == "case" and status == 201:
            # Accepted at the window: the applicant is texted, so the SMS outbox has work while instances die.
            accepted, _ = request("POST", f"/api/v1/cases/{key(json.loads(data))}/accept", b"", clerk)
            with lock:
                outcomes[f"accept {accepted}"] += 1
        if status == 0:
            time.sleep(0.05)  # nothing listening: a client would not hammer a refused port either

def drill(at, *command):
    time.sleep(max(0, at - (time.time() - started)))
    result = subprocess.run(command, capture_output=True, text=True)
    print(f"{time.time() - started:5.1f}s  {' '.join(command[1:])}: {(result.stdout or result.stderr).strip()}", flush=True)

started = time.time()
threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
for t in threads:
    t.start()
events = [threading.Thread(target=drill, args=(SECONDS * at, DEPLOY, *command)) for at, command in EVENTS]
for e in events:
    e.start()
for t in threads + events:
    t.join()

print("answers:", dict(sorted(outcomes.items())))
missing = []
for number in acknowledged["ticket"]:
    if request("GET", f"/api/v1/tickets/{number}", token=operator)[0] != 200:
        missing.append(number)
for case in acknowledged["case"]:
    if request("GET", f"/api/v1/cases/{case}", token=applicant)[0] != 200:
        missing.append(case)
for lot in acknowledged["trace"]:
    if request("GET", f"/api/v1/trace/batches/06900000000021/{lot}")[0] != 200:
        missing.append(lot)
print(f"acknowledged: {len(acknowledged['ticket'])} tickets, {len(acknowledged['case'])} applications, "
      f"{len(acknowledged['trace'])} traceability events; missing afterwards: {len(missing)}")
twice = 0
if os.environ.get("SMS_PORT"):
    # The outbox drains after the load: wait until no text has arrived for 15 s (retries back off up to minutes).
    last, quiet = -1, 0
    while quiet < 15:
        time.sleep(1)
        with lock:
            total = sum(texts.values())
        quiet = quiet + 1 if total == last else 0
        last = total
    twice = sum(1 for count in texts.values() if count > 1)
    print(f"SMS delivered: {sum(texts.values())} deliveries of {len(texts)} messages; delivered more than once: {twice}")
sys.exit(1 if missing or twice else 0)
