-- End-to-end test of the Neovim 0.11+ route, headless: `vim.lsp.enable('factcheck')` with an
-- lsp/factcheck.lua on 'runtimepath' and nothing else: no plugin setup() call. Run by
-- tests/e2e/nvim.sh twice, once with the nvim-lspconfig entry (editors/nvim-lspconfig) and once
-- with the plugin's own (editors/nvim, which also defines the commands). Reads:
--   FACTCHECK_BIN  the factcheck binary;  WS  the workspace (factcheck.toml, sources/, drafts/);
--   ENTRY  'lspconfig' or 'plugin': which lsp/factcheck.lua is on 'runtimepath'
-- Any failure (or the watchdog) exits with :cquit 1.

local support = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/support.lua')
local out, wait, expect = support.out, support.wait, support.expect
support.watchdog(60)

local function factcheck_diags(bufnr)
  return vim.diagnostic.get(bufnr)
end

support.run(function()
  expect(vim.fn.has('nvim-0.11') == 1, 'this test needs Neovim 0.11 or later, got ' .. tostring(vim.version()))
  local bin = assert(os.getenv('FACTCHECK_BIN'), 'FACTCHECK_BIN not set')
  local ws = assert(os.getenv('WS'), 'WS not set')
  local entry = assert(os.getenv('ENTRY'), 'ENTRY not set')

  -- what a user writes in init.lua: only the command differs (the binary is not on PATH here)
  vim.lsp.config('factcheck', { cmd = { bin, 'lsp' } })
  vim.lsp.enable('factcheck')

  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/drafts/budget.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  wait('the client to attach', 10000, function()
    return #vim.lsp.get_clients({ bufnr = bufnr, name = 'factcheck' }) == 1
  end)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'factcheck' })[1]
  -- a .git stands above the workspace: factcheck.toml must decide the root
  expect(client.root_dir == ws, 'root_dir ' .. tostring(client.root_dir) .. ', expected ' .. ws)

  wait('the misquote diagnostic', 20000, function()
    return #factcheck_diags(bufnr) > 0
  end)
  local diags = factcheck_diags(bufnr)
  expect(#diags == 1, 'expected exactly one finding, got ' .. #diags)
  local d = diags[1]
  out('DIAG %d:%d %s [%s] %s', d.lnum, d.col, d.source, tostring(d.code), d.message)
  expect(d.source == 'factcheck', 'source ' .. tostring(d.source))
  expect(d.code == 'misquote', 'code ' .. tostring(d.code))
  expect(d.lnum == 2, 'finding on line ' .. d.lnum)
  expect(d.message:find('library'), 'message should name the source word: ' .. d.message)

  -- a text buffer joins the same client and is sent as plaintext (its finding proves the
  -- server checked it: it checks Markdown and plaintext only)
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/drafts/notes.txt'))
  local txt = vim.api.nvim_get_current_buf()
  wait('notes.txt to attach', 10000, function()
    return #vim.lsp.get_clients({ bufnr = txt, name = 'factcheck' }) == 1
  end)
  expect(vim.lsp.get_clients({ bufnr = txt, name = 'factcheck' })[1].id == client.id,
    'notes.txt should reuse the project client')
  wait('the finding in notes.txt', 20000, function()
    return #factcheck_diags(txt) > 0
  end)
  out('plaintext buffer checked: %s', factcheck_diags(txt)[1].message)

  -- the plugin's entry also defines its commands on attach; the lspconfig entry has none
  local has_reload = vim.fn.exists(':FactcheckReload') == 2
  expect(has_reload == (entry == 'plugin'), 'FactcheckReload defined: ' .. tostring(has_reload) .. ' with ' .. entry)

  client:stop()
  wait('the client to stop', 5000, function()
    return vim.lsp.get_client_by_id(client.id) == nil
  end)
  out('PASS (%s entry)', entry)
end)
