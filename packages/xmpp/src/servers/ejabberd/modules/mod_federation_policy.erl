%% Each domain's federation policy: who its people, group chats and services may talk to on other domains. The
%% same rules, and the same words, as the platform's Prosody module of the same name.
%%
%% Options, on each virtual host (read at each check, so reload_config applies them without a restart):
%%   policy            open (default), allowlist or closed
%%   allowlist         with allowlist: the other domains allowed; their subdomains (group chats, upload services)
%%                     are allowed with them
%%   allowed_suffixes  with allowlist: every domain under these names is allowed too
%%
%% Every stanza the server routes is checked, so a policy holds at once for links already open (ejabberd's own
%% s2s_access is consulted only when a link opens). A service (groups.D, share.D) follows its domain D. Other
%% domains on the same server are held to the policy too.
%%
%% Refusals and the other domains seen are counted in memory, per domain; the admin API's federation_report hands
%% each count over once (the Prosody module's report, in the same shape).
-module(mod_federation_policy).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_opt_type/1, mod_options/1, mod_doc/0]).
-export([filter_packet/1, federation_report/1]).
%% The rule itself, for the platform's tests.
-export([allows/5]).

%% Marks the platform's own bounces, which must pass the check that made them.
-define(BOUNCE, federation_policy_bounce).
%% The counts: {{refused, Domain, Remote, Direction}, Count, Last} and {{seen, Domain, Remote}, Last}.
-define(COUNTS, federation_policy_counts).

-include("xh_commands.hrl").

start(Host, _Opts) ->
    counts(),
    %% filter_packet is one hook for the whole server: added once, whichever host starts first.
    ejabberd_hooks:add(filter_packet, ?MODULE, filter_packet, 10),
    xh_commands:add(?MODULE, commands(), [Host, "'s federation is not counted"]).

stop(Host) ->
    case gen_mod:is_loaded_elsewhere(Host, ?MODULE) of
        true ->
            ok;
        false ->
            ejabberd_hooks:delete(filter_packet, ?MODULE, filter_packet, 10),
            xh_commands:remove(Host, ?MODULE, commands())
    end.

commands() ->
    [#ejabberd_commands{
        name = federation_report,
        tags = [server],
        desc = "Each domain's federation refusals and the other domains seen since the last report (then forgotten)",
        module = ?MODULE,
        function = federation_report,
        args = [{hosts, {list, {host, binary}}}],
        result = {report, string}
    }].

%% The counts' table, kept by a process of its own: modules start and stop in passing processes.
counts() ->
    case ets:whereis(?COUNTS) of
        undefined ->
            Parent = self(),
            Pid = spawn(fun() ->
                try register(?COUNTS, self()) of
                    true ->
                        ets:new(?COUNTS, [named_table, public, set, {write_concurrency, true}]),
                        Parent ! {?COUNTS, ready},
                        receive never -> ok end
                catch
                    error:badarg -> Parent ! {?COUNTS, ready}
                end
            end),
            receive {?COUNTS, ready} -> ok after 5000 -> logger:warning("~s: no table for counts (~p)", [?MODULE, Pid]) end;
        _ ->
            ok
    end.

%% Each count is taken out as it is reported, so the next report has only what came after.
federation_report(Hosts) ->
    Report = maps:from_list([{H, report(jid:nameprep(H))} || H <- Hosts]),
    binary_to_list(iolist_to_binary(jiffy:encode(Report))).

report(Host) ->
    Refused = [
        #{domain => R, direction => D, count => N, last => T}
     || {refused, H, R, D} = K <- keys(), H == Host, {_, N, T} <- ets:take(?COUNTS, K)
    ],
    Seen = [#{domain => R, last => T} || {seen, H, R} = K <- keys(), H == Host, {_, T} <- ets:take(?COUNTS, K)],
    #{refused => Refused, seen => Seen}.

keys() ->
    case ets:whereis(?COUNTS) of
        undefined -> [];
        _ -> ets:select(?COUNTS, [{{'$1', '_'}, [], ['$1']}, {{'$1', '_', '_'}, [], ['$1']}])
    end.

count_refusal(Owner, Remote, Direction) ->
    Key = {refused, Owner, Remote, Direction},
    Now = erlang:system_time(second),
    catch ets:update_counter(?COUNTS, Key, {2, 1}, {Key, 0, Now}),
    catch ets:update_element(?COUNTS, Key, {3, Now}).

count_seen(Owner, Remote) ->
    catch ets:insert(?COUNTS, {{seen, Owner, Remote}, erlang:system_time(second)}).

reload(_Host, _NewOpts, _OldOpts) ->
    ok.

depends(_Host, _Opts) ->
    [].

mod_opt_type(policy) -> econf:enum([open, allowlist, closed]);
mod_opt_type(allowlist) -> econf:list(econf:domain());
mod_opt_type(allowed_suffixes) -> econf:list(econf:domain()).

mod_options(_Host) ->
    [{policy, open}, {allowlist, []}, {allowed_suffixes, []}].

mod_doc() ->
    #{desc => [<<"Each domain's federation policy (the platform's own module).">>]}.

filter_packet(drop) ->
    drop;
filter_packet(Pkt) ->
    case xmpp:get_meta(Pkt, ?BOUNCE, false) of
        true -> Pkt;
        false -> check(Pkt, xmpp:get_from(Pkt), xmpp:get_to(Pkt))
    end.

check(Pkt, From, To) when From /= undefined, To /= undefined ->
    {_, FromServer, _} = jid:tolower(From),
    {_, ToServer, _} = jid:tolower(To),
    FromOwner = owner(FromServer),
    ToOwner = owner(ToServer),
    if
        FromOwner == ToOwner ->
            Pkt;
        true ->
            %% Outgoing (this server's domain writes to another), then incoming (another writes to one of ours).
            case refusal(FromOwner, ToServer) of
                {refused, Text} ->
                    count_refusal(FromOwner, ToServer, outgoing),
                    bounce(Pkt, Text);
                allowed ->
                    case refusal(ToOwner, FromServer) of
                        {refused, Text} ->
                            count_refusal(ToOwner, FromServer, incoming),
                            bounce(Pkt, Text);
                        allowed ->
                            seen(FromOwner, ToServer, ToOwner, FromServer),
                            Pkt
                    end
            end
    end;
check(Pkt, _From, _To) ->
    Pkt.

%% Another server's domain that talked with one of ours (domains of this server are not counted).
seen(undefined, _ToServer, ToOwner, FromServer) -> count_seen(ToOwner, FromServer);
seen(FromOwner, ToServer, undefined, _FromServer) -> count_seen(FromOwner, ToServer);
seen(_, _, _, _) -> ok.

%% The virtual host a local address belongs to (itself, or the domain a service serves); undefined if remote.
owner(Server) ->
    case ejabberd_router:is_my_route(Server) of
        true -> ejabberd_router:host_of_route(Server);
        false -> undefined
    end.

refusal(undefined, _Remote) ->
    allowed;
refusal(Owner, Remote) ->
    case gen_mod:is_loaded(Owner, ?MODULE) of
        false ->
            allowed;
        true ->
            Policy = gen_mod:get_module_opt(Owner, ?MODULE, policy),
            Allowlist = gen_mod:get_module_opt(Owner, ?MODULE, allowlist),
            Suffixes = gen_mod:get_module_opt(Owner, ?MODULE, allowed_suffixes),
            case allows(Policy, Owner, Allowlist, Suffixes, Remote) of
                true -> allowed;
                false -> {refused, reason(Policy, Owner, Remote)}
            end
    end.

%% Whether the domain Owner, under its policy, talks to Remote.
allows(open, _Owner, _Allowlist, _Suffixes, _Remote) ->
    true;
allows(Policy, Owner, Allowlist, Suffixes, Remote) ->
    under(Remote, Owner) orelse
        (Policy == allowlist andalso
            (lists:any(fun(D) -> under(Remote, D) end, Allowlist) orelse
                lists:any(fun(S) -> below(Remote, S) end, Suffixes))).

%% The domain itself or a name under it.
under(Name, Domain) ->
    Name == Domain orelse below(Name, Domain).

%% A name strictly under the domain.
below(Name, Domain) ->
    Suffix = <<".", Domain/binary>>,
    byte_size(Name) > byte_size(Suffix) andalso
        binary:longest_common_suffix([Name, Suffix]) == byte_size(Suffix).

reason(closed, Owner, _Remote) -> <<Owner/binary, " does not talk to other servers">>;
reason(_Policy, Owner, Remote) -> <<Owner/binary, " does not talk to ", Remote/binary>>.

%% The stanza comes back as a policy-violation error with the reason; errors and results are dropped silently
%% (answering them could loop).
bounce(Pkt, Text) ->
    Type = xmpp:get_type(Pkt),
    if
        Type == error; Type == result ->
            ok;
        true ->
            Err = xmpp:err_policy_violation(Text, xmpp:get_lang(Pkt)),
            ejabberd_router:route(xmpp:put_meta(xmpp:make_error(Pkt, Err), ?BOUNCE, true))
    end,
    drop.
