#!/usr/bin/env bash
# Builds the release packages of wemixvisor.
#
# Usage: packaging/build-release.sh VERSION [ARCH...]
#   VERSION  the version being released; it must equal <Version> in Directory.Build.props, the one place
#            the version is kept (a tag v1.2.3 is released as 1.2.3)
#   ARCH     x64 or arm64, the machine's own (the default)
#
# For each ARCH: one native executable (NativeAOT: no .NET needed on the host), packed as
#   dist/wemixvisor-VERSION-linux-ARCH.tar.gz   wemixvisor-VERSION-linux-ARCH/{wemixvisor, nlog.config,
#                                               wemixvisor.service, README.md, LICENSE}
# (LICENSE when the project has one; a warning says when it is missing)
# and dist/SHA256SUMS over every package built. The build's commit (WEMIXVISOR_COMMIT, else `git rev-parse HEAD`)
# is what `wemixvisor version` prints. WEMIXVISOR_DIST_DIR changes the output directory.
#
# NativeAOT compiles and links on the machine of the target architecture: it needs clang and zlib's headers
# (Debian/Ubuntu: apt-get install clang zlib1g-dev), and an arm64 package is built on an arm64 machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fail() { echo "build-release: $*" >&2; exit 1; }
say() { echo "build-release: $*" >&2; }

[ $# -ge 1 ] || fail "usage: packaging/build-release.sh VERSION [x64|arm64...]"
version=$1
shift
archs=("$@")
case $(uname -m) in x86_64) host=x64 ;; aarch64|arm64) host=arm64 ;; *) host=$(uname -m) ;; esac
[ ${#archs[@]} -gt 0 ] || archs=("$host")
for arch in "${archs[@]}"; do
  case $arch in x64|arm64) ;; *) fail "unknown architecture '$arch' (x64 or arm64)" ;; esac
  [ "$arch" = "$host" ] || fail "cannot build $arch on this $host machine: the native compiler links for the machine it runs on; build the $arch package on an $arch machine"
done
command -v clang >/dev/null || fail "clang is missing: the native build links with it (Debian/Ubuntu: apt-get install clang zlib1g-dev)"

declared=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
[ -n "$declared" ] || fail "no <Version> in Directory.Build.props"
[ "$version" = "$declared" ] || fail "version $version differs from <Version>$declared</Version> in Directory.Build.props; change it there first"

commit=${WEMIXVISOR_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
[ -n "$commit" ] || fail "no commit: set WEMIXVISOR_COMMIT or build from a git checkout"
# File times in the packages are the commit's, so two builds of one commit pack the same way.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

unit=packaging/systemd/wemixvisor.service
[ -f "$unit" ] || fail "$unit is missing"
license=
for candidate in LICENSE LICENSE.md LICENSE.txt; do
  if [ -f "$candidate" ]; then license=$candidate; break; fi
done
[ -n "$license" ] || say "warning: the project has no LICENSE file; the packages ship without one"

dist=${WEMIXVISOR_DIST_DIR:-$root/dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
work="$dist/.work"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages=()
for arch in "${archs[@]}"; do
  rid=linux-$arch
  name=wemixvisor-$version-$rid
  say "publishing $rid (commit $commit)"
  # Its own artifacts path: the developer's bin/ and obj/ stay as they are.
  if ! dotnet publish src/Wemixvisor/Wemixvisor.csproj -c Release -r "$rid" -p:SourceRevisionId="$commit" \
      --artifacts-path "$work/artifacts" -o "$work/publish-$rid" --nologo -v quiet >&2; then
    fail "dotnet publish for $rid failed (the native compiler needs clang and zlib1g-dev)"
  fi
  stage="$work/$name"
  mkdir -p "$stage"
  install -m 0755 "$work/publish-$rid/wemixvisor" "$stage/wemixvisor"
  install -m 0644 "$work/publish-$rid/nlog.config" "$stage/nlog.config"
  install -m 0644 "$unit" "$stage/wemixvisor.service"
  install -m 0644 README.md "$stage/README.md"
  [ -z "$license" ] || install -m 0644 "$license" "$stage/LICENSE"

  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$work" -cf - "$name" \
    | gzip -n -9 >"$dist/$name.tar.gz"
  packages+=("$name.tar.gz")
  say "wrote $dist/$name.tar.gz"
done

(cd "$dist" && sha256sum "${packages[@]}" >SHA256SUMS)
say "wrote $dist/SHA256SUMS"
printf '%s\n' "${packages[@]/#/$dist/}"
