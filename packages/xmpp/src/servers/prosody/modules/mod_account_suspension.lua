-- Suspended accounts: they cannot log in, and keep everything (password, contacts, history, vCard). Prosody 0.12 has
-- no account disabling of its own (13.0 added it).
--
-- The platform marks an account in this host's store `xh_suspended` (one record per username, through the admin
-- shell, which also closes the account's sessions). This module then:
--  * answers SASL with `account-disabled` (RFC 6120), by giving the SASL profile the "disabled" state that
--    util.sasl already knows, so no password is checked and no session is made;
--  * refuses resource binding, should a session be authenticated some other way;
--  * forgets the mark when the account is deleted, so that a new account of that name starts free.

local store = module:open_store("xh_suspended");

-- While the platform moves the domain to another server, every login of the host is refused the same way, for a
-- moment (a mark on the host, in memory only: the admin shell sets and lifts it).
local function paused()
	local h = prosody.hosts[module.host];
	return h ~= nil and h.xh_logins_paused == true;
end

local function suspended(username)
	if type(username) ~= "string" then return false; end
	return paused() or store:get(username) ~= nil;
end

-- What util.sasl's mechanisms read from the profile; the last value false means "account disabled".
local DISABLED = {
	plain = function() return nil, false; end;
	plain_test = function() return false, false; end;
};
local function disabled_scram() return nil, nil, nil, nil, false; end

local function guard(profile)
	if profile.xh_suspension then return; end
	for name, fn in pairs(profile) do
		if type(fn) == "function" then
			local refuse = DISABLED[name] or (name:match("^scram_") and disabled_scram);
			if refuse then
				profile[name] = function(sasl, username, ...)
					if suspended(username) then return refuse(); end
					return fn(sasl, username, ...);
				end;
			end
		end
	end
	profile.xh_suspension = true;
end

-- mod_saslauth makes the session's SASL handler while it adds its stream features; ours run after it.
module:hook("stream-features", function(event)
	local handler = event.origin.sasl_handler;
	if handler and type(handler.profile) == "table" then guard(handler.profile); end
end, -10);

module:hook("pre-resource-bind", function(event)
	if suspended(event.session.username) then
		event.error = { type = "auth", condition = "not-authorized", text = "This account is suspended" };
		return false;
	end
end, 100);

module:hook_global("user-deleted", function(event)
	if event.host == module.host then store:set(event.username, nil); end
end);
