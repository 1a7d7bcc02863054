#!/usr/bin/env bash
# `./vigil image [NAME...]`: builds the two Vigil images (or the NAMEs given) with podman from the jars the Maven build made and saves each as an
# OCI archive:
#   localhost/vigil-admission-webhook:VERSION   target/images/vigil-admission-webhook-VERSION.oci.tar
#   localhost/vigil-policy-linter:VERSION       target/images/vigil-policy-linter-VERSION.oci.tar
# VIGIL_IMAGE_BASE: unset = the Containerfiles' default public base (distroless Java 17); `local` = a Java 17 base
# made here from Debian packages (deploy/images/local-jre-base.sh, cached as a podman image); anything else = that
# image reference. Podman settings this machine needs (see deploy/images/README.md): CONTAINERS_CONF without
# default ulimits (written to target/images/containers.conf when unset), the runc runtime (VIGIL_PODMAN_RUNTIME),
# host networking. Reproducible: file and image times are the build's outputTimestamp (SOURCE_DATE_EPOCH), so the
# same jars, base and revision give the same image ID.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/images"
mkdir -p "$OUT"
command -v podman >/dev/null || { echo "vigil image: podman not found (apt-get install podman runc)" >&2; exit 2; }

VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
REVISION="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
  stamp="$(sed -n 's:.*<project.build.outputTimestamp>\(.*\)</project.build.outputTimestamp>.*:\1:p' "$ROOT/pom.xml")"
  SOURCE_DATE_EPOCH="$(date -u -d "$stamp" +%s)"
fi
export SOURCE_DATE_EPOCH
if [[ -z "${CONTAINERS_CONF:-}" ]]; then
  printf '[containers]\ndefault_ulimits = []\n' >"$OUT/containers.conf"
  export CONTAINERS_CONF="$OUT/containers.conf"
fi
PODMAN="podman --runtime ${VIGIL_PODMAN_RUNTIME:-runc}"
export PODMAN

base_args=()
case "${VIGIL_IMAGE_BASE:-}" in
  "") ;;
  local) base_args=(--build-arg "BASE=$("$ROOT/deploy/images/local-jre-base.sh")") ;;
  *) base_args=(--build-arg "BASE=$VIGIL_IMAGE_BASE") ;;
esac

build() { # name context-dir jar
  local name="$1" dir="$2" jar="$3" tag="localhost/$1:$VERSION"
  [[ -f "$dir/target/$jar" ]] || { echo "vigil image: $dir/target/$jar missing; build first (./vigil build)" >&2; exit 2; }
  # --no-cache: buildah's layer cache kept an older image when only a build argument (the revision label) changed;
  # the base is an image, not a step, so this rebuilds only the jar layer and the metadata (seconds)
  $PODMAN build --quiet --no-cache --network=host --timestamp "$SOURCE_DATE_EPOCH" "${base_args[@]}" \
    --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" \
    -t "$tag" -f "$dir/Containerfile" "$dir" >/dev/null
  rm -f "$OUT/$name-$VERSION.oci.tar"
  $PODMAN save --quiet --format oci-archive -o "$OUT/$name-$VERSION.oci.tar" "$tag"
  printf '%s  id %s  %s\n' "$tag" "$($PODMAN image inspect --format '{{.Id}}' "$tag")" \
    "${OUT#"$ROOT"/}/$name-$VERSION.oci.tar"
}
# arguments: which images (default both)
for name in "${@:-vigil-admission-webhook vigil-policy-linter}"; do
  for n in $name; do
    case "$n" in
      vigil-admission-webhook) build "$n" "$ROOT/admission-webhook" admission-webhook.jar ;;
      vigil-policy-linter) build "$n" "$ROOT/policy-linter/cli" policy-linter.jar ;;
      *) echo "vigil image: unknown image '$n'; expected vigil-admission-webhook or vigil-policy-linter" >&2; exit 2 ;;
    esac
  done
done
