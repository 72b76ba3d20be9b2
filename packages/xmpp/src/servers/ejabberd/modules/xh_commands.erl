%% The platform modules' admin API commands, registered and unregistered the same way by each of them.
-module(xh_commands).

-export([add/3, remove/3]).

-include("xh_commands.hrl").

%% Registers Module's commands where this ejabberd's command record is the one they are built with; otherwise logs
%% what cannot be done without them (Without).
add(Module, Commands, Without) ->
    case same_record() of
        true -> ejabberd_commands:register_commands(Module, Commands);
        false -> logger:warning("~s: ejabberd's command record differs; ~s", [Module, Without])
    end,
    ok.

%% Unregisters them when Host is the last to stop Module.
remove(Host, Module, Commands) ->
    case gen_mod:is_loaded_elsewhere(Host, Module) of
        true -> ok;
        false ->
            _ = same_record() andalso ejabberd_commands:unregister_commands(Commands),
            ok
    end.

same_record() ->
    case ets:info(ejabberd_commands, size) of
        undefined -> false;
        0 -> false;
        _ -> lists:all(fun(C) -> size(C) == size(#ejabberd_commands{}) end, ets:tab2list(ejabberd_commands))
    end.
