-- wrk script: GET the last week of a one-year diary with the session cookie (TRP_COOKIE,
-- set by bench/serve_bench.sh after signing in). With TRP_LIMIT set, each wrk thread stops
-- after that many responses (the memory baseline after about a thousand requests).
local limit = tonumber(os.getenv("TRP_LIMIT") or "0")
local seen = 0
wrk.method = "GET"
wrk.headers["Cookie"] = os.getenv("TRP_COOKIE")
wrk.path = "/api/v1/entries?since=-7d"
function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen >= limit then wrk.thread:stop() end
end
