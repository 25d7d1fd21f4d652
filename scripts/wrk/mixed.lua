-- A day's mix of what people do, weighted roughly as a city platform sees it: mostly reading
-- (catalogue search, service guides, the hall display, a reviewer's queue, one's own cases),
-- applications and 12345 calls, and a sign-in for every fifty requests (a session makes dozens; each
-- sign-in is a bcrypt check of cost 12, the most expensive request the platform answers). Each kind keeps its own count of answers by status.
-- Needs env: APPLICANT_TOKEN, REVIEWER_TOKEN, OPERATOR_TOKEN, BODY_FILE (an application JSON),
-- BODIES_FILE (one JSON ticket per line), SERVICES_FILE (one item code per line).
local function lines(path)
  local result = {}
  for line in io.lines(path) do if line ~= "" then table.insert(result, line) end end
  return result
end
local applicant, reviewer, operator = os.getenv("APPLICANT_TOKEN"), os.getenv("REVIEWER_TOKEN"), os.getenv("OPERATOR_TOKEN")
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
local application = f:read("*a")
f:close()
local tickets = lines(os.getenv("BODIES_FILE"))
local services = lines(os.getenv("SERVICES_FILE"))
local words = { "社保", "公积金提取", "营业执照", "户口迁移", "不动产登记", "医保", "出生", "退休", "驾驶证", "契税", "开办企业", "居住证" }

local function json(token) return { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" } end
local function encode(text) return (text:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end

-- name, weight, request builder, status that counts as success
local kinds = {
  { "search", 30, function() return wrk.format("GET", "/api/v1/search?q=" .. encode(words[math.random(#words)])) end, 200 },
  { "guide", 20, function() return wrk.format("GET", "/services/" .. services[math.random(#services)]) end, 200 },
  { "display", 10, function() return wrk.format("GET", "/halls/city/display") end, 200 },
  { "queue", 10, function() return wrk.format("GET", "/api/v1/tasks", { ["Authorization"] = "Bearer " .. reviewer }) end, 200 },
  { "mine", 10, function() return wrk.format("GET", "/api/v1/cases", { ["Authorization"] = "Bearer " .. applicant }) end, 200 },
  { "login", 2, function() return wrk.format("POST", "/api/v1/auth/token", { ["Content-Type"] = "application/json" },
      '{"login":"13800000001","password":"Tongban2026"}') end, 200 },
  { "apply", 9, function() return wrk.format("POST", "/api/v1/cases", json(applicant), application) end, 201 },
  { "ticket", 9, function() return wrk.format("POST", "/api/v1/tickets", json(operator), tickets[math.random(#tickets)]) end, 201 },
}
-- ONLY=search,apply keeps just those kinds: to tell which request a problem (memory, errors) comes with.
local only = os.getenv("ONLY")
if only and only ~= "" then
  local kept = {}
  for _, kind in ipairs(kinds) do
    if string.find("," .. only .. ",", "," .. kind[1] .. ",", 1, true) then table.insert(kept, kind) end
  end
  kinds = kept
end
local total_weight = 0
for _, kind in ipairs(kinds) do total_weight = total_weight + kind[2] end

-- DELAY_MS: each connection pauses this long between requests, for a steady moderate load (the soak) instead of
-- as much as the server takes.
local pause = tonumber(os.getenv("DELAY_MS") or "0")
if pause > 0 then delay = function() return pause end end

local threads = {}
function setup(thread)
  thread:set("seed", #threads + 1)
  table.insert(threads, thread)
end

-- Responses cannot be matched to the request that asked for them (several connections per thread share one Lua
-- state), so requests are counted by kind when sent and answers by status when they come; a failure keeps its body.
function init(args)
  math.randomseed(os.time() * 100 + (tonumber(wrk.thread:get("seed")) or 0))
  for _, kind in ipairs(kinds) do _G["sent_" .. kind[1]] = 0 end
  failed = 0
  first_failure = ""
end

request = function()
  local pick = math.random(total_weight)
  for _, kind in ipairs(kinds) do
    pick = pick - kind[2]
    if pick <= 0 then
      _G["sent_" .. kind[1]] = _G["sent_" .. kind[1]] + 1
      return kind[3]()
    end
  end
end

response = function(status, headers, body)
  if status >= 300 then
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local parts, bad = {}, 0
  for _, kind in ipairs(kinds) do
    local sent = 0
    for _, t in ipairs(threads) do sent = sent + (t:get("sent_" .. kind[1]) or 0) end
    table.insert(parts, string.format("%s %d", kind[1], sent))
  end
  for _, t in ipairs(threads) do
    bad = bad + (t:get("failed") or 0)
    local why = t:get("first_failure")
    if why and why ~= "" then io.write("first failure: " .. why .. "\n") end
  end
  io.write(string.format("%.0f req/s  p50 %.1f ms  p99 %.1f ms  failed answers %d  socket errors %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write("sent: " .. table.concat(parts, ", ") .. "\n")
end
