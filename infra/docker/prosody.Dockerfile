# syntax=docker/dockerfile:1
# A managed Prosody for the Kubernetes runtime, from Debian bookworm's packages as on a platform machine. The runtime
# mounts the instance's data, configuration and certificates under /srv/xmpp and sets the command itself.
# The base image is pinned by tag and digest (the multi-platform index): renew both together.
FROM debian:bookworm-20261005-slim@sha256:7c7b2c966bc9ee8cedfeef67e0e279108992c77681fa595db4a9d65c06ccc587

# The package's own account, made first with a fixed id: pods run as it (runAsUser 10001) and their volumes belong
# to it. The package keeps an account that exists.
RUN groupadd --system --gid 10001 prosody \
    && useradd --system --uid 10001 --gid prosody --home-dir /var/lib/prosody --no-create-home \
       --shell /usr/sbin/nologin --comment "Prosody XMPP Server" prosody

# lua-unbound: the resolver the configuration points at the platform's own (only recommended by the package).
# libjemalloc2: a smaller heap for servers of many hosts. socat: the platform reaches the admin socket through
# `kubectl exec ... socat`. tini: signals and orphans when the image runs on its own.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       prosody prosody-modules lua-unbound libjemalloc2 socat ca-certificates tini \
    && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(dpkg -L libjemalloc2 | grep '/libjemalloc\.so\.2$')" /usr/local/lib/libjemalloc.so.2 \
    && install -d -o prosody -g prosody -m 0750 /srv/xmpp /run/prosody
# The runtime leaves the allocator to the image.
ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so.2

WORKDIR /srv/xmpp
USER prosody
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
# Debian's own configuration, until the runtime's command replaces it (/run/prosody holds its pid file).
CMD ["prosody", "-F"]
