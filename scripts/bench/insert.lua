-- wrk script: single-row INSERT with a new key per request (token from DISTDATA_TOKEN,
-- key range from DISTDATA_KEY_BASE (0-9: wrk's Lua prints numbers with 14 digits) so that runs do not collide)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("DISTDATA_TOKEN")
local counter = 0
local base = tonumber(os.getenv("DISTDATA_KEY_BASE") or "0")
setup = function(thread)
  thread:set("tid", math.random(1, 1000))
end
request = function()
  counter = counter + 1
  local id = base * 10000000000000 + tid * 1000000000 + counter
  return wrk.format(nil, nil, nil, '{"sql":"INSERT INTO bench_kv VALUES (?, ?)","params":[' .. id .. ',"v' .. counter .. '"]}')
end
response = function(status, headers, body)
  if status ~= 200 then
    print("non-200: " .. status .. " " .. body)
  end
end
