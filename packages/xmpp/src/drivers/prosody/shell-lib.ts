/**
 * Lua run inside Prosody 0.12 through the admin shell. A line starting with `>` is evaluated in the
 * server's global environment (with globals kept per connection), so we install these helpers once per
 * connection as `__xh` and call them with quoted arguments. Each call answers one JSON document
 * (`Result: {"r":...}`) or fails with `Error: <message>`; nothing is scraped from human-readable text.
 */
export const SHELL_LIB_VERSION = 1;

// biome-ignore lint/complexity/noUselessStringRaw: keeps any Lua escape sequence added later verbatim
export const SHELL_LIB = String.raw`>__xh = (function()
local json = require "util.json";
local array = require "util.array";
local jid_lib = require "util.jid";
local um = require "core.usermanager";
local hm = require "core.hostmanager";
local cm = require "core.configmanager";
local M = { version = ${SHELL_LIB_VERSION} };
local Failure = {};

local function fail(msg) error(setmetatable({ msg = msg }, Failure), 0); end

local function local_host(host)
	local h = prosody.hosts[host];
	if not h or h.type ~= "local" then fail("no such virtual host: " .. tostring(host)); end
	return h;
end

local function account(j)
	local node, host, res = jid_lib.prepped_split(j);
	if not node or not host or res then fail("invalid account JID: " .. tostring(j)); end
	local_host(host);
	return node, host;
end

local function muc_of(host)
	local h = prosody.hosts[host];
	if not h or not h.modules.muc then fail("not a MUC service: " .. tostring(host)); end
	return h.modules.muc;
end

local function room_jid(j)
	local node, host, res = jid_lib.prepped_split(j);
	if not node or not host or res then fail("invalid room JID: " .. tostring(j)); end
	return node .. "@" .. host, muc_of(host);
end

-- mod_muc leaves a "tombstone" (a hidden persistent room marked destroyed) when a persistent room is
-- destroyed; for us such a room does not exist.
local function live_room(muc, jid)
	local room = muc.get_room_from_jid(jid);
	if room and not room._data.destroyed then return room; end
	return nil, room;
end

local function room_info(room)
	local members = array();
	for j in room:each_affiliation("member") do members:push(j); end
	members:sort();
	return {
		jid = room.jid;
		title = room:get_name() or "";
		membersOnly = room:get_members_only() and true or false;
		persistent = room:get_persistent() and true or false;
		public = room:get_public() and true or false;
		members = members;
	};
end

local function configure(room, c)
	if c.title ~= nil then room:set_name(c.title); end
	if c.membersOnly ~= nil then room:set_members_only(c.membersOnly); end
	if c.persistent ~= nil then room:set_persistent(c.persistent); end
	if c.public ~= nil then room:set_public(c.public); end
	room:save(true);
end

function M.ping() return "pong"; end

function M.server_info()
	local hosts = array();
	for h in pairs(prosody.hosts) do hosts:push(h); end
	hosts:sort();
	return {
		software = "Prosody";
		version = tostring(prosody.version or "unknown");
		uptime = os.time() - prosody.start_time;
		hosts = hosts;
	};
end

-- A host can be activated only if the current config defines it. The config table answers every
-- lookup with the global section, hence rawget.
local function defined(host)
	local hc = rawget(cm.getconfig(), host);
	return hc ~= nil and (rawget(hc, "defined") or rawget(hc, "component_module")) ~= nil;
end

local function host_config(host) return rawget(cm.getconfig(), host); end

local function copy(v)
	if type(v) ~= "table" then return v; end
	local t = {};
	for k, x in pairs(v) do t[k] = copy(x); end
	return t;
end

local function same(a, b)
	if a == b then return true; end
	if type(a) ~= "table" or type(b) ~= "table" then return false; end
	for k, v in pairs(a) do if not same(v, rawget(b, k)) then return false; end end
	for k in pairs(b) do if rawget(a, k) == nil then return false; end end
	return true;
end

-- Modules read most options when they load, so a host whose own config section changed (say its
-- registration policy) keeps the old behaviour until re-activated. We remember, per active host, the
-- section it was last activated with. State lives in package.loaded so it outlives admin connections,
-- and a handler snapshots the running config just before any reload (ours, SIGHUP or prosodyctl).
local state = package.loaded["xmpp-host.state"];
if not state then
	state = { synced = {} };
	package.loaded["xmpp-host.state"] = state;
	prosody.events.add_handler("reloading-config", function()
		for h in pairs(prosody.hosts) do
			if state.synced[h] == nil then state.synced[h] = copy(host_config(h) or {}); end
		end
	end);
end

function M.reload()
	local ok, err = prosody.reload_config();
	if not ok then fail("config reload failed: " .. tostring(err)); end
	return true;
end

local function is_component(h) return rawget(host_config(h) or {}, "component_module") ~= nil; end

-- Components before virtual hosts when deactivating, the other way round when activating, so a MUC or
-- upload service never runs without its parent host.
local function components_first(a, b)
	local ca, cb = is_component(a), is_component(b);
	if ca ~= cb then return ca; end
	return a < b;
end
local function hosts_first(a, b)
	local ca, cb = is_component(a), is_component(b);
	if ca ~= cb then return cb; end
	return a < b;
end

function M.apply_hosts(wanted)
	M.reload();
	local want = {};
	for _, h in ipairs(wanted) do
		if not defined(h) then fail("host not defined in the configuration: " .. h); end
		want[h] = true;
	end
	local activated, deactivated = array(), array();
	for h in pairs(prosody.hosts) do
		local synced = state.synced[h];
		if not want[h] or (synced ~= nil and not same(synced, host_config(h))) then deactivated:push(h); end
	end
	table.sort(deactivated, components_first);
	for _, h in ipairs(deactivated) do
		local ok, err = hm.deactivate(h);
		if not ok then fail("could not deactivate " .. h .. ": " .. tostring(err)); end
		state.synced[h] = nil;
	end
	local order = {};
	for h in pairs(want) do order[#order + 1] = h; end
	table.sort(order, hosts_first);
	for _, h in ipairs(order) do
		if not prosody.hosts[h] then
			local ok, err = hm.activate(h);
			if not ok then fail("could not activate " .. h .. ": " .. tostring(err)); end
			activated:push(h);
		end
		state.synced[h] = copy(host_config(h));
	end
	activated:sort();
	deactivated:sort();
	return { activated = activated; deactivated = deactivated };
end

-- Setting a password fires user-password-changed, which disconnects the user's sessions; skip it when
-- the password is already the right one so that repeated reconciliation does not kick anyone.
local function ensure_password(node, host, pw)
	if um.test_password(node, host, pw) then return; end
	local ok, err = um.set_password(node, pw, host);
	if not ok then fail("could not set password: " .. tostring(err)); end
end

function M.create_account(j, pw)
	local node, host = account(j);
	if um.user_exists(node, host) then
		ensure_password(node, host, pw);
		return "existed";
	end
	local ok, err = um.create_user(node, pw, host);
	if not ok then fail("could not create user: " .. tostring(err)); end
	return "created";
end

function M.set_password(j, pw)
	local node, host = account(j);
	if not um.user_exists(node, host) then fail("no such account: " .. node .. "@" .. host); end
	ensure_password(node, host, pw);
	return true;
end

function M.delete_account(j)
	local node, host = account(j);
	if not um.user_exists(node, host) then return "absent"; end
	local ok, err = um.delete_user(node, host);
	if not ok then fail("could not delete user: " .. tostring(err)); end
	return "deleted";
end

function M.account_exists(j)
	local node, host = account(j);
	return um.user_exists(node, host) and true or false;
end

function M.list_accounts(host)
	local_host(host);
	local users = array();
	for u in um.users(host) do users:push(u); end
	users:sort();
	return users;
end

function M.create_room(j, c)
	local jid, muc = room_jid(j);
	local room, tombstone = live_room(muc, jid);
	if room then
		configure(room, c);
		return "existed";
	end
	if tombstone then
		muc.forget_room(tombstone);
		muc.delete_room(tombstone);
	end
	local err;
	room, err = muc.create_room(jid);
	if not room then fail("could not create room: " .. tostring(err)); end
	configure(room, c);
	return "created";
end

function M.configure_room(j, c)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then fail("no such room: " .. jid); end
	configure(room, c);
	return true;
end

function M.set_room_members(j, wanted)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then fail("no such room: " .. jid); end
	local want = {};
	for _, m in ipairs(wanted) do
		local node, host, res = jid_lib.prepped_split(m);
		if not node or not host or res then fail("invalid member JID: " .. tostring(m)); end
		want[node .. "@" .. host] = true;
	end
	local drop = {};
	for member in room:each_affiliation("member") do
		if not want[member] then drop[#drop + 1] = member; end
	end
	for _, member in ipairs(drop) do
		local ok, _, cond = room:set_affiliation(true, member, "none");
		if not ok then fail("could not remove member " .. member .. ": " .. tostring(cond)); end
	end
	for member in pairs(want) do
		local current = room:get_affiliation(member);
		-- Owners and admins keep their higher affiliation.
		if current ~= "member" and current ~= "owner" and current ~= "admin" then
			local ok, _, cond = room:set_affiliation(true, member, "member");
			if not ok then fail("could not add member " .. member .. ": " .. tostring(cond)); end
		end
	end
	return true;
end

function M.get_room(j)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then return nil; end
	return room_info(room);
end

function M.destroy_room(j, reason)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then return "absent"; end
	local ok, err = room:destroy(nil, reason);
	if ok == false then fail("could not destroy room: " .. tostring(err)); end
	return "destroyed";
end

function M.list_rooms(host)
	local muc = muc_of(host);
	local rooms = array();
	for room in muc.all_rooms() do
		if not room._data.destroyed then rooms:push(room_info(room)); end
	end
	table.sort(rooms, function(a, b) return a.jid < b.jid; end);
	return rooms;
end

function M.sessions(host)
	local list = array();
	for full_jid, session in pairs(prosody.full_sessions) do
		if host == nil or session.host == host then
			list:push({ jid = full_jid; secure = session.secure and true or false });
		end
	end
	table.sort(list, function(a, b) return a.jid < b.jid; end);
	return list;
end

function M.call(name, ...)
	local f = M[name];
	if type(f) ~= "function" then return nil, "unknown helper: " .. tostring(name); end
	local ok, res = pcall(f, ...);
	if not ok then
		if getmetatable(res) == Failure then return nil, res.msg; end
		return nil, "internal error: " .. tostring(res);
	end
	return json.encode({ r = res });
end

return M;
end)()`;
