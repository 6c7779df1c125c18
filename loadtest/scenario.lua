-- One load-test scenario for wrk 4.1: a GET, or a POST of a body read from a file.
-- Arguments after "--": METHOD [BODY_FILE [CONTENT_TYPE]].
-- Every response is counted by status, so non-2xx answers are errors (wrk itself counts only
-- 4xx and 5xx). At the end one line starting "LOADTEST " holds the figures as JSON, for
-- loadtest/wrk.py to read; wrk's own report is printed above it.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   wrk.method = args[1] or "GET"
   if args[2] and args[2] ~= "" then
      local file = assert(io.open(args[2], "rb"))
      wrk.body = file:read("*a")
      file:close()
      wrk.headers["Content-Type"] = args[3] or "application/json"
   end
   statuses = {}
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(counts) do
      table.insert(parts, string.format('"%s":%d', status, count))
   end
   local errors = summary.errors
   io.write(string.format(
      'LOADTEST {"requests":%d,"duration_us":%d,"bytes":%d,'
         .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
         .. '"statuses":{%s},'
         .. '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      table.concat(parts, ","),
      latency.min, latency.mean, latency.max,
      latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
