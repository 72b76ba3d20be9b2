-- Members' invites, limited per person: with `allow_user_invites`, mod_invites_adhoc lets every member create
-- invites that register new accounts ("Create new contact invite", urn:xmpp:invite#invite), with no limit of its
-- own. This module counts them and refuses the command once a member has created `member_invites_per_week` of them
-- in the last seven days (a spammer's account would otherwise hand out accounts by the thousand).
--
-- Loaded on the virtual hosts whose setting is above 0, with allow_user_invites. Options are read at each check, so
-- a configuration reload applies them without a restart. Admins of the host (Prosody's prosody:admin role) are not
-- limited, as mod_invites_adhoc itself lets them invite anyway. Prosody's files are left as they are: the count is
-- taken from mod_invites' own "invite-created" event, the refusal comes before mod_adhoc runs the command.
--
-- The times of each member's registration invites are kept in this host's store `xh_member_invites` (one record per
-- username), so the count survives restarts; the record goes with the account.

local st = require "util.stanza";
local jid_split = require "util.jid".split;
local is_admin = require "core.usermanager".is_admin;

local xmlns_commands = "http://jabber.org/protocol/commands";
local INVITE_NODE = "urn:xmpp:invite#invite";
local WEEK = 7 * 86400;

local store = module:open_store("xh_member_invites");

local function per_week()
	return module:get_option_number("member_invites_per_week", 0) or 0;
end

-- The member of this host a JID belongs to, unless an admin (or not of this host at all).
local function limited_member(jid)
	local username, host = jid_split(jid);
	if not username or host ~= module.host or is_admin(jid, module.host) then return nil; end
	return username;
end

-- Creation times within the last week, oldest first.
local function recent(username, now)
	local kept = {};
	for _, t in ipairs(store:get(username) or {}) do
		if type(t) == "number" and t > now - WEEK then kept[#kept + 1] = t; end
	end
	table.sort(kept);
	return kept;
end

-- Counted as mod_invites makes them, whatever asked for them: only invites that can register someone.
module:hook("invite-created", function(invite)
	if not invite.allow_registration then return; end
	local source = type(invite.additional_data) == "table" and invite.additional_data.source;
	local username = type(source) == "string" and limited_member(source);
	if not username then return; end
	local now = os.time();
	local times = recent(username, now);
	times[#times + 1] = now;
	local ok, err = store:set(username, times);
	if not ok then module:log("error", "Could not count an invite of %s: %s", username, err); end
end);

-- Before mod_adhoc (priority 500) runs the command: a member over the limit gets an error and no invite.
module:hook("iq-set/host/" .. xmlns_commands .. ":command", function(event)
	local origin, stanza = event.origin, event.stanza;
	local command = stanza.tags[1];
	if command.attr.node ~= INVITE_NODE or command.attr.action == "cancel" then return; end
	local max = per_week();
	local username = limited_member(stanza.attr.from);
	if max <= 0 or not username then return; end
	local now = os.time();
	local times = recent(username, now);
	if #times < max then return; end
	local again = os.date("!%Y-%m-%d %H:%M UTC", times[#times - max + 1] + WEEK);
	local text = ("You have created %d %s in the last 7 days, the most allowed on %s. You can invite someone again after %s.")
		:format(#times, #times == 1 and "invite" or "invites", module.host, again);
	module:log("info", "Refused an invite to %s: %d in the last 7 days", username, #times);
	origin.send(st.error_reply(stanza, "wait", "policy-violation", text):up()
		:add_child(st.stanza("command", { xmlns = xmlns_commands; node = INVITE_NODE; status = "canceled" })
			:tag("note", { type = "error" }):text(text)));
	return true;
end, 600);

module:hook_global("user-deleted", function(event)
	if event.host == module.host then store:set(event.username, nil); end
end);
