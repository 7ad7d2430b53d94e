%% Generates packages/core/src/regex/property.vectors.jsonl: which bytes \p{Name} / \P{Name}
%% match in byte mode (re:run/2 on the Erlang/OTP at hand).
%% `erlc propgen.erl && erl -noshell -pa . -eval 'propgen:main()' -s init stop`
-module(propgen).
-export([main/0]).
%% Which bytes \p{Name} / \P{Name} match without UTF-8 mode (re:run/2, one-byte subjects).
names() -> string:split("C Cc Cf Cn Co Cs L L& Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs Any Xan Xps Xsp Xuc Xwd Latin Greek Common Inherited Arabic Han Cyrillic", " ", all).
main() ->
  Lines = [begin
      Pat = "^" ++ Esc ++ "$",
      case re:compile(Pat) of
        {ok, MP} ->
          Bs = [B || B <- lists:seq(0, 255), re:run(<<B>>, MP) =/= nomatch],
          io_lib:format("{\"pattern\":\"~s\",\"bytes\":~w}~n", [lists:flatten(string:replace(Pat, "\\", "\\\\", all)), Bs]);
        {error, _} -> io_lib:format("{\"pattern\":\"~s\",\"bytes\":null}~n", [lists:flatten(string:replace(Pat, "\\", "\\\\", all))])
      end
    end || N <- names(), Esc <- ["\\p{" ++ N ++ "}", "\\P{" ++ N ++ "}", "[\\p{" ++ N ++ "}x]", "(?i)\\p{" ++ N ++ "}"]]
   ++ [io_lib:format("{\"pattern\":\"^\\\\p~s$\",\"bytes\":~w}~n", [[C], [B || B <- lists:seq(0,255), re:run(<<B>>, "^\\p" ++ [C] ++ "$") =/= nomatch]]) || C <- "LNPSZCM"],
  ok = file:write_file("property-vectors.jsonl", Lines).
