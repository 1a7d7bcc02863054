#!/usr/bin/env bash
# Builds localhost/vigil-jre-base:17-debian12, a Java 17 runtime base made from Debian packages with mmdebstrap, for
# machines that cannot pull the public base (gcr.io/distroless/java17-debian12). Used by `VIGIL_IMAGE_BASE=local
# ./vigil image`; the image is the cache: when it exists this script only prints its name (VIGIL_IMAGE_BASE_REBUILD=1
# makes it again). Needs root (or a subuid mapping), mmdebstrap and podman; the package sources are the host's apt
# sources (VIGIL_APT_SOURCES=FILE for others).
#
# Like distroless: a `nonroot` user 65532 with a home, CA certificates (ca-certificates-java), no apt, no docs. Unlike
# distroless it still has dpkg's essential set (a shell among them); the Vigil images never call it.
set -euo pipefail
: "${PODMAN:?run through deploy/images/build.sh (sets PODMAN)}"
TAG="${VIGIL_LOCAL_BASE_TAG:-localhost/vigil-jre-base:17-debian12}"
SUITE="${VIGIL_DEBIAN_SUITE:-bookworm}"
if [[ "${VIGIL_IMAGE_BASE_REBUILD:-0}" != 1 ]] && $PODMAN image exists "$TAG"; then
  echo "$TAG"
  exit 0
fi
command -v mmdebstrap >/dev/null || { echo "vigil image: mmdebstrap not found (apt-get install mmdebstrap)" >&2; exit 2; }

sources="${VIGIL_APT_SOURCES:-}"
if [[ -z "$sources" ]]; then
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    [[ -s "$f" ]] && { sources="$f"; break; }
  done
fi
[[ -n "$sources" ]] || { echo "vigil image: no apt sources found; set VIGIL_APT_SOURCES=FILE" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "vigil image: making $TAG from Debian $SUITE packages (mmdebstrap, sources: $sources)..." >&2
# SOURCE_DATE_EPOCH (set by build.sh) makes mmdebstrap clamp file times, so the same packages give the same tar.
mmdebstrap --quiet --variant=essential --format=tar \
  --include=openjdk-17-jre-headless,ca-certificates-java \
  --customize-hook='chroot "$1" sh -c "echo nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin >>/etc/passwd; echo nonroot:x:65532: >>/etc/group; mkdir -p /home/nonroot; chown 65532:65532 /home/nonroot"' \
  --customize-hook='rm -rf "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/info/* "$1"/var/cache/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
  "$SUITE" "$work/rootfs.tar" "$sources" >&2

cat >"$work/Containerfile" <<'CONTAINERFILE'
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL org.opencontainers.image.title="vigil-jre-base" \
      org.opencontainers.image.description="Java 17 runtime from Debian packages (mmdebstrap), stand-in for distroless java17"
USER 65532:65532
CONTAINERFILE
$PODMAN build --quiet --network=host --timestamp "${SOURCE_DATE_EPOCH:-0}" -t "$TAG" -f "$work/Containerfile" "$work" >&2
echo "$TAG"
