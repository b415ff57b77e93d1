-- factcheck for Neovim: starts `factcheck lsp` for Markdown and text buffers, one client per
-- project root (the folder of the nearest factcheck.toml, else of .git), and adds commands
-- for the server's own actions. Works from Neovim 0.7 (Debian 12) on; on 0.11+ the
-- lsp/factcheck.lua config in this plugin is the other way in.

local M = {}

local defaults = {
  -- The server command. Point it at a build with e.g. { '/path/to/factcheck', 'lsp' }.
  cmd = { 'factcheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- Searched upward from the buffer, in this order: the first marker found decides the root.
  root_markers = { 'factcheck.toml', '.git' },
  -- The server's settings (they win over factcheck.toml), e.g.
  -- { corpus = { paths = { 'sources' } }, severity = { misquote = 'error' },
  --   languages = { 'markdown', 'plaintext' }, citationStyle = 'footnote' }
  settings = {},
  on_attach = nil,
  capabilities = nil,
}

M.options = vim.deepcopy(defaults)

-- root directory -> client id
local clients = {}
-- client id -> last factcheck/status params
local statuses = {}

-- Neovim's filetype "text" is LSP's language id "plaintext".
function M.language_id(_, filetype)
  if filetype == 'text' then
    return 'plaintext'
  end
  return filetype
end

-- Neovim 0.11 made client methods take self (client:request); 0.7-0.10 only have the
-- field-function form.
local has_011 = vim.fn.has('nvim-0.11') == 1
local function call(client, method, ...)
  if has_011 then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function buf_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.lsp.buf_get_clients(bufnr)
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- The project root for a file: the nearest folder holding the first marker found walking
--- up, trying markers in order; the file's own folder when none is found.
function M.find_root(fname, markers)
  markers = markers or M.options.root_markers
  local start = vim.fn.fnamemodify(fname, ':p:h')
  for _, marker in ipairs(markers) do
    local dir = start
    while true do
      if exists(dir .. '/' .. marker) then
        return dir
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return start
end

local function notify(msg, level)
  vim.notify('factcheck: ' .. msg, level or vim.log.levels.INFO)
end

local function on_status(_, result, ctx)
  if type(result) ~= 'table' then
    return
  end
  statuses[ctx.client_id] = result
  if result.state == 'error' then
    notify(result.message or 'the sources could not be loaded', vim.log.levels.ERROR)
  end
  vim.api.nvim_exec_autocmds('User', { pattern = 'FactcheckStatus', modeline = false })
end

--- Handler for the server's factcheck/status notification (also used by lsp/factcheck.lua).
M.status_handler = on_status

--- 227 -> "227 B", 5452595 -> "5.2 MB".
function M.human_size(bytes)
  local units = { 'B', 'KB', 'MB', 'GB', 'TB' }
  local value, unit = bytes, 1
  while value >= 1024 and unit < #units do
    value = value / 1024
    unit = unit + 1
  end
  if unit == 1 or value >= 100 then
    return string.format('%d %s', math.floor(value + 0.5), units[unit])
  end
  return string.format('%.1f %s', value, units[unit])
end

--- One line for a statusline: "factcheck: indexing", "factcheck: 12 docs, 3.4 MB", ...
function M.status(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  for _, client in pairs(buf_clients(bufnr)) do
    local s = statuses[client.id]
    if client.name == 'factcheck' and s then
      if s.state == 'ready' and s.documents and s.bytes then
        return string.format('factcheck: %d docs, %s', s.documents, M.human_size(s.bytes))
      end
      return 'factcheck: ' .. tostring(s.state)
    end
  end
  return ''
end

--- The last factcheck/status a client sent (nil before the first).
function M.last_status(client_id)
  return statuses[client_id]
end

-- An empty Lua table encodes as a JSON list; the server's settings must be an object.
local function settings_object(settings)
  if settings == nil or vim.tbl_isempty(settings) then
    return vim.empty_dict()
  end
  return settings
end

local function client_config(root)
  local opts = M.options
  local settings = { factcheck = settings_object(opts.settings) }
  return {
    name = 'factcheck',
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    init_options = settings,
    settings = settings,
    get_language_id = M.language_id,
    capabilities = opts.capabilities or vim.lsp.protocol.make_client_capabilities(),
    handlers = { ['factcheck/status'] = on_status },
    on_attach = opts.on_attach,
    on_exit = function(code, signal, client_id)
      statuses[client_id] = nil
      for r, id in pairs(clients) do
        if id == client_id then
          clients[r] = nil
        end
      end
      if code ~= 0 and signal ~= 15 then
        vim.schedule(function()
          notify(string.format('the server exited with code %s (see :LspLog)', code), vim.log.levels.WARN)
        end)
      end
    end,
  }
end

--- Starts (or reuses) the client for the buffer's project and attaches the buffer.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if vim.fn.executable(M.options.cmd[1]) ~= 1 then
    notify(
      string.format('"%s" is not an executable; install factcheck or set cmd in setup()', M.options.cmd[1]),
      vim.log.levels.ERROR
    )
    return nil
  end
  local root = M.find_root(fname)
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, 'is_stopped') then
    id = vim.lsp.start_client(client_config(root))
    if not id then
      notify('could not start ' .. table.concat(M.options.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The factcheck clients attached to a buffer (all running factcheck clients if none is).
local function factcheck_clients(bufnr)
  local found = {}
  for _, client in pairs(buf_clients(bufnr)) do
    if client.name == 'factcheck' then
      table.insert(found, client)
    end
  end
  if #found == 0 then
    for _, id in pairs(clients) do
      local client = vim.lsp.get_client_by_id(id)
      if client then
        table.insert(found, client)
      end
    end
  end
  return found
end

--- Sends workspace/executeCommand to the buffer's factcheck clients; `on_result(client,
--- result)` runs for each answer. Sent with client.request, not buf_request: Neovim 0.7's
--- buf_request drops methods a server does not list in its capabilities.
function M.execute(command, arguments, on_result, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local targets = factcheck_clients(bufnr)
  if #targets == 0 then
    notify('no factcheck server is running', vim.log.levels.WARN)
    return
  end
  for _, client in ipairs(targets) do
    call(client, 'request', 'workspace/executeCommand', { command = command, arguments = arguments }, function(err, result)
      if err then
        notify(command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      elseif on_result then
        on_result(client, result)
      end
    end, bufnr)
  end
end

function M.reload()
  M.execute('factcheck.reloadCorpus', {}, function()
    notify('sources reloaded')
  end)
end

local QF_TITLE = 'factcheck findings'

local function set_qflist(namespace, open)
  vim.diagnostic.setqflist({ namespace = namespace, open = open, title = QF_TITLE })
end

--- Checks every draft of the workspace and lists the findings in the quickfix list, which
--- then follows the diagnostics as they change (the server may publish some after it
--- answers, and fixes clear others) for as long as it is the current quickfix list.
function M.check_workspace()
  M.execute('factcheck.checkWorkspace', {}, function(client, result)
    if type(result) == 'table' and result.files and result.findings then
      notify(string.format('checked %d file(s): %d finding(s)', result.files, result.findings))
    end
    local namespace = vim.lsp.diagnostic.get_namespace(client.id)
    set_qflist(namespace, true)
    local group = vim.api.nvim_create_augroup('factcheck_qflist', { clear = true })
    vim.api.nvim_create_autocmd('DiagnosticChanged', {
      group = group,
      callback = function()
        if vim.fn.getqflist({ title = 0 }).title ~= QF_TITLE then
          vim.api.nvim_del_augroup_by_id(group)
          return
        end
        set_qflist(namespace, false)
      end,
    })
  end)
end

--- Lists the sources that support the sentence under the cursor in the location list.
function M.show_sources()
  local bufnr = vim.api.nvim_get_current_buf()
  local targets = factcheck_clients(bufnr)
  if #targets == 0 then
    notify('no factcheck server is running', vim.log.levels.WARN)
    return
  end
  local params = vim.lsp.util.make_position_params(0, targets[1].offset_encoding)
  M.execute('factcheck.showSources', { params.textDocument.uri, params.position }, function(_, result)
    local items = {}
    for _, s in ipairs(type(result) == 'table' and result.sources or {}) do
      table.insert(items, {
        filename = s.uri and vim.uri_to_fname(s.uri) or s.source,
        lnum = s.line or 1,
        text = (s.source or '') .. ': ' .. (s.quote or ''),
      })
    end
    if #items == 0 then
      notify('no source supports this sentence')
      return
    end
    vim.fn.setloclist(0, {}, ' ', { title = 'factcheck sources', items = items })
    vim.cmd('lopen')
  end, bufnr)
end

--- Sends new server settings to every running factcheck client (no restart).
function M.update_settings(settings)
  M.options.settings = settings or {}
  local payload = { factcheck = settings_object(M.options.settings) }
  for _, id in pairs(clients) do
    local client = vim.lsp.get_client_by_id(id)
    if client then
      client.config.settings = payload
      call(client, 'notify', 'workspace/didChangeConfiguration', { settings = payload })
    end
  end
end

local commands_defined = false
function M.define_commands()
  if commands_defined then
    return
  end
  commands_defined = true
  local cmd = vim.api.nvim_create_user_command
  cmd('FactcheckReload', M.reload, { desc = 'factcheck: re-read the sources and re-check open drafts' })
  cmd('FactcheckCheckWorkspace', M.check_workspace, { desc = 'factcheck: check every draft in the workspace' })
  cmd('FactcheckSources', M.show_sources, { desc = 'factcheck: sources for the sentence under the cursor' })
end

function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  M.define_commands()
  local group = vim.api.nvim_create_augroup('factcheck', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = 'factcheck: start or reuse the language server',
  })
  -- Buffers opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.options.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
