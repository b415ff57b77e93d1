-- factcheck for Neovim 0.11+'s built-in configs: with this plugin on 'runtimepath' (or this
-- file copied to ~/.config/nvim/lsp/), `vim.lsp.enable('factcheck')` starts the server for
-- Markdown and text buffers. Override fields with vim.lsp.config('factcheck', { ... }).
local ok, factcheck = pcall(require, 'factcheck')

return {
  cmd = { 'factcheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- The first marker found upward wins: a factcheck.toml decides the root before .git does.
  root_markers = { 'factcheck.toml', '.git' },
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- The server's settings, which win over factcheck.toml, e.g.
  -- { factcheck = { corpus = { paths = { 'sources' } }, severity = { misquote = 'error' } } }
  settings = { factcheck = vim.empty_dict() },
  handlers = ok and { ['factcheck/status'] = factcheck.status_handler } or nil,
  on_attach = ok and function()
    -- :FactcheckReload, :FactcheckCheckWorkspace, :FactcheckSources
    factcheck.define_commands()
  end or nil,
}
