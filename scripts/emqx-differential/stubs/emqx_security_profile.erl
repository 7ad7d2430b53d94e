%% Stand-in for EMQX 6's security profile: `legacy`, the default, under which a rule whose
%% topic cannot be rendered is skipped (policy authz_backend_failure = ignore).
-module(emqx_security_profile).
-export([profile/0, policy/1]).
profile() -> legacy.
policy(authz_backend_failure) -> ignore.
