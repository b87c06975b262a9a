-- wrk script for the readers of `vigil serve`'s load benchmark: each connection asks for a page of
-- events, then waits DELAY_MS milliseconds (default 40) before the next, as a dashboard would;
-- without the pause the readers would take whatever CPU the writers leave and measure the split,
-- not the service.
local pause = tonumber(os.getenv("DELAY_MS") or "40")

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function delay()
  return pause
end
