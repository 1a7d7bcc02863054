// clean project: both goals ran, found nothing, wrote every report
def log = new File(basedir, 'build.log').text
def vigil = new File(basedir, 'target/vigil')
assert log.contains('vigil:lint: 0 findings in 5 objects from 1 files; reports: target/vigil/lint.sarif, lint.json, TEST-vigil-lint.xml, lint.html')
assert log.contains('vigil:arch: 0 findings from 27 security rules; reports: target/vigil/arch.sarif, arch.json, TEST-vigil-arch.xml, arch.html')
['lint.sarif', 'lint.json', 'TEST-vigil-lint.xml', 'lint.html', 'arch.sarif', 'arch.json', 'TEST-vigil-arch.xml', 'arch.html'].each {
    assert new File(vigil, it).isFile() : "missing report ${it}"
}
def html = new File(vigil, 'lint.html').text
assert !html.contains('<script') && !html.contains('<link') : 'lint.html must be self-contained'
// run 2: no input changed, so the lint replays its last result instead of linting again
assert log.contains('vigil:lint: up to date, no input changed since the last report (vigil.lint.force=true lints anyway)')
assert log.count('vigil:lint: 0 findings in 5 objects from 1 files') == 2
return true
