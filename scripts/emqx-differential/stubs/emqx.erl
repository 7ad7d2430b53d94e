%% Stand-in for the broker's config lookup (EMQX 6): no config, so every key has its default
%% (authorization.topic_template_allow: plus, hash and slash all false).
-module(emqx).
-export([get_config/2]).
get_config(_Path, Default) -> Default.
