-- wrk script: POST one task entry per request (the JSON Lines shape), with cookie and CSRF
-- token from the environment, and count the 201 answers so the bench can check that every
-- acknowledged entry is in the database.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  created = 0
  other = 0
  wrk.method = "POST"
  wrk.path = "/api/v1/entries"
  wrk.headers["Cookie"] = os.getenv("TRP_COOKIE")
  wrk.headers["X-CSRF-Token"] = os.getenv("TRP_CSRF")
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"time":"2026-03-10T10:00:00+01:00","kind":"task","name":"typing","minutes":20}'
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("acknowledged %d other %d\n", c, o))
end
