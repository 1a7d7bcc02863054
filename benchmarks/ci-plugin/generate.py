#!/usr/bin/env python3
"""Writes a benchmark project: 500 manifests (5 objects each, a few with findings) and 5,000 Java classes in 50
packages (security, web, persistence and plain ones), a few of them with findings of the security rules."""
import os
import sys

root, template = sys.argv[1], sys.argv[2]
clean = open(template).read()
os.makedirs(f"{root}/k8s", exist_ok=True)
for i in range(500):
    text = clean.replace("name: shop", f"name: shop-{i}").replace("app.kubernetes.io/name: shop", f"app.kubernetes.io/name: shop-{i}")
    if i % 50 == 0:
        text = text.replace("allowPrivilegeEscalation: false\n", "allowPrivilegeEscalation: false\n            privileged: true\n", 1)
    open(f"{root}/k8s/app-{i:03d}.yaml", "w").write(text)

kinds = ["security", "web", "persistence", "service", "model"]
for i in range(5000):
    pkg_no = i // 100
    kind = kinds[pkg_no % len(kinds)]
    pkg = f"com.example.p{pkg_no:02d}.{kind}"
    d = f"{root}/src/main/java/" + pkg.replace(".", "/")
    os.makedirs(d, exist_ok=True)
    name = f"C{i:04d}"
    body = []
    if kind == "security":
        alg = "MD5" if i % 97 == 0 else "SHA-256"
        body.append(f'    byte[] hash(byte[] d) throws Exception {{ return java.security.MessageDigest.getInstance("{alg}").digest(d); }}')
        body.append("    long nonce() { return new java.security.SecureRandom().nextLong(); }")
    elif kind == "web":
        body.append("    String handle(String q) { return q == null ? \"\" : q.trim(); }")
        if i % 89 == 0:
            body.append("    Object load(String n) throws Exception { return Class.forName(n); }")
    elif kind == "persistence":
        body.append("    java.sql.ResultSet find(java.sql.Connection c, String id) throws Exception {")
        body.append("        java.sql.PreparedStatement s = c.prepareStatement(\"select * from t where id = ?\");")
        body.append("        s.setString(1, id);")
        body.append("        return s.executeQuery();")
        body.append("    }")
    else:
        body.append("    private final java.util.List<String> items = new java.util.ArrayList<>();")
        body.append("    int add(String s) { items.add(s.toUpperCase(java.util.Locale.ROOT)); return items.size(); }")
        body.append(f"    static String describe(Object o) {{ return \"{name}:\" + o; }}")
    src = f"package {pkg};\n\npublic class {name} {{\n" + "\n".join(body) + "\n}\n"
    open(f"{d}/{name}.java", "w").write(src)
