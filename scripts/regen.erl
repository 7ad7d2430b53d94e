%% Generates packages/core/src/regex/utf-mode.vectors.jsonl: patterns with leading (*UTF8) /
%% (*UCP) / option items, and re:run/2's answer (match, nomatch, badarg) on each subject.
%% `erlc regen.erl && erl -noshell -pa . -eval 'regen:main()' -s init stop`
-module(regen).
-export([main/0]).
%% Patterns with leading (*UTF8)/(*UTF)/(*UCP) items and subjects, with re:run/2's answer.
heads() -> [<<"(*UTF8)">>, <<"(*UTF)">>, <<"(*UCP)">>, <<"(*UTF8)(*UCP)">>, <<"(*UCP)(*UTF8)">>, <<"(*NO_START_OPT)(*UTF8)">>, <<"(*UTF8)(*NO_AUTO_POSSESS)">>, <<"(*LF)(*UCP)">>, <<"(*LIMIT_MATCH=1000)(*UTF8)">>].
atoms() -> [<<".">>, <<"^">>, <<"$">>, <<"\\w">>, <<"\\W">>, <<"\\d">>, <<"\\D">>, <<"\\s">>, <<"\\S">>, <<"\\b">>, <<"\\B">>,
  <<"[^a]">>, <<"[a-z]">>, <<"[[:alpha:]]">>, <<"[[:^alpha:]]">>, <<"[[:punct:]]">>, <<"[[:space:]]">>, <<"[[:blank:]]">>, <<"a">>, <<"é"/utf8>>, <<"[é]"/utf8>>, <<"[^é]"/utf8>>,
  <<"\\xe9">>, <<"\\x{e9}">>, <<"+">>, <<"*">>, <<"?">>, <<"{2}">>, <<"(">>, <<")">>, <<"|">>, <<"(?s).">>, <<"\\N">>, <<"x">>, <<"1">>, <<"_">>, <<"ü"/utf8>>, <<"[\\W]">>, <<"\\z">>, <<"\\A">>,
  <<"\\h">>, <<"\\v">>, <<"\\H">>, <<"\\V">>, <<"\\p{L}">>, <<"\\P{L}">>, <<"\\p{Lu}">>, <<"[\\p{Nd}x]">>, <<"\\pN">>, <<"[[:upper:]]">>, <<"[[:lower:]]">>,
  <<"[[:alnum:]]">>, <<"[[:word:]]">>, <<"[[:^space:]]">>, <<"[[:digit:]]">>, <<"[[:cntrl:]]">>, <<"[\\w\\s]">>, <<"[^\\d\\s]">>, <<"\\p{Xwd}">>, <<"\\p{Any}">>, <<"\\p{Greek}">>, <<"\\R">>].
subjects() -> [<<>>, <<"a">>, <<"x">>, <<"c1">>, <<"é"/utf8>>, <<"ü"/utf8>>, <<"用"/utf8>>, <<"用户"/utf8>>, <<"aé"/utf8>>, <<"é1"/utf8>>, <<233>>, <<255>>, <<178>>, <<160>>, <<"a\nb">>, <<"\n">>, <<"x\n">>, <<"_1">>, <<"ab">>, <<" ">>, <<16#a0/utf8>>, <<16#2028/utf8>>, <<"😀"/utf8>>, <<"Éé"/utf8>>, <<"x", 255>>, <<"!">>, <<"¿"/utf8>>, <<191>>,
  <<16#3000/utf8>>, <<16#1680/utf8>>, <<"Ω"/utf8>>, <<"ω"/utf8>>, <<"٣"/utf8>>, <<"½"/utf8>>, <<16#180e/utf8>>, <<"ΩΩ"/utf8>>, <<"a1_"/utf8>>, <<"a", 16#3000/utf8, "b">>, <<"\r\n">>, <<"\r">>].
esc(B) -> [case C of $" -> "\\\""; $\\ -> "\\\\"; C when C < 32; C >= 127 -> io_lib:format("\\u~4.16.0b", [C]); C -> C end || C <- binary_to_list(B)].
main() ->
  rand:seed(exsss, {20, 26, 12}),
  As = atoms(), Hs = heads(),
  Ps = lists:usort([iolist_to_binary([lists:nth(rand:uniform(length(Hs)), Hs) | [lists:nth(rand:uniform(length(As)), As) || _ <- lists:seq(1, rand:uniform(5))]]) || _ <- lists:seq(1, 1500)]
     ++ [<<"(*UTF8)^.$">>, <<"(*UCP)^\\w+$">>, <<"(*UTF8)(*UCP)^\\w+$">>, <<"(*UTF8)^\\w$">>, <<"(*UTF8)\\W">>, <<"(*UCP)\\bx">>]),
  Lines = [case re:compile(P) of
      {error, _} -> ["{\"pattern\":\"", esc(P), "\",\"compiles\":false}\n"];
      {ok, MP} ->
        Rs = [case catch re:run(S, MP, [{capture, none}]) of match -> "1"; nomatch -> "0"; _ -> "\"badarg\"" end || S <- subjects()],
        ["{\"pattern\":\"", esc(P), "\",\"compiles\":true,\"results\":[", lists:join(",", Rs), "]}\n"]
    end || P <- Ps],
  Subj = ["{\"subjects\":[", lists:join(",", ["\"" ++ esc(S) ++ "\"" || S <- subjects()]), "]}\n"],
  ok = file:write_file("regex-utf-vectors.jsonl", [Subj | Lines]).
