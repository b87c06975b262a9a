-- wrk script for `vigil serve`: POSTs events with unique ids (one per request, or BATCH per
-- request as NDJSON) and writes the ids the server acknowledged to ACK_DIR/ack-<prefix>-<thread>.txt, so
-- that a check afterwards can find every acknowledged event in the database.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = os.getenv("PREFIX") .. "-" .. number .. "-"
  batch = tonumber(os.getenv("BATCH") or "1")
  token = os.getenv("TOKEN")
  ack = io.open(os.getenv("ACK_DIR") .. "/ack-" .. os.getenv("PREFIX") .. "-" .. number .. ".txt", "a")
  acknowledged = 0
end

local function event(id)
  return string.format('{"id":"%s","occurred_at":"2024-05-01T12:00:00Z","region":"42003","outcome":"nonfatal","naloxone_doses":1}', id)
end

function request()
  local lines = {}
  for i = 1, batch do
    counter = counter + 1
    lines[i] = event(prefix .. counter)
  end
  local body = table.concat(lines, "\n")
  return wrk.format("POST", "/api/v1/events", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = batch > 1 and "application/x-ndjson" or "application/json",
  }, body)
end

function response(status, headers, body)
  if status == 200 then
    for id in string.gmatch(body, '"accepted":true,"id":"([^"]+)"') do
      ack:write(id, "\n")
      acknowledged = acknowledged + 1
    end
    ack:flush()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("acknowledged") or 0) end
  io.write(string.format("acknowledged_events %d\n", total))
  io.write(string.format("requests_per_second %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency_p50_ms %.2f\nlatency_p99_ms %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("errors %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
