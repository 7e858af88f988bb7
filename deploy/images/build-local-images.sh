#!/usr/bin/env bash
# Builds with podman, from Debian's packages and Maven Central alone (no registry), the images that the compose
# file and the container branch of the integration tests use in place of the official ones:
#   localhost/bourse-base/debian:bookworm    debootstrap's minimal Debian
#   localhost/bourse-base/jre:17             OpenJDK 17 JRE: the base of the service images and of Kafka
#   localhost/bourse-base/postgres:15        Debian's PostgreSQL, configured by the official image's variables
#   localhost/bourse-base/kafka:<version>    the Kafka broker from Maven Central, configured like apache/kafka
# and saves the JRE as a docker archive for Jib (target/images/jre-17.tar). An image already present is kept;
# --rebuild builds all of them again. Needs root, podman, debootstrap and CONTAINERS_CONF (see deploy/podman).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/images"
rebuild=false
[[ "${1:-}" == "--rebuild" ]] && rebuild=true
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"
mkdir -p "$out"

present() { ! $rebuild && podman image exists "$1"; }
step() { echo "[images] $*"; }

if ! present localhost/bourse-base/debian:bookworm; then
  step "debootstrap bookworm (minbase)"
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" >"$out/debootstrap.log" 2>&1 \
    || { tail -20 "$out/debootstrap.log"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import - localhost/bourse-base/debian:bookworm >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

if ! present localhost/bourse-base/jre:17; then
  step "JRE 17"
  podman build -q -t localhost/bourse-base/jre:17 "$here/jre" >/dev/null
fi
if $rebuild || [[ ! -f "$out/jre-17.tar" ]]; then
  rm -f "$out/jre-17.tar"
  podman save -q --format docker-archive -o "$out/jre-17.tar" localhost/bourse-base/jre:17
fi

if ! present localhost/bourse-base/postgres:15; then
  step "PostgreSQL 15"
  podman build -q -t localhost/bourse-base/postgres:15 "$here/postgres" >/dev/null
fi

kafka_version="$("$root/mvnw" -q -B -f "$here/kafka/pom.xml" help:evaluate -Dexpression=kafka.version -DforceStdout)"
if ! present "localhost/bourse-base/kafka:$kafka_version"; then
  step "Kafka $kafka_version"
  rm -rf "$here/kafka/target"
  "$root/mvnw" -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$here/kafka/target/libs"
  podman build -q -t "localhost/bourse-base/kafka:$kafka_version" "$here/kafka" >/dev/null
fi
step "ready: $(podman images --format '{{.Repository}}:{{.Tag}}' | grep bourse-base | sort | tr '\n' ' ')"
