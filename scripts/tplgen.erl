%% Generates packages/core/src/lower/emqx-template.vectors.jsonl with EMQX's own emqx_template
%% (compile apps/emqx_utils/src/emqx_template.erl of v5.8.9 beside this file, then
%% `erlc tplgen.erl && erl -noshell -pa . -eval 'tplgen:main()' -s init stop`; it writes template-vectors.jsonl).
%% The keep/1 steps are those of the file source: parse, validate, pre-render the
%% disallowed names (lists:member), parse again.
-module(tplgen).
-export([main/0]).
-define(ALLOWED, ["username","clientid","cert_common_name","zone",{var_namespace,"client_attrs"}]).
pieces() -> [<<"${">>,<<"}">>,<<"$">>,<<".">>,<<"username">>,<<"clientid">>,<<"client_attrs.a">>,<<"zone">>,<<"x">>,<<"/">>,<<"{">>,
  <<"${$}">>,<<"${username}">>,<<"${.}">>,<<"${.x}">>,<<"${client_attrs.k}">>,<<"${peerhost}">>,<<"${.clientid}">>,<<"${}">>,<<"${$}{username}">>,<<"${listener}">>,<<"${zone}">>].
keep(T) ->
  Tpl = emqx_template:parse(T),
  case emqx_template:validate(?ALLOWED, Tpl) of
    ok -> Tpl;
    {error, _} ->
      {R, _} = emqx_template:render(Tpl, #{}, #{var_trans => fun(Name, _) ->
          case lists:member(Name, ?ALLOWED) of true -> "${" ++ Name ++ "}"; false -> "${$}{" ++ Name ++ "}" end end}),
      emqx_template:parse(R)
  end.
piece({var, Name, _}) -> [<<"{\"name\":\"">>, Name, <<"\"}">>];
piece(Lit) -> [<<"{\"text\":\"">>, esc(iolist_to_binary([Lit])), <<"\"}">>].
esc(B) -> binary:replace(binary:replace(B, <<"\\">>, <<"\\\\">>, [global]), <<"\"">>, <<"\\\"">>, [global]).
merge([]) -> [];
merge([{var,_,_}=V | T]) -> [V | merge(T)];
merge([A, B | T]) when not is_tuple(A), not is_tuple(B) -> merge([iolist_to_binary([A, B]) | T]);
merge([A | T]) -> [iolist_to_binary([A]) | merge(T)].
main() ->
  rand:seed(exsss, {17, 4, 2026}),
  Ps = pieces(),
  Lines = [begin
    N = rand:uniform(6),
    T = iolist_to_binary([lists:nth(rand:uniform(length(Ps)), Ps) || _ <- lists:seq(1, N)]),
    Tpl = merge(keep(T)),
    [<<"{\"topic\":\"">>, esc(T), <<"\",\"template\":[">>, lists:join(<<",">>, [piece(P) || P <- Tpl]), <<"]}\n">>]
  end || _ <- lists:seq(1, 400)],
  ok = file:write_file("template-vectors.jsonl", lists:usort(Lines)).
