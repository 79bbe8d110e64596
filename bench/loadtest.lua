-- wrk's report for bench/loadtest.sh, written as JSON to the file named by LOADTEST_OUT.
-- No response() hook: wrk then skips handing every body to Lua, and its own counters
-- already hold what the report needs (status errors are answers of 400 and above).
-- The quantiles (every 0.1 %, in microseconds) let the report merge the three URLs' runs.

local function quantiles(latency)
  local values = {}
  for n = 1, 1000 do
    values[n] = latency:percentile((n - 0.5) / 10)
  end
  return table.concat(values, ",")
end

function done(summary, latency, requests)
  local errors = summary.errors
  local out = assert(io.open(assert(os.getenv("LOADTEST_OUT")), "w"))
  out:write(string.format(
    '{"duration_us": %d, "requests": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "max": %d, "quantiles": [%s]}}\n',
    summary.duration, summary.requests, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    quantiles(latency)))
  out:close()
end
