%% Stand-in for snabbkaffe's tracing macros (EMQX's test tracing): no-ops.
-ifndef(SNK_STUB).
-define(SNK_STUB, 1).
-define(tp(K, M), ok).
-define(tp(L, K, M), ok).
-define(TRACE(K, M), ok).
-define(TRACE(L, K, M), ok).
-endif.
