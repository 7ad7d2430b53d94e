%% Stand-in for the broker's emqx_authz (EMQX 5): rich actions are available (the default).
-module(emqx_authz).
-export([feature_available/1]).
feature_available(_) -> true.
