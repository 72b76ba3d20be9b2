-- Loaded by the Lua interpreter before Prosody itself (lua5.4 -e "dofile(...)" /usr/bin/prosody ...).
--
-- Prosody compiles a module's source anew for every host that loads it (util.pluginloader -> util.envload), so a
-- server with hundreds of hosts holds hundreds of identical copies of every module's bytecode: about two thirds
-- of the memory each domain costs. Here each module source is compiled once, as a function that takes the
-- module's environment, and every host instantiates it from the same compiled prototypes. What a host gets is
-- what Prosody would have given it: the same code with its own environment, globals, upvalues and state; only
-- the read-only bytecode and constants are shared.
local real_require = require;
local patched = false;
-- Counts for the curious (and the tests): sources compiled, and instantiations that reused a compiled one.
local stats = { compiled = 0, reused = 0 };
rawset(_G, "xh_shared_module_code", stats);

local function share(envload_module)
	local compile = envload_module.envload;
	local factories = {};
	envload_module.envload = function(code, source, env)
		-- Only plugin code loaded into an environment; configuration files and the rest load as before.
		if env == nil or type(code) ~= "string" or type(source) ~= "string" or not source:find("/modules/", 1, true) then
			return compile(code, source, env);
		end
		local key = source .. "\0" .. code;
		local factory = factories[key];
		if factory == nil then
			-- On the first line, so that line numbers in errors and tracebacks stay those of the file.
			local err;
			factory, err = load("local _ENV = ...; return function(...) " .. code .. "\nend", source, "t", {});
			if not factory then return nil, err; end
			factories[key] = factory;
			stats.compiled = stats.compiled + 1;
		else
			stats.reused = stats.reused + 1;
		end
		return factory(env);
	end;
end

function require(name, ...) -- luacheck: ignore 121
	local loaded = real_require(name, ...);
	if not patched and name == "util.envload" then
		patched = true;
		share(loaded);
	end
	return loaded;
end
