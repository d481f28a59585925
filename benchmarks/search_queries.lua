-- wrk script: each request asks /search for one of the benchmark's queries (the same list as
-- QUERIES in search_bench.py), URL-encoded, chosen at random.
--   wrk -t2 -c20 -d30s --latency -s benchmarks/search_queries.lua http://127.0.0.1:8000
local queries = {
  "%E7%B1%B3%E7%B2%89",
  "%E8%B1%86%E7%9A%AE",
  "%E8%85%8A%E8%82%89",
  "%E7%B1%B3%E9%85%92",
  "%E9%85%A5%E9%A5%BC",
  "%E8%8C%B6%E6%B2%B9",
  "%E8%B1%86%E8%85%90",
  "%E6%8C%82%E9%9D%A2",
  "%E6%9D%BF%E9%B8%AD",
  "%E8%85%90%E7%AB%B9",
  "%E8%8C%B6%E5%8F%B6",
  "%E6%9C%88%E9%A5%BC",
  "%E7%82%92%E7%B2%89",
  "%E5%86%AC%E9%85%92",
  "%E8%BE%A3%E6%A4%92",
  "%E5%B3%A1%E6%B1%9F",
  "%E9%81%82%E5%B7%9D",
  "%E6%B3%B0%E5%92%8C",
  "%E5%90%89%E6%B0%B4",
  "%E6%B0%B8%E6%96%B0",
  "%E5%B7%B4%E9%82%B1",
  "%E6%B1%A4%E6%B9%96",
  "%E9%BE%99%E5%B8%82",
  "%E8%80%81%E7%8E%8B",
  "%E5%88%98%E8%AE%B0",
  "%E6%9D%8E%E8%AE%B0",
  "mifen",
  "doupi",
  "larou",
  "mijiu",
  "xjmf",
  "scdp",
  "laowang",
  "%E5%B3%A1%E6%B1%9F%E7%B1%B3%E7%B2%89",
  "%E9%81%82%E5%B7%9D%E5%8E%BF%E5%88%98%E8%AE%B0",
  "%E4%BA%95%E5%86%88%E5%B1%B1%E7%BA%A2%E7%B1%B3%E9%85%92",
}
math.randomseed(os.time())

request = function()
  return wrk.format("GET", "/search?q=" .. queries[math.random(#queries)])
end

-- wrk's --latency table stops at 50/75/90/99: the target is stated at the 95th percentile.
function done(summary, latency, requests)
  io.write(string.format("p95: %.2f ms\n", latency:percentile(95) / 1000))
end
