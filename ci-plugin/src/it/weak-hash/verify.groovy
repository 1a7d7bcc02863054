// MessageDigest.getInstance("MD5") fails vigil:arch with VIGIL-ARCH-002 at the line of the call
def log = new File(basedir, 'build.log').text
assert log.contains('vigil:arch: VIGIL-ARCH-002 (1) No broken hash algorithms (MD2, MD4, MD5, SHA-1) - https://')
assert log.contains('  src/main/java/com/example/security/Fingerprints.java:10 com.example.security.Fingerprints.of: MessageDigest.getInstance("MD5") uses a broken hash algorithm')
assert log.contains('vigil:arch: 1 security finding(s) at or above failOn=error')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/vigil/arch.sarif'))
def results = sarif.runs[0].results
assert results*.ruleId == ['VIGIL-ARCH-002']
assert results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/java/com/example/security/Fingerprints.java'
assert results[0].locations[0].physicalLocation.region.startLine == 10
def rule = sarif.runs[0].tool.driver.rules[results[0].ruleIndex]
assert rule.properties.'security-severity' == '7.5'
assert rule.properties.tags.contains('external/cwe/cwe-328')
assert new File(basedir, 'target/vigil/TEST-vigil-arch.xml').text.contains('<failure type="CWE-328"')
return true
