-- Serves /.well-known/host-meta and /.well-known/host-meta.json (XEP-0156) for a virtual host, so that web clients
-- find its WebSocket and BOSH endpoints from the domain name alone. Prosody 0.12 has no such module.
--
-- Options, on the VirtualHost:
--   host_meta_websocket_url  wss://... (unset: not announced)
--   host_meta_bosh_url       https://... (unset: not announced)

module:depends("http");

local websocket_url = module:get_option_string("host_meta_websocket_url");
local bosh_url = module:get_option_string("host_meta_bosh_url");

local function xml_escape(s)
	return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub("'", "&apos;"):gsub('"', "&quot;"));
end

local function json_escape(s)
	return (s:gsub("\\", "\\\\"):gsub('"', '\\"'));
end

local links = {};
if websocket_url then table.insert(links, { rel = "urn:xmpp:alt-connections:websocket", href = websocket_url }); end
if bosh_url then table.insert(links, { rel = "urn:xmpp:alt-connections:xbosh", href = bosh_url }); end

local function xrd()
	local out = { "<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n" };
	for _, l in ipairs(links) do
		table.insert(out, ("  <Link rel='%s' href='%s'/>\n"):format(xml_escape(l.rel), xml_escape(l.href)));
	end
	table.insert(out, "</XRD>\n");
	return table.concat(out);
end

local function jrd()
	local items = {};
	for _, l in ipairs(links) do
		table.insert(items, ('{"rel":"%s","href":"%s"}'):format(json_escape(l.rel), json_escape(l.href)));
	end
	return '{"links":[' .. table.concat(items, ",") .. "]}";
end

local function serve(body, content_type)
	return function(event)
		local response = event.response;
		response.headers.content_type = content_type;
		-- Web clients on other origins read it (XEP-0156 asks for CORS).
		response.headers.access_control_allow_origin = "*";
		return body;
	end
end

module:provides("http", {
	name = "host_meta";
	default_path = "/.well-known";
	route = {
		["GET /host-meta"] = serve(xrd(), "application/xrd+xml");
		["GET /host-meta.json"] = serve(jrd(), "application/json");
	};
});
