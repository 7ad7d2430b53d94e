#!/usr/bin/env bash
# Compiles EMQX's own rule code, unmodified, for the differential test (run.mjs), into
# $OUT/<dialect>/ebin. Needs git checkouts of github.com/emqx/emqx and github.com/emqx/esockd
# (any clone holding the tags below) and erlc. OTP 27 `-doc` attributes are removed from
# the EMQX 6 sources so that the OTP here (25) compiles them; nothing else is changed.
#   build.sh EMQX_REPO ESOCKD_REPO [OUT]
set -euo pipefail
EMQX=${1:?EMQX git repository}
ESOCKD=${2:?esockd git repository}
OUT=${3:-/tmp/emqx-differential}
HERE=$(cd "$(dirname "$0")" && pwd)
V4=v4.4.19
V5=v5.8.9
V6=50e04386de # master after 6.1.4-rc.1, as ../shared/conformance/v6

show() { git -C "$EMQX" show "$1:$2" > "$3/$(basename "$2")"; }

build() { # dialect tag esockd-tag files...
  local d=$1 tag=$2 etag=$3; shift 3
  local dir=$OUT/$d
  rm -rf "$dir" && mkdir -p "$dir/ebin" "$dir/inc/emqx/include"
  local inc=include
  [ "$d" != v4 ] && inc=apps/emqx/include
  for f in $(git -C "$EMQX" ls-tree --name-only "$tag" "$inc/"); do show "$tag" "$f" "$dir/inc/emqx/include"; done
  for f in "$@"; do show "$tag" "$f" "$dir"; done
  git -C "$ESOCKD" show "$etag:src/esockd_cidr.erl" > "$dir/esockd_cidr.erl"
  cp -r "$HERE/stubs/snabbkaffe" "$dir/inc/"
  if [ "$d" = v6 ]; then
    python3 - "$dir" <<'PY'
import re, sys, glob
for f in glob.glob(sys.argv[1] + "/*.erl"):
    s = open(f).read()
    s = re.sub(r'^-(module)?doc\s*"""\n.*?\n\s*"""\.\n', "", s, flags=re.S | re.M)
    s = re.sub(r'^-(module)?doc\s*("[^"\n]*"|false)\.\n', "", s, flags=re.M)
    open(f, "w").write(s)
PY
  fi
  (cd "$dir" && for m in *.erl; do
    case $m in emqx_mod_acl_internal.erl) continue ;; esac
    ERL_LIBS=inc erlc -o ebin -pa ebin -I inc -I inc/emqx/include -I . "$m" 2>&1 | grep -E "^[^%].*(error|can't)" && exit 1
  done; true)
}

build v4 $V4 5.8.10 src/emqx_access_rule.erl src/emqx_topic.erl src/emqx_logger.erl lib-ce/emqx_modules/src/emqx_mod_acl_internal.erl
# emqx_logger is the parse transform emqx_mod_acl_internal needs; its filter/2 is internal
(cd "$OUT/v4" && erlc +export_all -o ebin -pa ebin -I inc -I inc/emqx/include emqx_mod_acl_internal.erl && erlc -o ebin "$HERE/authzdiff.erl")

build v5 $V5 5.13.0 apps/emqx_auth/src/emqx_authz/emqx_authz_rule.erl apps/emqx/src/emqx_topic.erl \
  apps/emqx_utils/src/emqx_template.erl apps/emqx_utils/src/emqx_utils_maps.erl apps/emqx_auth/src/emqx_auth_utils.erl \
  apps/emqx_auth/include/emqx_authz.hrl apps/emqx_auth/include/emqx_auth.hrl
(cd "$OUT/v5" && erlc -o ebin "$HERE/stubs/emqx_authz.erl" "$HERE/authzdiff.erl")

build v6 $V6 5.13.0 apps/emqx_auth/src/emqx_authz/emqx_authz_rule.erl apps/emqx/src/emqx_topic.erl \
  apps/emqx_utils/src/emqx_template.erl apps/emqx_utils/src/emqx_utils_maps.erl apps/emqx_utils/src/emqx_utils_conv.erl \
  apps/emqx_auth/src/emqx_auth_template.erl apps/emqx_auth/src/emqx_auth_utils.erl \
  apps/emqx_auth/include/emqx_authz.hrl apps/emqx_auth/include/emqx_auth.hrl
(cd "$OUT/v6" && erlc -o ebin "$HERE"/stubs/*.erl "$HERE/authzdiff.erl")
echo "built $OUT/{v4,v5,v6}/ebin"
