#!/usr/bin/env python3
"""Flash crowd: every prepared patient presses 预约 for the same session at the same moment, each on its own
connection. Prints how many were booked, how many were told the session is full, anything else, and latency.
Usage: bench-clinic.py URL prepared.json"""
import asyncio, json, sys, time

async def one(host, port, token, body, barrier):
    await barrier.wait()
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    request = (f"POST /api/v1/clinic-bookings HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
               f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    elapsed = time.perf_counter() - started
    head, _, payload = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if head else 0
    code = ""
    try:
        parsed = json.loads(payload.decode() or "{}")
        code = parsed.get("error") or parsed.get("status") or ""
    except ValueError:
        pass
    return status, code, elapsed

async def main(url, path):
    prepared = json.load(open(path))
    host, port = url.split("//")[1].split(":")
    body = json.dumps({"session": prepared["session"]}).encode()
    barrier = asyncio.Barrier(len(prepared["tokens"]))
    started = time.perf_counter()
    results = await asyncio.gather(*(one(host, int(port), t, body, barrier) for t in prepared["tokens"]), return_exceptions=True)
    wall = time.perf_counter() - started
    outcomes, latencies, errors = {}, [], 0
    for r in results:
        if isinstance(r, Exception):
            errors += 1
            continue
        status, code, elapsed = r
        outcomes[f"{status} {code}"] = outcomes.get(f"{status} {code}", 0) + 1
        latencies.append(elapsed * 1000)
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else float("nan")
    print(f"{len(prepared['tokens'])} patients at once for {prepared['capacity']} places: {json.dumps(outcomes, ensure_ascii=False)}, "
          f"connection errors {errors}, 5xx {sum(v for k, v in outcomes.items() if k.startswith('5'))}")
    print(f"latency p50 {pct(0.5):.0f} ms, p99 {pct(0.99):.0f} ms, max {latencies[-1] if latencies else 0:.0f} ms; all answered in {wall:.2f} s")

asyncio.run(main(sys.argv[1], sys.argv[2]))
