#!/usr/bin/env escript
%% -*- erlang -*-
%% How `\X` (an extended grapheme cluster) treats each code point, as re:run/2 on the
%% Erlang/OTP at hand sees it: `escript scripts/ucd-graphemes.erl` prints runs of code points
%% that behave alike, one per line, `START<TAB>SIGNATURE` (hexadecimal start; the signature
%% as below). Used by scripts/gen-pcre-ucd.mjs, which names the grapheme break class of each.
%%
%% PCRE 8 decides whether two adjacent characters stay in one cluster from their two
%% classes alone, so pairs with one character of a known class tell the class of the other:
%% bit 2k is set when `<<C, Rep_k>>` is one cluster, bit 2k+1 when `<<Rep_k, C>>` is.
main(_) ->
  {ok, One} = re:compile("^\\X\\z", [unicode]),
  %% Extend (U+0300), Hangul L (U+1100), V (U+1161), T (U+11A8), Regional Indicator (U+1F1E6)
  Reps = [16#300, 16#1100, 16#1161, 16#11A8, 16#1F1E6],
  Sig = fun(C) ->
    lists:foldl(fun({K, R}, Acc) ->
        Acc bor joined(One, C, R, 1 bsl (2 * K)) bor joined(One, R, C, 1 bsl (2 * K + 1))
      end, 0, lists:zip(lists:seq(0, length(Reps) - 1), Reps))
  end,
  runs([C || C <- lists:seq(0, 16#10FFFF), C < 16#D800 orelse C > 16#DFFF], Sig, none).

joined(One, A, B, Bit) ->
  case re:run(<<A/utf8, B/utf8>>, One) of nomatch -> 0; _ -> Bit end.

runs([], _Sig, _Prev) -> ok;
runs([C | Rest], Sig, Prev) ->
  case Sig(C) of
    Prev -> runs(Rest, Sig, Prev);
    S -> io:format("~.16b\t~b~n", [C, S]), runs(Rest, Sig, S)
  end.
