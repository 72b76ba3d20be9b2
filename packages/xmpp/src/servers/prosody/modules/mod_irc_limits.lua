-- Limits how many IRC connections a domain's users open through its IRC gateway (biboumi has no limits of its own).
-- biboumi opens one IRC connection per (bare JID, IRC server); a channel is the room #chan%server@gateway.
--
-- Options, on the VirtualHost:
--   irc_gateway_host    the gateway's JID (default "irc.<host>")
--   irc_max_servers     distinct IRC servers the domain's users may be connected to at once (unset: no limit)
--   irc_max_connections distinct (user, IRC server) pairs at once (unset: no limit)
--   irc_allow_private_servers  let users reach IRC servers on loopback and private addresses (tests only)
--
-- It also keeps the gateway from being turned against the platform's own network: biboumi lets users change an IRC
-- server's address and ports, and send it raw lines, by ad-hoc commands and messages; those are refused here, as are
-- joins to IRC servers named by a private address.

local st = require "util.stanza";
local jid_split = require "util.jid".split;
local jid_bare = require "util.jid".bare;

local gateway = module:get_option_string("irc_gateway_host", "irc." .. module.host);
local max_servers = module:get_option_number("irc_max_servers");
local max_connections = module:get_option_number("irc_max_connections");
local allow_private = module:get_option_boolean("irc_allow_private_servers", false);

local MUC_USER = "http://jabber.org/protocol/muc#user";

-- conns[bare][server][full][channel] = "pending" | "joined"; a (bare, server) key is one IRC connection.
local conns = {};
-- users_on[server] = how many bare JIDs of this domain are connected to it.
local users_on = {};
local server_count, connection_count = 0, 0;

-- Prosody keeps state across a module reload; a restart starts empty, as every session is new then.
function module.save()
	return { conns = conns, users_on = users_on, server_count = server_count, connection_count = connection_count };
end

function module.restore(data)
	conns = data.conns or {};
	users_on = data.users_on or {};
	server_count = data.server_count or 0;
	connection_count = data.connection_count or 0;
end

-- The IRC server and channel a gateway JID names; nil for JIDs that are not the gateway's.
local function parse(jid)
	local node, host = jid_split(jid);
	if host ~= gateway or not node then return nil; end
	-- biboumi splits at the first %; a node without one names the IRC server itself.
	local sep = node:find("%", 1, true);
	local server = sep and node:sub(sep + 1) or node;
	if server == "" then return nil; end
	return server:lower(), node;
end

local function add(bare, full, server, channel)
	local by_server = conns[bare];
	if not by_server then
		by_server = {};
		conns[bare] = by_server;
	end
	local sessions = by_server[server];
	if not sessions then
		sessions = {};
		by_server[server] = sessions;
		connection_count = connection_count + 1;
		if not users_on[server] then
			users_on[server] = 0;
			server_count = server_count + 1;
		end
		users_on[server] = users_on[server] + 1;
	end
	local channels = sessions[full];
	if not channels then
		channels = {};
		sessions[full] = channels;
	end
	channels[channel] = channels[channel] or "pending";
end

local function remove(bare, full, server, channel)
	local by_server = conns[bare];
	local sessions = by_server and by_server[server];
	local channels = sessions and sessions[full];
	if not (channels and channels[channel]) then return; end
	channels[channel] = nil;
	if next(channels) then return; end
	sessions[full] = nil;
	if next(sessions) then return; end
	by_server[server] = nil;
	connection_count = connection_count - 1;
	users_on[server] = users_on[server] - 1;
	if users_on[server] == 0 then
		users_on[server] = nil;
		server_count = server_count - 1;
	end
	if not next(by_server) then conns[bare] = nil; end
	module:log("debug", "%s left the IRC server %s", bare, server);
end

local function state_of(bare, full, server, channel)
	local sessions = conns[bare] and conns[bare][server];
	local channels = sessions and sessions[full];
	return channels and channels[channel];
end

-- An IRC server named by a loopback, private or link-local address, or a name that only resolves inside a network.
local function private_server(server)
	if server == "localhost" or server:match("%.localhost$") or not server:find(".", 1, true) then return true; end
	-- IPv6 literals are refused whole: IRC networks are reached by name.
	if server:find(":", 1, true) or server:find("[", 1, true) then return true; end
	local a, b = server:match("^(%d+)%.(%d+)%.%d+%.%d+$");
	if not a then return false; end
	a, b = tonumber(a), tonumber(b);
	return a == 0 or a == 10 or a == 127 or (a == 100 and b >= 64 and b <= 127) or (a == 169 and b == 254)
		or (a == 172 and b >= 16 and b <= 31) or (a == 192 and b == 168) or a >= 224;
end

-- Presence a local user sends to the gateway: available joins a channel, unavailable leaves it.
local function outgoing(event)
	local origin, stanza = event.origin, event.stanza;
	local t = stanza.attr.type;
	if t ~= nil and t ~= "unavailable" then return; end
	local server, channel = parse(stanza.attr.to);
	if not server then return; end
	local full = stanza.attr.from or origin.full_jid;
	if not full then return; end
	local bare = jid_bare(full);
	if t == "unavailable" then
		remove(bare, full, server, channel);
		return;
	end
	-- Presence updates to a channel already joined are never refused.
	if state_of(bare, full, server, channel) then return; end
	local new_connection = not (conns[bare] and conns[bare][server]);
	local reason;
	if not allow_private and private_server(server) then
		reason = "IRC servers on private addresses cannot be reached through this gateway";
	elseif new_connection and not users_on[server] and max_servers and server_count >= max_servers then
		reason = ("This domain may use at most %d IRC servers at once"):format(max_servers);
	elseif new_connection and max_connections and connection_count >= max_connections then
		reason = ("This domain may have at most %d IRC connections at once"):format(max_connections);
	end
	if reason then
		module:log("debug", "refused %s joining %s: %s", full, stanza.attr.to, reason);
		local reply = st.error_reply(stanza, "wait", "policy-violation", reason);
		-- As a MUC's own error does (XEP-0045): clients match the answer to their join by it.
		local x = stanza:get_child("x", "http://jabber.org/protocol/muc");
		if x then reply:add_direct_child(st.clone(x)); end
		origin.send(reply);
		return true;
	end
	add(bare, full, server, channel);
	if new_connection then module:log("debug", "%s connects to the IRC server %s", bare, server); end
end

-- Presence the gateway sends a local user: a refused join (error) or being removed from a channel ends it.
local function incoming(event)
	local stanza = event.stanza;
	local t = stanza.attr.type;
	if t ~= "error" and t ~= "unavailable" and t ~= nil then return; end
	local server, channel = parse(stanza.attr.from);
	if not server then return; end
	local to = stanza.attr.to;
	local bare = jid_bare(to);
	local sessions = conns[bare] and conns[bare][server];
	if not sessions then return; end
	-- biboumi sends a failed join's error to the bare JID: it answers every session waiting on that channel.
	local targets = {};
	if to == bare then
		for full in pairs(sessions) do targets[#targets + 1] = full; end
	else
		targets[1] = to;
	end
	local codes = {};
	local x = stanza:get_child("x", MUC_USER);
	if x then
		for status in x:childtags("status") do
			if status.attr.code then codes[status.attr.code] = true; end
		end
	end
	for _, full in ipairs(targets) do
		local channels = sessions[full];
		local state = channels and channels[channel];
		if state and t == nil then
			if codes["110"] then channels[channel] = "joined"; end
		elseif state == "pending" and t == "error" then
			-- Only a join still waiting for its answer fails; an error to a later stanza leaves the user in the channel.
			remove(bare, full, server, channel);
		elseif state and t == "unavailable" and codes["110"] and not codes["303"] then
			-- The user's own unavailable (kicked, IRC connection lost); 303 is a nick change, not a leave.
			remove(bare, full, server, channel);
		end
	end
end

-- Ad-hoc commands (server address, ports, raw commands after connecting, persistent channels) and channel
-- configuration are the platform's to set, not users': refused.
local CONFIG_NAMESPACES = { "http://jabber.org/protocol/commands", "http://jabber.org/protocol/muc#owner" };

local function outgoing_iq(event)
	local origin, stanza = event.origin, event.stanza;
	if stanza.attr.type ~= "set" and stanza.attr.type ~= "get" then return; end
	local _, host = jid_split(stanza.attr.to);
	if host ~= gateway then return; end
	for _, ns in ipairs(CONFIG_NAMESPACES) do
		if stanza:get_child(nil, ns) then
			origin.send(st.error_reply(stanza, "cancel", "not-allowed", "The IRC gateway's settings are managed by the platform"));
			return true;
		end
	end
	-- Listing commands (disco#items on the commands node) would only offer what is refused.
	local query = stanza:get_child("query", "http://jabber.org/protocol/disco#items");
	if query and query.attr.node == "http://jabber.org/protocol/commands" then
		origin.send(st.reply(stanza):tag("query", { xmlns = "http://jabber.org/protocol/disco#items", node = query.attr.node }));
		return true;
	end
end

-- A message to the IRC server's own JID (no % in it) is a raw IRC line: refused.
local function outgoing_message(event)
	local origin, stanza = event.origin, event.stanza;
	local node, host = jid_split(stanza.attr.to);
	if host ~= gateway or stanza.attr.type == "error" then return; end
	if node and node:find("%", 1, true) then return; end
	if not stanza:get_child("body") then return; end
	origin.send(st.error_reply(stanza, "cancel", "not-allowed", "Raw IRC commands are not allowed through this gateway"));
	return true;
end

module:hook("pre-iq/full", outgoing_iq, 10);
module:hook("pre-iq/bare", outgoing_iq, 10);
module:hook("pre-iq/host", outgoing_iq, 10);
module:hook("pre-message/full", outgoing_message, 10);
module:hook("pre-message/bare", outgoing_message, 10);
module:hook("pre-message/host", outgoing_message, 10);

module:hook("pre-presence/full", outgoing, 10);
module:hook("pre-presence/bare", outgoing, 10);
module:hook("presence/full", incoming, 10);
module:hook("presence/bare", incoming, 10);

module:hook("resource-unbind", function(event)
	local session = event.session;
	local full = session.full_jid;
	if not full then return; end
	local bare = jid_bare(full);
	local by_server = conns[bare];
	if not by_server then return; end
	local gone = {};
	for server, sessions in pairs(by_server) do
		for channel in pairs(sessions[full] or {}) do gone[#gone + 1] = { server, channel }; end
	end
	for _, g in ipairs(gone) do remove(bare, full, g[1], g[2]); end
end);
