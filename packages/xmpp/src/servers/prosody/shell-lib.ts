import { readFileSync } from "node:fs";
import { luaValue } from "../../lua.ts";
import { RESERVED_PREFIXES, RESERVED_USERNAMES } from "../../names.ts";

/**
 * Lua run inside Prosody 0.12 through the admin shell. A line starting with `>` is evaluated in the
 * server's global environment (with globals kept per connection), so we install these helpers once per
 * connection as `__xh` and call them with quoted arguments. Each call answers one JSON document
 * (`Result: {"r":...}`) or fails with `Error: <message>`; nothing is scraped from human-readable text.
 */
export const SHELL_LIB_VERSION = 9;

// The code is the chunk shell-lib.lua, read beside this file; its settings go in as one quoted argument.
const CODE = readFileSync(new URL("./shell-lib.lua", import.meta.url), "utf8");
const SETTINGS = luaValue({
  version: SHELL_LIB_VERSION,
  reserved_usernames: [...RESERVED_USERNAMES],
  reserved_prefixes: [...RESERVED_PREFIXES],
});

export const SHELL_LIB = `>__xh = (function(...)\n${CODE}\nend)(${SETTINGS})`;
