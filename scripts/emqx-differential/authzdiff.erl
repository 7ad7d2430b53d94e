%% EMQX's side of the differential test: EMQX's own rule code (compiled from an EMQX
%% checkout by build.sh) decides generated requests against generated acl.conf files.
%%   EMQX 4.4.19: emqx_access_rule, with emqx_mod_acl_internal's per-action filter
%%   (compiled with export_all); rule numbers count every term of the file.
%%   EMQX 5.8.9 and 6: emqx_authz_rule.
%% Input: [{AclPath, [Req]}] with Req = {Username, Clientid, Peerhost, Zone, Listener, CN,
%% ClientAttrs, Action, Qos, Retain, Topic}. Output, one line per file: `L` when the file
%% does not load (file:consult or the rule compiler fails), else one answer per request:
%% `a<N>`/`d<N>` (rule N allowed/denied), `n` (no rule matched), `-` (a topic the broker
%% refuses, so never authorized), `!` (the rule code raised), `D` (denied before the
%% rules: a `$delayed` topic without a topic after the interval).
%% main([In, Out, Version, Mode]): Version `v4` or `v5` (5.8.9 and 6); Mode `broker` sends
%% topics through what the broker does before the rules, using its own code: a SUBSCRIBE
%% filter through emqx_topic:parse/1 (emqx_channel's parse_topic_filters/1); for v5 also
%% get_shared_real_topic/1 (do_check_sub_authzs2) and the `$delayed/<n>/` strip of
%% emqx_access_control:authorize/3 (6 under its defaults: the `$queue` alias on, no
%% subscription message filter, no mountpoint). Mode `rules`: topics reach the rules as
%% they are.
-module(authzdiff).
-export([main/1]).

main([In, Out, Version, Mode]) ->
    put(v4, Version =:= "v4"),
    put(broker, Mode =:= "broker"),
    get(v4) orelse sanity(),
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
    {ok, [compile(T) || T <- Terms]}.

compile(Term) ->
    case get(v4) of
        true -> emqx_access_rule:compile(Term);
        false -> emqx_authz_rule:compile(Term)
    end.

decide(Rules, {User, Cid, Peer, Zone, Listener, CN, Attrs, Action, Qos, Retain, Topic}) ->
    Kind = case Action of publish -> name; subscribe -> filter end,
    case catch emqx_topic:validate(Kind, Topic) of
        true ->
            case catch authorized_topic(Action, Topic) of
                {ok, T} ->
                    Client = client(User, Cid, Peer, Zone, Listener, CN, Attrs),
                    try first(Client, {Action, Qos, Retain}, T, Rules, 1) catch _:_ -> "!" end;
                refused -> "D";
                _ -> "-"
            end;
        _ -> "-"
    end.

%% The topic the rules see (see the header).
authorized_topic(Action, Topic) ->
    case {get(broker), Action, get(v4)} of
        {false, _, _} -> {ok, Topic};
        {true, publish, true} -> {ok, Topic};
        {true, subscribe, true} -> {ok, element(1, emqx_topic:parse(Topic))};
        {true, publish, false} -> undelay(Topic);
        {true, subscribe, false} ->
            undelay(emqx_topic:get_shared_real_topic(element(1, emqx_topic:parse(Topic))))
    end.

undelay(<<"$delayed/", Data/binary>>) ->
    case binary:split(Data, <<"/">>) of
        [_, T] -> undelay(T);
        _ -> refused
    end;
undelay(T) -> {ok, T}.

client(User, Cid, Peer, Zone, Listener, CN, Attrs) ->
    case get(v4) of
        true -> #{username => User, clientid => Cid, peerhost => address(Peer), zone => Zone};
        false ->
            C0 = #{username => User, clientid => Cid, peerhost => address(Peer), zone => Zone,
                   listener => Listener, client_attrs => Attrs},
            %% a plain TCP client has no `cn` key at all
            case CN of undefined -> C0; _ -> C0#{cn => CN} end
    end.

address(undefined) -> undefined;
address(Text) -> {ok, A} = inet:parse_address(Text), A.

first(_, _, _, [], _) -> "n";
first(Client, Action, Topic, [R | T], I) ->
    case match(Client, Action, Topic, R) of
        {matched, allow} -> "a" ++ integer_to_list(I);
        {matched, deny} -> "d" ++ integer_to_list(I);
        _ -> first(Client, Action, Topic, T, I + 1)
    end.

match(Client, {Action, Qos, Retain}, Topic, R) ->
    case get(v4) of
        true -> emqx_mod_acl_internal:filter(Action, R) andalso emqx_access_rule:match(Client, Topic, R);
        false ->
            Act = case Action of
                publish -> #{action_type => publish, qos => Qos, retain => Retain};
                subscribe -> #{action_type => subscribe, qos => Qos}
            end,
            emqx_authz_rule:match(Client, Act, Topic, R)
    end.
