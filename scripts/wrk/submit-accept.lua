-- One application = submit a 一件事 (POST /api/v1/cases) then accept it at the window
-- (POST /api/v1/cases/{id}/accept), which fans it out to the departments' review tasks.
-- Needs env: APPLICANT_TOKEN, CLERK_TOKEN, BODY_FILE (the application JSON).
local applicant = os.getenv("APPLICANT_TOKEN")
local clerk = os.getenv("CLERK_TOKEN")
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
local body = f:read("*a")
f:close()

local pending = nil
accepted = 0
failed = 0

function init(args)
  counters = {}
end

request = function()
  if pending then
    local id = pending
    pending = nil
    return wrk.format("POST", "/api/v1/cases/" .. id .. "/accept",
      { ["Authorization"] = "Bearer " .. clerk, ["Content-Length"] = "0" }, nil)
  end
  return wrk.format("POST", "/api/v1/cases",
    { ["Authorization"] = "Bearer " .. applicant, ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, response_body)
  if status == 201 then
    pending = string.match(response_body, '"id":"([0-9A-Fa-f%-]+)"')
  elseif status == 200 then
    accepted = accepted + 1
  else
    failed = failed + 1
    pending = nil
  end
end

-- wrk runs each thread in its own Lua state; per-thread counts are summed in done().
local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("accepted")
    bad = bad + t:get("failed")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("applications submitted and accepted: %d in %.1f s = %.0f per second; failed requests: %d; p50 %.1f ms, p99 %.1f ms per request\n",
    total, seconds, total / seconds, bad, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
