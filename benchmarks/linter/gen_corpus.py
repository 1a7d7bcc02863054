#!/usr/bin/env python3
"""Generates a realistic corpus of Kubernetes objects for the linter benchmark.

usage: gen_corpus.py OUT_DIR [OBJECTS] [ANNOTATION_BYTES]
  (default 10000 objects, 100 objects per file; ANNOTATION_BYTES, default 0, adds about that many bytes of
  annotations to every object, as real manifests carry: checksums, descriptions, tool metadata. 10,000 objects with
  600 bytes each make a 16.5 MB corpus, more than the 15 MB of issue 14's memory and time goals.)

Mixed kinds in realistic proportions (workloads of every controller kind, Services, ConfigMaps, RBAC,
networking, autoscaling, disruption budgets); every other object is compliant, the others carry typical
problems (privileged, hostPath, root, latest tag, no resources, NodePort, wildcard RBAC, Ingress without TLS).
Deterministic: the same arguments always give the same files.
"""
import hashlib
import os
import random
import sys

KINDS = [  # (kind, weight)
    ("Deployment", 20), ("StatefulSet", 5), ("DaemonSet", 4), ("CronJob", 5), ("Job", 4), ("Pod", 6),
    ("Service", 16), ("ConfigMap", 10), ("ServiceAccount", 6), ("PodDisruptionBudget", 5),
    ("NetworkPolicy", 5), ("Ingress", 5), ("HorizontalPodAutoscaler", 4), ("Role", 3), ("RoleBinding", 2),
]


def labels(app, indent):
    pad = " " * indent
    return (f"{pad}app.kubernetes.io/name: {app}\n{pad}app.kubernetes.io/part-of: shop\n"
            f"{pad}app.kubernetes.io/version: \"1.4.2\"\n")


def container(app, good, indent):
    p = " " * indent
    if good:
        return (f"{p}- name: {app}\n"
                f"{p}  image: registry.example/shop/{app}:1.4.2@sha256:{'ab12' * 16}\n"
                f"{p}  imagePullPolicy: IfNotPresent\n"
                f"{p}  args: [\"--port=8080\", \"--log-format=json\"]\n"
                f"{p}  ports:\n{p}    - {{name: http, containerPort: 8080}}\n"
                f"{p}  env:\n{p}    - {{name: LOG_LEVEL, value: info}}\n"
                f"{p}    - name: DB_PASSWORD\n{p}      valueFrom: {{secretKeyRef: {{name: {app}-db, key: password}}}}\n"
                f"{p}  readinessProbe:\n{p}    httpGet: {{path: /ready, port: http}}\n"
                f"{p}  livenessProbe:\n{p}    httpGet: {{path: /healthz, port: http}}\n{p}    periodSeconds: 20\n"
                f"{p}  resources:\n{p}    requests: {{cpu: 100m, memory: 128Mi}}\n"
                f"{p}    limits: {{cpu: \"1\", memory: 256Mi}}\n"
                f"{p}  securityContext:\n{p}    allowPrivilegeEscalation: false\n"
                f"{p}    readOnlyRootFilesystem: true\n{p}    capabilities: {{drop: [ALL]}}\n"
                f"{p}  volumeMounts:\n{p}    - {{name: tmp, mountPath: /tmp}}\n")
    return (f"{p}- name: {app}\n"
            f"{p}  image: registry.example/shop/{app}:latest\n"
            f"{p}  ports:\n{p}    - containerPort: 80\n"
            f"{p}  env:\n{p}    - {{name: API_TOKEN, value: \"ghp_{'x' * 36}\"}}\n"
            f"{p}  securityContext:\n{p}    privileged: true\n{p}    runAsUser: 0\n"
            f"{p}    capabilities: {{add: [NET_ADMIN, SYS_ADMIN]}}\n"
            f"{p}  volumeMounts:\n{p}    - {{name: docker, mountPath: /var/run/docker.sock}}\n")


def pod_spec(app, good, indent):
    p = " " * indent
    if good:
        return (f"{p}serviceAccountName: {app}\n{p}automountServiceAccountToken: false\n"
                f"{p}securityContext:\n{p}  runAsNonRoot: true\n{p}  runAsUser: 10001\n{p}  runAsGroup: 10001\n"
                f"{p}  seccompProfile: {{type: RuntimeDefault}}\n"
                f"{p}affinity:\n{p}  podAntiAffinity:\n{p}    preferredDuringSchedulingIgnoredDuringExecution:\n"
                f"{p}      - weight: 100\n{p}        podAffinityTerm:\n"
                f"{p}          topologyKey: kubernetes.io/hostname\n"
                f"{p}          labelSelector: {{matchLabels: {{app.kubernetes.io/name: {app}}}}}\n"
                f"{p}containers:\n" + container(app, True, indent + 2) +
                f"{p}volumes:\n{p}  - {{name: tmp, emptyDir: {{}}}}\n")
    return (f"{p}hostNetwork: true\n{p}hostPID: true\n"
            f"{p}containers:\n" + container(app, False, indent + 2) +
            f"{p}volumes:\n{p}  - name: docker\n{p}    hostPath: {{path: /var/run/docker.sock}}\n")


PAD = 0


def annotations(name):
    if PAD <= 0:
        return ""
    out = "  annotations:\n"
    i = 0
    while len(out) < PAD:
        digest = hashlib.sha256(f"{name}/{i}".encode()).hexdigest()
        out += f"    example.com/checksum-{i}: \"sha256:{digest}\"\n"
        out += f"    example.com/owner-{i}: \"team {name} on-call rotation, see the runbook for {name}\"\n"
        i += 1
    return out


def meta(kind, api, name, ns):
    return (f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n"
            + labels(name, 4) + annotations(name))


def workload(kind, name, ns, good, rnd):
    api = {"Pod": "v1", "CronJob": "batch/v1", "Job": "batch/v1"}.get(kind, "apps/v1")
    head = meta(kind, api, name, ns)
    tmpl_meta = "    metadata:\n      labels:\n" + labels(name, 8)
    if kind == "Pod":
        return head + "spec:\n" + pod_spec(name, good, 2)
    if kind == "CronJob":
        return (head + "spec:\n  schedule: \"*/15 * * * *\"\n  startingDeadlineSeconds: 300\n  jobTemplate:\n"
                "    spec:\n      ttlSecondsAfterFinished: 3600\n      template:\n        metadata:\n          labels:\n"
                + labels(name, 12) + "        spec:\n          restartPolicy: OnFailure\n" + pod_spec(name, good, 10))
    if kind == "Job":
        return (head + "spec:\n  ttlSecondsAfterFinished: 3600\n  template:\n" + tmpl_meta
                + "    spec:\n      restartPolicy: Never\n" + pod_spec(name, good, 6))
    replicas = "" if kind == "DaemonSet" else f"  replicas: {3 if good else 1}\n"
    service = f"  serviceName: {name}\n" if kind == "StatefulSet" else ""
    return (head + "spec:\n" + replicas + service
            + f"  selector:\n    matchLabels:\n      app.kubernetes.io/name: {name}\n  template:\n" + tmpl_meta
            + "    spec:\n" + pod_spec(name, good, 6))


def other(kind, name, ns, good, rnd):
    if kind == "Service":
        kind_line = "  type: ClusterIP\n" if good else "  type: NodePort\n"
        return (meta("Service", "v1", name, ns) + "spec:\n" + kind_line
                + f"  selector:\n    app.kubernetes.io/name: {name}\n"
                + "  ports:\n    - {name: http, port: 80, targetPort: http}\n")
    if kind == "ConfigMap":
        data = "".join(f"  key{i}: \"value {rnd.randint(0, 10**6)}\"\n" for i in range(6))
        return meta("ConfigMap", "v1", name, ns) + "data:\n" + data
    if kind == "ServiceAccount":
        return meta("ServiceAccount", "v1", name, ns) + f"automountServiceAccountToken: {'false' if good else 'true'}\n"
    if kind == "PodDisruptionBudget":
        budget = "  maxUnavailable: 1\n" if good else "  maxUnavailable: 0\n"
        return (meta(kind, "policy/v1", name, ns) + "spec:\n" + budget
                + f"  selector:\n    matchLabels:\n      app.kubernetes.io/name: {name}\n")
    if kind == "NetworkPolicy":
        return (meta(kind, "networking.k8s.io/v1", name, ns)
                + f"spec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: {name}\n"
                + "  policyTypes: [Ingress]\n  ingress:\n    - ports:\n        - port: 8080\n")
    if kind == "Ingress":
        tls = f"  tls:\n    - hosts: [{name}.shop.example]\n      secretName: {name}-tls\n" if good else ""
        return (meta(kind, "networking.k8s.io/v1", name, ns) + "spec:\n" + tls
                + f"  rules:\n    - host: {name}.shop.example\n      http:\n        paths:\n"
                + "          - path: /\n            pathType: Prefix\n"
                + f"            backend:\n              service:\n                name: {name}\n"
                + "                port: {name: http}\n")
    if kind == "HorizontalPodAutoscaler":
        return (meta(kind, "autoscaling/v2", name, ns)
                + f"spec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}\n"
                + f"  minReplicas: {2 if good else 1}\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n"
                + "      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n")
    if kind == "Role":
        rules = ("  - apiGroups: [\"\"]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n" if good
                 else "  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n")
        return meta(kind, "rbac.authorization.k8s.io/v1", name, ns) + "rules:\n" + rules
    if kind == "RoleBinding":
        subject = (f"  - {{kind: ServiceAccount, name: {name}, namespace: {ns}}}\n" if good
                   else "  - {kind: Group, name: \"system:unauthenticated\", apiGroup: rbac.authorization.k8s.io}\n")
        return (meta(kind, "rbac.authorization.k8s.io/v1", name, ns)
                + f"roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: {name}}}\n"
                + "subjects:\n" + subject)
    raise ValueError(kind)


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    global PAD
    PAD = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    per_file = 100
    rnd = random.Random(42)
    os.makedirs(out, exist_ok=True)
    kinds = [k for k, w in KINDS for _ in range(w)]
    workloads = {"Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Pod"}
    n = 0
    f = 0
    while n < total:
        docs = []
        for _ in range(min(per_file, total - n)):
            kind = kinds[rnd.randrange(len(kinds))]
            good = n % 2 == 0
            name = f"app-{n:05d}"
            ns = f"team-{n % 20:02d}"
            docs.append((workload if kind in workloads else other)(kind, name, ns, good, rnd))
            n += 1
        with open(os.path.join(out, f"objects-{f:03d}.yaml"), "w") as fh:
            fh.write("---\n".join(docs))
        f += 1
    print(f"{n} objects in {f} files under {out}")


if __name__ == "__main__":
    main()
