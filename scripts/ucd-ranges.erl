#!/usr/bin/env escript
%% -*- erlang -*-
%% Which code points each pattern's single-character class matches in UTF-8 mode, as re:run/2
%% on the Erlang/OTP at hand sees them: `escript scripts/ucd-ranges.erl '\p{Lu}' '(*UCP)\w' …`
%% prints one line per pattern, `PATTERN<TAB>lo-hi,lo-hi,…` (hexadecimal, inclusive), or
%% `PATTERN<TAB>!` when re:compile/2 refuses it. Used by scripts/gen-pcre-ucd.mjs (the
%% property table) and by the test that checks the table against erl.
%% The subject holds every code point but the surrogates (no UTF-8 form), so a range may
%% span U+D800..U+DFFF; `PATTERN+` is searched globally and each match is one run.
main(Patterns) ->
  Subject = << <<C/utf8>> || C <- lists:seq(0, 16#10FFFF), C < 16#D800 orelse C > 16#DFFF >>,
  lists:foreach(fun(P) -> io:format("~s\t~s~n", [P, runs(Subject, P)]) end, Patterns).

runs(Subject, P) ->
  case re:compile(P ++ "+", [unicode]) of
    {ok, MP} ->
      Matches = case re:run(Subject, MP, [global]) of {match, Ms} -> Ms; nomatch -> [] end,
      lists:join(",", [io_lib:format("~.16b-~.16b", [char_at(Subject, O), char_ending(Subject, O + L - 1)])
                       || [{O, L}] <- Matches]);
    {error, _} -> "!"
  end.

char_at(Subject, O) -> <<_:O/binary, C/utf8, _/binary>> = Subject, C.

%% The character whose last byte is at offset E (back over continuation bytes to its lead).
char_ending(Subject, E) ->
  case binary:at(Subject, E) band 16#C0 of
    16#80 -> char_ending(Subject, E - 1);
    _ -> char_at(Subject, E)
  end.
