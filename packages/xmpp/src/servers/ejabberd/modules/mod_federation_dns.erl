%% Finds other servers' addresses through the resolvers of the node's inetrc (the platform's), as it finds their
%% SRV records. ejabberd 23.01 asks the system's getaddrinfo for A and AAAA records, which ignores inetrc, so a
%% server published only in the platform's zone could not be reached.
%%
%% It takes over the outgoing connections of its host (s2s_out_init) with the one callback ejabberd_s2s_out lacks,
%% resolve/2, and hands every other callback to ejabberd_s2s_out. If ejabberd_s2s_out's callbacks are not the ones
%% below (another ejabberd version), it stays out of the way and the system's resolver is used.
-module(mod_federation_dns).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_opt_type/1, mod_options/1, mod_doc/0]).
-export([s2s_out_init/2]).
%% For the platform's tests.
-export([matches_s2s_out/0]).
%% xmpp_stream_out's callbacks.
-export([resolve/2]).
-export([
    init/1,
    handle_call/3,
    handle_cast/2,
    handle_info/2,
    terminate/2,
    code_change/3,
    tls_options/1,
    tls_required/1,
    tls_verify/1,
    tls_enabled/1,
    connect_options/3,
    connect_timeout/1,
    address_families/1,
    default_port/1,
    dns_retries/1,
    dns_timeout/1,
    handle_auth_success/2,
    handle_auth_failure/3,
    handle_packet/2,
    handle_stream_end/2,
    handle_stream_downgraded/2,
    handle_recv/3,
    handle_send/3,
    handle_cdata/2,
    handle_stream_established/1,
    handle_timeout/1
]).

-include_lib("kernel/include/inet.hrl").

-define(S2S, ejabberd_s2s_out).

start(Host, _Opts) ->
    case matches_s2s_out() of
        true ->
            ejabberd_hooks:add(s2s_out_init, Host, ?MODULE, s2s_out_init, 90);
        false ->
            logger:warning("~s: ejabberd_s2s_out's callbacks differ; ~s finds other servers with the system's resolver",
                [?MODULE, Host])
    end,
    ok.

stop(Host) ->
    ejabberd_hooks:delete(s2s_out_init, Host, ?MODULE, s2s_out_init, 90).

reload(_Host, _NewOpts, _OldOpts) ->
    ok.

depends(_Host, _Opts) ->
    [].

mod_opt_type(_) -> econf:bool().

mod_options(_Host) ->
    [].

mod_doc() ->
    #{desc => [<<"Other servers' addresses through the node's resolvers (the platform's own module).">>]}.

%% Whether this module hands over exactly the callbacks ejabberd_s2s_out has.
matches_s2s_out() ->
    Callbacks = xmpp_stream_out:behaviour_info(callbacks),
    Of = fun(M) -> lists:sort([C || C <- M:module_info(exports), lists:member(C, Callbacks)]) end,
    Of(?S2S) == Of(?MODULE) -- [{resolve, 2}].

s2s_out_init({ok, State}, _Opts) ->
    {ok, State#{mod => ?MODULE}};
s2s_out_init(Acc, _Opts) ->
    Acc.

%% The SRV targets (by priority, then weight) and their addresses, or the domain's own addresses on the default
%% port. Nothing found: ejabberd then tries the system's resolver.
resolve(Host, State) ->
    Timeout = ?S2S:dns_timeout(State),
    Targets =
        case inet_res:getbyname("_xmpp-server._tcp." ++ Host, srv, Timeout) of
            {ok, #hostent{h_addr_list = Records}} ->
                [{Target, Port} || {_, _, Port, Target} <- lists:sort(fun srv_order/2, Records), Target /= "."];
            {error, _} ->
                [{Host, ?S2S:default_port(State)}]
        end,
    Families = ?S2S:address_families(State),
    [{Addr, Port, false} || {Target, Port} <- Targets, Family <- Families, Addr <- addresses(Target, Family, Timeout)].

srv_order({P1, W1, _, _}, {P2, W2, _, _}) ->
    {P1, -W1} =< {P2, -W2}.

addresses(Name, Family, Timeout) ->
    case inet:parse_address(Name) of
        {ok, {_, _, _, _} = IP} when Family == inet -> [IP];
        {ok, {_, _, _, _, _, _, _, _} = IP} when Family == inet6 -> [IP];
        {ok, _} -> [];
        {error, _} ->
            Type = case Family of inet -> a; inet6 -> aaaa end,
            case inet_res:getbyname(Name, Type, Timeout) of
                {ok, #hostent{h_addr_list = IPs}} -> IPs;
                {error, _} -> []
            end
    end.

init(Args) -> ?S2S:init(Args).
handle_call(Request, From, State) -> ?S2S:handle_call(Request, From, State).
handle_cast(Msg, State) -> ?S2S:handle_cast(Msg, State).
handle_info(Info, State) -> ?S2S:handle_info(Info, State).
terminate(Reason, State) -> ?S2S:terminate(Reason, State).
code_change(OldVsn, State, Extra) -> ?S2S:code_change(OldVsn, State, Extra).
tls_options(State) -> ?S2S:tls_options(State).
tls_required(State) -> ?S2S:tls_required(State).
tls_verify(State) -> ?S2S:tls_verify(State).
tls_enabled(State) -> ?S2S:tls_enabled(State).
connect_options(Addr, Opts, State) -> ?S2S:connect_options(Addr, Opts, State).
connect_timeout(State) -> ?S2S:connect_timeout(State).
address_families(State) -> ?S2S:address_families(State).
default_port(State) -> ?S2S:default_port(State).
dns_retries(State) -> ?S2S:dns_retries(State).
dns_timeout(State) -> ?S2S:dns_timeout(State).
handle_auth_success(Mech, State) -> ?S2S:handle_auth_success(Mech, State).
handle_auth_failure(Mech, Reason, State) -> ?S2S:handle_auth_failure(Mech, Reason, State).
handle_packet(Pkt, State) -> ?S2S:handle_packet(Pkt, State).
handle_stream_end(Reason, State) -> ?S2S:handle_stream_end(Reason, State).
handle_stream_downgraded(StreamStart, State) -> ?S2S:handle_stream_downgraded(StreamStart, State).
handle_recv(El, Pkt, State) -> ?S2S:handle_recv(El, Pkt, State).
handle_send(El, Pkt, State) -> ?S2S:handle_send(El, Pkt, State).
handle_cdata(Data, State) -> ?S2S:handle_cdata(Data, State).
handle_stream_established(State) -> ?S2S:handle_stream_established(State).
handle_timeout(State) -> ?S2S:handle_timeout(State).
