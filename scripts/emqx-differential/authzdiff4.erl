%% EMQX 4 side of the differential test: emqx_access_rule (v4.4.19) with
%% emqx_mod_acl_internal's per-action filter (compiled with export_all by build.sh).
%% Same input and output as authzdiff.erl; rule numbers count every term of the file.
%% With a third argument `broker`, a SUBSCRIBE filter goes through emqx_topic:parse/1
%% first, as emqx_channel's parse_topic_filters/1 does before check_sub_acls/2 (EMQX 4
%% strips no `$delayed/`); without it topics reach the rules as they are.
-module(authzdiff4).
-export([main/1]).

main([In, Out]) ->
    main([In, Out, "rules"]);
main([In, Out, Mode]) ->
    put(broker, Mode =:= "broker"),
    {ok, [Cases]} = file:consult(In),
    ok = file:write_file(Out, [[run_case(C), $\n] || C <- Cases]).

run_case({Path, Reqs}) ->
    case catch load(Path) of
        {ok, Rules} -> lists:join($\s, [decide(Rules, R) || R <- Reqs]);
        _ -> "L"
    end.

load(Path) ->
    {ok, Terms} = file:consult(Path),
    {ok, [emqx_access_rule:compile(T) || T <- Terms]}.

decide(Rules, {User, Cid, Peer, Zone, _Listener, _CN, _Attrs, Action, _Qos, _Retain, Topic}) ->
    Kind = case Action of publish -> name; subscribe -> filter end,
    case catch emqx_topic:validate(Kind, Topic) of
        true ->
            case catch authorized_topic(Action, Topic) of
                {ok, T} ->
                    Client = #{username => User, clientid => Cid, peerhost => address(Peer), zone => Zone},
                    try first(Client, Action, T, Rules, 1) catch _:_ -> "!" end;
                _ -> "-"
            end;
        _ -> "-"
    end.

authorized_topic(subscribe, Topic) ->
    case get(broker) of
        true -> {ok, element(1, emqx_topic:parse(Topic))};
        false -> {ok, Topic}
    end;
authorized_topic(publish, Topic) ->
    {ok, Topic}.

address(undefined) -> undefined;
address(Text) -> {ok, A} = inet:parse_address(Text), A.

first(_, _, _, [], _) -> "n";
first(Client, Action, Topic, [R | T], I) ->
    case emqx_mod_acl_internal:filter(Action, R) andalso emqx_access_rule:match(Client, Topic, R) of
        {matched, allow} -> "a" ++ integer_to_list(I);
        {matched, deny} -> "d" ++ integer_to_list(I);
        _ -> first(Client, Action, Topic, T, I + 1)
    end.
