// -Dvigil.skip skips every goal: no reports, the build passes despite the findings
def log = new File(basedir, 'build.log').text
assert log.contains('vigil: skipped (vigil.skip=true)')
assert !new File(basedir, 'target/vigil').exists()
return true
