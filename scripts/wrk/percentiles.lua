-- Prints p50/p95/p99 latency and the error count in one line (wrk's own summary has no p95).
local threads = {}
function setup(thread) table.insert(threads, thread) end
errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("errors") end
  io.write(string.format("%.0f req/s  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, bad + summary.errors.status))
end
