// 1 baseline written; 2 shifted lines still baselined; 3 a new finding fails; 4 strict fails on a stale entry
def log = new File(basedir, 'build.log').text
def baseline = new groovy.json.JsonSlurper().parse(new File(basedir, 'vigil-baseline.json'))
assert baseline.entries*.ruleId.sort() == ['VIGIL-ARCH-002', 'pss-privileged']
assert baseline.entries.every { it.fingerprint ==~ /[0-9a-f]{32}/ && it.justification.startsWith('accepted by vigil:baseline on ') }
assert log.contains('vigil:baseline: wrote 2 entries to vigil-baseline.json (1 manifest, 1 security architecture)')
// run 2: both findings reported as suppressed, build passes
assert log.contains('vigil:arch: 0 findings, 1 suppressed from 27 security rules')
assert log.contains('vigil:lint: 0 findings, 1 suppressed in 5 objects from 1 files')
// run 3: the new Pod fails
assert log =~ /vigil:lint: pss-host-namespaces \(\d+\)/
assert log.contains('k8s-new/extra.yaml:')
// run 4: strict mode names the stale entry, never rewrites the baseline
assert log.contains('vigil: stale baseline entry (its finding is gone): pss-privileged k8s/app.yaml:80:13 Deployment/shop/shop')
assert log.contains('1 stale entry in vigil-baseline.json (vigil.baseline.strict)')
def after = new groovy.json.JsonSlurper().parse(new File(basedir, 'vigil-baseline.json'))
assert after.entries.size() == 2
return true
