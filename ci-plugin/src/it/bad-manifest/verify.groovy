// a privileged Deployment fails the build with pss-privileged, at the offending line, in every report
def log = new File(basedir, 'build.log').text
assert log.contains('vigil:lint: pss-privileged (1) Containers must not be privileged - https://')
assert log.contains('  src/main/k8s/app.yaml:80:13 Deployment/shop/shop ')
assert log.contains('vigil:lint: 1 manifest finding(s) at or above failOn=error')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/vigil/lint.sarif'))
def results = sarif.runs[0].results
assert results*.ruleId == ['pss-privileged']
assert results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/k8s/app.yaml'
assert results[0].locations[0].physicalLocation.region.startLine == 80
assert new File(basedir, 'target/vigil/TEST-vigil-lint.xml').text.contains('pss-privileged')
return true
