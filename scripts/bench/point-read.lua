-- wrk script: point SELECT by primary key through POST /api/v1/sql (token from DISTDATA_TOKEN)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("DISTDATA_TOKEN")
request = function()
  local id = math.random(1, 100)
  return wrk.format(nil, nil, nil, '{"sql":"SELECT name FROM customers WHERE id = ?","params":[' .. id .. ']}')
end
