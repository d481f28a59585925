-- wrk script: each request asks for the landing page of a random workshop from CODES_FILE.
local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do codes[#codes + 1] = line end
math.randomseed(os.time())

request = function()
  return wrk.format("GET", "/w/" .. codes[math.random(#codes)])
end
