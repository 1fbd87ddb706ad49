-- Run by neovim.test.ts in a headless Neovim (0.7 or later): starts factlint-ls the way a
-- user's config would, opens the drafts named in FACTLINT_DRAFTS, waits for diagnostics,
-- asks for a hover at FACTLINT_HOVER ("line:character", zero-based, in the first draft)
-- and writes what Neovim received as JSON to FACTLINT_OUT.
local server = os.getenv('FACTLINT_SERVER')
local root = os.getenv('FACTLINT_ROOT')
local out = os.getenv('FACTLINT_OUT')
local drafts = vim.split(os.getenv('FACTLINT_DRAFTS'), '\n', { trimempty = true })
local hover_line, hover_char = os.getenv('FACTLINT_HOVER'):match('^(%d+):(%d+)$')

local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  -- vim.lsp.start exists from Neovim 0.8; start_client + buf_attach_client works on 0.7 too.
  local client_id = vim.lsp.start_client({ name = 'factlint', cmd = { 'node', server, '--stdio' }, root_dir = root })
  assert(client_id, 'factlint-ls did not start')
  local buffers = {}
  for _, path in ipairs(drafts) do
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.bo[bufnr].filetype = path:match('%.md$') and 'markdown' or 'text'
    vim.lsp.buf_attach_client(bufnr, client_id)
    table.insert(buffers, bufnr)
  end
  local function all_have_diagnostics()
    for _, b in ipairs(buffers) do
      if #vim.diagnostic.get(b) == 0 then return false end
    end
    return true
  end
  vim.wait(20000, all_have_diagnostics, 50)

  local result = { drafts = {} }
  for i, b in ipairs(buffers) do
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(b)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(list, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, source = d.source, message = d.message, code = d.code or lsp.code,
      })
    end
    table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    result.drafts[i] = { path = drafts[i], diagnostics = list }
  end

  local params = { textDocument = { uri = vim.uri_from_bufnr(buffers[1]) }, position = { line = tonumber(hover_line), character = tonumber(hover_char) } }
  local responses = vim.lsp.buf_request_sync(buffers[1], 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(responses) do
    if r.result then result.hover = r.result.contents end
  end
  finish(result)
end)
if not ok then finish({ error = tostring(err) }) end
