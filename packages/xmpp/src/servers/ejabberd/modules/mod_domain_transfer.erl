%% A domain's data in and out as one XEP-0227 document, in the shape the platform's Prosody driver reads and writes:
%% so a domain can move between Prosody and ejabberd, and be exported from either.
%%
%% The accounts (SCRAM credentials as stored), contacts, vCards, private XML and offline messages go through
%% ejabberd's own ejabberd_piefxis. What it leaves out is added here: each account's message archive as XEP-0227
%% 1.1's <archive xmlns="urn:xmpp:pie:0#mam">, each account's PEP nodes (avatars, nickname, XEP-0402 bookmarks) as
%% XEP-0227's <pubsub> elements, read and written through mod_pubsub, and the group chats under the MUC service's own <host> element, one
%% <room xmlns="urn:x-xmpp-host:pie:muc:0"> each: the configuration as a submitted muc#roomconfig form, the
%% affiliations as muc#admin items, the subject, and the history as an <archive>. Archives are read and written in
%% mod_mam's Mnesia table, the platform's only store for it.
%%
%% Admin API commands: export_domain_pie and import_domain_pie, on a file named by the platform in the Mnesia
%% folder. An import refuses, before writing anything, a document for another domain or one that names an account
%% or a group chat that exists.
-module(mod_domain_transfer).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([export_domain_pie/2, import_domain_pie/2, forget_domain_data/1]).
%% The copied record's fields, for the platform's tests.
-export([scram_fields/0, pubsub_fields/0]).

-record(xmlel, {name, attrs = [], children = []}).
%% mod_pubsub's node and item records (pubsub.hrl), which are not on the compiler's path either.
-record(pubsub_node, {nodeid, id, parents = [], type = <<"flat">>, owners = [], options = []}).
-record(pubsub_item, {itemid, nodeidx, creation = {unknown, unknown}, modification = {unknown, unknown}, payload = []}).
%% ejabberd 23.01's stored SCRAM credentials (ejabberd_auth.hrl): keys and salt as base64 text.
-record(scram, {storedkey = <<"">>, serverkey = <<"">>, salt = <<"">>, hash = sha, iterationcount = 0}).
-include("xh_commands.hrl").

-define(NS_PIE, <<"urn:xmpp:pie:0">>).
-define(NS_PIE_MAM, <<"urn:xmpp:pie:0#mam">>).
-define(NS_PIE_MUC, <<"urn:x-xmpp-host:pie:muc:0">>).
-define(NS_MUC_ADMIN, <<"http://jabber.org/protocol/muc#admin">>).
-define(NS_DATA, <<"jabber:x:data">>).
-define(ROOMCONFIG, <<"http://jabber.org/protocol/muc#roomconfig">>).
-define(NS_PUBSUB, <<"http://jabber.org/protocol/pubsub">>).
-define(NS_PUBSUB_OWNER, <<"http://jabber.org/protocol/pubsub#owner">>).
-define(NODE_CONFIG, <<"http://jabber.org/protocol/pubsub#node_config">>).
-define(NS_BOOKMARKS, <<"urn:xmpp:bookmarks:1">>).
-define(NS_LEGACY_BOOKMARKS, <<"storage:bookmarks">>).

start(_Host, _Opts) ->
    xh_commands:add(?MODULE, commands(), "domains cannot be exported").

stop(Host) ->
    xh_commands:remove(Host, ?MODULE, commands()).

reload(_Host, _NewOpts, _OldOpts) -> ok.
depends(_Host, _Opts) -> [].
mod_options(_Host) -> [].
mod_doc() -> #{desc => [<<"A domain's data as XEP-0227, group chats and archives included (the platform's own module).">>]}.

scram_fields() -> record_info(fields, scram).
pubsub_fields() -> [{pubsub_node, record_info(fields, pubsub_node)}, {pubsub_item, record_info(fields, pubsub_item)}].

counts() ->
    {counts, {tuple, [{users, integer}, {contacts, integer}, {archived, integer}, {offline, integer},
                      {pep_nodes, integer}, {rooms, integer}, {room_messages, integer}, {bytes, integer}]}}.

imported() ->
    {imported, {tuple, [{users, integer}, {archived, integer}, {offline, integer}, {pep_nodes, integer},
                        {rooms, integer}, {room_messages, integer}]}}.

commands() ->
    [
        #ejabberd_commands{
            name = export_domain_pie, tags = [accounts],
            desc = "Write a domain's accounts, archives and group chats as XEP-0227 to a file in the Mnesia folder",
            module = ?MODULE, function = export_domain_pie, args = [{host, binary}, {file, binary}],
            result = counts()
        },
        #ejabberd_commands{
            name = forget_domain_data, tags = [accounts],
            desc = "Delete a domain's accounts and group chats with all their data, telling nobody (it moved)",
            module = ?MODULE, function = forget_domain_data, args = [{host, binary}],
            result = {forgotten, {tuple, [{users, integer}, {rooms, integer}]}}
        },
        #ejabberd_commands{
            name = import_domain_pie, tags = [accounts],
            desc = "Create a domain's accounts, archives and group chats from a XEP-0227 file in the Mnesia folder",
            module = ?MODULE, function = import_domain_pie, args = [{host, binary}, {file, binary}],
            result = imported()
        }
    ].

%% Refused: mod_http_api answers 400 with the text.
fail(Parts) -> throw({error, unicode:characters_to_binary(Parts)}).

served_host(Host) ->
    case jid:nameprep(Host) of
        H when is_binary(H), H /= <<>> ->
            case lists:member(H, ejabberd_option:hosts()) of
                true -> H;
                false -> fail(["not a domain of this server: ", Host])
            end;
        _ -> fail(["invalid domain: ", Host])
    end.

%% Only names the platform gives, in the Mnesia folder.
data_file(Prefix, File) ->
    case re:run(File, <<"^\\.xh-", Prefix/binary, "-[A-Za-z0-9-]+\\.xml$">>) of
        {match, _} -> filename:join(mnesia:system_info(directory), File);
        nomatch -> fail(["bad file name: ", File])
    end.

muc_service(Host) -> <<"groups.", Host/binary>>.

%%% Export

export_domain_pie(Host0, File) ->
    Host = served_host(Host0),
    Out = data_file(<<"export">>, File),
    Tmp = filename:join(mnesia:system_info(directory), ".xh-piefxis-" ++ integer_to_list(erlang:unique_integer([positive]))),
    ok = filelib:ensure_path(Tmp),
    try
        ok = ejabberd_piefxis:export_host(Tmp, Host),
        WithPep = [add_pep(fix_scram(U), Host) || U <- read_exported_users(Tmp, Host)],
        Users = [U || {U, _} <- WithPep],
        Fields = archive_fields(),
        Archived = [add_archive(U, Host, Fields) || U <- Users],
        {RoomsEl, Rooms, RoomMessages} = export_rooms(Host, Fields),
        Doc = #xmlel{name = <<"server-data">>, attrs = [{<<"xmlns">>, ?NS_PIE}],
                     children = [#xmlel{name = <<"host">>, attrs = [{<<"jid">>, Host}], children = [U || {U, _} <- Archived]}
                                 | RoomsEl]},
        Xml = <<"<?xml version='1.0' encoding='UTF-8'?>\n", (fxml:element_to_binary(Doc))/binary, "\n">>,
        ok = file:write_file(Out, Xml),
        Offline = lists:sum([length(offline_of(U)) || U <- Users]),
        Contacts = lists:sum([length(Is) || #xmlel{children = Cs} <- Users,
                                            #xmlel{name = <<"query">>, children = Is} = Q <- Cs,
                                            fxml:get_tag_attr_s(<<"xmlns">>, Q) == <<"jabber:iq:roster">>]),
        {length(Users), Contacts, lists:sum([N || {_, N} <- Archived]), Offline, lists:sum([N || {_, N} <- WithPep]),
         Rooms, RoomMessages, byte_size(Xml)}
    after
        _ = [file:delete(F) || F <- filelib:wildcard(filename:join(Tmp, "*"))],
        file:del_dir(Tmp)
    end.

%% export_host writes a main file and one per host, named by the time: the host's is the one that is not included.
read_exported_users(Dir, Host) ->
    Files = [F || F <- filelib:wildcard(filename:join(Dir, "*.xml"))],
    Els = [El || F <- Files, {ok, Bin} <- [file:read_file(F)], #xmlel{name = <<"host">>} = El <- [parse(Bin)]],
    case Els of
        [#xmlel{children = Children} = El] ->
            case fxml:get_tag_attr_s(<<"jid">>, El) of
                Host -> [C || #xmlel{name = <<"user">>} = C <- Children];
                Other -> fail(["ejabberd exported another host: ", Other])
            end;
        _ -> fail(["ejabberd's export of ", Host, " was not found"])
    end.

%% ejabberd 23.01's writer encodes the stored keys and salt, which are base64 already, once more: one decoding gives
%% XEP-0227's values.
fix_scram(#xmlel{children = Children} = U) ->
    U#xmlel{children = [case C of
                            #xmlel{name = <<"scram-credentials">>, children = Parts} ->
                                C#xmlel{children = [unwrap(P) || P <- Parts]};
                            _ -> C
                        end || C <- Children]}.

unwrap(#xmlel{name = Name} = P) when Name == <<"stored-key">>; Name == <<"server-key">>; Name == <<"salt">> ->
    P#xmlel{children = [{xmlcdata, base64:decode(fxml:get_tag_cdata(P))}]};
unwrap(P) -> P.

parse(Bin) ->
    case fxml_stream:parse_element(Bin) of
        #xmlel{} = El -> El;
        {error, Why} -> fail(["not XML: ", io_lib:format("~p", [Why])])
    end.

offline_of(#xmlel{children = Children}) ->
    lists:append([[M || #xmlel{name = <<"message">>} = M <- Ms] || #xmlel{name = <<"offline-messages">>, children = Ms} <- Children]).

%% mod_mam's table layout, read once per export: its field names, or none without a table (nothing archived yet).
archive_fields() ->
    case lists:member(archive_msg, mnesia:system_info(tables)) of
        false -> none;
        true -> mnesia:table_info(archive_msg, attributes)
    end.

%% mod_mam's rows of one archive (an account's, or a room's), oldest first, as maps of the table's own fields.
archive_rows(none, _US) -> [];
archive_rows(Fields, US) ->
    Rows = [maps:from_list(lists:zip(Fields, tl(tuple_to_list(R)))) || R <- mnesia:dirty_read(archive_msg, US)],
    lists:sort(fun(A, B) -> binary_to_integer(maps:get(id, A)) =< binary_to_integer(maps:get(id, B)) end, Rows).

result_el(Id, Stamp, Msg) ->
    #xmlel{name = <<"result">>, attrs = [{<<"xmlns">>, <<"urn:xmpp:mam:2">>}, {<<"id">>, Id}],
           children = [#xmlel{name = <<"forwarded">>, attrs = [{<<"xmlns">>, <<"urn:xmpp:forward:0">>}],
                              children = [#xmlel{name = <<"delay">>,
                                                 attrs = [{<<"xmlns">>, <<"urn:xmpp:delay">>}, {<<"stamp">>, Stamp}]},
                                          Msg]}]}.

client_message(#xmlel{attrs = Attrs} = El) ->
    El#xmlel{attrs = [{<<"xmlns">>, <<"jabber:client">>} | lists:keydelete(<<"xmlns">>, 1, Attrs)]}.

stamp(Now) -> xmpp_util:encode_timestamp(Now).

add_archive(#xmlel{attrs = Attrs, children = Children} = U, Host, Fields) ->
    Name = fxml:get_attr_s(<<"name">>, Attrs),
    Rows = archive_rows(Fields, {Name, Host}),
    Results = [result_el(maps:get(id, R), stamp(maps:get(timestamp, R)), client_message(maps:get(packet, R))) || R <- Rows],
    case Results of
        [] -> {U, 0};
        _ ->
            Archive = #xmlel{name = <<"archive">>, attrs = [{<<"xmlns">>, ?NS_PIE_MAM}], children = Results},
            {U#xmlel{children = Children ++ [Archive]}, length(Results)}
    end.

%% PEP node options, in XEP-0060's configuration fields (the ones Prosody's PEP knows too), with the values each
%% may take.
node_fields() ->
    [{title, <<"pubsub#title">>, text}, {max_items, <<"pubsub#max_items">>, max_items},
     {persist_items, <<"pubsub#persist_items">>, bool},
     {access_model, <<"pubsub#access_model">>, [open, presence, roster, authorize, whitelist]},
     {publish_model, <<"pubsub#publish_model">>, [publishers, subscribers, open]},
     {send_last_published_item, <<"pubsub#send_last_published_item">>, [never, on_sub, on_sub_and_presence]},
     {deliver_notifications, <<"pubsub#deliver_notifications">>, bool},
     {deliver_payloads, <<"pubsub#deliver_payloads">>, bool},
     {notification_type, <<"pubsub#notification_type">>, [headline, normal]},
     {notify_delete, <<"pubsub#notify_delete">>, bool}, {notify_retract, <<"pubsub#notify_retract">>, bool}].

node_value(text, V) when is_binary(V) -> [V];
node_value(bool, true) -> [<<"1">>];
node_value(bool, false) -> [<<"0">>];
node_value(max_items, max) -> [<<"max">>];
node_value(max_items, N) when is_integer(N) -> [integer_to_binary(N)];
node_value(Choices, V) when is_list(Choices), is_atom(V) ->
    case lists:member(V, Choices) of
        true -> [atom_to_binary(V, utf8)];
        false -> []
    end;
node_value(_, _) -> [].

node_option(text, V) -> {ok, V};
node_option(bool, V) -> {ok, lists:member(V, [<<"1">>, <<"true">>])};
node_option(max_items, <<"max">>) -> {ok, max};
node_option(max_items, V) ->
    case catch binary_to_integer(V) of
        N when is_integer(N), N > 0 -> {ok, N};
        _ -> none
    end;
node_option(Choices, V) ->
    case [C || C <- Choices, atom_to_binary(C, utf8) == V] of
        [C | _] -> {ok, C};
        [] -> none
    end.

%% The account's PEP nodes, as XEP-0227 writes them (and Prosody reads them): each node's configuration in a
%% <pubsub xmlns="...#owner">, its items in a <pubsub>, oldest first.
add_pep(#xmlel{children = Children} = U, Host) ->
    Name = fxml:get_tag_attr_s(<<"name">>, U),
    case pep_nodes(Name, Host) of
        [] -> {U, 0};
        Nodes ->
            Configure = [#xmlel{name = <<"configure">>, attrs = [{<<"node">>, Node}], children = [node_form(Options)]}
                         || {Node, Options, _} <- Nodes],
            Items = [#xmlel{name = <<"items">>, attrs = [{<<"node">>, Node}],
                            children = [#xmlel{name = <<"item">>, attrs = [{<<"id">>, Id}], children = Payload}
                                        || {Id, Payload} <- NodeItems]}
                     || {Node, _, NodeItems} <- Nodes, NodeItems /= []],
            Owner = #xmlel{name = <<"pubsub">>, attrs = [{<<"xmlns">>, ?NS_PUBSUB_OWNER}], children = Configure},
            Published = case Items of
                [] -> [];
                _ -> [#xmlel{name = <<"pubsub">>, attrs = [{<<"xmlns">>, ?NS_PUBSUB}], children = Items}]
            end,
            {U#xmlel{children = Children ++ [Owner | Published]}, length(Nodes)}
    end.

%% {Node, Options, [{ItemId, Payload}]} of each of the account's PEP nodes, by node name.
pep_nodes(Name, Host) ->
    case gen_mod:is_loaded(Host, mod_pubsub) of
        false -> [];
        true ->
            Owner = {Name, Host, <<>>},
            Nodes = case mod_pubsub:tree_action(Owner, get_nodes, [Owner]) of
                L when is_list(L) -> L;
                Error -> fail(["could not read the PEP nodes of ", Name, "@", Host, ": ", io_lib:format("~p", [Error])])
            end,
            lists:sort([{Node, Options, node_items(Owner, Node)}
                        || #pubsub_node{nodeid = {_, Node}, options = Options} <- Nodes])
    end.

node_items(Owner, Node) ->
    case mod_pubsub:get_items(Owner, Node) of
        Items when is_list(Items) ->
            Sorted = lists:sort(fun(A, B) -> created(A) =< created(B) end, Items),
            [{Id, [P || #xmlel{} = P <- Payload]} || #pubsub_item{itemid = {Id, _}, payload = Payload} <- Sorted];
        Error -> fail(["could not read the PEP node ", Node, ": ", io_lib:format("~p", [Error])])
    end.

created(#pubsub_item{creation = {Time, _}}) -> Time.

node_form(Options) ->
    Fields = [field(Var, Values) || {Opt, Var, Kind} <- node_fields(),
                                   {_, V} <- [lists:keyfind(Opt, 1, Options)],
                                   Values <- [node_value(Kind, V)], Values /= []],
    #xmlel{name = <<"x">>, attrs = [{<<"xmlns">>, ?NS_DATA}, {<<"type">>, <<"submit">>}],
           children = [field(<<"FORM_TYPE">>, [?NODE_CONFIG]) | Fields]}.

%% ejabberd's room options, in XEP-0045's configuration fields (the ones both servers know).
option_fields() ->
    [{title, <<"muc#roomconfig_roomname">>, text}, {description, <<"muc#roomconfig_roomdesc">>, text},
     {persistent, <<"muc#roomconfig_persistentroom">>, bool}, {public, <<"muc#roomconfig_publicroom">>, bool},
     {members_only, <<"muc#roomconfig_membersonly">>, bool}, {moderated, <<"muc#roomconfig_moderatedroom">>, bool},
     {password, <<"muc#roomconfig_roomsecret">>, text}, {allow_change_subj, <<"muc#roomconfig_changesubject">>, bool},
     {allow_user_invites, <<"muc#roomconfig_allowinvites">>, bool}, {lang, <<"muc#roomconfig_lang">>, text},
     {mam, <<"muc#roomconfig_enablearchiving">>, bool}].

field(Var, Values) ->
    #xmlel{name = <<"field">>, attrs = [{<<"var">>, Var}],
           children = [#xmlel{name = <<"value">>, children = [{xmlcdata, V}]} || V <- Values]}.

config_form(Options) ->
    Get = fun(K) -> proplists:get_value(atom_to_binary(K, utf8), Options, <<>>) end,
    Fields = lists:append(
        [[field(Var, [case Kind of bool -> bool_field(Get(Opt)); text -> Get(Opt) end])]
         || {Opt, Var, Kind} <- option_fields(), Opt /= password orelse Get(password_protected) == <<"true">>]),
    Whois = case Get(anonymous) of <<"false">> -> <<"anyone">>; _ -> <<"moderators">> end,
    #xmlel{name = <<"x">>, attrs = [{<<"xmlns">>, ?NS_DATA}, {<<"type">>, <<"submit">>}],
           children = [field(<<"FORM_TYPE">>, [?ROOMCONFIG]) | Fields] ++ [field(<<"muc#roomconfig_whois">>, [Whois])]}.

bool_field(<<"true">>) -> <<"1">>;
bool_field(_) -> <<"0">>.

export_rooms(Host, Fields) ->
    Service = muc_service(Host),
    case gen_mod:is_loaded(Host, mod_muc) of
        false -> {[], 0, 0};
        true ->
            Names = lists:sort([Name || {Name, _, _} <- mod_muc:get_online_rooms(Service)]),
            Rooms = [export_room(Name, Service, Fields) || Name <- Names],
            Kept = [R || {R, _} <- Rooms, R /= none],
            El = #xmlel{name = <<"host">>, attrs = [{<<"jid">>, Service}], children = Kept},
            {[El], length(Kept), lists:sum([N || {_, N} <- Rooms])}
    end.

export_room(Name, Service, Fields) ->
    Options = mod_muc_admin:get_room_options(Name, Service),
    case proplists:get_value(<<"persistent">>, Options) of
        <<"true">> ->
            Affiliations = lists:sort([{jid:encode({U, S, <<>>}), atom_to_binary(A, utf8)}
                                       || {U, S, A, _} <- mod_muc_admin:get_room_affiliations(Name, Service)]),
            Items = [#xmlel{name = <<"item">>, attrs = [{<<"jid">>, J}, {<<"affiliation">>, A}]} || {J, A} <- Affiliations],
            %% The subject is the room's state, not an option (read as the platform's room moderation reads it).
            Subject = case mod_room_moderation:get_room_subject(Name, Service) of
                <<>> -> [];
                Text -> [#xmlel{name = <<"subject">>, children = [{xmlcdata, Text}]}]
            end,
            Rows = archive_rows(Fields, {Name, Service}),
            Room = jid:encode({Name, Service, <<>>}),
            Results = [result_el(maps:get(id, R), stamp(maps:get(timestamp, R)), room_message(Room, R)) || R <- Rows],
            Archive = case Results of
                [] -> [];
                _ -> [#xmlel{name = <<"archive">>, attrs = [{<<"xmlns">>, ?NS_PIE_MAM}], children = Results}]
            end,
            {#xmlel{name = <<"room">>, attrs = [{<<"xmlns">>, ?NS_PIE_MUC}, {<<"name">>, Name}],
                    children = [config_form(Options),
                                #xmlel{name = <<"query">>, attrs = [{<<"xmlns">>, ?NS_MUC_ADMIN}], children = Items}]
                               ++ Subject ++ Archive},
             length(Results)};
        _ -> {none, 0}
    end.

%% As occupants see history: from the room's address with the sender's nick.
room_message(Room, Row) ->
    #xmlel{attrs = Attrs} = Msg = client_message(maps:get(packet, Row)),
    case maps:get(nick, Row, <<>>) of
        <<>> -> Msg;
        Nick -> Msg#xmlel{attrs = [{<<"from">>, <<Room/binary, "/", Nick/binary>>} | lists:keydelete(<<"from">>, 1, Attrs)]}
    end.

%%% Import

import_domain_pie(Host0, File) ->
    Host = served_host(Host0),
    Path = data_file(<<"import">>, File),
    Doc = case file:read_file(Path) of
        {ok, Bin} -> parse(Bin);
        {error, Why} -> fail(["cannot read ", File, ": ", file:format_error(Why)])
    end,
    case Doc of
        #xmlel{name = <<"server-data">>} ->
            case fxml:get_tag_attr_s(<<"xmlns">>, Doc) of
                ?NS_PIE -> ok;
                NS -> fail(["not a XEP-0227 document: ", NS])
            end;
        #xmlel{name = Other} -> fail(["not a XEP-0227 document: ", Other])
    end,
    Service = muc_service(Host),
    Hosts = [{fxml:get_tag_attr_s(<<"jid">>, H), H} || #xmlel{name = <<"host">>} = H <- Doc#xmlel.children],
    _ = [fail(["the document holds another domain: ", J]) || {J, _} <- Hosts, J /= Host, J /= Service],
    UsersHost = case lists:keyfind(Host, 1, Hosts) of
        {_, H} -> H;
        false -> fail(["the document holds no data for ", Host])
    end,
    Users = [U || #xmlel{name = <<"user">>} = U <- UsersHost#xmlel.children],
    Rooms = case lists:keyfind(Service, 1, Hosts) of
        {_, RH} -> [R || #xmlel{name = <<"room">>} = R <- RH#xmlel.children, fxml:get_tag_attr_s(<<"xmlns">>, R) == ?NS_PIE_MUC];
        false -> []
    end,
    Names = [check_user(U, Host) || U <- Users],
    RoomNames = [check_room(R, Service) || R <- Rooms],
    _ = length(lists:usort(Names)) == length(Names) orelse fail(["the document names an account twice"]),
    _ = length(lists:usort(RoomNames)) == length(RoomNames) orelse fail(["the document names a group chat twice"]),
    Credentials = [credentials(U, Host) || U <- Users],
    %% The accounts are created here with their credentials as written (ejabberd 23.01's reader would store the
    %% SCRAM keys decoded, where ejabberd keeps them in base64); its reader then takes the contacts, vCards, private
    %% XML and offline messages of accounts given without credentials.
    _ = [case ejabberd_auth:try_register(Name, Host, Pass) of
             ok -> ok;
             {error, Refused} -> fail(["could not create ", Name, "@", Host, ": ", atom_to_list(Refused)])
         end || {Name, Pass} <- lists:zip(Names, Credentials)],
    Bare = [U#xmlel{attrs = lists:keydelete(<<"password">>, 1, A),
                    children = [C || C <- Cs, not is_credentials(C)]} || #xmlel{attrs = A, children = Cs} = U <- Users],
    Tmp = filename:join(mnesia:system_info(directory), <<".xh-piefxis-", File/binary>>),
    ok = file:write_file(Tmp, fxml:element_to_binary(Doc#xmlel{children = [UsersHost#xmlel{children = Bare}]})),
    try ejabberd_piefxis:import_file(Tmp) of
        ok -> ok;
        {error, Err} -> fail(["ejabberd could not import the accounts: ", io_lib:format("~p", [Err])])
    after
        file:delete(Tmp)
    end,
    Archived = lists:sum([import_archive(Name, Host, Host, U, chat) || {Name, U} <- lists:zip(Names, Users)]),
    PepNodes = lists:sum([import_pep(Name, Host, U) || {Name, U} <- lists:zip(Names, Users)]),
    Offline = lists:sum([length(offline_of(U)) || U <- Users]),
    RoomMessages = lists:sum([import_room(Name, Service, Host, R) || {Name, R} <- lists:zip(RoomNames, Rooms)]),
    {length(Users), Archived, Offline, PepNodes, length(Rooms), RoomMessages}.

%% The account's PEP nodes that hold items, each created with its configuration (the server's forced settings, such
%% as those of XEP-0402 bookmarks, still win) and its items published again, oldest first. A node without items is
%% left out: the first publication creates it, with the server's settings for its kind.
import_pep(Name, Host, U) ->
    Configs = [{fxml:get_tag_attr_s(<<"node">>, C), form_values(C)}
               || #xmlel{name = <<"pubsub">>, children = Cs} = P <- U#xmlel.children,
                  fxml:get_tag_attr_s(<<"xmlns">>, P) == ?NS_PUBSUB_OWNER,
                  #xmlel{name = <<"configure">>} = C <- Cs],
    Nodes = [{fxml:get_tag_attr_s(<<"node">>, I),
              [{fxml:get_tag_attr_s(<<"id">>, It), Payload}
               || #xmlel{name = <<"item">>, children = ItCs} = It <- Is, #xmlel{} = Payload <- lists:sublist([E || #xmlel{} = E <- ItCs], 1)]}
             || #xmlel{name = <<"pubsub">>, children = Ps} = P <- U#xmlel.children,
                fxml:get_tag_attr_s(<<"xmlns">>, P) == ?NS_PUBSUB,
                #xmlel{name = <<"items">>, children = Is} = I <- Ps],
    WithItems = [{Node, Items} || {Node, Items} <- Nodes, Node /= <<>>, Items /= []],
    case {WithItems, gen_mod:is_loaded(Host, mod_pubsub)} of
        {[], _} -> 0;
        {_, false} -> fail(["the document holds PEP data, and this server has no PEP: ", Name, "@", Host]);
        {_, true} ->
            Owner = {Name, Host, <<>>},
            Jid = jid:make(Name, Host),
            %% XEP-0402's node last: a list published to the older node (XEP-0411) rewrites it, and it is the newer.
            Ordered = [N || {Node, _} = N <- WithItems, Node /= ?NS_BOOKMARKS] ++ [N || {?NS_BOOKMARKS, _} = N <- WithItems],
            lists:foreach(
                fun({Node, Items}) ->
                    Values = proplists:get_value(Node, Configs, []),
                    create_pep_node(Owner, Host, Jid, Node, node_config(Values, Items)),
                    [publish_pep_item(Owner, Host, Jid, Node, Id, Payload) || {Id, Payload} <- Items]
                end, Ordered),
            keep_bookmarks_in_private(Name, Host, WithItems),
            length(WithItems)
    end.

%% The submitted form as mod_pubsub's node options; an item larger than ejabberd's default limit raises it for its
%% node (Prosody sets none, and a photo can be larger).
node_config(Values, Items) ->
    Options = [{Opt, O} || {Opt, Var, Kind} <- node_fields(), {_, [V | _]} <- [lists:keyfind(Var, 1, Values)],
                           {ok, O} <- [node_option(Kind, V)]],
    Biggest = lists:max([byte_size(term_to_binary([P])) || {_, P} <- Items]),
    case Biggest > 250000 of
        true -> [{max_payload_size, Biggest} | Options];
        false -> Options
    end.

create_pep_node(Owner, Host, Jid, Node, Config) ->
    case mod_pubsub:create_node(Owner, Host, Node, Jid, <<"pep">>, all, Config) of
        {result, _} -> ok;
        {error, Why} ->
            %% Made already, by what the accounts' import published (private bookmarks go to PEP too).
            case mod_pubsub:get_items(Owner, Node) of
                Items when is_list(Items) -> ok;
                _ -> fail(["could not create the PEP node ", Node, " of ", jid:encode(Jid), ": ", io_lib:format("~p", [Why])])
            end
    end.

publish_pep_item(Owner, Host, Jid, Node, Id, Payload) ->
    case mod_pubsub:publish_item(Owner, Host, Node, Jid, Id, [Payload], [], all) of
        {result, _} -> ok;
        {error, Why} ->
            fail(["could not restore an item of the PEP node ", Node, " of ", jid:encode(Jid), ": ", io_lib:format("~p", [Why])])
    end.

%% The platform's bookmark module keeps XEP-0402 bookmarks and private storage (XEP-0049) in step: a later write of
%% the older list would retract the rooms it does not name. So imported XEP-0402 bookmarks are written there too.
keep_bookmarks_in_private(Name, Host, Nodes) ->
    case lists:keymember(?NS_BOOKMARKS, 1, Nodes) andalso gen_mod:is_loaded(Host, mod_bookmarks_compat) of
        true ->
            case mod_bookmarks_compat:legacy_storage(Name, Host) of
                {ok, Storage} -> ok = mod_private:set_data(jid:make(Name, Host), [{?NS_LEGACY_BOOKMARKS, Storage}]);
                {error, Why} -> fail(["could not read the bookmarks of ", Name, "@", Host, ": ", io_lib:format("~p", [Why])])
            end;
        false -> ok
    end.

is_credentials(#xmlel{name = <<"scram-credentials">>}) -> true;
is_credentials(_) -> false.

%% SCRAM credentials of the server's hash as stored (XEP-0227 carries the keys and salt in base64, as ejabberd keeps
%% them), or a password in clear where another server wrote one.
credentials(#xmlel{children = Children} = U, Host) ->
    Name = fxml:get_tag_attr_s(<<"name">>, U),
    Scram = [C || #xmlel{name = <<"scram-credentials">>} = C <- Children],
    case Scram of
        [C | _] ->
            Hash = case fxml:get_tag_attr_s(<<"mechanism">>, C) of
                <<"SCRAM-SHA-1">> -> sha;
                <<"SCRAM-SHA-256">> -> sha256;
                <<"SCRAM-SHA-512">> -> sha512;
                M -> fail(["unknown credentials of ", Name, ": ", M])
            end,
            %% Clients are offered the server's one SCRAM hash: credentials of another could never log in here.
            _ = Hash == ejabberd_option:auth_scram_hash(Host) orelse
                fail(["the credentials of ", Name, " are for ", fxml:get_tag_attr_s(<<"mechanism">>, C),
                      ", which this server does not use"]),
            Part = fun(P) ->
                case fxml:get_subtag(C, P) of
                    #xmlel{} = E -> fxml:get_tag_cdata(E);
                    false -> fail(["incomplete credentials of ", Name])
                end
            end,
            #scram{storedkey = Part(<<"stored-key">>), serverkey = Part(<<"server-key">>), salt = Part(<<"salt">>),
                   hash = Hash, iterationcount = binary_to_integer(Part(<<"iter-count">>))};
        [] ->
            case fxml:get_tag_attr_s(<<"password">>, U) of
                <<>> -> fail(["no credentials for ", Name]);
                Password -> Password
            end
    end.

check_user(U, Host) ->
    case jid:nodeprep(fxml:get_tag_attr_s(<<"name">>, U)) of
        Name when is_binary(Name), Name /= <<>> ->
            _ = ejabberd_auth:user_exists(Name, Host) andalso fail(["the account exists already: ", Name, "@", Host]),
            Name;
        _ -> fail(["invalid user name in the document: ", fxml:get_tag_attr_s(<<"name">>, U)])
    end.

check_room(R, Service) ->
    case jid:nodeprep(fxml:get_tag_attr_s(<<"name">>, R)) of
        Name when is_binary(Name), Name /= <<>> ->
            _ = mod_muc_admin:get_room_options(Name, Service) /= [] andalso
                fail(["the group chat exists already: ", Name, "@", Service]),
            Name;
        _ -> fail(["invalid group chat name in the document: ", fxml:get_tag_attr_s(<<"name">>, R)])
    end.

%% Each entry keeps its time; entries of the same second get one microsecond more each, as archive ids must differ.
import_archive(Name, Server, LServer, El, Type) ->
    case {fxml:get_subtag_with_xmlns(El, <<"archive">>, ?NS_PIE_MAM), gen_mod:is_loaded(LServer, mod_mam)} of
        {#xmlel{children = Results}, true} ->
            Mod = gen_mod:db_mod(LServer, mod_mam),
            Owner = jid:make(Name, Server),
            {N, _} = lists:foldl(
                fun(#xmlel{name = <<"result">>} = R, {Count, Last}) ->
                        Fwd = fxml:get_subtag(R, <<"forwarded">>),
                        Msg = Fwd =/= false andalso fxml:get_subtag(Fwd, <<"message">>),
                        Delay = Fwd =/= false andalso fxml:get_subtag(Fwd, <<"delay">>),
                        _ = is_tuple(Msg) orelse fail(["a history entry of ", Name, "@", Server, " holds no message"]),
                        Usec = case is_tuple(Delay) andalso fxml:get_tag_attr_s(<<"stamp">>, Delay) of
                            S when is_binary(S), S /= <<>> -> misc:now_to_usec(xmpp_util:decode_timestamp(S));
                            _ -> erlang:system_time(microsecond)
                        end,
                        TS = max(Usec, Last + 1),
                        {Peer, Nick} = peer(Owner, Msg, Type),
                        ok = Mod:store(Msg, LServer, {Name, Server}, Type, Peer, Nick, recv, TS),
                        {Count + 1, TS};
                   (_, Acc) -> Acc
                end, {0, 0}, Results),
            N;
        _ -> 0
    end.

%% The other side of an account's message; for a room, who wrote it (the real address, where the entry has it) and
%% the nick it was written under.
peer(Owner, Msg, chat) ->
    From = jid:decode(fxml:get_tag_attr_s(<<"from">>, Msg)),
    To = jid:decode(fxml:get_tag_attr_s(<<"to">>, Msg)),
    case jid:remove_resource(jid:tolower(From)) == jid:remove_resource(jid:tolower(Owner)) of
        true -> {To, <<>>};
        false -> {From, <<>>}
    end;
peer(_Room, Msg, groupchat) ->
    From = jid:decode(fxml:get_tag_attr_s(<<"from">>, Msg)),
    Real = case fxml:get_subtag_with_xmlns(Msg, <<"x">>, <<"http://jabber.org/protocol/muc#user">>) of
        #xmlel{} = X ->
            case fxml:get_subtag(X, <<"item">>) of
                #xmlel{} = I -> fxml:get_tag_attr_s(<<"jid">>, I);
                false -> <<>>
            end;
        false -> <<>>
    end,
    {_, _, Nick} = jid:split(From),
    {case Real of <<>> -> From; _ -> jid:decode(Real) end, Nick}.

form_values(R) ->
    case fxml:get_subtag_with_xmlns(R, <<"x">>, ?NS_DATA) of
        #xmlel{children = Fields} ->
            [{fxml:get_tag_attr_s(<<"var">>, F), [fxml:get_tag_cdata(V) || #xmlel{name = <<"value">>} = V <- Vs]}
             || #xmlel{name = <<"field">>, children = Vs} = F <- Fields];
        false -> []
    end.

%% The submitted form as ejabberd's room options (what create_room_with_opts takes from the admin API).
room_options(R) ->
    Values = form_values(R),
    Bool = fun(V) -> case V of <<"1">> -> <<"true">>; <<"true">> -> <<"true">>; _ -> <<"false">> end end,
    Opts = lists:append(
        [case lists:keyfind(Var, 1, Values) of
             {_, [V | _]} -> [{atom_to_binary(Opt, utf8), case Kind of bool -> Bool(V); text -> V end}];
             _ -> []
         end || {Opt, Var, Kind} <- option_fields()]),
    Secret = case proplists:get_value(<<"password">>, Opts, <<>>) of
        <<>> -> [];
        _ -> [{<<"password_protected">>, <<"true">>}]
    end,
    Whois = case lists:keyfind(<<"muc#roomconfig_whois">>, 1, Values) of
        {_, [<<"anyone">> | _]} -> [{<<"anonymous">>, <<"false">>}];
        {_, [_ | _]} -> [{<<"anonymous">>, <<"true">>}];
        _ -> []
    end,
    Subject = case fxml:get_subtag(R, <<"subject">>) of
        #xmlel{} = S -> [{<<"subject">>, fxml:get_tag_cdata(S)}];
        false -> []
    end,
    Opts ++ Secret ++ Whois ++ Subject.

import_room(Name, Service, Host, R) ->
    ok = mod_muc_admin:create_room_with_opts(Name, Service, Host, room_options(R)),
    Items = case fxml:get_subtag_with_xmlns(R, <<"query">>, ?NS_MUC_ADMIN) of
        #xmlel{children = Is} -> [I || #xmlel{name = <<"item">>} = I <- Is];
        false -> []
    end,
    _ = [ok = mod_muc_admin:set_room_affiliation(Name, Service, fxml:get_tag_attr_s(<<"jid">>, I),
                                                   fxml:get_tag_attr_s(<<"affiliation">>, I))
         || I <- Items],
    import_archive(Name, Service, Host, R, groupchat).

%%% Forgetting a domain that moved to another server

%% Every account goes with its data, as a deletion does, but without the unsubscriptions a deletion sends its
%% contacts: they still have these people, on the new server. Rooms are forgotten rather than destroyed, so their
%% occupants hear nothing of it either.
forget_domain_data(Host0) ->
    Host = served_host(Host0),
    Users = [U || {U, _} <- ejabberd_auth:get_users(Host)],
    lists:foreach(fun(U) -> forget_user(U, Host) end, Users),
    Service = muc_service(Host),
    Rooms = case gen_mod:is_loaded(Host, mod_muc) of
        true -> [Name || {Name, _, _} <- mod_muc:get_online_rooms(Service)];
        false -> []
    end,
    lists:foreach(fun(Name) -> forget_room(Name, Service, Host) end, Rooms),
    {length(Users), length(Rooms)}.

forget_user(LUser, LServer) ->
    case gen_mod:is_loaded(LServer, mod_roster) of
        true ->
            Mod = gen_mod:db_mod(LServer, mod_roster),
            Mod:remove_user(LUser, LServer),
            _ = [catch ets_cache:delete(Cache, {LUser, LServer}) || Cache <- [roster_cache, roster_version_cache]];
        false -> ok
    end,
    ok = ejabberd_auth:remove_user(LUser, LServer).

forget_room(Name, Service, Host) ->
    {atomic, ok} = mod_muc:forget_room(Host, Service, Name),
    case mod_muc:find_online_room(Name, Service) of
        {ok, Pid} -> mod_muc_room:shutdown(Pid), ok;
        error -> ok
    end.
