%% Suspended accounts: they cannot log in, and keep everything (password, contacts, history, vCard). ejabberd 23.01
%% has no such thing (its ban_account replaces the password). The same behaviour as the platform's Prosody module of
%% the same name.
%%
%% The marks live in a Mnesia table of their own (kept on disc, and in the server's backups). A suspended account's
%% login is answered with the SASL failure account-disabled (RFC 6120) and its stream is closed; suspending closes
%% the account's sessions at once, resumable ones included. Deleting the account forgets its mark.
%%
%% Admin API commands: suspend_account (returns how many sessions were closed), restore_account and
%% suspended_accounts.
-module(mod_account_suspension).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([auth_result/3, remove_user/2]).
-export([suspend_account/2, restore_account/2, suspended_accounts/1, pause_logins/2]).

-record(xh_suspended, {us, since}).
%% p1_xmpp's records, as its xmpp.hrl defines them (the header is not on the compiler's path at a start).
-record(sasl_failure, {reason, text = []}).
-include("xh_commands.hrl").

-define(TEXT, <<"This account is suspended">>).
-define(MOVING, <<"This chat address is moving to another server">>).

start(Host, _Opts) ->
    ejabberd_mnesia:create(?MODULE, xh_suspended, [
        {disc_copies, [node()]}, {attributes, record_info(fields, xh_suspended)}
    ]),
    %% Before ejabberd's own handlers (100), so that a suspended login never hears success.
    ejabberd_hooks:add(c2s_auth_result, Host, ?MODULE, auth_result, 10),
    ejabberd_hooks:add(remove_user, Host, ?MODULE, remove_user, 50),
    xh_commands:add(?MODULE, commands(), "no suspension commands").

stop(Host) ->
    ejabberd_hooks:delete(c2s_auth_result, Host, ?MODULE, auth_result, 10),
    ejabberd_hooks:delete(remove_user, Host, ?MODULE, remove_user, 50),
    xh_commands:remove(Host, ?MODULE, commands()).

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_options(_Host) -> [].
mod_doc() -> #{desc => [<<"Suspended accounts (the platform's own module).">>]}.

commands() ->
    [
        #ejabberd_commands{
            name = suspend_account, tags = [accounts],
            desc = "Suspend an account (keeping its data) and close its sessions; returns how many were closed",
            module = ?MODULE, function = suspend_account,
            args = [{user, binary}, {host, binary}], result = {closed, integer}
        },
        #ejabberd_commands{
            name = restore_account, tags = [accounts],
            desc = "Lift an account's suspension: restored, or active when it was not suspended",
            module = ?MODULE, function = restore_account,
            args = [{user, binary}, {host, binary}], result = {outcome, string}
        },
        #ejabberd_commands{
            name = pause_logins, tags = [accounts],
            desc = "Refuse (true) or accept again (false) every login of a host, closing its sessions; "
                   "returns how many were closed",
            module = ?MODULE, function = pause_logins,
            args = [{host, binary}, {paused, binary}], result = {closed, integer}
        },
        #ejabberd_commands{
            name = suspended_accounts, tags = [accounts],
            desc = "The suspended accounts of a host (their user names)",
            module = ?MODULE, function = suspended_accounts,
            args = [{host, binary}], result = {users, {list, {username, string}}}
        }
    ].

us(User, Host) -> {jid:nodeprep(User), jid:nameprep(Host)}.

suspended({_, _} = US) ->
    mnesia:dirty_read(xh_suspended, US) /= [].

%% While a move's data leaves the server, every login of the host is refused the same way (in memory only).
paused(LServer) -> persistent_term:get({?MODULE, paused, LServer}, false).

auth_result(#{lserver := LServer} = State, true, User) ->
    case paused(LServer) orelse suspended(us(User, LServer)) of
        true ->
            Lang = maps:get(lang, State, <<"en">>),
            Text = case paused(LServer) of true -> ?MOVING; false -> ?TEXT end,
            State1 = xmpp_stream_in:send(State, #sasl_failure{
                reason = 'account-disabled', text = xmpp:mk_text(Text, Lang)
            }),
            {stop, xmpp_stream_in:send(State1, xmpp:serr_not_authorized(Text, Lang))};
        false ->
            State
    end;
auth_result(State, _Result, _User) ->
    State.

remove_user(User, Host) ->
    mnesia:dirty_delete(xh_suspended, us(User, Host)).

suspend_account(User, Host) ->
    {LUser, LServer} = US = us(User, Host),
    case ejabberd_auth:user_exists(LUser, LServer) of
        false ->
            throw({error, "no such account"});
        true ->
            suspended(US) orelse mnesia:dirty_write(#xh_suspended{us = US, since = erlang:system_time(second)}),
            Pids = [P || R <- ejabberd_sm:get_user_resources(LUser, LServer),
                         P <- [ejabberd_sm:get_session_pid(LUser, LServer, R)], is_pid(P)],
            %% The stream error tells the client why; stopping the process also ends a session waiting to be resumed.
            lists:foreach(
                fun(Pid) ->
                    ejabberd_c2s:send(Pid, xmpp:serr_not_authorized(?TEXT, <<"en">>)),
                    ejabberd_c2s:stop_async(Pid)
                end,
                Pids
            ),
            length(Pids)
    end.

pause_logins(Host, Paused) ->
    LServer = jid:nameprep(Host),
    case Paused of
        <<"false">> ->
            persistent_term:erase({?MODULE, paused, LServer}),
            0;
        <<"true">> ->
            persistent_term:put({?MODULE, paused, LServer}, true),
            Pids = [P || {U, S, R} <- ejabberd_sm:get_vh_session_list(LServer),
                         P <- [ejabberd_sm:get_session_pid(U, S, R)], is_pid(P)],
            %% system-shutdown: clients reconnect by themselves.
            lists:foreach(
                fun(Pid) ->
                    ejabberd_c2s:send(Pid, xmpp:serr_system_shutdown(?MOVING, <<"en">>)),
                    ejabberd_c2s:stop_async(Pid)
                end,
                Pids
            ),
            length(Pids);
        _ ->
            throw({error, "paused is true or false"})
    end.

restore_account(User, Host) ->
    US = us(User, Host),
    case suspended(US) of
        false -> "active";
        true -> mnesia:dirty_delete(xh_suspended, US), "restored"
    end.

suspended_accounts(Host) ->
    LServer = jid:nameprep(Host),
    Marks = mnesia:dirty_match_object(#xh_suspended{us = {'_', LServer}, _ = '_'}),
    lists:sort([binary_to_list(U) || #xh_suspended{us = {U, _}} <- Marks]).
