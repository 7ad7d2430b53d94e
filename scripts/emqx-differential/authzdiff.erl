%% EMQX 5 / 6 side of the differential test: EMQX's own emqx_authz_rule (compiled from an
%% EMQX checkout by build.sh) decides generated requests against generated acl.conf files.
%% Input: [{AclPath, [Req]}] with Req = {Username, Clientid, Peerhost, Zone, Listener, CN,
%% ClientAttrs, Action, Qos, Retain, Topic}. Output, one line per file: `L` when the file
%% does not load (file:consult or emqx_authz_rule:compile fails), else one answer per
%% request: `a<N>`/`d<N>` (rule N allowed/denied), `n` (no rule matched), `-` (a topic
%% the broker refuses, so never authorized), `!` (the rule code raised), `D` (denied before
%% the rules: a `$delayed` topic without a topic after the interval).
%% With a third argument `broker`, topics go through what the broker does before the
%% rules: a SUBSCRIBE filter through emqx_topic:parse/1 and get_shared_real_topic/1
%% (emqx_channel enrich_subscribe, do_check_sub_authzs2), then `$delayed/<n>/` stripped as
%% emqx_access_control:authorize/3 does (5.8.9 and 6; 6 under its defaults: the `$queue`
%% alias on, no subscription message filter, no mountpoint); without it topics reach the
%% rules as they are.
-module(authzdiff).
-export([main/1]).

main([In, Out]) ->
    main([In, Out, "rules"]);
main([In, Out, Mode]) ->
    sanity(),
    put(broker, Mode =:= "broker"),
    {ok, [Cases]} = file:consult(In),
    ok = file:write_file(Out, [[run_case(C), $\n] || C <- Cases]).

%% emqx_authz_rule swallows a failed render as "no match": a module missing from the build
%% would pass unnoticed, so one placeholder rule must match first.
sanity() ->
    R = emqx_authz_rule:compile({allow, all, publish, ["u/${username}"]}),
    Client = #{username => <<"x">>, clientid => <<"c">>, peerhost => {1, 2, 3, 4}, zone => default,
               listener => 'tcp:default', client_attrs => #{}},
    {matched, allow} = emqx_authz_rule:match(Client, #{action_type => publish, qos => 0, retain => false}, <<"u/x">>, R).

run_case({Path, Reqs}) ->
    case catch load(Path) of
        {ok, Rules} -> lists:join($\s, [decide(Rules, R) || R <- Reqs]);
        _ -> "L"
    end.

load(Path) ->
    {ok, Terms} = file:consult(Path),
    {ok, [emqx_authz_rule:compile(T) || T <- Terms]}.

decide(Rules, {User, Cid, Peer, Zone, Listener, CN, Attrs, Action, Qos, Retain, Topic}) ->
    Kind = case Action of publish -> name; subscribe -> filter end,
    case catch emqx_topic:validate(Kind, Topic) of
        true ->
            case catch authorized_topic(Action, Topic) of
                {ok, T} -> decide(Rules, User, Cid, Peer, Zone, Listener, CN, Attrs, Action, Qos, Retain, T);
                refused -> "D";
                _ -> "-"
            end;
        _ -> "-"
    end.

%% The topic the rules see (see the header).
authorized_topic(Action, Topic) ->
    case get(broker) of
        false -> {ok, Topic};
        true ->
            T = case Action of
                subscribe -> emqx_topic:get_shared_real_topic(element(1, emqx_topic:parse(Topic)));
                publish -> Topic
            end,
            undelay(T)
    end.

undelay(<<"$delayed/", Data/binary>>) ->
    case binary:split(Data, <<"/">>) of
        [_, T] -> undelay(T);
        _ -> refused
    end;
undelay(T) -> {ok, T}.

decide(Rules, User, Cid, Peer, Zone, Listener, CN, Attrs, Action, Qos, Retain, Topic) ->
    C0 = #{username => User, clientid => Cid, peerhost => address(Peer), zone => Zone,
           listener => Listener, client_attrs => Attrs},
    %% a plain TCP client has no `cn` key at all
    Client = case CN of undefined -> C0; _ -> C0#{cn => CN} end,
    Act = case Action of
        publish -> #{action_type => publish, qos => Qos, retain => Retain};
        subscribe -> #{action_type => subscribe, qos => Qos}
    end,
    try first(Client, Act, Topic, Rules, 1) catch _:_ -> "!" end.

address(undefined) -> undefined;
address(Text) -> {ok, A} = inet:parse_address(Text), A.

first(_, _, _, [], _) -> "n";
first(Client, Act, Topic, [R | T], I) ->
    case emqx_authz_rule:match(Client, Act, Topic, R) of
        {matched, allow} -> "a" ++ integer_to_list(I);
        {matched, deny} -> "d" ++ integer_to_list(I);
        nomatch -> first(Client, Act, Topic, T, I + 1)
    end.
