-- End-to-end test of the factcheck Neovim plugin against the real server, headless.
-- Run by tests/e2e/nvim.sh, which writes the workspace and sets:
--   FACTCHECK_BIN  the factcheck binary;  WS  the workspace (factcheck.toml, sources/, drafts/);
--   REPO  the repository (for the nvim-lspconfig entry)
-- Each step prints what it saw; any failure (or the watchdog) exits with :cquit 1.

local support = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/support.lua')
local out, wait, expect = support.out, support.wait, support.expect
support.watchdog(60)

-- vim.notify is how the plugin talks to the user: record it.
local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, msg)
  out('notify[%s]: %s', tostring(level), msg)
end
local function noted(pattern)
  for _, n in ipairs(notes) do
    if n:find(pattern) then
      return n
    end
  end
end

local function factcheck_diags(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'factcheck' then
      table.insert(found, d)
    end
  end
  return found
end

support.run(function()
  local bin = assert(os.getenv('FACTCHECK_BIN'), 'FACTCHECK_BIN not set')
  local ws = assert(os.getenv('WS'), 'WS not set')
  local factcheck = require('factcheck')

  -- 0. the nvim-lspconfig entry (self-contained, for upstream) and this plugin's
  -- lsp/factcheck.lua configure the same server the same way
  local repo = assert(os.getenv('REPO'), 'REPO not set')
  local upstream = dofile(repo .. '/editors/nvim-lspconfig/lsp/factcheck.lua')
  local own = dofile(repo .. '/editors/nvim/lsp/factcheck.lua')
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers', 'settings' }) do
    expect(vim.deep_equal(upstream[key], own[key]),
      'lsp/factcheck.lua files differ in ' .. key .. ': ' .. vim.inspect(upstream[key]) .. ' / ' .. vim.inspect(own[key]))
  end
  expect(upstream.root_markers[1] == 'factcheck.toml', 'factcheck.toml is not the first root marker')
  for ft, id in pairs({ text = 'plaintext', markdown = 'markdown' }) do
    expect(upstream.get_language_id(0, ft) == id and own.get_language_id(0, ft) == id,
      'filetype ' .. ft .. ' is not sent as ' .. id)
  end
  expect(vim.fn.json_encode(upstream.settings) == '{"factcheck": {}}',
    'settings are sent as ' .. vim.fn.json_encode(upstream.settings))
  for key in pairs(upstream) do
    expect(({ cmd = 1, filetypes = 1, root_markers = 1, get_language_id = 1, settings = 1 })[key],
      'unexpected field in the nvim-lspconfig entry: ' .. key)
  end
  out('lspconfig entry ok: %s', table.concat(upstream.cmd, ' '))

  -- 1. root detection: the nearest factcheck.toml wins over a .git further up, and over a
  -- .git closer in (markers are tried in order).
  expect(factcheck.find_root(ws .. '/drafts/budget.md') == ws, 'root of drafts/budget.md should be ' .. ws)
  expect(
    factcheck.find_root(ws .. '/drafts/budget.md', { '.git' }) == vim.fn.fnamemodify(ws, ':h'),
    'with only .git as marker the root should be the folder holding .git'
  )
  expect(factcheck.language_id(0, 'text') == 'plaintext', 'text buffers must be sent as plaintext')
  out('root detection ok')

  -- 2. a missing binary gives a clear message and no client.
  factcheck.setup({ cmd = { ws .. '/no-such-factcheck', 'lsp' } })
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/drafts/budget.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  expect(vim.bo[bufnr].filetype == 'markdown', 'filetype is ' .. vim.bo[bufnr].filetype)
  expect(noted('no%-such%-factcheck" is not an executable'), 'no error message for a missing binary')
  expect(vim.tbl_count(vim.lsp.get_active_clients()) == 0, 'a client started without a binary')
  out('missing binary reported')

  -- 3. the real server: setup() attaches the already open buffer.
  factcheck.setup({ cmd = { bin, 'lsp' } })
  wait('the client to attach', 5000, function()
    return vim.tbl_count(vim.lsp.buf_get_clients(bufnr)) == 1
  end)
  local _, client = next(vim.lsp.buf_get_clients(bufnr))
  expect(client.name == 'factcheck', 'client name ' .. client.name)
  expect(client.config.root_dir == ws, 'root_dir ' .. tostring(client.config.root_dir))

  -- 4. the status notification reports the indexed corpus.
  wait('factcheck/status ready', 20000, function()
    local s = factcheck.last_status(client.id)
    return s and s.state == 'ready'
  end)
  local s = factcheck.last_status(client.id)
  out('status: %s', vim.inspect(s, { newline = ' ', indent = '' }))
  expect(s.documents == 1, 'status should count 1 source document, got ' .. tostring(s.documents))
  expect(type(s.bytes) == 'number' and s.bytes > 0, 'status bytes ' .. tostring(s.bytes))
  expect(factcheck.status(bufnr) == 'factcheck: 1 docs, ' .. s.bytes .. ' B', 'statusline text ' .. factcheck.status(bufnr))
  expect(factcheck.human_size(5452595) == '5.2 MB', 'human_size ' .. factcheck.human_size(5452595))

  -- 5. the misquote diagnostic.
  wait('a factcheck diagnostic', 20000, function()
    return #factcheck_diags(bufnr) > 0
  end)
  local diags = factcheck_diags(bufnr)
  for _, d in ipairs(diags) do
    out('DIAG %d:%d-%d:%d %s [%s] %s', d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(d.code), d.message)
  end
  expect(#diags == 1, 'expected exactly one finding, got ' .. #diags)
  local d = diags[1]
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  expect(code == 'misquote', 'code ' .. tostring(code))
  expect(d.lnum == 2, 'finding on line ' .. d.lnum)
  expect(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity))
  expect(d.message:find('library'), 'message should name the source word: ' .. d.message)

  -- 6. hover on the finding shows the source's words and where they are.
  -- client.request_sync, because 0.7's buf_request_sync skips unadvertised methods.
  local uri = vim.uri_from_bufnr(bufnr)
  local pos = { line = d.lnum, character = d.col + 2 } -- the quote is ASCII here
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = pos }, 5000, bufnr)
  expect(hover and not hover.err, 'hover failed: ' .. vim.inspect(hover and hover.err))
  expect(hover.result and hover.result.contents, 'hover returned nothing on the finding')
  local lines = vim.lsp.util.convert_input_to_markdown_lines(hover.result.contents)
  local hover_text = table.concat(lines, '\n')
  local hover_plain = hover_text:gsub('%*%*', '')
  out('HOVER:\n%s', hover_text)
  expect(hover_text:find('mayor.txt', 1, true), 'hover should name the source file')
  expect(hover_plain:find('protect every library', 1, true), "hover should quote the source's words")

  -- 7. the quick fix: request the code actions for the diagnostic and apply the edit.
  local ca = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) },
  }, 5000, bufnr)
  expect(ca and not ca.err, 'codeAction failed: ' .. vim.inspect(ca and ca.err))
  local chosen
  for _, a in ipairs(ca.result or {}) do
    out('ACTION %q kind=%s preferred=%s edit=%s', a.title, tostring(a.kind), tostring(a.isPreferred), tostring(a.edit ~= nil))
    if not chosen and a.edit and a.title:find('exact words') then
      chosen = a
    end
  end
  expect(chosen, "no quick fix offering the source's exact words")
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  local line = vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1]
  out('LINE AFTER FIX: %s', line)
  expect(
    line == 'Mayor Jane Smith said: "We will not raise taxes this year, and we will protect every library".',
    'the fixed line is wrong'
  )
  expect(vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1] == '# Budget night', 'the fix touched other lines')
  -- the server re-checks the edited text: the finding goes away
  wait('the finding to clear after the fix', 10000, function()
    return #factcheck_diags(bufnr) == 0
  end)
  out('finding cleared after the fix')

  -- 7b. :FactcheckSources on the fixed sentence lists the source in the location list.
  vim.api.nvim_win_set_cursor(0, { 3, 30 })
  vim.cmd('FactcheckSources')
  wait('the sources in the location list', 10000, function()
    local items = vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr('#') > 0 and vim.fn.winnr('#') or 0))
    if #items == 0 then
      items = vim.fn.getloclist(0)
    end
    for _, item in ipairs(items) do
      if vim.api.nvim_buf_get_name(item.bufnr):find('sources/mayor.txt', 1, true) and item.lnum == 2 then
        return true
      end
    end
    return false
  end)
  out('sources ok')
  vim.cmd('lclose')
  vim.api.nvim_set_current_buf(bufnr)

  -- 8. a text buffer in the same project reuses the client and is checked as plaintext.
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/drafts/notes.txt'))
  local txt = vim.api.nvim_get_current_buf()
  expect(vim.bo[txt].filetype == 'text', 'notes.txt filetype ' .. vim.bo[txt].filetype)
  wait('notes.txt to attach', 5000, function()
    return vim.tbl_count(vim.lsp.buf_get_clients(txt)) == 1
  end)
  expect(vim.lsp.buf_get_clients(txt)[client.id] ~= nil, 'notes.txt should reuse the project client')
  expect(vim.tbl_count(vim.lsp.get_active_clients()) == 1, 'one client per project root')
  wait('the finding in notes.txt', 10000, function()
    return #factcheck_diags(txt) > 0
  end)
  out('plaintext buffer checked: %s', factcheck_diags(txt)[1].message)

  -- 9. :FactcheckReload re-reads the sources.
  vim.cmd('FactcheckReload')
  wait('the reload answer', 10000, function()
    return noted('factcheck: sources reloaded') ~= nil
  end)
  out('reload ok')

  -- 10. :FactcheckCheckWorkspace publishes findings for drafts that are not open.
  vim.cmd('FactcheckCheckWorkspace')
  local other = vim.uri_to_bufnr(vim.uri_from_fname(ws .. '/drafts/other.md'))
  wait('diagnostics for the unopened drafts/other.md', 20000, function()
    return #factcheck_diags(other) > 0
  end)
  wait('the quickfix list', 5000, function()
    for _, item in ipairs(vim.fn.getqflist()) do
      if vim.api.nvim_buf_get_name(item.bufnr):find('other.md', 1, true) then
        return true
      end
    end
    return false
  end)
  out('check workspace ok: %s', factcheck_diags(other)[1].message)

  -- 11. shut down cleanly.
  vim.lsp.stop_client(client.id)
  wait('the client to stop', 5000, function()
    return vim.lsp.get_client_by_id(client.id) == nil
  end)
  out('PASS')
end)
