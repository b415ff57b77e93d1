---@brief
---
--- factcheck: fact-checks prose against a corpus of source documents. It flags quotations that
--- are not the sources' exact words, quotations no source contains, and claims the sources
--- state otherwise, with the source's words in the hover and quick fixes.
---
--- Install the server (the `factcheck` command):
--- ```sh
--- pip install factcheck-prose            # or: cargo install --locked factcheck
--- ```
---
--- Name the sources in a `factcheck.toml` at the root of your writing folder:
--- ```toml
--- [corpus]
--- paths = ["sources"]
--- ```
--- or in the settings, which win over the file:
--- ```lua
--- vim.lsp.config('factcheck', {
---   settings = { factcheck = { corpus = { paths = { 'sources' } } } },
--- })
--- ```
---
--- The root is the nearest folder with a `factcheck.toml`, else with `.git`.

-- This file is ready for nvim-lspconfig's lsp/ folder (no dependency on the factcheck plugin);
-- editors/nvim/lsp/factcheck.lua is the plugin's own, and tests/e2e/nvim.sh checks the two agree.
---@type vim.lsp.Config
return {
  cmd = { 'factcheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- in order: a factcheck.toml decides the root before a .git does
  root_markers = { 'factcheck.toml', '.git' },
  -- Neovim's filetype `text` is LSP's language id `plaintext`
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  settings = { factcheck = vim.empty_dict() },
}
