-- Drives Neovim's built-in LSP client (0.7 or later) against
-- `dockerharden lsp`: open a Dockerfile, wait for diagnostics, apply a
-- quick fix, format on save, write, wait for the diagnostics of the saved
-- text. Results go to
-- $DH_OUT, one line each; the Go test (nvim_test.go) checks them.
local bin, file, out = os.getenv("DH_BIN"), os.getenv("DH_FILE"), os.getenv("DH_OUT")
local lines = {}
local function say(s) table.insert(lines, s) end
local function finish(code)
  local f = assert(io.open(out, "w"))
  f:write(table.concat(lines, "\n") .. "\n")
  f:close()
  if code == 0 then vim.cmd("qall!") else vim.cmd("cquit! " .. code) end
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  say("nvim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))
  say("fileformat " .. vim.bo[buf].fileformat .. " bomb " .. tostring(vim.bo[buf].bomb))
  local id = vim.lsp.start_client({
    name = "dockerharden",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  if not id then say("start_client failed"); return finish(1) end
  vim.lsp.buf_attach_client(buf, id)

  local function codes()
    local cs = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(cs, string.format("%s@%d:%d", tostring(d.code), d.lnum, d.col))
    end
    table.sort(cs)
    return table.concat(cs, " ")
  end
  if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    say("no diagnostics"); return finish(1)
  end
  say("diagnostics " .. codes())
  local d = vim.diagnostic.get(buf)[1]
  say("source " .. tostring(d.source))

  -- A quick fix through the client's own code-action machinery: "Add
  -- --chown=…" on the first COPY (line 4, 0-based 3).
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 3, character = 0 }, ["end"] = { line = 3, character = 0 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000) or {}
  local applied = false
  for _, r in pairs(responses) do
    for _, action in ipairs(r.result or {}) do
      say("action " .. action.kind .. ": " .. action.title)
      if not applied and action.title:find("^Add %-%-chown=") then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        applied = true
      end
    end
  end
  if not applied then say("no --chown quick fix"); return finish(1) end
  say("line 4 after quick fix: " .. vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1])

  -- Format on save, the way people configure it.
  vim.api.nvim_create_autocmd("BufWritePre", {
    buffer = buf,
    callback = function()
      if vim.lsp.buf.format then
        vim.lsp.buf.format({ timeout_ms = 5000 })
      else
        vim.lsp.buf.formatting_sync(nil, 5000)
      end
    end,
  })
  vim.cmd("write")
  say("written")
  -- The saved text is hardened: DH001 (runs as root) goes away.
  if not vim.wait(10000, function()
    local c = codes()
    return c ~= "" and not c:find("DH001", 1, true)
  end, 20) then
    say("diagnostics after save " .. codes()); return finish(1)
  end
  say("diagnostics after save " .. codes())
  vim.lsp.stop_client(id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
  finish(0)
end)
if not ok then say("error " .. tostring(err)); finish(1) end
