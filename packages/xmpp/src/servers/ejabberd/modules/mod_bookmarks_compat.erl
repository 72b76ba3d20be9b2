%% Bookmarks 2 (XEP-0402) with its compatibility with older clients (urn:xmpp:bookmarks:1#compat), which ejabberd
%% 23.01 lacks: its mod_private converts private storage only to the older PEP node (XEP-0411). The same behaviour as
%% Prosody's mod_bookmarks, for private XML storage:
%%   - the account's PEP node urn:xmpp:bookmarks:1 (one item per room) holds the bookmarks;
%%   - reading storage:bookmarks from private storage (XEP-0049) reads that node, so what newer clients add, change
%%     or remove is seen at once by older ones (the <url/> elements, which XEP-0402 has no place for, come from the
%%     stored copy);
%%   - writing storage:bookmarks there publishes each room as an item (keeping its <extensions/>) and retracts the
%%     rooms left out; mod_private keeps its copy and its XEP-0411 node as before;
%%   - a list published to the XEP-0411 node (storage:bookmarks) is written to urn:xmpp:bookmarks:1 the same way.
%% Only changed items are published, so a write that comes back through another path changes nothing.
%%
%% Unlike Prosody's module, the XEP-0411 node is not a view: what newer clients change reaches it only when an older
%% client next writes its list (23.01 runs no hook when an item is retracted, so the node could not follow removals).
%%
%% It answers jabber:iq:private in mod_private's place (started after it, as a dependency) and hands every other
%% namespace over to it; when it stops, mod_private gets its handler back.
-module(mod_bookmarks_compat).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_opt_type/1, mod_options/1, mod_doc/0]).
-export([process_sm_iq/1, get_sm_features/5, pubsub_publish_item/6]).
%% The account's XEP-0402 bookmarks as XEP-0048's <storage/>, for the platform's imports.
-export([legacy_storage/2]).

%% Records of ejabberd 23.01 and its libraries (fxml, xmpp), whose headers are not on the compiler's path when the
%% server compiles this module.
-record(xmlel, {name = <<>>, attrs = [], children = []}).
-record(xmlcdata, {content = <<>>}).
-record(jid, {user = <<>>, server = <<>>, resource = <<>>, luser = <<>>, lserver = <<>>, lresource = <<>>}).
-record(iq, {id = <<>>, type, lang = <<>>, from, to, sub_els = [], meta = #{}}).
-record(private, {sub_els = []}).
-record(pubsub_item, {itemid, nodeidx, creation, modification, payload = []}).
-record(stanza_error, {type, by, reason, text = [], sub_els = []}).

-define(NS_PRIVATE, <<"jabber:iq:private">>).
-define(NS_LEGACY, <<"storage:bookmarks">>).
-define(NS_BOOKMARKS, <<"urn:xmpp:bookmarks:1">>).
-define(FEATURE, <<"urn:xmpp:bookmarks:1#compat">>).

start(Host, _Opts) ->
    ejabberd_hooks:add(disco_sm_features, Host, ?MODULE, get_sm_features, 60),
    ejabberd_hooks:add(pubsub_publish_item, Host, ?MODULE, pubsub_publish_item, 60),
    gen_iq_handler:add_iq_handler(ejabberd_sm, Host, ?NS_PRIVATE, ?MODULE, process_sm_iq),
    ok.

stop(Host) ->
    ejabberd_hooks:delete(disco_sm_features, Host, ?MODULE, get_sm_features, 60),
    ejabberd_hooks:delete(pubsub_publish_item, Host, ?MODULE, pubsub_publish_item, 60),
    case gen_mod:is_loaded(Host, mod_private) of
        true -> gen_iq_handler:add_iq_handler(ejabberd_sm, Host, ?NS_PRIVATE, mod_private, process_sm_iq);
        false -> gen_iq_handler:remove_iq_handler(ejabberd_sm, Host, ?NS_PRIVATE)
    end,
    ok.

reload(_Host, _NewOpts, _OldOpts) -> ok.

depends(_Host, _Opts) -> [{mod_private, hard}, {mod_pubsub, hard}].

mod_opt_type(_) -> erlang:error(badarg).

mod_options(_Host) -> [].

mod_doc() -> #{desc => <<"XEP-0402 bookmarks kept in step with XEP-0049 private storage">>}.

get_sm_features({error, _} = Acc, _From, _To, _Node, _Lang) ->
    Acc;
get_sm_features(Acc, _From, _To, <<>>, _Lang) ->
    Features =
        case Acc of
            {result, F} -> F;
            _ -> []
        end,
    %% Private storage too, which 23.01's mod_private answers without announcing it.
    {result, [?FEATURE, ?NS_PRIVATE | Features]};
get_sm_features(Acc, _From, _To, _Node, _Lang) ->
    Acc.

%% Private storage, as mod_private answers it, with storage:bookmarks read from and written to PEP.
process_sm_iq(
    #iq{
        type = Type,
        from = #jid{luser = U, lserver = S} = From,
        to = #jid{luser = U, lserver = S},
        sub_els = [#private{sub_els = Els}]
    } = IQ
) ->
    {Legacy, Others} = lists:partition(fun is_legacy/1, [to_xmlel(E) || E <- Els]),
    case {Legacy, Type} of
        {[], _} ->
            mod_private:process_sm_iq(IQ);
        {[Storage | _], set} ->
            case sync(From, Storage) of
                ok -> mod_private:process_sm_iq(IQ);
                {error, Reason} -> failed(IQ, Reason)
            end;
        {[_ | _], get} ->
            case read(U, S) of
                {ok, Storage} when Others == [] ->
                    xmpp:make_iq_result(IQ, #private{sub_els = [Storage]});
                {ok, Storage} ->
                    case mod_private:process_sm_iq(IQ#iq{sub_els = [#private{sub_els = Others}]}) of
                        #iq{type = result, sub_els = [#private{sub_els = Got}]} ->
                            xmpp:make_iq_result(IQ, #private{sub_els = Got ++ [Storage]});
                        Answer ->
                            Answer
                    end;
                {error, Reason} ->
                    failed(IQ, Reason)
            end
    end;
process_sm_iq(IQ) ->
    mod_private:process_sm_iq(IQ).

failed(IQ, Reason) ->
    logger:warning("~s: bookmarks of ~s: ~p", [?MODULE, jid:encode(jid:remove_resource(xmpp:get_from(IQ))), Reason]),
    xmpp:make_error(IQ, xmpp:err_internal_server_error()).

%% A list published to the XEP-0411 node by the account itself.
pubsub_publish_item(
    LServer, ?NS_LEGACY, #jid{luser = U, lserver = LServer} = From, #jid{luser = U, lserver = LServer}, _ItemId,
    [Payload | _]
) ->
    case is_legacy(Payload) of
        true -> sync(From, Payload);
        false -> ok
    end,
    ok;
pubsub_publish_item(_, _, _, _, _, _) ->
    ok.

is_legacy(#xmlel{name = <<"storage">>} = El) -> fxml:get_tag_attr_s(<<"xmlns">>, El) == ?NS_LEGACY;
is_legacy(_) -> false.

to_xmlel(#xmlel{} = El) -> El;
to_xmlel(El) -> xmpp:encode(El).

%% --- Reading ---------------------------------------------------------------------------------------------------

read(U, S) ->
    case items(U, S) of
        {ok, Items} ->
            Urls =
                case mod_private:get_data(U, S, [{?NS_LEGACY, storage([])}]) of
                    [#xmlel{} = Stored | _] -> [E || #xmlel{name = <<"url">>} = E <- Stored#xmlel.children];
                    _ -> []
                end,
            {ok, to_storage(Items, Urls)};
        Error ->
            Error
    end.

legacy_storage(U, S) -> read(U, S).

%% The account's bookmarks as {RoomJid, Conference} pairs (the items' <conference xmlns='urn:xmpp:bookmarks:1'/>).
items(U, S) ->
    case mod_pubsub:get_items({U, S, <<>>}, ?NS_BOOKMARKS) of
        Items when is_list(Items) ->
            {ok, lists:sort([{Id, C} || #pubsub_item{itemid = {Id, _}, payload = P} <- Items, C <- [conference(P)], C /= none])};
        %% No node yet: no bookmarks.
        {error, #stanza_error{reason = 'item-not-found'}} ->
            {ok, []};
        {error, _} = Error ->
            Error
    end.

conference(Payload) ->
    case [E || #xmlel{name = <<"conference">>} = E <- Payload, fxml:get_tag_attr_s(<<"xmlns">>, E) == ?NS_BOOKMARKS] of
        [C | _] -> C;
        [] -> none
    end.

%% XEP-0048's <storage/> for the items, in room order, followed by the given <url/> elements.
to_storage(Items, Urls) ->
    storage([legacy_conference(Jid, C) || {Jid, C} <- Items] ++ Urls).

storage(Children) ->
    #xmlel{name = <<"storage">>, attrs = [{<<"xmlns">>, ?NS_LEGACY}], children = Children}.

legacy_conference(Jid, C) ->
    Attrs = [{<<"jid">>, Jid}, {<<"autojoin">>, bool(autojoin(C))}] ++ name_attr(fxml:get_tag_attr_s(<<"name">>, C)),
    #xmlel{name = <<"conference">>, attrs = Attrs, children = text_children(C)}.

%% --- Writing ---------------------------------------------------------------------------------------------------

%% Makes urn:xmpp:bookmarks:1 hold the rooms of a XEP-0048 <storage/>: changed rooms published, missing ones retracted.
sync(#jid{luser = U, lserver = S} = From, Storage) ->
    case items(U, S) of
        {ok, Existing} ->
            Wanted = wanted_items(Storage, Existing),
            Owner = {U, S, <<>>},
            Publisher = jid:remove_resource(From),
            Publish = [
                {Jid, C}
             || {Jid, C} <- Wanted, canonical(C) /= canonical(proplists:get_value(Jid, Existing, none))
            ],
            Retract = [Jid || {Jid, _} <- Existing, not lists:keymember(Jid, 1, Wanted)],
            Results =
                [publish(Owner, S, Publisher, Jid, C) || {Jid, C} <- Publish] ++
                    [retract(Owner, Publisher, Jid) || Jid <- Retract],
            case [R || R <- Results, R /= ok] of
                [] -> ok;
                [First | _] -> First
            end;
        Error ->
            Error
    end.

publish(Owner, S, Publisher, Jid, C) ->
    Options = [{persist_items, true}, {access_model, whitelist}],
    case mod_pubsub:publish_item(Owner, S, ?NS_BOOKMARKS, Publisher, Jid, [C], Options, all) of
        {result, _} -> ok;
        {error, _} = Error -> Error
    end.

retract(Owner, Publisher, Jid) ->
    %% Notified whatever the node's notify_retract: newer clients learn of removals only this way.
    case mod_pubsub:delete_item(Owner, ?NS_BOOKMARKS, Publisher, Jid, true) of
        {result, _} -> ok;
        {error, _} = Error -> Error
    end.

%% The items a XEP-0048 <storage/> stands for, each room once (its first entry), keeping an existing item's
%% <extensions/>. Entries without a valid room address are left out.
wanted_items(Storage, Existing) ->
    Rooms = [{room_jid(E), E} || #xmlel{name = <<"conference">>} = E <- Storage#xmlel.children],
    lists:reverse(
        lists:foldl(
            fun
                ({{error, _}, _}, Acc) ->
                    Acc;
                ({Jid, E}, Acc) ->
                    case lists:keymember(Jid, 1, Acc) of
                        true -> Acc;
                        false -> [{Jid, bookmark(E, proplists:get_value(Jid, Existing, none))} | Acc]
                    end
            end,
            [],
            Rooms
        )
    ).

room_jid(E) ->
    try jid:decode(fxml:get_tag_attr_s(<<"jid">>, E)) of
        #jid{luser = <<>>} -> {error, no_room};
        J -> jid:encode(jid:remove_resource(jid:tolower(J)))
    catch
        _:_ -> {error, invalid}
    end.

bookmark(Legacy, Existing) ->
    Attrs =
        [{<<"xmlns">>, ?NS_BOOKMARKS}, {<<"autojoin">>, bool(autojoin(Legacy))}] ++
            name_attr(fxml:get_tag_attr_s(<<"name">>, Legacy)),
    Extensions =
        case Existing of
            none -> [];
            _ -> [E || #xmlel{name = <<"extensions">>} = E <- Existing#xmlel.children]
        end,
    #xmlel{name = <<"conference">>, attrs = Attrs, children = text_children(Legacy) ++ Extensions}.

%% What a bookmark says, whatever the order of its attributes and elements.
canonical(none) ->
    none;
canonical(C) ->
    {
        fxml:get_tag_attr_s(<<"name">>, C),
        autojoin(C),
        [{N, fxml:get_tag_cdata(E)} || #xmlel{name = N} = E <- C#xmlel.children, N == <<"nick">> orelse N == <<"password">>],
        [fxml:element_to_binary(E) || #xmlel{name = <<"extensions">>} = E <- C#xmlel.children]
    }.

autojoin(E) -> lists:member(fxml:get_tag_attr_s(<<"autojoin">>, E), [<<"true">>, <<"1">>]).

bool(true) -> <<"true">>;
bool(false) -> <<"false">>.

name_attr(<<>>) -> [];
name_attr(Name) -> [{<<"name">>, Name}].

%% <nick/> and <password/>, text only, in that order; their namespace is the parent's.
text_children(E) ->
    [
        #xmlel{name = N, children = [#xmlcdata{content = Text}]}
     || N <- [<<"nick">>, <<"password">>],
        Text <- [fxml:get_path_s(E, [{elem, N}, cdata])],
        Text /= <<>>
    ].
