-- wrk script for Scripts/soak: every request is a new random one of a kind, so that nothing
-- comes from the server's caches for long, and the answers are counted by status.
--
-- Usage: wrk -t1 -c16 -d60s --latency -s random_requests.lua http://127.0.0.1:PORT -- KIND EDITION SEED
--   KIND: tiles (z4–z10 over Japan), locate, near, gaps (GeoJSON, random bureau, distance,
--   population and level)
-- Prints one line when done:
--   SOAK_RESULT requests=… rps=… s2xx=… s3xx=… s4xx=… s503=… s5xx=… timeouts=… p50_ms=… p99_ms=… max_ms=…

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local kind, edition
local bureaus = { "hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu", "okinawa" }
-- Land boxes of Japan (lon min, lon max, lat min, lat max): Honshu, Kyushu, Hokkaido.
local boxes = { { 132.0, 141.5, 33.8, 40.5 }, { 129.8, 131.8, 31.3, 33.8 }, { 140.5, 145.0, 42.0, 44.5 } }

function init(args)
  kind = args[1] or "tiles"
  edition = args[2] or "sample"
  local seed = tonumber(args[3]) or 1
  math.randomseed(seed * 1000 + (thread_index or 0))
  s2xx, s3xx, s4xx, s503, s5xx = 0, 0, 0, 0, 0
end

local function point()
  local box = boxes[math.random(#boxes)]
  return box[1] + math.random() * (box[2] - box[1]), box[3] + math.random() * (box[4] - box[3])
end

local function tile()
  local z = math.random(4, 10)
  local lon, lat = point()
  local n = 2 ^ z
  local x = math.floor((lon + 180) / 360 * n)
  local r = math.rad(lat)
  local y = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
  return string.format("/editions/%s/tiles/%d/%d/%d.json", edition, z, x, y)
end

function request()
  local path
  if kind == "tiles" then
    path = tile()
  elseif kind == "locate" then
    local lon, lat = point()
    path = string.format("/api/locate?lon=%.5f&lat=%.5f", lon, lat)
  elseif kind == "near" then
    local lon, lat = point()
    path = string.format("/api/near?lon=%.4f&lat=%.4f&km=%d&edition=%s", lon, lat, math.random(1, 60), edition)
  else
    local levels = { "ward", "municipality" }
    path = string.format("/api/gaps?bureau=%s&km=%d&min_population=%d&level=%s&format=geojson&edition=%s",
      bureaus[math.random(#bureaus)], math.random(1, 80), math.random(0, 50000), levels[math.random(2)], edition)
  end
  return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status < 300 then s2xx = s2xx + 1
  elseif status < 400 then s3xx = s3xx + 1
  elseif status < 500 then s4xx = s4xx + 1
  elseif status == 503 then s503 = s503 + 1
  else s5xx = s5xx + 1 end
end

function done(summary, latency, requests)
  local totals = { s2xx = 0, s3xx = 0, s4xx = 0, s503 = 0, s5xx = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "SOAK_RESULT requests=%d rps=%.1f s2xx=%d s3xx=%d s4xx=%d s503=%d s5xx=%d timeouts=%d errors_other=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.requests / seconds, totals.s2xx, totals.s3xx, totals.s4xx, totals.s503, totals.s5xx,
    summary.errors.timeout, summary.errors.connect + summary.errors.read + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
