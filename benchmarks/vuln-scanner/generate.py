#!/usr/bin/env python3
"""Benchmark inputs for vigil scan (deterministic, seed 7):
  generate.py WORK [ADVISORIES] [PACKAGES] [IMAGE_MB]
  WORK/osv/         ADVISORIES OSV advisories (90% Maven, 10% Debian:12), 1-3 ranges each, aliases, CVSS v3
  WORK/sbom.json    a CycloneDX 1.5 SBOM of PACKAGES Maven packages, about a third of them in some advisory's range
  WORK/image.tar    a Docker archive of about IMAGE_MB MB: a Debian 12 layer with a 2,000-package dpkg status,
                    layers of incompressible filler files, layers of real jars from the local Maven repository,
                    and a whiteout layer
"""
import hashlib, io, json, os, random, sys, tarfile

work = sys.argv[1]
n_adv = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
n_pkg = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
image_mb = int(sys.argv[4]) if len(sys.argv) > 4 else 300
rnd = random.Random(7)
os.makedirs(f"{work}/osv", exist_ok=True)

groups = [f"org.example{g}" for g in range(400)]
def maven_pkg(i):
    return f"{groups[i % len(groups)]}:lib{i}"

vectors = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H",
           "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"]
for i in range(n_adv):
    debian = i % 10 == 0
    ranges = []
    for r in range(rnd.randint(1, 3)):
        major = r + 1
        if debian:
            ranges.append({"type": "ECOSYSTEM", "events": [{"introduced": "0"},
                           {"fixed": f"{major}.{rnd.randint(0, 9)}.{rnd.randint(0, 20)}-{rnd.randint(1, 5)}+deb12u{rnd.randint(1, 4)}"}]})
        else:
            ranges.append({"type": "ECOSYSTEM", "events": [{"introduced": f"{major}.0"},
                           {"fixed": f"{major}.{rnd.randint(1, 9)}.{rnd.randint(0, 20)}"}]})
    adv = {
        "schema_version": "1.4.0",
        "id": f"GHSA-bench-{i:05d}",
        "modified": f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T00:00:00Z",
        "aliases": [f"CVE-2025-{10000 + i}"],
        "summary": f"generated advisory {i}",
        "details": "x" * rnd.randint(200, 2000),
        "severity": [{"type": "CVSS_V3", "score": rnd.choice(vectors)}],
        "affected": [{"package": {"ecosystem": "Debian:12" if debian else "Maven",
                                  "name": f"deb{i % 2000}" if debian else maven_pkg(i % 5000)},
                      "ranges": ranges}],
    }
    with open(f"{work}/osv/GHSA-bench-{i:05d}.json", "w") as f:
        json.dump(adv, f, indent=2)

components = []
for i in range(n_pkg):
    name = maven_pkg(rnd.randint(0, 9999))
    g, a = name.split(":")
    v = f"{rnd.randint(1, 3)}.{rnd.randint(0, 9)}.{rnd.randint(0, 30)}"
    components.append({"type": "library", "group": g, "name": a, "version": v, "purl": f"pkg:maven/{g}/{a}@{v}"})
with open(f"{work}/sbom.json", "w") as f:
    json.dump({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": components}, f, indent=2)

def layer_tar(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo("./" + name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()

status = []
for i in range(2000):
    status.append(f"Package: deb{i}\nStatus: install ok installed\nArchitecture: amd64\nSource: deb{i}\n"
                  f"Version: 1.{rnd.randint(0, 9)}.{rnd.randint(0, 20)}-1\nDescription: generated\n")
layers = [layer_tar([("etc/os-release", b'ID=debian\nVERSION_ID="12"\n'),
                     ("var/lib/dpkg/status", "\n".join(status).encode())])]
jars = []
m2 = os.path.expanduser("~/.m2/repository")
for root, _, names in os.walk(m2):
    for n in sorted(names):
        if n.endswith(".jar") and not n.endswith("-sources.jar"):
            jars.append(os.path.join(root, n))
jars.sort()
rnd.shuffle(jars)
jar_bytes, chosen = 0, []
for j in jars:
    size = os.path.getsize(j)
    if jar_bytes + size > image_mb * 1024 * 1024 // 3:
        continue
    chosen.append(j)
    jar_bytes += size
    if len(chosen) >= 1500:
        break
for k in range(0, len(chosen), 300):
    layers.append(layer_tar([(f"app/lib/{os.path.basename(j)}", open(j, "rb").read()) for j in chosen[k:k + 300]]))
filler = image_mb * 1024 * 1024 - jar_bytes
while filler > 0:
    files = []
    for _ in range(50):
        size = min(filler, 1024 * 1024)
        files.append((f"usr/share/filler/{len(layers)}-{len(files)}.bin", os.urandom(size)))
        filler -= size
        if filler <= 0:
            break
    layers.append(layer_tar(files))
layers.append(layer_tar([(f"app/lib/.wh.{os.path.basename(chosen[0])}", b"")]))

with tarfile.open(f"{work}/image.tar", "w") as out:
    names = []
    for data in layers:
        digest = hashlib.sha256(data).hexdigest()
        info = tarfile.TarInfo(f"{digest}/layer.tar")
        info.size = len(data)
        out.addfile(info, io.BytesIO(data))
        names.append(f"{digest}/layer.tar")
    manifest = json.dumps([{"Config": "config.json", "RepoTags": ["bench:latest"], "Layers": names}]).encode()
    info = tarfile.TarInfo("manifest.json")
    info.size = len(manifest)
    out.addfile(info, io.BytesIO(manifest))
print(f"{n_adv} advisories, {n_pkg} SBOM packages, image {os.path.getsize(work + '/image.tar') // (1024 * 1024)} MB "
      f"({len(chosen)} jars, {len(layers)} layers)")
