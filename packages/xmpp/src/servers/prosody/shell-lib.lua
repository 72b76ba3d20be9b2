-- Helpers run inside Prosody 0.12 through the admin shell, installed once per connection as __xh by
-- shell-lib.ts, which wraps this chunk in a function and passes the platform's settings (version, reserved
-- usernames) as its argument, quoted in TypeScript. Each helper answers through M.call: one JSON document,
-- or a failure message; nothing is scraped from human-readable text.
local settings = ...;
local json = require "util.json";
local array = require "util.array";
local jid_lib = require "util.jid";
local um = require "core.usermanager";
local hm = require "core.hostmanager";
local cm = require "core.configmanager";
local rm = require "core.rostermanager";
local sm = require "core.storagemanager";
local st = require "util.stanza";
local M = { version = settings.version };
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

-- mod_tls builds each host's TLS contexts when it loads and again on config-reloaded; calling its load again
-- for one host rebuilds only that host's contexts from its (renewed) certificate files.
function M.reload_certificates(wanted)
	local done = array();
	for _, h in ipairs(wanted) do
		local host = prosody.hosts[h];
		local tls = host and host.modules and host.modules.tls;
		if tls and tls.module and type(tls.module.load) == "function" then
			tls.module.load(true);
			done:push(h);
		end
	end
	done:sort();
	return done;
end

local function is_component_config(c) return rawget(c or {}, "component_module") ~= nil; end
local function is_component(h) return is_component_config(host_config(h)); end

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

-- Options that a virtual host's modules read when they load, and those modules: a host whose section changed only
-- in these reloads them in place, and the people connected to it stay connected (a re-activation would close
-- their sessions). modules_enabled and modules_disabled load and unload the modules they add or remove.
local RELOADS = {
	archive_expires_after = { "mam" };
	max_archive_query_results = { "mam" };
	default_archive_policy = { "mam" };
	mam_include_total = { "mam" };
	push_notification_with_body = { "cloud_notify" };
	push_notification_with_sender = { "cloud_notify" };
	push_notification_important_body = { "cloud_notify" };
	push_max_devices = { "cloud_notify" };
	push_max_hibernation_timeout = { "cloud_notify" };
	welcome_message = { "welcome" };
	contact_info = { "server_contact_info" };
	ssl = { "tls" };
	smacks_hibernation_time = { "smacks" };
	smacks_max_unacked_stanzas = { "smacks" };
	registration_title = { "register_ibr" };
	registration_instructions = { "register_ibr" };
	min_seconds_between_registrations = { "register_limits" };
	federation_policy = { "federation_policy" };
	federation_allowlist = { "federation_policy" };
	federation_allowed_suffixes = { "federation_policy" };
	federation_insecure_partners = { "federation_policy" };
	allow_user_invites = { "invites_adhoc" };
	member_invites_per_week = { "member_invites" };
};

local function as_set(list)
	local t = {};
	if type(list) == "table" then for _, v in ipairs(list) do t[v] = true; end end
	return t;
end

-- What must happen to apply a virtual host's changed section in place: modules to reload, load and unload; nil
-- when some change needs the host re-activated.
local function in_place_plan(old, new)
	if is_component_config(old) or is_component_config(new) then return nil; end
	local reload, load, unload = {}, {}, {};
	local keys = {};
	for k in pairs(old) do keys[k] = true; end
	for k in pairs(new) do keys[k] = true; end
	for k in pairs(keys) do
		if not same(rawget(old, k), rawget(new, k)) then
			if k == "modules_enabled" or k == "modules_disabled" then
				local before, after = as_set(rawget(old, k)), as_set(rawget(new, k));
				local adds, removes = load, unload;
				if k == "modules_disabled" then adds, removes = unload, load; end
				for m in pairs(after) do if not before[m] then adds[m] = true; end end
				for m in pairs(before) do if not after[m] then removes[m] = true; end end
			elseif RELOADS[k] then
				for _, m in ipairs(RELOADS[k]) do reload[m] = true; end
			else
				return nil;
			end
		end
	end
	return { reload = reload; load = load; unload = unload };
end

local function apply_in_place(h, plan)
	local mm = require "core.modulemanager";
	for m in pairs(plan.unload) do
		if mm.is_loaded(h, m) then
			local ok, err = mm.unload(h, m);
			if not ok then return nil, err; end
		end
	end
	for m in pairs(plan.load) do
		local enabled = mm.get_modules_for_host(h);
		if enabled:contains(m) and not mm.is_loaded(h, m) then
			local ok, err = mm.load(h, m);
			if not ok then return nil, err; end
		end
	end
	for m in pairs(plan.reload) do
		if mm.is_loaded(h, m) and not plan.load[m] then
			local ok, err = mm.reload(h, m);
			if not ok then return nil, err; end
		elseif not mm.is_loaded(h, m) and mm.get_modules_for_host(h):contains(m) then
			-- A global module added since the server started (an upgrade): it starts serving this host now.
			local ok, err = mm.load(h, m);
			if not ok then return nil, err; end
		end
	end
	return true;
end

function M.apply_hosts(wanted)
	-- Re-read the configuration without firing config-reloaded: that event makes every host rebuild its TLS
	-- contexts (seconds of CPU on a shared server with hundreds of hosts), and a new or changed host reads its
	-- own settings and certificate when it is activated below. Replaced certificates go through M.reload.
	local ok, _, err = cm.load(prosody.config_file);
	if not ok then fail("config reload failed: " .. tostring(err)); end
	local want = {};
	for _, h in ipairs(wanted) do
		if not defined(h) then fail("host not defined in the configuration: " .. h); end
		want[h] = true;
	end
	local activated, deactivated, reloaded = array(), array(), array();
	for h in pairs(prosody.hosts) do
		local synced = state.synced[h];
		if not want[h] then
			deactivated:push(h);
		elseif synced ~= nil and not same(synced, host_config(h)) then
			local plan = in_place_plan(synced, host_config(h));
			if plan and apply_in_place(h, plan) then
				state.synced[h] = copy(host_config(h));
				reloaded:push(h);
			else
				deactivated:push(h);
			end
		end
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
	reloaded:sort();
	M.hook_all();
	return { activated = activated; deactivated = deactivated; reloaded = reloaded };
end

-- Setting a password fires user-password-changed, which disconnects the user's sessions; skip it when
-- the password is already the right one so that repeated reconciliation does not kick anyone.
local function ensure_password(node, host, pw)
	if um.test_password(node, host, pw) then return; end
	local ok, err = um.set_password(node, pw, host);
	if not ok then fail("could not set password: " .. tostring(err)); end
end

-- What each domain's federation policy refused, and the remote domains its links reached, since the last call
-- (kept by mod_federation_policy). Each count is handed over once: the platform adds them up.
function M.federation_report(wanted)
	local reports = prosody.federation_reports or {};
	local out = {};
	for _, h in ipairs(wanted) do
		local r = reports[h];
		local seen, refused = array(), array();
		if r then
			for domain, last in pairs(r.seen) do seen:push({ domain = domain; last = last }); end
			for _, e in pairs(r.refused) do
				refused:push({ domain = e.domain; direction = e.direction; count = e.count; last = e.last });
			end
			reports[h] = nil;
		end
		out[h] = { seen = seen; refused = refused };
	end
	return out;
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

-- The display name of a new account, as its vCard 4 (full name and nickname, which mod_vcard_legacy also shows as
-- vcard-temp) and its XEP-0172 nickname, both in its PEP. Best effort: false when PEP is not there.
local VCARD4, NICK = "urn:xmpp:vcard4", "http://jabber.org/protocol/nick";
local function set_display_name(node, host, name)
	local pep = prosody.hosts[host].modules.pep;
	if not pep then return false; end
	local service, owner = pep.get_pep_service(node), node .. "@" .. host;
	local vcard = st.stanza("item", { xmlns = "http://jabber.org/protocol/pubsub"; id = "current" })
		:tag("vcard", { xmlns = "urn:ietf:params:xml:ns:vcard-4.0" })
		:tag("fn"):text_tag("text", name):up()
		:tag("nickname"):text_tag("text", name):up();
	local ok = service:publish(VCARD4, owner, "current", vcard, { access_model = "presence" });
	local nick = st.stanza("item", { xmlns = "http://jabber.org/protocol/pubsub"; id = "current" })
		:text_tag("nick", name, { xmlns = NICK });
	service:publish(NICK, owner, "current", nick, { access_model = "presence" });
	return ok and true or false;
end

-- Many accounts in one command (a bulk import): each created, or given its password when it exists; a display
-- name, where given, set on a new account. Answers each account's outcome by its JID.
function M.create_accounts(list)
	local out = {};
	for _, a in ipairs(list) do
		local node, host = account(a.jid);
		local jid = node .. "@" .. host;
		if um.user_exists(node, host) then
			ensure_password(node, host, a.password);
			out[jid] = "existed";
		else
			local ok, err = um.create_user(node, a.password, host);
			if not ok then fail("could not create user " .. jid .. ": " .. tostring(err)); end
			out[jid] = "created";
		end
		if type(a.name) == "string" and a.name ~= "" then set_display_name(node, host, a.name); end
	end
	return out;
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

-- mod_mam's own daily expiry deletes only for the days it noted messages on (its archive_cleanup store); a
-- shorter retention must also reach older messages, and group chats' logs.
function M.expire_history(host, muc_host, seconds)
	local_host(host);
	local muc = muc_of(muc_host);
	local cutoff = os.time() - seconds;
	local deleted = 0;
	local function expire(store, owner)
		local ok, err = store:delete(owner, { ["end"] = cutoff });
		if not ok then fail("could not delete history of " .. owner .. ": " .. tostring(err)); end
		deleted = deleted + (tonumber(ok) or 0);
	end
	local archive = sm.open(host, "archive", "archive");
	for user in um.users(host) do expire(archive, user); end
	local log = sm.open(muc_host, "muc_log", "archive");
	for room in muc.each_room() do expire(log, jid_lib.node(room.jid)); end
	return deleted;
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

-- Invites live in mod_invites' own store, in its own record format, so that mod_invites_register accepts
-- the token at in-band registration (XEP-0401/XEP-0445) exactly as if Prosody had made it.
local function invite_store(host)
	local_host(host);
	return sm.open(host, "invite_token", "map");
end

function M.put_invite(host, inv)
	local store = invite_store(host);
	local record = {
		type = inv.type;
		jid = inv.jid;
		token = inv.token;
		allow_registration = true;
		additional_data = inv.data;
		uri = inv.uri;
		created_at = inv.created_at;
		expires = inv.expires;
		reusable = inv.reusable;
	};
	M.hook_all();
	local ok, err = store:set(nil, inv.token, record);
	if not ok then fail("could not store the invite: " .. tostring(err)); end
	if inv.type == "roster" then
		ok, err = store:set(jid_lib.node(inv.jid), inv.token, inv.expires);
		if not ok then fail("could not store the contact invite: " .. tostring(err)); end
	end
	return true;
end

function M.get_invite(host, token)
	return invite_store(host):get(nil, token);
end

function M.delete_invite(host, token)
	local store = invite_store(host);
	local record = store:get(nil, token);
	if not record then return "absent"; end
	if record.type == "roster" and record.jid then store:set(jid_lib.node(record.jid), token, nil); end
	local ok, err = store:set(nil, token, nil);
	if not ok then fail("could not delete the invite: " .. tostring(err)); end
	return "deleted";
end

-- Creates an account that must not exist yet; a second call with the same password (a retry) is a no-op,
-- and an existing account with another password is someone else's.
function M.register_account(j, pw)
	local node, host = account(j);
	if um.user_exists(node, host) then
		if um.test_password(node, host, pw) then return "existed"; end
		return "taken";
	end
	local ok, err = um.create_user(node, pw, host);
	if not ok then fail("could not create user: " .. tostring(err)); end
	return "created";
end

function M.add_room_member(j, m)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then fail("no such room: " .. jid); end
	local node, host, res = jid_lib.prepped_split(m);
	if not node or not host or res then fail("invalid member JID: " .. tostring(m)); end
	local member = node .. "@" .. host;
	local current = room:get_affiliation(member);
	if current == "member" or current == "owner" or current == "admin" then return "existed"; end
	local ok, _, cond = room:set_affiliation(true, member, "member");
	if not ok then fail("could not add member " .. member .. ": " .. tostring(cond)); end
	return "added";
end

-- Room moderation. The shell acts as the room itself (actor true): no owner account is needed, and the
-- occupants see the change as the room's own.
local function moderated_room(j)
	local jid, muc = room_jid(j);
	local room = live_room(muc, jid);
	if not room then fail("no such room: " .. jid); end
	return room;
end

local function occupant_jid(room, nick)
	local full = jid_lib.prep(room.jid .. "/" .. tostring(nick));
	if not full or jid_lib.resource(full) == nil then fail("invalid nickname: " .. tostring(nick)); end
	return full;
end

function M.room_occupants(j)
	local room = moderated_room(j);
	local list = array();
	for nick, occupant in room:each_occupant() do
		list:push({
			nick = jid_lib.resource(nick);
			jid = occupant.bare_jid;
			role = occupant.role or "none";
			affiliation = room:get_affiliation(occupant.bare_jid) or "none";
		});
	end
	table.sort(list, function(a, b) return a.nick < b.nick; end);
	return list;
end

function M.room_affiliations(j)
	local room = moderated_room(j);
	local out = { owner = array(); admin = array(); member = array(); outcast = array() };
	for who, affiliation in room:each_affiliation() do
		if out[affiliation] then out[affiliation]:push(who); end
	end
	for _, list in pairs(out) do list:sort(); end
	return out;
end

function M.kick_occupant(j, nick, reason)
	local room = moderated_room(j);
	local ojid = occupant_jid(room, nick);
	if not room:get_occupant_by_nick(ojid) then return "absent"; end
	local ok, _, cond = room:set_role(true, ojid, "none", reason);
	if not ok then fail("could not kick " .. ojid .. ": " .. tostring(cond)); end
	return "kicked";
end

function M.set_occupant_role(j, nick, role, reason)
	local room = moderated_room(j);
	local ojid = occupant_jid(room, nick);
	local occupant = room:get_occupant_by_nick(ojid);
	if not occupant then return "absent"; end
	if occupant.role == role then return "unchanged"; end
	local ok, _, cond = room:set_role(true, ojid, role, reason);
	if not ok then fail("could not set the role of " .. ojid .. ": " .. tostring(cond)); end
	return "set";
end

function M.set_room_affiliation(j, who, affiliation, reason, only_if)
	local room = moderated_room(j);
	local node, host, res = jid_lib.prepped_split(who);
	if not node or not host or res then fail("invalid account JID: " .. tostring(who)); end
	local account = node .. "@" .. host;
	local previous = room:get_affiliation(account) or "none";
	if (only_if and previous ~= only_if) or previous == affiliation then
		return { previous = previous; changed = false };
	end
	local ok, _, cond = room:set_affiliation(true, account, affiliation ~= "none" and affiliation or nil, reason);
	if not ok then fail("could not set the affiliation of " .. account .. ": " .. tostring(cond)); end
	return { previous = previous; changed = true };
end

function M.set_room_subject(j, subject)
	local room = moderated_room(j);
	room:set_subject(room.jid, subject);
	room:save(true);
	return true;
end

function M.room_subject(j)
	local room = moderated_room(j);
	local _, subject = room:get_subject();
	return subject or "";
end

-- XEP-0402 bookmarks, with the node options mod_bookmarks uses, so clients that sync bookmarks see them.
local BOOKMARKS = "urn:xmpp:bookmarks:1";
local bookmark_options = {
	persist_items = true;
	max_items = "max";
	send_last_published_item = "never";
	access_model = "whitelist";
};

local function pep_of(j)
	local node, host = account(j);
	if not um.user_exists(node, host) then fail("no such account: " .. node .. "@" .. host); end
	local pep = prosody.hosts[host].modules.pep;
	if not pep then fail("PEP is not loaded on " .. host); end
	return pep.get_pep_service(node), node .. "@" .. host, node;
end

function M.add_bookmarks(j, rooms)
	local service, owner, nick = pep_of(j);
	local ok, items = service:get_items(BOOKMARKS, owner);
	if not ok then
		if items ~= "item-not-found" then fail("could not read bookmarks: " .. tostring(items)); end
		local created, err = service:create(BOOKMARKS, owner, bookmark_options);
		if not created then fail("could not create the bookmarks node: " .. tostring(err)); end
		items = {};
	end
	local added = 0;
	for _, r in ipairs(rooms) do
		local rjid = room_jid(r.jid);
		if not items[rjid] then
			local item = st.stanza("item", { xmlns = "http://jabber.org/protocol/pubsub", id = rjid })
				:tag("conference", { xmlns = BOOKMARKS, name = r.name, autojoin = "true" })
				:text_tag("nick", nick);
			local published, err = service:publish(BOOKMARKS, owner, rjid, item, bookmark_options);
			if not published then fail("could not publish bookmark " .. rjid .. ": " .. tostring(err)); end
			added = added + 1;
		end
	end
	return added;
end

function M.get_bookmarks(j)
	local service, owner = pep_of(j);
	local ok, items = service:get_items(BOOKMARKS, owner);
	if not ok then
		if items == "item-not-found" then return {}; end
		fail("could not read bookmarks: " .. tostring(items));
	end
	local out = array();
	for _, id in ipairs(items) do
		local conference = items[id]:get_child("conference", BOOKMARKS);
		out:push({ jid = id; name = conference and conference.attr.name or ""; autojoin = conference and conference.attr.autojoin or "" });
	end
	return out;
end

-- A one-way subscription of user to contact, written straight into both rosters (as mod_invites_register does).
local function subscribe(host, user, contact)
	local user_jid, contact_jid = user .. "@" .. host, contact .. "@" .. host;
	if rm.is_user_subscribed(user, host, contact_jid) then return false; end
	rm.set_contact_pending_out(user, host, contact_jid);
	rm.set_contact_pending_in(contact, host, user_jid);
	rm.subscribed(contact, host, user_jid);
	rm.process_inbound_subscription_approval(user, host, contact_jid);
	return true;
end

function M.add_mutual_contacts(a, b)
	local na, ha = account(a);
	local nb, hb = account(b);
	if ha ~= hb then fail("contacts must be on the same host"); end
	if na == nb then fail("an account cannot be its own contact"); end
	for _, n in ipairs({ na, nb }) do
		if not um.user_exists(n, ha) then fail("no such account: " .. n .. "@" .. ha); end
	end
	local changed = subscribe(ha, na, nb);
	changed = subscribe(ha, nb, na) or changed;
	rm.roster_push(na, ha, nb .. "@" .. ha);
	rm.roster_push(nb, ha, na .. "@" .. ha);
	return changed and "added" or "existed";
end

function M.roster(j)
	local node, host = account(j);
	local roster = rm.load_roster(node, host);
	local out = {};
	for contact, item in pairs(roster) do
		if contact then out[contact] = item.subscription; end
	end
	return out;
end

-- In-band registration (XEP-0077/XEP-0401) happens inside Prosody, without the platform. These handlers,
-- installed on every local host, keep it to the platform's rules:
--  * reserved usernames are refused, as on the web;
--  * an invite made by the platform (additional_data.xh_invite) allows at most xh_max_uses registrations,
--    counting the platform's own (xh_uses, rewritten after each) plus the in-band ones recorded here;
--  * an in-band registration through such an invite gets its rooms and bookmarks, like a web one
--    (mod_invites_register itself adds the inviter as a contact).
-- The platform reads the recorded registrations back when it syncs (invite_registrations).
local RESERVED = {};
for _, name in ipairs(settings.reserved_usernames) do RESERVED[name] = true; end
local RESERVED_PREFIXES = settings.reserved_prefixes;
local INVITE_USES = "xh_invite_uses";

local function reserved(username)
	username = tostring(username or ""):lower();
	if RESERVED[username] then return true; end
	for _, p in ipairs(RESERVED_PREFIXES) do
		if username:sub(1, #p) == p and username:sub(#p + 1, #p + 1):match("^[._-]$") then return true; end
	end
	return false;
end

local function platform_invite(event)
	local inv = event.validated_invite or (event.session and event.session.validated_invite);
	local data = inv and inv.additional_data;
	if type(data) ~= "table" or not data.xh_invite then return nil; end
	return inv, data;
end

local function registrations_of(host, id)
	return sm.open(host, INVITE_USES, "map"):get(nil, id) or {};
end

-- xh_max_accounts: the platform's limit for a domain on a shared server.
local function over_account_limit(host)
	local limit = cm.get(host, "xh_max_accounts");
	if type(limit) ~= "number" then return false; end
	local n = 0;
	for _ in um.users(host) do
		n = n + 1;
		if n >= limit then return true; end
	end
	return false;
end

local function on_registering(host)
	return function(event)
		if reserved(event.username) then
			event.allowed = false;
			event.reason = "This username is reserved";
			return;
		end
		if over_account_limit(host) then
			event.allowed = false;
			event.reason = "This address has reached its number of accounts";
			return;
		end
		local inv, data = platform_invite(event);
		if not inv then return; end
		local record = sm.open(host, "invite_token", "map"):get(nil, inv.token);
		local current = record and record.additional_data or {};
		local used = (current.xh_uses or 0) + #registrations_of(host, data.xh_invite);
		if not record or used >= (current.xh_max_uses or 1) then
			event.allowed = false;
			event.reason = "This invite has been used up or revoked";
		end
	end;
end

local function on_registered(host)
	return function(event)
		local inv, data = platform_invite(event);
		if not inv then return; end
		local store = sm.open(host, INVITE_USES, "map");
		local list = store:get(nil, data.xh_invite) or {};
		list[#list + 1] = event.username;
		store:set(nil, data.xh_invite, list);
		local jid = event.username .. "@" .. host;
		local marks = {};
		for i, room in ipairs(data.xh_rooms or {}) do
			pcall(M.add_room_member, room, jid);
			marks[#marks + 1] = { jid = room; name = (data.xh_room_names or {})[i] or room };
		end
		if #marks > 0 then pcall(M.add_bookmarks, jid, marks); end
		local record = sm.open(host, "invite_token", "map"):get(nil, inv.token);
		local current = record and record.additional_data or data;
		if (current.xh_uses or 0) + #list >= (current.xh_max_uses or 1) then pcall(M.delete_invite, host, inv.token); end
	end;
end

state.hooked = state.hooked or {};
local function hook_registration(host)
	local h = prosody.hosts[host];
	if not h or h.type ~= "local" or not h.events then return; end
	if state.hooked[host] == h.events then return; end
	h.events.add_handler("user-registering", on_registering(host), 10);
	h.events.add_handler("user-registered", on_registered(host), 10);
	state.hooked[host] = h.events;
end

function M.hook_all()
	for host in pairs(prosody.hosts) do hook_registration(host); end
	return true;
end

-- Usernames of in-band registrations through each of the given platform invites.
function M.invite_registrations(host, ids)
	local_host(host);
	local out = {};
	for _, id in ipairs(ids) do out[id] = registrations_of(host, id); end
	return out;
end

-- Suspension: a mark in the host's xh_suspended store, which the platform's mod_account_suspension reads at every
-- login. The password and all data stay as they are.
local SUSPENDED = "xh_suspended";

local function suspension_module(host)
	local mm = require "core.modulemanager";
	-- A server started before the module existed loads it now: a mark nobody enforces would be a lie.
	if not mm.is_loaded(host, "account_suspension") then
		local ok, err = mm.load(host, "account_suspension");
		if not ok then fail("could not load mod_account_suspension: " .. tostring(err)); end
	end
end

function M.suspend_account(j)
	local node, host = account(j);
	if not um.user_exists(node, host) then fail("no such account: " .. node .. "@" .. host); end
	suspension_module(host);
	local store = sm.open(host, SUSPENDED);
	if store:get(node) == nil then
		local ok, err = store:set(node, { since = os.time() });
		if not ok then fail("could not mark the account suspended: " .. tostring(err)); end
	end
	-- Every session goes, hibernating ones (stream management) included: closing revokes their resumption.
	local closed = 0;
	local user = prosody.hosts[host].sessions[node];
	if user and user.sessions then
		local list = {};
		for _, session in pairs(user.sessions) do list[#list + 1] = session; end
		for _, session in ipairs(list) do
			session:close({ condition = "not-authorized"; text = "This account is suspended" });
			closed = closed + 1;
		end
	end
	return closed;
end

-- Refuses (or again accepts) every login of the host, and closes its sessions, which reconnect by themselves: the
-- freeze of a move whose data goes through a XEP-0227 file, read from the running server. Returns how many sessions
-- were closed.
function M.pause_logins(host, on)
	local h = local_host(host);
	suspension_module(host);
	if not on then
		h.xh_logins_paused = nil;
		return 0;
	end
	h.xh_logins_paused = true;
	local list = {};
	for _, user in pairs(h.sessions or {}) do
		for _, session in pairs(user.sessions or {}) do list[#list + 1] = session; end
	end
	for _, session in ipairs(list) do
		session:close({ condition = "system-shutdown"; text = "This chat address is moving to another server" });
	end
	return #list;
end

function M.restore_account(j)
	local node, host = account(j);
	local store = sm.open(host, SUSPENDED);
	if store:get(node) == nil then return "active"; end
	local ok, err = store:set(node, nil);
	if not ok then fail("could not lift the suspension: " .. tostring(err)); end
	return "restored";
end

function M.suspended_accounts(host)
	local_host(host);
	local store = sm.open(host, SUSPENDED);
	local users = array();
	for u in um.users(host) do
		if store:get(u) ~= nil then users:push(u); end
	end
	users:sort();
	return users;
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

-- Group chats have no place in XEP-0227. They travel under the MUC service's own <host> element, one <room> each in
-- the platform's namespace, in XEP-0045's words so that any server can read them: the room's configuration as a
-- submitted muc#roomconfig form (as Prosody's own form lays it out), its affiliations as muc#admin items, its
-- subject, and its history as a XEP-0227 1.1 <archive>.
local xmlns_pie_muc = "urn:x-xmpp-host:pie:muc:0";
local xmlns_pie_mam = "urn:xmpp:pie:0#mam";

-- The room's configuration form, as an owner is shown it, reduced to what a submitted form holds (list fields get
-- their default there, which a "submit" rendering leaves out).
local function submitted_config(room)
	local shown = room:get_form_layout(room.jid):form(nil, "form");
	local out = st.stanza("x", { xmlns = "jabber:x:data", type = "submit" });
	for _, field in ipairs(shown.tags) do
		if field.name == "field" and field.attr.var and field.attr.type ~= "fixed" then
			out:tag("field", { var = field.attr.var, type = field.attr.type });
			for _, value in ipairs(field.tags) do
				if value.name == "value" then out:add_child(st.clone(value)); end
			end
			out:up();
		end
	end
	return out;
end

local function export_rooms(host)
	local muc_host = "groups." .. host;
	local h = prosody.hosts[muc_host];
	if not h or not h.modules.muc then return nil, 0, 0; end
	local muc = h.modules.muc;
	local log = sm.open(muc_host, "muc_log", "archive");
	local dt = require "util.datetime";
	local rooms = array();
	for room in muc.each_room() do
		if room:get_persistent() and not room._data.destroyed then rooms:push(room); end
	end
	table.sort(rooms, function(a, b) return a.jid < b.jid; end);
	local out, messages = st.stanza("host", { jid = muc_host }), 0;
	for _, room in ipairs(rooms) do
		local node = jid_lib.node(room.jid);
		out:tag("room", { xmlns = xmlns_pie_muc, name = node });
		out:add_child(submitted_config(room));
		local affiliations = array();
		for j, affiliation, data in room:each_affiliation() do
			affiliations:push({ jid = j, affiliation = affiliation, nick = data and data.reserved_nickname or nil });
		end
		table.sort(affiliations, function(a, b) return a.jid < b.jid; end);
		out:tag("query", { xmlns = "http://jabber.org/protocol/muc#admin" });
		for _, item in ipairs(affiliations) do out:tag("item", item):up(); end
		out:up();
		if room._data.subject then
			out:tag("subject", { from = room._data.subject_from }):text(room._data.subject):up();
		end
		local iter, err = log:find(node);
		if not iter and err then fail("reading the history of " .. room.jid .. ": " .. tostring(err)); end
		if iter then
			out:tag("archive", { xmlns = xmlns_pie_mam });
			for id, item, when in iter do
				local msg = st.clone(item);
				msg.attr.xmlns = "jabber:client";
				out:tag("result", { xmlns = "urn:xmpp:mam:2", id = id })
					:tag("forwarded", { xmlns = "urn:xmpp:forward:0" })
					:tag("delay", { xmlns = "urn:xmpp:delay", stamp = dt.datetime(when) }):up()
					:add_child(msg):up():up();
				messages = messages + 1;
			end
			out:up();
		end
		out:up();
	end
	return out, #rooms, messages;
end

-- A new account's or room's whole archive, written at once in mod_storage_internal's own layout (what its append
-- writes for each item). Appending items with their ids one by one would rewrite the whole list each time, as the
-- store first drops an item of the same id: the import's time would grow with the square of the history.
local function store_archive(host, store, owner, entries)
	if #entries == 0 then return 0; end
	local dm = require "util.datamanager";
	local dt = require "util.datetime";
	local existing = dm.list_load(owner, host, store);
	if existing and #existing > 0 then fail("the history of " .. owner .. "@" .. host .. " is not empty"); end
	local items = {};
	for i, e in ipairs(entries) do
		local value = st.preserialize(st.clone(e.item));
		value.when = e.when;
		value.with = e.with;
		value.attr.stamp = dt.datetime(e.when);
		value.key = e.id or require "util.id".medium();
		items[i] = value;
	end
	local ok, err = dm.list_store(owner, host, store, items);
	if not ok then fail("could not write the history of " .. owner .. "@" .. host .. ": " .. tostring(err)); end
	return #items;
end

-- Checks every <room> of the MUC service's <host> element before anything is written: each must be new here.
local function rooms_to_import(host, el)
	local muc_host = "groups." .. host;
	local muc = muc_of(muc_host);
	local rooms, seen = array(), {};
	for r in el:childtags("room", xmlns_pie_muc) do
		local node = require "util.encodings".stringprep.nodeprep(r.attr.name or "");
		if not node or node == "" then fail("invalid group chat name in the document: " .. tostring(r.attr.name)); end
		local jid = node .. "@" .. muc_host;
		if seen[jid] then fail("the document names the group chat " .. jid .. " twice"); end
		seen[jid] = true;
		if live_room(muc, jid) then fail("the group chat exists already: " .. jid); end
		for item in (r:get_child("query", "http://jabber.org/protocol/muc#admin") or st.stanza("query")):childtags("item") do
			if not jid_lib.prep(item.attr.jid or "") then fail("invalid affiliation in " .. jid .. ": " .. tostring(item.attr.jid)); end
		end
		rooms:push({ jid = jid, node = node, el = r });
	end
	return muc, rooms;
end

local function import_rooms(host, muc, rooms)
	local dt = require "util.datetime";
	local messages = 0;
	for _, r in ipairs(rooms) do
		local _, tombstone = live_room(muc, r.jid);
		if tombstone then
			muc.forget_room(tombstone);
			muc.delete_room(tombstone);
		end
		local room, err = muc.create_room(r.jid);
		if not room then fail("could not create group chat " .. r.jid .. ": " .. tostring(err)); end
		room:set_persistent(true);
		local form = r.el:get_child("x", "jabber:x:data");
		if form then
			local answer;
			local iq = st.iq({ type = "set", id = "import", from = r.jid, to = r.jid })
				:query("http://jabber.org/protocol/muc#owner"):add_child(form):up();
			room:process_form({ send = function(reply) answer = reply; end }, iq);
			if not answer or answer.attr.type ~= "result" then
				fail("the configuration of " .. r.jid .. " was refused: " .. tostring(answer));
			end
		end
		for item in (r.el:get_child("query", "http://jabber.org/protocol/muc#admin") or st.stanza("query")):childtags("item") do
			local data = item.attr.nick and { reserved_nickname = item.attr.nick } or nil;
			local ok, _, cond = room:set_affiliation(true, item.attr.jid, item.attr.affiliation or "none", nil, data);
			if not ok then fail("could not set an affiliation in " .. r.jid .. ": " .. tostring(cond)); end
		end
		local subject = r.el:get_child("subject");
		if subject then
			room._data.subject = subject:get_text();
			room._data.subject_from = subject.attr.from;
		end
		room:save(true);
		local archive = r.el:get_child("archive", xmlns_pie_mam);
		if archive then
			local entries = {};
			for result in archive:childtags("result", "urn:xmpp:mam:2") do
				local item = result:find("{urn:xmpp:forward:0}forwarded/{jabber:client}message");
				local stamp = result:find("{urn:xmpp:forward:0}forwarded/{urn:xmpp:delay}delay@stamp");
				if not item then fail("a history entry of " .. r.jid .. " holds no message"); end
				item = st.clone(item);
				item.attr.xmlns = nil;
				-- mod_muc_mam files a stanza under its kind and type, and looks history up that way.
				local with = item.name .. (item.attr.type and ("<" .. item.attr.type) or "");
				entries[#entries + 1] = { id = result.attr.id, item = item, when = stamp and dt.parse(stamp) or os.time(), with = with };
			end
			messages = messages + store_archive("groups." .. host, "muc_log", r.node, entries);
		end
	end
	return messages;
end

-- One host's users as XEP-0227 (urn:xmpp:pie:0), written by Prosody's own mod_storage_xep0227 from the
-- internal store, store by store as prosody-migrator does: accounts (SCRAM credentials as stored, never a
-- password), contacts, vCard, private XML, PEP nodes with their items, and the message archive. Offline
-- messages, which that module does not carry, are added as XEP-0227's <offline-messages>. Written to the file
-- `name` in the data folder, where the platform picks it up; returns what it holds.
function M.export_pie(host, name)
	local_host(host);
	if type(name) ~= "string" or not name:match("^%.xh%-export%-[%w%-]+%.xml$") then fail("bad export file name"); end
	local internal = sm.load_driver(host, "internal");
	local pie = sm.load_driver(host, "xep0227");
	if not internal or not pie then fail("storage drivers unavailable on " .. host); end
	local docs = {};
	local memory = {
		get_user_xml = function(_, user) return docs[user]; end;
		set_user_xml = function(_, user, _, xml) docs[user] = xml; return true; end;
	};
	local function into(store, typ) return assert(pie:open_xep0227(store, typ, memory)); end
	local function copy_archive(from, to, user)
		local iter, err = from:find(user);
		if not iter then
			if err then fail("reading " .. user .. ": " .. tostring(err)); end
			return 0;
		end
		local n = 0;
		for id, item, when, with in iter do assert(to:append(user, id, item, when, with)); n = n + 1; end
		return n;
	end
	local users = array();
	for user in assert(internal:open("accounts", "keyval")):users() do users:push(user); end
	users:sort();
	local counts = { users = #users, contacts = 0, archived = 0, offline = 0, pepNodes = 0 };
	for _, store in ipairs({ "accounts", "roster", "vcard", "private" }) do
		local from, to = assert(internal:open(store, "keyval")), into(store, "keyval");
		for _, user in ipairs(users) do
			local data, err = from:get(user);
			if err then fail("reading " .. store .. " of " .. user .. ": " .. tostring(err)); end
			if data ~= nil then
				assert(to:set(user, data));
				if store == "roster" then
					for contact in pairs(data) do if contact then counts.contacts = counts.contacts + 1; end end
				end
			end
		end
	end
	local pep_from, pep_to = assert(internal:open("pep", "keyval")), into("pep", "keyval");
	local archive_from, archive_to = assert(internal:open("archive", "archive")), into("archive", "archive");
	local offline = assert(internal:open("offline", "archive"));
	for _, user in ipairs(users) do
		local nodes = pep_from:get(user);
		if nodes then
			assert(pep_to:set(user, nodes));
			for node in pairs(nodes) do
				counts.pepNodes = counts.pepNodes + 1;
				copy_archive(assert(internal:open("pep_" .. node, "archive")), into("pep_" .. node, "archive"), user);
			end
		end
		counts.archived = counts.archived + copy_archive(archive_from, archive_to, user);
		local iter = offline:find(user);
		if iter then
			local held = st.stanza("offline-messages", { xmlns = "urn:xmpp:pie:0" });
			for _, item, when in iter do
				local msg = st.clone(item);
				msg.attr.xmlns = "jabber:client"; -- as Prosody's writer marks archived messages
				if not msg:get_child("delay", "urn:xmpp:delay") then
					msg:tag("delay", { xmlns = "urn:xmpp:delay", stamp = require "util.datetime".datetime(when) }):up();
				end
				held:add_child(msg);
				counts.offline = counts.offline + 1;
			end
			if #held.tags > 0 then
				if not docs[user] then fail("offline messages for an account without data: " .. user); end
				docs[user].tags[1].tags[1]:add_child(held);
			end
		end
	end
	local out = st.stanza("server-data", { xmlns = "urn:xmpp:pie:0" }):tag("host", { jid = host });
	for _, user in ipairs(users) do
		local doc = docs[user];
		local user_el = doc and doc.tags[1] and doc.tags[1].tags[1];
		if user_el then out:add_child(user_el); end
	end
	out:up();
	local rooms_el;
	rooms_el, counts.rooms, counts.roomMessages = export_rooms(host);
	if rooms_el then out:add_child(rooms_el); end
	local path = prosody.paths.data .. "/" .. name;
	local f, err = io.open(path, "w");
	if not f then fail("cannot write " .. name .. ": " .. tostring(err)); end
	local xml = "<?xml version='1.0' encoding='UTF-8'?>\n" .. tostring(out:reset()) .. "\n";
	f:write(xml);
	f:close();
	counts.bytes = #xml;
	return counts;
end

-- The reverse of export_pie: the users of a XEP-0227 document (the file `name` in the data folder, written by
-- the platform) go into the host's internal store, read by Prosody's own mod_storage_xep0227 store by store.
-- Credentials stay as they are in the file (SCRAM, or a password where another server wrote one); offline
-- messages come from XEP-0227's <offline-messages>. The document must be for this very host, and its accounts
-- must not exist yet: nothing is overwritten.
function M.import_pie(host, name)
	local_host(host);
	if type(name) ~= "string" or not name:match("^%.xh%-import%-[%w%-]+%.xml$") then fail("bad import file name"); end
	local f, err = io.open(prosody.paths.data .. "/" .. name, "r");
	if not f then fail("cannot read " .. name .. ": " .. tostring(err)); end
	local text = f:read("*a");
	f:close();
	local doc, perr = require "util.xml".parse(text);
	if not doc or doc.name ~= "server-data" or doc.attr.xmlns ~= "urn:xmpp:pie:0" then
		fail("not a XEP-0227 document: " .. tostring(perr or (doc and doc.name)));
	end
	local host_el, rooms_el;
	for el in doc:childtags("host") do
		if el.attr.jid == host then host_el = el; elseif el.attr.jid == "groups." .. host then rooms_el = el; else
			fail("the document holds another domain: " .. tostring(el.attr.jid));
		end
	end
	if not host_el then fail("the document holds no data for " .. host); end
	local muc, rooms;
	if rooms_el then muc, rooms = rooms_to_import(host, rooms_el); end
	local internal = sm.load_driver(host, "internal");
	local pie = sm.load_driver(host, "xep0227");
	if not internal or not pie then fail("storage drivers unavailable on " .. host); end
	local docs, users = {}, array();
	local accounts = assert(internal:open("accounts", "keyval"));
	for user_el in host_el:childtags("user") do
		local user = require "util.encodings".stringprep.nodeprep(user_el.attr.name or "");
		if not user then fail("invalid user name in the document: " .. tostring(user_el.attr.name)); end
		if docs[user] then fail("the document names " .. user .. " twice"); end
		if accounts:get(user) ~= nil then fail("the account exists already: " .. user .. "@" .. host); end
		docs[user] = st.stanza("server-data", { xmlns = "urn:xmpp:pie:0" }):tag("host", { jid = host }):add_child(user_el):reset();
		users:push(user);
	end
	local memory = {
		get_user_xml = function(_, user) return docs[user]; end;
		set_user_xml = function() fail("the document is read only"); end;
	};
	local function from(store, typ) return assert(pie:open_xep0227(store, typ, memory)); end
	local function copy_archive(src, dst, user)
		local iter = src:find(user);
		local n = 0;
		if iter then
			for id, item, when, with in iter do assert(dst:append(user, id, item, when, with)); n = n + 1; end
		end
		return n;
	end
	local counts = { users = #users, archived = 0, offline = 0, pepNodes = 0, rooms = rooms and #rooms or 0, roomMessages = 0 };
	for _, store in ipairs({ "accounts", "roster", "vcard", "private", "pep" }) do
		local src, dst = from(store, "keyval"), assert(internal:open(store, "keyval"));
		for _, user in ipairs(users) do
			local data = src:get(user);
			if data ~= nil and next(data) ~= nil then assert(dst:set(user, data)); end
			if store == "pep" and data then
				for node in pairs(data) do
					local items = copy_archive(from("pep_" .. node, "archive"), assert(internal:open("pep_" .. node, "archive")), user);
					if items > 0 then counts.pepNodes = counts.pepNodes + 1; end
				end
			end
		end
	end
	local offline = assert(internal:open("offline", "archive"));
	local dt = require "util.datetime";
	for _, user in ipairs(users) do
		local entries = {};
		local iter = from("archive", "archive"):find(user);
		if iter then
			for id, item, when, with in iter do
				entries[#entries + 1] = { id = id, item = item, when = when, with = with };
			end
		end
		counts.archived = counts.archived + store_archive(host, "archive", user, entries);
		local held = docs[user].tags[1].tags[1]:get_child("offline-messages", "urn:xmpp:pie:0");
		if held then
			for msg in held:childtags("message", "jabber:client") do
				local delay = msg:get_child("delay", "urn:xmpp:delay");
				local when = delay and dt.parse(delay.attr.stamp or "") or os.time();
				assert(offline:append(user, nil, msg, when, msg.attr.from));
				counts.offline = counts.offline + 1;
			end
		end
	end
	if rooms then counts.roomMessages = import_rooms(host, muc, rooms); end
	return counts;
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

M.hook_all();
return M;
