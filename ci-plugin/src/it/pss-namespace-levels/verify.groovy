// lint.json says which Pod Security level each workload of a labelled namespace was checked at, and why, exactly as
// `vigil lint --format json` does with the same .vigil.yaml (it did not: the plugin dropped these levels)
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/vigil/lint.json'))
def levels = json.pssLevels.collect { "${it.object.namespace}/${it.object.name} ${it.level} ${it.version}: ${it.reason}".toString() }
assert levels == [
    'legacy/old-app baseline v1.29: namespace legacy: pod-security.kubernetes.io/enforce=baseline',
    'edge/node-agent privileged v1.30: namespace edge: pod-security.kubernetes.io/enforce=privileged',
] : levels
assert !json.findings.any { it.ruleId.startsWith('pss-') } : json.findings*.ruleId
return true
