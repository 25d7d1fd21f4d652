#!/usr/bin/env python3
"""叫号 under a full hall: 200 people wait in 20 queues (10 departments in each of two halls, 10 numbers each); clerks
at the windows press 叫号 one after another, each call followed by a new walk-in (so 200 keep waiting) and a refresh of
that hall's display, as its TV does. Prints p50/p95/p99 per request kind. Usage: bench-queue.py URL [calls]"""
import http.client, json, random, sys, time

PASSWORD = "Tongban2026"
HALLS = {"city": list(range(1, 9)), "341502": [1, 2, 3]}
DEPARTMENTS = ["ga", "rs", "yb", "gjj", "zrzy", "zj", "sw", "scjg", "jj", "mz"]

def main(url, calls):
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port))
    def send(method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        started = time.perf_counter()
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - started) * 1000

    status, data, _ = send("POST", "/api/v1/auth/token", {"login": "clerk", "password": PASSWORD})
    assert status == 200, data
    token = json.loads(data)["token"]
    departments = {}
    for hall in HALLS:
        status, data, _ = send("GET", f"/api/v1/halls/{hall}/display")
        assert status == 200, data
    for hall in HALLS:
        departments[hall] = DEPARTMENTS
        for department in DEPARTMENTS:
            for _ in range(10):
                status, data, _ = send("POST", f"/api/v1/halls/{hall}/tickets", {"department": department})
                assert status == 201, (department, data)
    waiting = sum(json.loads(send("GET", f"/api/v1/halls/{hall}/display")[1])["totalWaiting"] for hall in HALLS)
    print(f"{waiting} waiting in {sum(len(d) for d in departments.values())} queues in {len(HALLS)} halls")

    rng = random.Random(2026)
    times = {"叫号 (call next)": [], "叫号屏 (display)": [], "取号 (take)": []}
    errors = 0
    for _ in range(calls):
        hall = rng.choice(list(HALLS))
        window = rng.choice(HALLS[hall])
        status, data, ms = send("POST", f"/api/v1/halls/{hall}/windows/{window}/call", token=token)
        errors += status != 200
        times["叫号 (call next)"].append(ms)
        status, data, ms = send("POST", f"/api/v1/halls/{hall}/tickets", {"department": rng.choice(departments[hall])})
        errors += status != 201
        times["取号 (take)"].append(ms)
        status, data, ms = send("GET", f"/api/v1/halls/{hall}/display")
        errors += status != 200
        times["叫号屏 (display)"].append(ms)
    waiting = sum(json.loads(send("GET", f"/api/v1/halls/{hall}/display")[1])["totalWaiting"] for hall in HALLS)
    print(f"{calls} rounds, {errors} errors, {waiting} still waiting at the end")
    for kind, values in times.items():
        values.sort()
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
        print(f"{kind}: p50 {pick(0.5):.1f} ms  p95 {pick(0.95):.1f} ms  p99 {pick(0.99):.1f} ms  max {values[-1]:.1f} ms")
    sys.exit(1 if errors else 0)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
