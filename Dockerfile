# wemixvisor as a container's entrypoint (PID 1): it supervises the node, forwards SIGTERM to it, reaps every
# orphaned process of the container and applies upgrades inside the home volume.
#
#   docker build -t wemixvisor:0.1.0 .                      # the commit comes from the checkout's .git
#   docker build --platform linux/arm64 -t wemixvisor:0.1.0-arm64 .
#
# The image holds wemixvisor only. The node's binaries live in the home volume like on a host: an image
# FROM this one adds the genesis binary and an init container runs `wemixvisor init` with it (see
# deploy/kubernetes/). Give `docker stop -t` more than DAEMON_SHUTDOWN_GRACE plus 10 s.

# --- build: the same native executable as the release tarballs ------------------------------------------------
# Runs on the target platform: the native compiler links for the machine it runs on (an arm64 image built on an
# x64 machine builds under emulation, slowly).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
# Optional: the commit `wemixvisor version` prints when the build context has no .git.
ARG WEMIXVISOR_COMMIT=
WORKDIR /src
COPY . .
RUN set -eu; \
    case "${TARGETARCH:-amd64}" in \
      amd64) arch=x64 ;; \
      arm64) arch=arm64 ;; \
      *) echo "unsupported TARGETARCH ${TARGETARCH}" >&2; exit 1 ;; \
    esac; \
    version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1); \
    WEMIXVISOR_COMMIT="${WEMIXVISOR_COMMIT}" WEMIXVISOR_DIST_DIR=/dist packaging/build-release.sh "$version" "$arch"; \
    mkdir /out; \
    tar -xzf "/dist/wemixvisor-$version-linux-$arch.tar.gz" -C /out --strip-components=1

# --- runtime: the libraries a native .NET app needs, nothing else ---------------------------------------------------
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# The node is started through setsid(1) (util-linux, part of the base image); fail the build if it is missing.
RUN test -x /usr/bin/setsid
COPY --from=build /out/ /opt/wemixvisor/
# APP_UID is the non-root user the .NET base images define (uid 1654, "app").
RUN mkdir -p /var/lib/wemixvisor && chown "$APP_UID:$APP_UID" /var/lib/wemixvisor \
    && ln -s /opt/wemixvisor/wemixvisor /usr/local/bin/wemixvisor
USER $APP_UID
ENV DAEMON_HOME=/var/lib/wemixvisor
VOLUME ["/var/lib/wemixvisor"]
WORKDIR /var/lib/wemixvisor
STOPSIGNAL SIGTERM
# Exec form: wemixvisor itself is PID 1, with no shell in between to swallow signals or leave zombies.
ENTRYPOINT ["/opt/wemixvisor/wemixvisor"]
CMD ["run"]
