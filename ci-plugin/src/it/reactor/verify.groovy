// two modules: SARIF URIs are relative to the reactor root, not to each module
def slurp = { new groovy.json.JsonSlurper().parse(new File(basedir, it)) }
def lint = slurp('module-a/target/vigil/lint.sarif').runs[0]
assert lint.results*.locations*.physicalLocation*.artifactLocation*.uri.flatten() == ['module-a/k8s/app.yaml']
assert lint.results[0].locations[0].physicalLocation.artifactLocation.uriBaseId == '%SRCROOT%'
assert lint.originalUriBaseIds.'%SRCROOT%'.uri == basedir.toPath().toAbsolutePath().normalize().toUri().toString()
def arch = slurp('module-b/target/vigil/arch.sarif').runs[0]
assert arch.results*.locations*.physicalLocation*.artifactLocation*.uri.flatten() == ['module-b/src/main/java/com/example/b/security/Fingerprints.java']
assert arch.originalUriBaseIds.'%SRCROOT%'.uri == basedir.toPath().toAbsolutePath().normalize().toUri().toString()
assert slurp('module-a/target/vigil/arch.sarif').runs[0].results.isEmpty()
def log = new File(basedir, 'build.log').text
assert log.contains('module-a/k8s/app.yaml:80:13 Deployment/shop/shop')
return true
