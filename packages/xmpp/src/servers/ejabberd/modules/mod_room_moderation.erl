%% Room moderation from the platform: what ejabberd 23.01's mod_muc_admin lacks for the platform's moderation methods
%% (kick, role and subject; occupants with their affiliation; a ban with its reason; an unban that only undoes a ban),
%% with the outcomes of the platform's Prosody driver.
%%
%% Each change runs in the room's own process, between two of its events, through the room's own handlers with no
%% actor (the item change mod_muc_room:change_item asks for, and a configuration change that stores the room): no
%% owner account is needed, occupants see the usual status codes (307 kick, 301 ban), and what a command reads
%% cannot change before it acts. The subject, which only an occupant's message sets in 23.01, is set there too and
%% sent from the room's bare JID, as Prosody's room:set_subject does.
%%
%% Admin API commands: room_occupants, kick_occupant, set_occupant_role, change_room_affiliation, set_room_subject
%% and get_room_subject. A room that does not exist is an error.
-module(mod_room_moderation).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([
    room_occupants/2, kick_occupant/4, set_occupant_role/5, change_room_affiliation/6,
    set_room_subject/3, get_room_subject/2
]).
%% The copied records' fields, for the platform's tests.
-export([room_records/0]).

%% ejabberd 23.01's records, as mod_muc_room.hrl and p1_xmpp's xmpp_codec.hrl define them (the headers are not on
%% the compiler's path when the server compiles this module). Only the layout matters here; each use checks it.
-record(state, {
    room, host, server_host, access, jid, config, users, muc_subscribers, last_voice_request_time, robots, nicks,
    affiliations, roles, history, subject, subject_author, hats_users, just_created, activity, room_shaper,
    room_queue, hibernate_timer
}).
-record(user, {jid, nick, role, last_presence}).
-record(text, {lang = <<>>, data = <<>>}).
-record(message, {
    id = <<>>, type = normal, lang = <<>>, from, to, subject = [], body = [], thread, sub_els = [], meta = #{}
}).
-include("xh_commands.hrl").

start(Host, _Opts) ->
    xh_commands:add(?MODULE, commands(), [Host, "'s rooms cannot be moderated"]).

stop(Host) ->
    xh_commands:remove(Host, ?MODULE, commands()).

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_options(_Host) -> [].
mod_doc() -> #{desc => [<<"Room moderation from the platform (the platform's own module).">>]}.

room_records() ->
    [{state, record_info(fields, state)}, {user, record_info(fields, user)},
     {text, record_info(fields, text)}, {message, record_info(fields, message)}].

room_args() -> [{name, binary}, {service, binary}].

commands() ->
    [
        #ejabberd_commands{
            name = room_occupants, tags = [muc_room],
            desc = "A room's occupants: nick, bare JID, role and affiliation, sorted by nick",
            module = ?MODULE, function = room_occupants, args = room_args(),
            result = {occupants, {list, {occupant, {tuple, [
                {nick, string}, {jid, string}, {role, string}, {affiliation, string}
            ]}}}}
        },
        #ejabberd_commands{
            name = kick_occupant, tags = [muc_room],
            desc = "Remove an occupant by nick (status 307; it may join again): kicked, or absent",
            module = ?MODULE, function = kick_occupant,
            args = room_args() ++ [{nick, binary}, {reason, binary}], result = {outcome, string}
        },
        #ejabberd_commands{
            name = set_occupant_role, tags = [muc_room],
            desc = "Set an occupant's role by nick: set, unchanged, or absent",
            module = ?MODULE, function = set_occupant_role,
            args = room_args() ++ [{nick, binary}, {role, binary}, {reason, binary}], result = {outcome, string}
        },
        #ejabberd_commands{
            name = change_room_affiliation, tags = [muc_room],
            desc = "Set an account's affiliation with a reason; with only_if (empty: none), only from that one. "
                   "Answers the affiliation before, and whether it changed",
            module = ?MODULE, function = change_room_affiliation,
            args = room_args() ++ [{jid, binary}, {affiliation, binary}, {reason, binary}, {only_if, binary}],
            result = {change, {tuple, [{previous, string}, {changed, string}]}}
        },
        #ejabberd_commands{
            name = set_room_subject, tags = [muc_room],
            desc = "Set the subject the occupants see, as the room itself (empty clears it)",
            module = ?MODULE, function = set_room_subject,
            args = room_args() ++ [{subject, binary}], result = {res, rescode}
        },
        #ejabberd_commands{
            name = get_room_subject, tags = [muc_room],
            desc = "The subject the occupants see (empty when there is none)",
            module = ?MODULE, function = get_room_subject, args = room_args(), result = {subject, string}
        }
    ].

%% Refused: mod_http_api answers 400 with the text. Parts are UTF-8 binaries and lists of characters.
fail(Parts) -> throw({error, unicode:characters_to_binary(Parts)}).

%% The room's process, started if it is stored but hibernated (as mod_muc_admin finds rooms).
room_pid(Name, Service) ->
    case {jid:nodeprep(Name), jid:nameprep(Service)} of
        {LName, LService} when is_binary(LName), LName /= <<>>, is_binary(LService) ->
            ServerHost =
                try ejabberd_router:host_of_route(LService)
                catch error:_ -> fail(["no such group chat service: ", Service])
                end,
            Found = gen_mod:is_loaded(ServerHost, mod_muc) andalso mod_muc:unhibernate_room(ServerHost, LService, LName),
            case Found of
                {ok, Pid} -> Pid;
                _ -> fail(["no such room: ", LName, "@", LService])
            end;
        _ ->
            fail(["invalid room: ", Name, "@", Service])
    end.

room_state(Pid) ->
    case mod_muc_room:get_state(Pid) of
        {ok, #state{} = S} -> S;
        {ok, _} -> fail(["ejabberd's room state is not the one ", atom_to_list(?MODULE), " was written for"]);
        {error, Why} -> fail(["the room did not answer: ", atom_to_list(Why)])
    end.

nick(Nick) ->
    case jid:resourceprep(Nick) of
        N when is_binary(N), N /= <<>> -> N;
        _ -> fail(["invalid nickname: ", Nick])
    end.

%% The sessions in the room under that nick (one occupant may join from several).
sessions(#state{nicks = Nicks, users = Users}, Nick) ->
    [U || LJID <- maps:get(Nick, Nicks, []), {ok, U} <- [maps:find(LJID, Users)]].

bare(JID) ->
    {U, S, _} = jid:tolower(JID),
    jid:encode({U, S, <<>>}).

room_occupants(Name, Service) ->
    S = room_state(room_pid(Name, Service)),
    lists:sort(maps:fold(
        fun(Nick, _, Acc) ->
            case sessions(S, Nick) of
                [#user{jid = JID, role = Role} | _] ->
                    Affiliation = mod_muc_room:get_affiliation(JID, S),
                    [{Nick, bare(JID), atom_to_binary(Role, utf8), atom_to_binary(Affiliation, utf8)} | Acc];
                [] ->
                    Acc
            end
        end,
        [],
        S#state.nicks
    )).

kick_occupant(Name, Service, Nick, Reason) ->
    LNick = nick(Nick),
    in_room(room_pid(Name, Service), fun(S) ->
        case sessions(S, LNick) of
            [] ->
                {"absent", S};
            [#user{jid = JID} | _] = Sessions ->
                S1 = lists:foldl(fun(#user{jid = J}, SD) -> item_change({J, role, none, Reason}, SD) end, S, Sessions),
                {"kicked", store(forget_role(JID, S1))}
        end
    end).

role(<<"moderator">>) -> moderator;
role(<<"participant">>) -> participant;
role(<<"visitor">>) -> visitor;
role(Other) -> fail(["invalid role: ", Other]).

set_occupant_role(Name, Service, Nick, RoleName, Reason) ->
    Role = role(RoleName),
    LNick = nick(Nick),
    in_room(room_pid(Name, Service), fun(S) ->
        case sessions(S, LNick) of
            [] ->
                {"absent", S};
            Sessions ->
                case [J || #user{jid = J, role = R} <- Sessions, R /= Role] of
                    [] ->
                        {"unchanged", S};
                    [JID | _] = Changed ->
                        S1 = lists:foldl(fun(J, SD) -> item_change({J, role, Role, Reason}, SD) end, S, Changed),
                        {"set", store(forget_role(JID, S1))}
                end
        end
    end).

affiliation(<<"owner">>) -> owner;
affiliation(<<"admin">>) -> admin;
affiliation(<<"member">>) -> member;
affiliation(<<"outcast">>) -> outcast;
affiliation(<<"none">>) -> none;
affiliation(Other) -> fail(["invalid affiliation: ", Other]).

account(Jid) ->
    try jid:decode(Jid) of
        JID ->
            case jid:tolower(JID) of
                {U, _, <<>>} when U /= <<>> -> JID;
                _ -> fail(["not an account's bare JID: ", Jid])
            end
    catch error:_ ->
        fail(["invalid account JID: ", Jid])
    end.

%% mod_muc_admin's set_room_affiliation drops the reason (a banned occupant's presence then has none), cannot make
%% the change depend on the affiliation it replaces (an unban that leaves a member alone), and leaves the stored role.
change_room_affiliation(Name, Service, Jid, AffiliationName, Reason, OnlyIf) ->
    Affiliation = affiliation(AffiliationName),
    Condition = case OnlyIf of <<>> -> any; _ -> affiliation(OnlyIf) end,
    Account = account(Jid),
    in_room(room_pid(Name, Service), fun(S) ->
        Previous = mod_muc_room:get_affiliation(Account, S),
        case (Condition /= any andalso Previous /= Condition) orelse Previous == Affiliation of
            true ->
                {{atom_to_binary(Previous, utf8), <<"false">>}, S};
            false ->
                S1 = item_change({Account, affiliation, Affiliation, Reason}, S),
                {{atom_to_binary(Previous, utf8), <<"true">>}, store(forget_role(Account, S1))}
        end
    end).

set_room_subject(Name, Service, Subject) ->
    Stored = case Subject of <<>> -> []; _ -> [#text{data = Subject}] end,
    Shown = case Stored of [] -> [#text{}]; _ -> Stored end,
    in_room(room_pid(Name, Service), fun(S) ->
        %% No author: occupants, and new ones as they join, get it from the room's bare JID (as on Prosody).
        S1 = store(S#state{subject = Stored, subject_author = <<>>}),
        lists:foreach(
            fun(#user{jid = To}) ->
                ejabberd_router:route(#message{type = groupchat, from = S1#state.jid, to = To, subject = Shown})
            end,
            [U || #user{last_presence = P} = U <- maps:values(S1#state.users), P /= undefined]
        ),
        {ok, S1}
    end).

get_room_subject(Name, Service) ->
    case (room_state(room_pid(Name, Service)))#state.subject of
        [] -> <<>>;
        Texts -> xmpp:get_text(Texts)
    end.

%% Runs Fun(State) -> {Result, NewState} in the room's process between two of its events, and answers Result:
%% what it reads cannot change before it acts. p1_fsm has no system_replace_state, so sys:replace_state hands the
%% function its loop data, [Name, StateName, StateData, Module | _].
in_room(Pid, Fun) ->
    Caller = self(),
    Ref = make_ref(),
    Run = fun([Name, normal_state, #state{} = S, mod_muc_room | Rest]) ->
        {Result, S1} = Fun(S),
        Caller ! {Ref, Result},
        [Name, normal_state, S1, mod_muc_room | Rest]
    end,
    try sys:replace_state(Pid, Run) of
        _ -> receive {Ref, Result} -> Result after 0 -> fail(["the room did not answer"]) end
    catch
        error:{callback_failed, _, {throw, {error, _} = Refused}} -> throw(Refused);
        Class:Why -> fail(["the room could not be changed: ", io_lib:format("~p:~p", [Class, Why])])
    end.

%% The room's own handling of an item change with no actor: what mod_muc_room:change_item (and so mod_muc_admin's
%% set_room_affiliation) asks of it. Occupants see the usual presence, with 307 for a kick and 301 for a ban.
item_change({JID, _, _, _} = Item, S) ->
    case mod_muc_room:handle_sync_event({process_item_change, Item, undefined}, undefined, normal_state, S) of
        {reply, {ok, S1}, normal_state, S1} -> S1;
        {reply, Error, _, _} -> fail(["the room refused to change ", jid:encode(JID), ": ", io_lib:format("~p", [Error])])
    end.

%% ejabberd 23.01 remembers a role per account in a moderated room, set by every role or affiliation change, and
%% gives it back on joining even to an outcast or a removed member (later versions forget it on a ban). On the
%% platform's changes, as on Prosody, the role on joining follows the affiliation: a ban holds.
forget_role(JID, #state{roles = Roles} = S) ->
    {U, Server, _} = jid:tolower(JID),
    S#state{roles = maps:remove({U, Server, <<>>}, Roles)}.

%% The room's own configuration change, to the configuration it has: it stores a persistent room as it is now, and
%% tells the occupants nothing.
store(#state{config = Config} = S) ->
    {reply, {ok, _}, normal_state, S1} =
        mod_muc_room:handle_sync_event({change_config, Config}, undefined, normal_state, S),
    S1.
