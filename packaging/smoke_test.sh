#!/usr/bin/env bash
# Smoke test of the built bundle, run as on a clerk's PC: from another working directory, in
# an environment with no Python, no uv and no virtual environment, only the bundle.
#
#     packaging/smoke_test.sh [dist/tianbao]
#
# Linux and Windows (Git Bash). Checks: the size, --version, `forms --json`, `check` on seed
# 000's values, `new`, `export --pdf` (fonts embedded, by pdffonts), `import` of the exported
# workbook, `export --package` and `merge` of that package into a fresh database, and the
# window opening offscreen (once on a new data folder, once on the database made above) and
# quitting by itself.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
bundle="$(cd "${1:-$root/dist/tianbao}" && pwd)"
max_mb=250

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*)
    windows=1; exe=".exe"
    export PATH="/usr/bin:$PATH"  # GNU timeout, find, du before Windows' own of those names
    ;;
  *) windows=0; exe="" ;;
esac
cli="$bundle/tianbao-cli$exe"
gui="$bundle/tianbao$exe"
work="$(mktemp -d "${TMPDIR:-/tmp}/tianbao-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
home="$work/home"
mkdir -p "$home" "$work/run"
cp "$root/tests/fixtures/seed_000_values.json" "$work/run/values.json"

native() {  # a path as the programs see it
  if [ "$windows" = 1 ]; then cygpath -w "$1"; else printf '%s' "$1"; fi
}

# Nothing of the build machine's Python reaches the programs.
clean_env=(PATH=/usr/bin:/bin HOME="$(native "$home")" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
if [ "$windows" = 1 ]; then
  clean_env=(PATH="/c/Windows/system32:/c/Windows" SYSTEMROOT="$SYSTEMROOT" WINDIR="$WINDIR"
             TEMP="$(native "$work")" TMP="$(native "$work")" USERPROFILE="$(native "$home")"
             LOCALAPPDATA="$(native "$home/AppData/Local")"
             APPDATA="$(native "$home/AppData/Roaming")" QT_QPA_PLATFORM=offscreen
             # platformdirs asks the shell for the folder, not the variable: point it here too
             WIN_PD_OVERRIDE_LOCAL_APPDATA="$(native "$home/AppData/Local")")
fi

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'SMOKE TEST FAILED: %s\n' "$*" >&2; exit 1; }

run() {  # run PROGRAM ARGS... in the working directory, in the clean environment
  (cd "$work/run" && timeout 120 env -i "${clean_env[@]}" "$@")
}

step "bundle: $bundle"
[ -x "$cli" ] && [ -x "$gui" ] || fail "tianbao$exe and tianbao-cli$exe must both be in $bundle"
size_mb=$(du -sm "$bundle" | cut -f1)
echo "size: ${size_mb} MB (at most ${max_mb} MB)"
[ "$size_mb" -le "$max_mb" ] || fail "the bundle is ${size_mb} MB, over ${max_mb} MB"
for inside in resources/fonts/TianbaoSans-Regular.ttf resources/fonts/OFL.txt \
              resources/forms/cancer_week_summary.toml resources/translations/tianbao_en.qm \
              resources/icons/tianbao.ico pyproject.toml; do
  [ -f "$bundle/_internal/$inside" ] || fail "missing from the bundle: $inside"
done

step "tianbao-cli --version"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -1)"
run "$cli" --version | tee "$work/version.txt"
grep -q "Tianbao $version" "$work/version.txt" || fail "--version does not say $version"

step "tianbao-cli forms --json"
run "$cli" forms --json >"$work/forms.json"
grep -q '"id": "cancer_week_summary"' "$work/forms.json" || fail "forms --json lacks the 宣传周 form"
grep -q '全国肿瘤防治宣传周活动总结表' "$work/forms.json" || fail "forms --json is not UTF-8 Chinese"

step "tianbao-cli check cancer_week_summary --values (seed 000)"
set +e
run "$cli" check cancer_week_summary --values values.json --json >"$work/check.json"
code=$?
set -e
[ "$code" -le 1 ] || fail "check exited with $code"  # 1: the seed has errors, as typed
grep -q '"issues"' "$work/check.json" && grep -q '四川省抗癌协会' "$work/check.json" \
  || fail "check printed no result"

step "tianbao-cli new"
run "$cli" --db smoke.db new cancer_week_summary --values values.json | tee "$work/new.txt"
report_id="$(tail -n 1 "$work/new.txt" | tr -d '\r')"
case "$report_id" in '' | *[!0-9]*) fail "new did not print the report id" ;; esac

step "tianbao-cli export --pdf / --package"
run "$cli" --db smoke.db export "$report_id" --pdf report.pdf --package package.zip
[ -s "$work/run/report.pdf" ] && [ -s "$work/run/package.zip" ] || fail "export wrote no files"
if command -v pdffonts >/dev/null 2>&1; then
  pdffonts "$work/run/report.pdf" | tee "$work/fonts.txt"
  grep -q TianbaoSans "$work/fonts.txt" || fail "the PDF does not use Tianbao Sans"
  # Columns: name type encoding emb sub uni object ID; every font must be embedded.
  if tail -n +3 "$work/fonts.txt" | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
    fail "a font in the PDF is not embedded"
  fi
elif [ "${SMOKE_REQUIRE_PDFFONTS:-0}" = 1 ]; then
  fail "pdffonts (poppler) is not installed"
else
  echo "pdffonts not found: checking the PDF's font objects directly"
  grep -aq "/FontFile2" "$work/run/report.pdf" && grep -aq "TianbaoSans" "$work/run/report.pdf" \
    || fail "the PDF has no embedded Tianbao Sans"
fi

step "tianbao-cli import of the exported workbook into a fresh database"
run "$cli" --db smoke.db export "$report_id" --xlsx report.xlsx
run "$cli" --db imported.db import report.xlsx | tee "$work/import.txt"
imported_id="$(tail -n 1 "$work/import.txt" | tr -d '\r')"
case "$imported_id" in '' | *[!0-9]*) fail "import did not print the report id" ;; esac

step "tianbao-cli merge into a fresh database"
run "$cli" --db fresh.db merge package.zip --include-drafts --json | tee "$work/merge.json"
grep -q '"id": [0-9]' "$work/merge.json" || fail "merge made no report"
run "$cli" --db fresh.db list | tee "$work/list.txt"
grep -q '汇总' "$work/list.txt" || fail "the merged report is not in the fresh database"

log_file() {
  find "$home" -name tianbao.log -print -quit
}

step "tianbao (window) on a new data folder, offscreen, quits by itself"
clean_env+=(TIANBAO_SMOKE_QUIT_MS=300)
run "$gui" || fail "the window did not open and quit cleanly"
grep -q "smoke test: window ready" "$(log_file)" || fail "the window never became ready"

step "tianbao (window) on the database made above"
run "$gui" --db smoke.db || fail "the window did not open smoke.db and quit cleanly"
[ "$(grep -c "smoke test: window ready" "$(log_file)")" = 2 ] || fail "smoke.db never opened"
grep "smoke test: window ready" "$(log_file)" | tail -n 1

printf '\nsmoke test passed (%s MB)\n' "$size_mb"
