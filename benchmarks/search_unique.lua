-- wrk script: every request asks /search for the next line of a file of different
-- URL-encoded queries (written by `search_bench.py queries`), each thread its own share,
-- so that no query is asked twice and neither the page cache nor the index's memo answers.
--   QUERIES=q.txt wrk -t2 -c20 -d30s --latency -s benchmarks/search_unique.lua http://127.0.0.1:8000
local queries = {}
for line in io.lines(os.getenv("QUERIES") or "search-queries.txt") do
  queries[#queries + 1] = line
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  count = tonumber(os.getenv("THREADS") or "2")
  position = id
end

function request()
  local query = queries[position % #queries + 1]
  position = position + count
  return wrk.format("GET", "/search?q=" .. query)
end

-- wrk's --latency table stops at 50/75/90/99: the target is stated at the 95th percentile.
function done(summary, latency, requests)
  io.write(string.format("p95: %.2f ms\n", latency:percentile(95) / 1000))
end
