-- Each domain's federation policy: who its people, group chats and services may talk to on other domains.
--
-- Options, on the VirtualHost (read at each check, so a configuration reload applies them without a restart):
--   federation_policy            "open" (default), "allowlist" or "closed"
--   federation_allowlist         with "allowlist": the other domains allowed; their subdomains (group chats,
--                                upload services) are allowed with them
--   federation_allowed_suffixes  with "allowlist": every domain under these names is allowed too
--   federation_insecure_partners other domains accepted without a valid certificate (s2s_secure_auth is on for
--                                everyone else): they authenticate by dialback, as s2s_insecure_domains would let
--                                them, but for this domain only
--
-- Loaded on every host, components included: a component (groups.D, share.D, irc.D) follows its domain D.
-- Other domains on the same server are held to the policy too, though they never use server-to-server links.
-- Refusals and the remote domains seen are kept per domain in prosody.federation_reports, which the platform reads
-- through its admin shell.

local st = require "util.stanza";
local jid_host = require "util.jid".host;
local config = require "core.configmanager";

local host = module.host;

-- The domain whose policy applies here: the host itself, or the VirtualHost a component belongs to.
local owner = host;
if module:get_host_type() == "component" then
	local parent = host:match("^[^.]+%.(.+)$");
	if parent and prosody.hosts[parent] and prosody.hosts[parent].type == "local" then owner = parent; end
end

local reports = prosody.federation_reports or {};
prosody.federation_reports = reports;
local function report()
	local r = reports[owner];
	if not r then
		r = { refused = {}; seen = {} };
		reports[owner] = r;
	end
	return r;
end

local function under(name, domain)
	return name == domain or (#name > #domain and name:sub(-(#domain + 1)) == "." .. domain);
end

-- Whether `remote` belongs to this domain: the domain itself or one of its services.
local function ours(remote)
	return under(remote, owner);
end

local function allowed(remote)
	local policy = config.get(owner, "federation_policy") or "open";
	if policy == "open" then return true; end
	if not remote then return false; end
	remote = remote:lower();
	if ours(remote) then return true; end
	if policy ~= "allowlist" then return false; end
	for _, d in ipairs(config.get(owner, "federation_allowlist") or {}) do
		if under(remote, d) then return true; end
	end
	for _, s in ipairs(config.get(owner, "federation_allowed_suffixes") or {}) do
		if #remote > #s and remote:sub(-(#s + 1)) == "." .. s then return true; end
	end
	return false;
end

local function refused(remote, direction)
	local r = report().refused;
	local key = (remote or "?") .. " " .. direction;
	local entry = r[key];
	if not entry then
		entry = { domain = remote or "?"; direction = direction; count = 0 };
		r[key] = entry;
	end
	entry.count = entry.count + 1;
	entry.last = os.time();
end

local function seen(remote)
	if remote and not ours(remote) then report().seen[remote] = os.time(); end
end

local function reason(remote)
	local policy = config.get(owner, "federation_policy") or "open";
	if policy == "closed" then return owner .. " does not talk to other servers"; end
	return owner .. " does not talk to " .. tostring(remote);
end

-- Errors and results are dropped silently: answering them could loop.
local function bounce(origin, stanza, remote)
	local t = stanza.attr.type;
	if t == "error" or (stanza.name == "iq" and t == "result") then return; end
	local reply = st.error_reply(stanza, "cancel", "policy-violation", reason(remote), owner);
	if origin and origin.send then
		origin.send(reply);
	else
		module:send(reply);
	end
end

-- Outgoing, from this server to another.
module:hook("route/remote", function(event)
	local remote = event.to_host;
	if allowed(remote) then return; end
	refused(remote, "outgoing");
	bounce(event.origin, event.stanza, remote);
	return true;
end, 1000);

-- Stanzas from this domain's people to another domain on the same server, which never reach route/remote.
local function outgoing_local(event)
	local stanza = event.stanza;
	local to = stanza.attr.to and jid_host(stanza.attr.to);
	if not to or ours(to) or not prosody.hosts[to] or allowed(to) then return; end
	refused(to, "outgoing");
	bounce(event.origin, stanza, to);
	return true;
end

-- Stanzas arriving from another domain: over server-to-server links, or from another domain on this server.
local function incoming(event)
	local origin, stanza = event.origin, event.stanza;
	local from = stanza.attr.from and jid_host(stanza.attr.from) or origin.from_host or origin.host;
	if origin.type == "s2sin" then
		from = origin.from_host or from;
	elseif not from or ours(from) or (origin.type ~= "c2s" and origin.type ~= "component" and origin.type ~= "local") then
		return;
	end
	if from == nil or allowed(from) then return; end
	refused(from, "incoming");
	bounce(origin, stanza, from);
	return true;
end

for _, name in ipairs({ "message", "presence", "iq" }) do
	for _, kind in ipairs({ "bare", "full", "host" }) do
		module:hook(name .. "/" .. kind, incoming, 1000);
		if module:get_host_type() == "local" then module:hook("pre-" .. name .. "/" .. kind, outgoing_local, 1000); end
	end
end

-- A server-to-server link from a domain this one does not talk to is closed as soon as it is authenticated.
module:hook("s2sin-established", function(event)
	local session = event.session;
	if allowed(session.from_host) then
		seen(session.from_host);
		return;
	end
	refused(session.from_host, "incoming");
	session:close({ condition = "policy-violation"; text = reason(session.from_host) });
end);

-- After mod_s2s_auth_certs (priority 0) has judged the certificate, before mod_s2s refuses it (-1): a partner this
-- domain named is let through to dialback. Returning true ends the event, as a domain in s2s_insecure_domains would.
module:hook_global("s2s-check-certificate", function(event)
	local session, remote = event.session, event.host;
	local here = session.direction == "outgoing" and session.from_host or session.to_host;
	if not here or not ours(here) or not remote then return; end
	if session.cert_chain_status == "valid" and session.cert_identity_status == "valid" then return; end
	for _, d in ipairs(config.get(owner, "federation_insecure_partners") or {}) do
		if remote:lower() == d then
			session.log("warn", "Accepting %s without a valid certificate: %s names it as a partner", remote, owner);
			return true;
		end
	end
end, -0.5);

module:hook("s2sout-established", function(event)
	seen(event.session.to_host);
end);

-- On load (the platform reloads the module when the policy changes), links the new policy forbids are closed.
function module.load()
	for session in pairs(prosody.incoming_s2s or {}) do
		if session.to_host == host and session.from_host and not allowed(session.from_host) then
			session:close({ condition = "policy-violation"; text = reason(session.from_host) });
		end
	end
	local h = prosody.hosts[host];
	for remote, session in pairs(h and h.s2sout or {}) do
		if not allowed(remote) then
			session:close({ condition = "policy-violation"; text = reason(remote) });
		end
	end
end
