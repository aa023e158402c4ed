-- wrk script for Scripts/loadtest: requests the paths of a list file (one path a line, e.g.
-- /editions/E/tiles/4/14/6.json or /api/locate?lon=139.69&lat=35.69) in turn, each thread
-- starting at its own offset in the list so the threads do not ask for the same path at once,
-- and prints the run's figures as one machine-readable line when it is done.
--
-- Usage: wrk -t2 -c64 -d30s --latency -s cycle_paths.lua http://127.0.0.1:PORT -- PATHS_FILE 2
-- (the last argument: the thread count given to -t)

local thread_count = 0

-- Runs in the main Lua state once per thread, before the thread's init: numbers the threads.
function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local requests = {}
local next_request = 1

-- Runs in each thread's own Lua state: reads the list and builds every request once, so
-- request() only hands out prepared strings.
function init(args)
  local path_file = args[1]
  if path_file == nil then
    error("cycle_paths.lua: pass the list of paths after --, e.g. -- paths.txt")
  end
  local file, reason = io.open(path_file, "r")
  if file == nil then
    error("cycle_paths.lua: cannot open the list of paths: " .. tostring(reason))
  end
  for line in file:lines() do
    if line ~= "" then
      requests[#requests + 1] = wrk.format("GET", line)
    end
  end
  file:close()
  if #requests == 0 then
    error("cycle_paths.lua: the list of paths is empty: " .. path_file)
  end
  -- Threads spread over the list: thread i starts i/threads of the way in (the thread count
  -- is passed as the second argument by Scripts/loadtest; 2 when it is missing).
  local threads = tonumber(args[2]) or 2
  local index = thread_index or 0
  next_request = math.floor(#requests * index / threads) % #requests + 1
end

function request()
  local prepared = requests[next_request]
  next_request = next_request % #requests + 1
  return prepared
end

-- Runs once in the main state after the run. Latencies are in microseconds in wrk; printed
-- in milliseconds. "status" errors are the responses with a status of 400 or more.
function done(summary, latency, requests_summary)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "LOADTEST_RESULT requests=%d duration_s=%.3f requests_per_s=%.1f bytes=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d "
      .. "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
