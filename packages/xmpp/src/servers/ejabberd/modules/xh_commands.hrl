%% ejabberd 23.01's admin command record, as its ejabberd_commands.hrl defines it (that header is not on the compiler's
%% path when the server compiles the platform's modules). xh_commands registers commands built with it only where the
%% server's own record has the same size.
-record(ejabberd_commands, {
    name, tags = [], desc = "", longdesc = "", version = 0, note = "", weight = 1, module, function, args = [],
    policy = restricted, access = [], definer = unknown, result = {res, rescode}, args_rename = [],
    args_desc = none, result_desc = none, args_example = none, result_example = none
}).
