-- wrk script for bench/clinic_pg.sh: many therapists at once on one `trp serve --clinic`.
-- TRP_THERAPISTS names a file with one line per signed-in therapist:
--   COOKIE CSRF ID,ID,...      (her session cookie, CSRF token and her clients' ids)
-- Each request goes to the next therapist in turn (every wrk thread starts at another one)
-- with her own cookie, and to one of her own clients, so every request pays for a session
-- lookup, the authorisation of that client and an audit row, as a busy clinic would.
-- A single-person server (no client ids on the line) gets the same requests without the
-- /clients/ID prefix, which is the SQLite baseline.
-- TRP_MIX picks what is asked:
--   entries  GET .../entries?since=-7d            (a therapist opening a client's week)
--   clients  GET /api/v1/clients                  (the client list; entries when single)
--   post     POST .../entries, one pain rating    (a therapist logging at a visit)
--   mix      8 of 10 entries, 1 clients, 1 post
-- TRP_THINK_MS (default 0: back to back) paces each connection: a pause of 0 to twice that
-- many milliseconds before each request, as a therapist reading the page she asked for.
-- done() prints "acknowledged N other M": N answers 201 (stored entries), M neither 200 nor 201.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local people = {}
local mix = os.getenv("TRP_MIX") or "mix"
local n = 0

function init(args)
  created, other = 0, 0
  for line in io.lines(os.getenv("TRP_THERAPISTS")) do
    local cookie, csrf, ids = line:match("^(%S+) (%S+) ?(%S*)$")
    local list = {}
    for id in ids:gmatch("%d+") do table.insert(list, id) end
    table.insert(people, {cookie = cookie, csrf = csrf, ids = list})
  end
  -- Threads start at different therapists and clients so they do not walk in step.
  n = (tid or 1) * 7919
end

-- TRP_POST_TIME: when the posted ratings were made (a time within the diary's year).
local body = '{"time":"' .. (os.getenv("TRP_POST_TIME") or "2026-01-01T09:00:00Z")
          .. '","kind":"pain","value":4,"regions":[{"region":"temple.l"}],"note":"load test"}'

local think = tonumber(os.getenv("TRP_THINK_MS") or "0")

function delay()
  if think > 0 then return math.random(0, 2 * think) end
  return 0
end

function request()
  n = n + 1
  local p = people[n % #people + 1]
  local prefix = "/api/v1"
  if #p.ids > 0 then
    prefix = "/api/v1/clients/" .. p.ids[math.floor(n / #people) % #p.ids + 1]
  end
  local what = mix
  if mix == "mix" then
    local k = n % 10
    what = (k == 3 and "clients") or (k == 7 and "post") or "entries"
  end
  local h = {["Cookie"] = p.cookie, ["X-CSRF-Token"] = p.csrf}
  if what == "post" then
    h["Content-Type"] = "application/json"
    return wrk.format("POST", prefix .. "/entries", h, body)
  elseif what == "clients" and #p.ids > 0 then
    return wrk.format("GET", "/api/v1/clients", h)
  end
  return wrk.format("GET", prefix .. "/entries?since=-7d", h)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("acknowledged %d other %d\n", c, o))
end
