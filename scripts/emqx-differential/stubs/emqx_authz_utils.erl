%% Stand-in for EMQX 6's emqx_authz_utils (the real module needs OTP 27 to compile): the
%% failure policy as the real one computes it under the legacy profile.
-module(emqx_authz_utils).
-export([authz_backend_failure_policy/0]).
authz_backend_failure_policy() -> emqx_security_profile:policy(authz_backend_failure).
