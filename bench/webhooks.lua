-- wrk script of the Switchboard benchmark (see docs/benchmarks.md).
--
-- Usage: wrk -t<n> -c<c> -d<s> -s bench/webhooks.lua <url> [-- <requests-base>]
--
-- With <requests-base>, thread i posts the lines of <requests-base>.<i> in turn, each line being
-- "<X-Hub-Signature-256 value><TAB><JSON body>", pre-signed by the harness; when a thread has posted all its lines
-- it starts again from the first (counted as a wrap: the application then sees duplicates). Without it, wrk sends
-- its plain GET. Either way the summary is printed as one line: BENCH {json}.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  wraps = 0
  index = 0
  requests = {}
  plain = wrk.format()
  if args[1] == nil then
    return
  end
  for line in io.lines(args[1] .. "." .. id) do
    local tab = line:find("\t", 1, true)
    if tab then
      requests[#requests + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["X-Hub-Signature-256"] = line:sub(1, tab - 1),
      }, line:sub(tab + 1))
    end
  end
end

function request()
  if #requests == 0 then
    return plain
  end
  index = index + 1
  if index > #requests then
    index = 1
    wraps = wraps + 1
  end
  return requests[index]
end

function done(summary, latency, requests)
  local wrapped = 0
  for _, thread in ipairs(threads) do
    wrapped = wrapped + (thread:get("wraps") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,"timeouts":%d,' ..
    '"p50_us":%d,"p99_us":%d,"max_us":%d,"wraps":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, wrapped))
end
