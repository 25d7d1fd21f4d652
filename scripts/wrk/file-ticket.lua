-- Ticket intake: an operator registers calls (POST /api/v1/tickets), each classified and dispatched.
-- Needs env: OPERATOR_TOKEN, BODIES_FILE (one JSON ticket per line; used in turn).
local token = os.getenv("OPERATOR_TOKEN")
local bodies = {}
for line in io.lines(os.getenv("BODIES_FILE")) do table.insert(bodies, line) end
local next_body = 1

filed = 0
failed = 0

request = function()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/v1/tickets",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

first_failure = ""

response = function(status, headers, response_body)
  if status == 201 then
    filed = filed + 1
  else
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(response_body or "", 1, 300) end
  end
end

local threads = {}
function setup(thread)
  thread:set("seed", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Threads start at different places in the list, so they do not file the same texts in step.
  next_body = (tonumber(wrk.thread:get("seed")) or 0) * 37 % #bodies + 1
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("filed")
    bad = bad + t:get("failed")
  end
  for _, t in ipairs(threads) do
    local why = t:get("first_failure")
    if why and why ~= "" then io.write("first failure: " .. why .. "\n") end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("tickets filed, classified and dispatched: %d in %.1f s = %.0f per second; failed requests: %d; p50 %.1f ms, p99 %.1f ms\n",
    total, seconds, total / seconds, bad, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
