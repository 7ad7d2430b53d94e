%% EMQX 5 / 6 side of the differential test: EMQX's own emqx_authz_rule (compiled from an
%% EMQX checkout by build.sh) decides generated requests against generated acl.conf files.
%% Input: [{AclPath, [Req]}] with Req = {Username, Clientid, Peerhost, Zone, Listener, CN,
%% ClientAttrs, Action, Qos, Retain, Topic}. Output, one line per file: `L` when the file
%% does not load (file:consult or emqx_authz_rule:compile fails), else one answer per
%% request: `a<N>`/`d<N>` (rule N allowed/denied), `n` (no rule matched), `-` (a topic
%% emqx_topic:validate/2 refuses, so never authorized), `!` (the rule code raised).
-module(authzdiff).
-export([main/1]).

main([In, Out]) ->
    sanity(),
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
            C0 = #{username => User, clientid => Cid, peerhost => address(Peer), zone => Zone,
                   listener => Listener, client_attrs => Attrs},
            %% a plain TCP client has no `cn` key at all
            Client = case CN of undefined -> C0; _ -> C0#{cn => CN} end,
            Act = case Action of
                publish -> #{action_type => publish, qos => Qos, retain => Retain};
                subscribe -> #{action_type => subscribe, qos => Qos}
            end,
            try first(Client, Act, Topic, Rules, 1) catch _:_ -> "!" end;
        _ -> "-"
    end.

address(undefined) -> undefined;
address(Text) -> {ok, A} = inet:parse_address(Text), A.

first(_, _, _, [], _) -> "n";
first(Client, Act, Topic, [R | T], I) ->
    case emqx_authz_rule:match(Client, Act, Topic, R) of
        {matched, allow} -> "a" ++ integer_to_list(I);
        {matched, deny} -> "d" ++ integer_to_list(I);
        nomatch -> first(Client, Act, Topic, T, I + 1)
    end.
