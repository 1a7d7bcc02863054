#!/usr/bin/env python3
"""Scores Vigil and SpotBugs + FindSecBugs on the labelled corpus: per weakness class TP/FN/FP/TN, true- and
false-positive rate and their difference (the OWASP Benchmark score), as a Markdown table.

Usage: score.py CORPUS_SOURCES VIGIL.csv SPOTBUGS.xml [CASE_PREFIX]   (only cases whose class name starts with it)"""
import collections
import os
import re
import sys
import xml.etree.ElementTree as ET

sources, vigil_csv, spotbugs_xml = sys.argv[1:4]
prefix = sys.argv[4] if len(sys.argv) > 4 else ""

# FindSecBugs / SpotBugs bug types that report each weakness class (as the OWASP Benchmark scorecard counts them)
TYPES = {
    "cmdi": {"COMMAND_INJECTION"},
    "sqli": {"SQL_INJECTION", "SQL_INJECTION_JDBC", "SQL_INJECTION_SPRING_JDBC", "SQL_INJECTION_JPA",
             "SQL_INJECTION_HIBERNATE", "SQL_INJECTION_JDO", "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
             "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING"},
    "ldapi": {"LDAP_INJECTION"},
    "pathtraver": {"PATH_TRAVERSAL_IN", "PATH_TRAVERSAL_OUT", "PATH_TRAVERSAL_NIO"},
    "xpathi": {"XPATH_INJECTION"},
    "xss": {"XSS_SERVLET", "XSS_REQUEST_PARAMETER_TO_SERVLET_WRITER", "XSS_REQUEST_PARAMETER_TO_SEND_ERROR",
            "XSS_REQUEST_WRAPPER"},
    "trustbound": {"TRUST_BOUNDARY_VIOLATION"},
    "hash": {"WEAK_MESSAGE_DIGEST_MD5", "WEAK_MESSAGE_DIGEST_SHA1"},
    "crypto": {"DES_USAGE", "TDES_USAGE", "ECB_MODE", "NULL_CIPHER", "BLOWFISH_KEY_SIZE"},
    "securecookie": {"INSECURE_COOKIE"},
    "weakrand": {"PREDICTABLE_RANDOM"},
}

expected = {}
for root, _, files in os.walk(sources):
    for f in files:
        if not f.endswith(".java"):
            continue
        text = open(os.path.join(root, f)).read()
        m = re.search(r'@Expected\(category = "(\w+)", cwe = (\d+), vulnerable = (true|false)\)', text)
        pkg = re.search(r"^package ([\w.]+);", text, re.M)
        if m and pkg and f.startswith(prefix):
            expected[pkg.group(1) + "." + f[:-5]] = (m.group(1), int(m.group(2)), m.group(3) == "true")

vigil = collections.defaultdict(set)
for line in open(vigil_csv).read().splitlines()[1:]:
    case, category, found = line.split(",")
    vigil[category].add(case)

spotbugs = collections.defaultdict(set)
for bug in ET.parse(spotbugs_xml).getroot().iter("BugInstance"):
    cls = bug.find("Class").get("classname").split("$")[0]
    for category, types in TYPES.items():
        if bug.get("type") in types:
            spotbugs[category].add(cls)


def score(found):
    rows = {}
    for category in TYPES:
        tp = fn = fp = tn = 0
        for case, (cat, _, vulnerable) in expected.items():
            if cat != category:
                continue
            hit = case in found[category]
            if vulnerable:
                tp, fn = tp + hit, fn + (not hit)
            else:
                fp, tn = fp + hit, tn + (not hit)
        rows[category] = (tp, fn, fp, tn)
    return rows


cwe = {cat: c for (cat, c, _) in expected.values()}
v, s = score(vigil), score(spotbugs)
print("| Class (CWE) | Vigil TP/FN/FP/TN | Vigil TPR | Vigil FPR | Vigil score | SpotBugs+FSB TP/FN/FP/TN | FSB TPR | FSB FPR | FSB score |")
print("|---|---|---:|---:|---:|---|---:|---:|---:|")
totals = {"v": [], "s": []}
for category in TYPES:
    line = f"| {category} ({cwe.get(category, '?')}) "
    for key, rows in (("v", v), ("s", s)):
        tp, fn, fp, tn = rows[category]
        tpr = tp / (tp + fn) if tp + fn else 0
        fpr = fp / (fp + tn) if fp + tn else 0
        totals[key].append((tpr, fpr))
        line += f"| {tp}/{fn}/{fp}/{tn} | {tpr:.2f} | {fpr:.2f} | {tpr - fpr:+.2f} "
    print(line + "|")
line = "| **average of the 11 classes** "
for key in ("v", "s"):
    tpr = sum(t for t, _ in totals[key]) / len(totals[key])
    fpr = sum(f for _, f in totals[key]) / len(totals[key])
    line += f"| | **{tpr:.2f}** | **{fpr:.2f}** | **{tpr - fpr:+.2f}** "
print(line + "|")
print(f"\n{len(expected)} cases, {sum(1 for c in expected.values() if c[2])} vulnerable")
