# syntax=docker/dockerfile:1
# A managed ejabberd for the Kubernetes runtime, from Debian bookworm's packages as on a platform machine. The runtime
# mounts the instance's data, configuration and certificates under /srv/xmpp and sets the command itself.
# The base image is pinned by tag and digest (the multi-platform index): renew both together.
FROM debian:bookworm-20261005-slim@sha256:7c7b2c966bc9ee8cedfeef67e0e279108992c77681fa595db4a9d65c06ccc587

# The package's own account (Debian's ejabberdctl runs only as it), made first with a fixed id: pods run as it
# (runAsUser 10001) and their volumes belong to it. The package keeps an account that exists.
RUN groupadd --system --gid 10001 ejabberd \
    && useradd --system --uid 10001 --gid ejabberd --home-dir /var/lib/ejabberd --no-create-home \
       --shell /bin/sh ejabberd

# The package brings the Erlang it needs, erlc included (the platform's modules are compiled at start). socat: the
# platform reaches the API socket through `kubectl exec ... socat`. tini: signals and orphans when the image runs
# on its own.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       ejabberd socat ca-certificates tini \
    && rm -rf /var/lib/apt/lists/* \
    && install -d -o ejabberd -g ejabberd -m 0750 /srv/xmpp

WORKDIR /srv/xmpp
USER ejabberd
# -g: ejabberdctl runs the Erlang node as its child, which must get the signal too.
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
# Debian's own configuration, until the runtime's command replaces it.
CMD ["ejabberdctl", "foreground"]
