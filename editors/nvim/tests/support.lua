-- What the headless Neovim tests share (e2e.lua for the plugin, enable.lua for 0.11's
-- vim.lsp.enable): printing, failing with :cquit 1, a watchdog, waiting and expecting.
-- Loaded with dofile(), so it needs nothing on 'runtimepath'.
local M = {}

function M.out(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

function M.fail(msg)
  M.out('FAIL: %s', msg)
  vim.cmd('cquit 1')
end

-- Fail the test if it has not finished within `seconds`.
function M.watchdog(seconds)
  vim.defer_fn(function()
    M.fail(string.format('watchdog: the test did not finish within %d s', seconds))
  end, seconds * 1000)
end

function M.wait(what, ms, pred)
  if not vim.wait(ms, pred, 20) then
    error('timed out waiting for ' .. what, 0)
  end
end

function M.expect(cond, msg)
  if not cond then
    error(msg, 0)
  end
end

-- Runs the test body: PASS quits Neovim, an error fails it.
function M.run(body)
  local ok, err = pcall(body)
  if not ok then
    M.fail(tostring(err))
  else
    vim.cmd('qall!')
  end
end

return M
