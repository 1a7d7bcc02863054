#!/usr/bin/env python3
"""Writes Vigil's labelled corpus: for each of 11 weakness classes, vulnerable servlets and safe look-alikes in the
style of the OWASP Benchmark (doPost reading request data, helpers, inner and anonymous classes, lambdas,
constant-folded branches, maps and lists with safe keys, sanitisers, parameterised APIs). Each case is a combination
of a source, a propagation and a sink drawn without repetition, so no two cases are copies. Deterministic: the same
seed writes the same files.

Then the benchmark-style hard cases of benchmark_style.py (BenchmarkTestNNNNN, `hard` vulnerable and `hard` safe per
class), which use the helper classes in dev.vigil.corpus.helpers (kept, not generated).

Usage: ci-plugin/corpus/generate.py [out=ci-plugin/src/test/java/dev/vigil/corpus] [per-verdict=32] [hard=20]"""
import os
import random
import shutil
import sys
import textwrap

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../src/test/java/dev/vigil/corpus")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 32
HARD = int(sys.argv[3]) if len(sys.argv) > 3 else 20
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(13)

# ------------------------------------------------------------------ sources: each defines String param

SOURCES = {
    "param": '''String param = request.getParameter("{p}");
if (param == null) param = "";''',
    "header": '''String param = "";
if (request.getHeader("{H}") != null) {{
    param = request.getHeader("{H}");
}}
param = java.net.URLDecoder.decode(param, "UTF-8");''',
    "values": '''String param = "";
String[] values = request.getParameterValues("{p}");
if (values != null && values.length > 0) {{
    param = values[0];
}}''',
    "map": '''String param = "";
java.util.Map<String, String[]> parameters = request.getParameterMap();
if (parameters != null) {{
    String[] values = parameters.get("{p}");
    if (values != null) param = values[0];
}}''',
    "cookie": '''String param = "noCookieValueSupplied";
javax.servlet.http.Cookie[] cookies = request.getCookies();
if (cookies != null) {{
    for (javax.servlet.http.Cookie cookie : cookies) {{
        if (cookie.getName().equals("{p}")) {{
            param = java.net.URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
        }}
    }}
}}''',
    "query": '''String queryString = request.getQueryString();
String paramName = "{p}=";
int start = queryString == null ? -1 : queryString.indexOf(paramName);
String param = "";
if (start >= 0) {{
    int end = queryString.indexOf("&", start);
    param = queryString.substring(start + paramName.length(), end < 0 ? queryString.length() : end);
    param = java.net.URLDecoder.decode(param, "UTF-8");
}}''',
    "headers": '''String param = "";
java.util.Enumeration<String> headers = request.getHeaders("{H}");
if (headers != null && headers.hasMoreElements()) {{
    param = headers.nextElement();
}}''',
    "names": '''String param = "";
java.util.Enumeration<String> names = request.getParameterNames();
while (names.hasMoreElements()) {{
    String name = names.nextElement();
    if (name.startsWith("{p0}")) {{
        param = name;
        break;
    }}
}}''',
    "reader": '''String param = request.getReader().readLine();
if (param == null) param = "";''',
    "pathinfo": '''String param = request.getPathInfo();
if (param == null || param.length() < 2) param = "/x";
param = param.substring(1);''',
    "spring": None,
}

# ------------------------------------------------------------------ propagations: param -> String bar

VULN_PROPS = {
    "direct": ("String bar = param;", ""),
    "builder": ('StringBuilder sb = new StringBuilder();\nsb.append("{w}-").append(param);\nString bar = sb.toString();', ""),
    "builder_init": ('StringBuilder sbxyz = new StringBuilder(param);\nString bar = sbxyz.append("_SafeStuff").toString();', ""),
    "format": ('String bar = String.format("%s", param);', ""),
    "helper": ("String bar = {h}(param);", '''private static String {h}(String in) {{
    String out = in;
    if (out.length() > 1000) {{
        out = out.substring(0, 1000);
    }}
    return out;
}}'''),
    "helper_branch": ("String bar = doSomething(request, param);", '''private static String doSomething(HttpServletRequest request, String param) throws IOException {{
    String bar;
    int num = {n};
    if ((7 * 42) - num > 200) bar = param;
    else bar = "This_should_never_happen";
    return bar;
}}'''),
    "inner": ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws IOException {{
        String bar = param.trim();
        return bar;
    }}
}}'''),
    "nested_holder": ("String bar = new Holder(param).value();", '''private static final class Holder {{
    private final String v;

    Holder(String v) {{
        this.v = v;
    }}

    String value() {{
        return v;
    }}
}}'''),
    "anonymous": ('''java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {{
    @Override
    public String apply(String s) {{
        return s.strip();
    }}
}};
String bar = op.apply(param);''', ""),
    "lambda": ('java.util.function.Function<String, String> fn = s -> s.toLowerCase();\nString bar = fn.apply(param);', ""),
    "map_same_key": ('''java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("keyA-{k}", "a-Value");
map{k}.put("keyB-{k}", param);
map{k}.put("keyC", "another-Value");
String bar = (String) map{k}.get("keyB-{k}");''', ""),
    "list_index": ('''java.util.List<String> valuesList = new java.util.ArrayList<String>();
valuesList.add("safe");
valuesList.add(param);
valuesList.add("moresafe");
valuesList.remove(0);
String bar = valuesList.get(0);''', ""),
    "array": ('String[] parts = {{"a", param, "c"}};\nString bar = parts[1];', ""),
    "split": ('String bar = param.split(" ")[0];', ""),
    "base64": ('String bar = new String(java.util.Base64.getDecoder().decode(java.util.Base64.getEncoder().encode(param.getBytes())));', ""),
    "switch_char": ('''String guess = "ABC";
char switchTarget = guess.charAt(1);
String bar;
switch (switchTarget) {{
    case 'A':
        bar = "a_Value";
        break;
    case 'B':
        bar = param;
        break;
    default:
        bar = "bob's your uncle";
        break;
}}''', ""),
    "ternary": ('int num = {n2};\nString bar = (7 * 42) - num > 200 ? "This should never happen" : param;', ""),
    "field_this": ("this.last = param;\nString bar = this.last;", "private String last;"),
    "buffer": ("StringBuffer buf = new StringBuffer(param);\nString bar = buf.substring(0);", ""),
    "optional": ('String bar = java.util.Optional.ofNullable(param).orElse("none");', ""),
    "stream": ('String bar = java.util.stream.Stream.of(param).map(String::trim).findFirst().orElse("");', ""),
    "two_helpers": ("String bar = outer(param);", '''private static String outer(String in) {{
    return inner("<" + in + ">");
}}

private static String inner(String in) {{
    return in.substring(1, in.length() - 1);
}}'''),
}

SAFE_PROPS = {
    "if_fold": ('''int num = {n3};
String bar;
if ((7 * 18) + num > 200) bar = "This_should_always_happen";
else bar = param;''', ""),
    "ternary_fold": ('int num = 86;\nString bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;', ""),
    "switch_fold": ('''String guess = "ABC";
char switchTarget = guess.charAt(2);
String bar;
switch (switchTarget) {{
    case 'A':
        bar = param;
        break;
    case 'B':
        bar = param;
        break;
    case 'C':
    case 'D':
        bar = "bobs_your_uncle";
        break;
    default:
        bar = param;
        break;
}}''', ""),
    "map_other_key": ('''java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("keyA-{k}", "a_Value");
map{k}.put("keyB-{k}", param);
map{k}.put("keyC", "another_Value");
String bar = (String) map{k}.get("keyA-{k}");''', ""),
    "list_other_index": ('''java.util.List<String> valuesList = new java.util.ArrayList<String>();
valuesList.add("safe");
valuesList.add(param);
valuesList.add("moresafe");
valuesList.remove(0);
String bar = valuesList.get(1);''', ""),
    "array_other": ('String[] parts = {{"fixed", param}};\nString bar = parts[0];', ""),
    "helper_fold": ("String bar = doSomething(request, param);", '''private static String doSomething(HttpServletRequest request, String param) throws IOException {{
    String bar;
    int num = 106;
    bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;
    return bar;
}}'''),
    "inner_const": ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws IOException {{
        java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();
        map.put("keyA", "a-Value");
        map.put("keyB", param);
        return (String) map.get("keyA");
    }}
}}'''),
    "lambda_length": ('java.util.function.Function<String, String> fn = s -> "len-" + s.length();\nString bar = fn.apply(param);', ""),
    "anonymous_const": ('''java.util.function.UnaryOperator<String> op = new java.util.function.UnaryOperator<String>() {{
    @Override
    public String apply(String s) {{
        return s.isEmpty() ? "empty" : "given";
    }}
}};
String bar = op.apply(param);''', ""),
    "numeric": ('''int n;
try {{
    n = Integer.parseInt(param.trim());
}} catch (NumberFormatException e) {{
    n = 0;
}}
String bar = Integer.toString(n);''', ""),
    "string_switch": ('''String bar;
switch (param) {{
    case "alpha":
        bar = "first";
        break;
    case "beta":
        bar = "second";
        break;
    default:
        bar = "other";
}}''', ""),
    "holder_fields": ('''Pair pair = new Pair();
pair.tainted = param;
pair.clean = "safe-{w}";
String bar = pair.clean;''', '''private static final class Pair {{
    String tainted;
    String clean;
}}'''),
    "builder_pair": ('''StringBuilder dirty = new StringBuilder(param);
StringBuilder clean = new StringBuilder("{w}");
dirty.append("!");
String bar = clean.append("-ok").toString();''', ""),
    "overwritten": ('String bar = param;\nbar = "{w}-constant";', ""),
    "allowlist": ('''java.util.Map<String, String> allowed = new java.util.HashMap<String, String>();
allowed.put("a", "alpha");
allowed.put("b", "beta");
String bar = allowed.getOrDefault(param, "alpha");''', ""),
    "helper_const": ("String bar = {h}(param);", '''private static String {h}(String in) {{
    if (in == null) {{
        return "none";
    }}
    return "fixed-value";
}}'''),
}

# ------------------------------------------------------------------ sinks per class: (vulnerable sinks, safe sinks)

SQL_FIELDS = '''private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate = new org.springframework.jdbc.core.JdbcTemplate();
private javax.persistence.EntityManager entityManager;
private org.hibernate.Session session;'''
CONN = 'java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench");\n'

FLOW = {
    "cmdi": (78, [
        'Runtime.getRuntime().exec("echo " + bar);',
        'String[] args = {{"/bin/sh", "-c", "echo " + bar}};\nProcess p = Runtime.getRuntime().exec(args);\np.waitFor();',
        'ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "ls " + bar);\npb.start();',
        'java.util.List<String> cmd = new java.util.ArrayList<String>();\ncmd.add("ping");\ncmd.add("-c1");\ncmd.add(bar);\nnew ProcessBuilder(cmd).start();',
        'String[] env = {{"FOO=" + bar}};\nRuntime.getRuntime().exec(new String[] {{"printenv"}}, env);',
        'ProcessBuilder pb = new ProcessBuilder();\npb.command("nslookup", bar);\npb.start();',
    ], [
        'Runtime.getRuntime().exec("echo " + org.owasp.esapi.ESAPI.encoder().encodeForOS(null, bar));',
        'String cmd = "ls".equals(bar) ? "ls" : "pwd";\nRuntime.getRuntime().exec(cmd);',
        'java.util.Map<String, String> commands = new java.util.HashMap<String, String>();\ncommands.put("list", "ls");\ncommands.put("where", "pwd");\nRuntime.getRuntime().exec(commands.getOrDefault(bar, "pwd"));',
        'Process p = new ProcessBuilder("uptime").start();\nresponse.getWriter().println("ran uptime for " + org.owasp.encoder.Encode.forHtml(bar));',
    ], ""),
    "sqli": (89, [
        CONN + 'String sql = "SELECT * from USERS where USERNAME=\'foo\' and PASSWORD=\'" + bar + "\'";\njava.sql.Statement statement = connection.createStatement();\nstatement.execute(sql);',
        CONN + 'String sql = "SELECT TOP 1 USERNAME from USERS where USERNAME=\'" + bar + "\'";\nconnection.prepareStatement(sql).executeQuery();',
        'String sql = "SELECT * from USERS where USERNAME=\'" + bar + "\'";\njdbcTemplate.queryForList(sql);',
        'jdbcTemplate.update("UPDATE USERS SET NAME=\'" + bar + "\' WHERE ID=1");',
        'String sql = "SELECT * FROM USERS WHERE NAME = \'" + bar + "\'";\nentityManager.createNativeQuery(sql).getResultList();',
        'entityManager.createQuery("select u from User u where u.name = \'" + bar + "\'").getResultList();',
        'session.createQuery("from User where name = \'" + bar + "\'").list();',
        CONN + 'java.sql.Statement statement = connection.createStatement();\nstatement.addBatch("INSERT INTO LOG VALUES (\'" + bar + "\')");\nstatement.executeBatch();',
        CONN + 'connection.prepareCall("{{call " + bar + "}}").execute();',
        'Long count = jdbcTemplate.queryForObject("SELECT COUNT(*) FROM USERS WHERE NAME=\'" + bar + "\'", Long.class);',
    ], [
        CONN + 'java.sql.PreparedStatement ps = connection.prepareStatement("SELECT * from USERS where USERNAME=? and PASSWORD=\'foo\'");\nps.setString(1, bar);\nps.execute();',
        'jdbcTemplate.queryForList("SELECT * FROM USERS WHERE NAME = ?", bar);',
        'jdbcTemplate.update("UPDATE USERS SET NAME=? WHERE ID=1", bar);',
        'entityManager.createQuery("select u from User u where u.name = :name").setParameter("name", bar).getResultList();',
        'session.createQuery("from User where name = :name").setParameter("name", bar).list();',
        CONN + 'int id = Integer.parseInt(bar);\nconnection.createStatement().execute("SELECT * FROM USERS WHERE ID=" + id);',
    ], SQL_FIELDS),
    "ldapi": (90, [
        'javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());\nString filter = "(&(objectclass=person)(uid=" + bar + "))";\nctx.search("ou=users,ou=system", filter, controls());',
        'javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());\nStringBuilder filter = new StringBuilder("(&(objectclass=person)");\nfilter.append("(uid=").append(bar).append("))");\nctx.search("ou=users,ou=system", filter.toString(), controls());',
        'javax.naming.directory.InitialDirContext idc = new javax.naming.directory.InitialDirContext(env());\nidc.search("uid=" + bar + ",ou=users,ou=system", "(objectclass=person)", controls());',
        'javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());\nctx.search("ou=users,ou=system", String.format("(mail=%s)", bar), controls());',
    ], [
        'javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());\nctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={{0}}))", new Object[] {{bar}}, controls());',
        'javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env());\nString filter = "(&(objectclass=person)(uid=" + org.owasp.esapi.ESAPI.encoder().encodeForLDAP(bar) + "))";\nctx.search("ou=users,ou=system", filter, controls());',
    ], '''private static java.util.Hashtable<String, String> env() {
    java.util.Hashtable<String, String> env = new java.util.Hashtable<String, String>();
    env.put(javax.naming.Context.PROVIDER_URL, "ldap://localhost:10389");
    return env;
}

private static javax.naming.directory.SearchControls controls() {
    javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
    sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
    return sc;
}'''),
    "pathtraver": (22, [
        'java.io.File file = new java.io.File("/tmp/testfiles/" + bar);\ntry (java.io.FileInputStream in = new java.io.FileInputStream(file)) {{\n    response.getWriter().println("read " + in.read());\n}}',
        'new java.io.FileOutputStream("/tmp/testfiles/" + bar).close();',
        'java.nio.file.Path p = java.nio.file.Paths.get("/tmp/testfiles", bar);\nbyte[] bytes = java.nio.file.Files.readAllBytes(p);\nresponse.getWriter().println("size " + bytes.length);',
        'java.io.File f = new java.io.File(new java.io.File("/tmp/testfiles"), bar);\nif (f.exists()) {{\n    response.getWriter().println("exists");\n}}',
        'try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/tmp/testfiles").resolve(bar))) {{\n    r.readLine();\n}}',
        'new java.io.FileReader("/tmp/testfiles/" + bar).close();',
        'java.io.File f = new java.io.File("/tmp/testfiles/" + bar);\nboolean deleted = f.delete();',
    ], [
        'java.nio.file.Path base = java.nio.file.Paths.get("/tmp/testfiles").toAbsolutePath().normalize();\njava.nio.file.Path p = base.resolve(bar).normalize();\nif (!p.startsWith(base)) {{\n    response.sendError(403);\n    return;\n}}\njava.nio.file.Files.readAllBytes(p);',
        'java.io.File dir = new java.io.File("/tmp/testfiles");\njava.io.File f = new java.io.File(dir, bar);\nif (!f.getCanonicalPath().startsWith(dir.getCanonicalPath() + java.io.File.separator)) {{\n    response.sendError(403);\n    return;\n}}\nnew java.io.FileInputStream(f).close();',
        'String name = java.nio.file.Paths.get(bar).getFileName().toString();\nnew java.io.FileInputStream("/tmp/testfiles/" + name).close();',
        'String name = org.apache.commons.io.FilenameUtils.getName(bar);\njava.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/tmp/testfiles", name));',
    ], ""),
    "xpathi": (643, [
        'javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\nString expression = "/Employees/Employee[@emplid=\'" + bar + "\']";\nString result = xp.evaluate(expression, source());\nresponse.getWriter().println(result.isEmpty() ? "none" : "found");',
        'javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\njavax.xml.xpath.XPathExpression compiled = xp.compile("//Employee[name=\'" + bar + "\']");\ncompiled.evaluate(source());',
        'javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\nObject nodes = xp.evaluate("/Employees/Employee[@role=\'" + bar + "\']", source(), javax.xml.xpath.XPathConstants.NODESET);',
    ], [
        'javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\nxp.setXPathVariableResolver(name -> bar);\nxp.evaluate("/Employees/Employee[@emplid=$id]", source());',
        'javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();\nString expression = "/Employees/Employee[@emplid=\'" + org.owasp.esapi.ESAPI.encoder().encodeForXPath(bar) + "\']";\nxp.evaluate(expression, source());',
    ], '''private static org.xml.sax.InputSource source() {
    return new org.xml.sax.InputSource(new java.io.StringReader("<Employees><Employee emplid='1'/></Employees>"));
}'''),
    "xss": (79, [
        'response.getWriter().println(bar);',
        'java.io.PrintWriter out = response.getWriter();\nout.format("<p>Hello %s</p>", bar);',
        'response.getWriter().write(bar.toCharArray(), 0, bar.length());',
        'response.getWriter().printf(java.util.Locale.US, "%s", new Object[] {{bar}});',
        'response.getOutputStream().print(bar);',
        'response.getWriter().append("<div>").append(bar).append("</div>");',
        'response.getWriter().write("Parameter value: " + bar);',
    ], [
        'response.getWriter().println(org.owasp.esapi.ESAPI.encoder().encodeForHTML(bar));',
        'response.getWriter().println(org.owasp.encoder.Encode.forHtml(bar));',
        'response.getWriter().write(org.springframework.web.util.HtmlUtils.htmlEscape(bar));',
        'response.getWriter().print(org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));',
        'response.getWriter().println("length: " + bar.length());',
    ], ""),
    "trustbound": (501, [
        'request.getSession().setAttribute("userid", bar);',
        'request.getSession().setAttribute(bar, "10340");',
        'javax.servlet.http.HttpSession httpSession = request.getSession(true);\nhttpSession.putValue("profile", bar);',
        'javax.servlet.http.HttpSession httpSession = request.getSession();\nhttpSession.setAttribute("last-search", "q=" + bar);',
    ], [
        'request.getSession().setAttribute("length", bar.length());',
        'request.getSession().setAttribute("lang", "de".equals(bar) ? "de" : "en");',
        'javax.servlet.http.HttpSession httpSession = request.getSession();\nhttpSession.setAttribute("valid", bar.matches("[a-z]{{1,16}}"));',
    ], ""),
}

SPRING_CAPABLE = {"cmdi", "sqli", "ldapi", "pathtraver", "xpathi", "trustbound"}

# ------------------------------------------------------------------ algorithm rules (hash, crypto)

def alg_shapes(call, weak, strong, var):
    """Ways of arriving at an algorithm string: (code before, expression)."""
    return [
        ("", f'"{weak}"'),
        (f'String {var} = "{weak}";', var),
        (f'java.util.Properties benchmarkprops = new java.util.Properties();\nbenchmarkprops.load(getClass().getClassLoader().getResourceAsStream("benchmark.properties"));\nString {var} = benchmarkprops.getProperty("{var}1", "{weak}");', var),
        (f'String {var} = (7 * 42) - 86 > 200 ? "{weak}" : "{strong}";', var),
        (f'String note = "{strong} is recommended";\nif (param.isEmpty()) {{\n    response.getWriter().println(note);\n}}\nString {var} = "{weak}";', var),
        (f'String {var} = pick("{weak}");', var),
        (f'String {var};\nswitch ("XYZ".charAt(1)) {{\n    case \'Y\':\n        {var} = "{weak}";\n        break;\n    default:\n        {var} = "{strong}";\n}}', var),
        ("", "FIELD"),
    ]

HASH_WEAK = ["MD5", "SHA1", "SHA-1", "MD2", "md5", "SHA"]
HASH_STRONG = ["SHA-256", "SHA-512", "SHA-384", "SHA3-256", "SHA-224", "SHA3-512"]
CIPHER_WEAK = ["DES/CBC/PKCS5Padding", "DESede/ECB/PKCS5Padding", "AES/ECB/PKCS5Padding", "AES", "RC4", "Blowfish",
               "RC2", "DESede/CBC/PKCS5Padding", "Blowfish/CBC/PKCS5Padding", "DES"]
CIPHER_STRONG = ["AES/GCM/NoPadding", "AES/CBC/PKCS5Padding", "ChaCha20-Poly1305", "AES/CTR/NoPadding",
                 "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "AES_256/GCM/NoPadding"]


def hash_case(vulnerable, i):
    weak, strong = rng.choice(HASH_WEAK), rng.choice(HASH_STRONG)
    alg = weak if vulnerable else strong
    other = strong if vulnerable else weak
    shapes = alg_shapes("MessageDigest", alg, other, "algorithm")
    kind = i % (len(shapes) + 2)
    members = ""
    if kind == len(shapes):
        body = (f'String digest = org.apache.commons.codec.digest.DigestUtils.{"md5Hex" if vulnerable else "sha256Hex"}(param);\n'
                'response.getWriter().println("Hash value stored: " + digest.length());')
        return body, members, "digest utils"
    if kind == len(shapes) + 1:
        before, expr = f'String algorithm = {"weakest" if vulnerable else "strongest"}();', "algorithm"
        members = (f'private static String weakest() {{\n    return "{weak}";\n}}\n\n'
                   f'private static String strongest() {{\n    return "{strong}";\n}}')
    else:
        before, expr = shapes[kind]
        if expr == "FIELD":
            expr = "hashAlgorithm"
            members = f'private final String hashAlgorithm = "{alg}";'
        if "pick(" in before:
            members = (f'private static String pick(String preferred) {{\n    if (preferred == null) {{\n'
                       f'        return "{other}";\n    }}\n    return preferred;\n}}')
    provider = ', "SUN"' if i % 5 == 3 else ""
    body = (before + "\n" if before else "") + (
        f"java.security.MessageDigest md = java.security.MessageDigest.getInstance({expr}{provider});\n"
        'md.update(param.getBytes("UTF-8"));\n'
        "byte[] result = md.digest();\n"
        'response.getWriter().println("Hash value stored, " + result.length + " bytes");')
    return body, members, f"MessageDigest {alg}"


def crypto_case(vulnerable, i):
    weak, strong = rng.choice(CIPHER_WEAK), rng.choice(CIPHER_STRONG)
    alg = weak if vulnerable else strong
    other = strong if vulnerable else weak
    shapes = alg_shapes("Cipher", alg, other, "transformation")
    kind = i % (len(shapes) + 1)
    members = ""
    if kind == len(shapes):
        # KeyGenerator alone: DES keys are weak, AES keys are not (no mode involved)
        kg = "DES" if vulnerable else "AES"
        body = (f'javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("{kg}");\n'
                "javax.crypto.SecretKey key = generator.generateKey();\n"
                'response.getWriter().println("key of " + key.getEncoded().length + " bytes for " + param.length());')
        return body, members, f"KeyGenerator {kg}"
    before, expr = shapes[kind]
    if expr == "FIELD":
        expr = "TRANSFORMATION"
        members = f'private static String TRANSFORMATION = "{alg}";'
    if "pick(" in before:
        members = (f'private static String pick(String preferred) {{\n    if (preferred == null) {{\n'
                   f'        return "{other}";\n    }}\n    return preferred;\n}}')
    keyalg = alg.split("/")[0].split("_")[0]
    if keyalg.upper().startswith("RSA"):
        keyinit = ('java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();\n'
                   "c.init(javax.crypto.Cipher.ENCRYPT_MODE, pair.getPublic());\n")
    else:
        keyinit = (f'javax.crypto.SecretKey key = javax.crypto.KeyGenerator.getInstance("{keyalg}").generateKey();\n'
                   "c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);\n")
    body = (before + "\n" if before else "") + (
        f"javax.crypto.Cipher c = javax.crypto.Cipher.getInstance({expr});\n" + keyinit +
        'byte[] result = c.doFinal(param.getBytes("UTF-8"));\n'
        'response.getWriter().println("Encrypted " + result.length + " bytes");')
    return body, members, f"Cipher {alg}"


COOKIE_VULN = [
    ("c.setSecure(false);", ""),
    ("", ""),
    ("if ((7 * 18) + 106 < 200) {\n    c.setSecure(true);\n}", ""),
    ("if (!param.isEmpty()) {\n    c.setSecure(true);\n}", ""),
    ("boolean secure = false;\nc.setSecure(secure);", ""),
    ("c.setSecure(true);\nc.setSecure(false);", ""),
    ("c.setMaxAge(60 * 60);\nc.setHttpOnly(true);", ""),
]
COOKIE_SAFE = [
    ("c.setSecure(true);", ""),
    ("boolean secure = true;\nc.setSecure(secure);", ""),
    ("if ((7 * 18) + 106 > 200) {\n    c.setSecure(true);\n} else {\n    c.setSecure(false);\n}", ""),
    ("c.setSecure(false);\nc.setSecure(true);", ""),
    ("c.setMaxAge(60 * 60);\nc.setSecure(true);\nc.setHttpOnly(true);", ""),
    ("if (param.isEmpty()) {\n    c.setSecure(true);\n} else {\n    c.setSecure(true);\n}", ""),
]


def cookie_case(vulnerable, i):
    value = rng.choice(['java.net.URLEncoder.encode(param, "UTF-8")', '"whatever"', "param.isEmpty() ? \"none\" : \"set\""])
    name = rng.choice(["SomeCookie", "pref", "theme", "lastVisit", "session-hint"])
    if i % 6 == 5:
        setup = rng.choice(["", "c.setSecure(false);"]) if vulnerable else "c.setSecure(true);"
        members = (f"private static javax.servlet.http.Cookie makeCookie(String value) {{\n"
                   f'    javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("{name}", value);\n'
                   + (textwrap.indent(setup, "    ") + "\n" if setup else "")
                   + '    c.setPath("/");\n    return c;\n}')
        body = f"javax.servlet.http.Cookie cookie = makeCookie({value});\nresponse.addCookie(cookie);"
        return body, members, "cookie factory"
    setup, members = (COOKIE_VULN if vulnerable else COOKIE_SAFE)[i % len(COOKIE_VULN if vulnerable else COOKIE_SAFE)]
    body = (f'javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("{name}", {value});\n'
            + (setup + "\n" if setup else "")
            + 'c.setPath(request.getRequestURI());\nresponse.addCookie(c);\n'
            'response.getWriter().println("Created cookie: " + c.getName());')
    return body, members, "cookie"


RANDOM_VULN = [
    ("double value = new java.util.Random().nextDouble();\nString token = Double.toString(value).substring(2);", ""),
    ("String token = Long.toString((long) (Math.random() * Long.MAX_VALUE), 36);", ""),
    ("long value = java.util.concurrent.ThreadLocalRandom.current().nextLong();\nString token = Long.toHexString(value);", ""),
    ("java.util.Random rng = new java.util.Random(System.nanoTime());\nint value = rng.nextInt(1000000);\nString token = String.format(\"%06d\", value);", ""),
    ("String token = Integer.toString(RNG.nextInt());", "private static final java.util.Random RNG = new java.util.Random();"),
    ("byte[] bytes = new byte[16];\nnew java.util.Random().nextBytes(bytes);\nString token = java.util.Base64.getEncoder().encodeToString(bytes);", ""),
    ("String token = tokenFrom(new java.util.Random());", "private static String tokenFrom(java.util.Random random) {\n    return Long.toHexString(random.nextLong());\n}"),
    ("String token = Integer.toHexString(new java.util.SplittableRandom().nextInt());", ""),
    ("float f = new java.util.Random().nextFloat();\nString token = \"rm-\" + f;", ""),
]
RANDOM_SAFE = [
    ("double value = new java.security.SecureRandom().nextDouble();\nString token = Double.toString(value).substring(2);", ""),
    ("String token = tokenFrom(new java.security.SecureRandom());", "private static String tokenFrom(java.util.Random random) {\n    return Long.toHexString(random.nextLong());\n}"),
    ("java.security.SecureRandom rng = java.security.SecureRandom.getInstance(\"SHA1PRNG\");\nString token = Integer.toString(rng.nextInt());", ""),
    ("String token = java.util.UUID.randomUUID().toString();", ""),
    ("byte[] bytes = new byte[16];\nnew java.security.SecureRandom().nextBytes(bytes);\nString token = java.util.Base64.getEncoder().encodeToString(bytes);", ""),
    ("String token = Long.toHexString(RNG.nextLong());", "private static final java.security.SecureRandom RNG = new java.security.SecureRandom();"),
    ("String[] greetings = {\"Hello\", \"Hi\", \"Welcome\"};\nString greeting = greetings[new java.util.Random().nextInt(greetings.length)];\nresponse.getWriter().println(greeting);\nString token = java.util.UUID.randomUUID().toString();", ""),
    ("long jitter = (long) (Math.random() * 10);\nresponse.getWriter().println(\"retry in \" + jitter + \" s\");\nString token = Long.toHexString(new java.security.SecureRandom().nextLong());", ""),
]
RANDOM_SINKS = [
    'javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie("rememberMe", token);\nrememberMe.setSecure(true);\nrememberMe.setPath(request.getRequestURI());\nresponse.addCookie(rememberMe);',
    'request.getSession().setAttribute("rememberMe", token);',
    'response.setHeader("X-Reset-Token", token);',
    'javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie("rememberMe", "");\nrememberMe.setValue(token);\nrememberMe.setSecure(true);\nresponse.addCookie(rememberMe);',
]


def random_case(vulnerable, i):
    setup, members = (RANDOM_VULN if vulnerable else RANDOM_SAFE)[i % len(RANDOM_VULN if vulnerable else RANDOM_SAFE)]
    sink = RANDOM_SINKS[(i // 3) % len(RANDOM_SINKS)]
    body = setup + "\n" + sink + '\nresponse.getWriter().println("Welcome back " + param.length());'
    return body, members, "random"


NON_FLOW = {
    "hash": (328, hash_case),
    "crypto": (327, crypto_case),
    "securecookie": (614, cookie_case),
    "weakrand": (330, random_case),
}

# ------------------------------------------------------------------ rendering

HEADER = '''package dev.vigil.corpus.{pkg};

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
'''

WORDS = ["alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "tango", "zulu", "nova"]


_VALUES = {}


def fill(code, i):
    """Fills a template; every template of case i sees the same choices."""
    if i not in _VALUES:
        _VALUES[i] = dict(p=rng.choice(["vector", "name", "id", "q", "file", "user"]), p0="v",
                          H=rng.choice(["Referer", "X-Vector", "User-Agent", "X-Forwarded-Host"]),
                          w=WORDS[i % len(WORDS)], k=str(i % 7), n=rng.choice([6, 56, 86]),
                          n2=rng.choice([106, 196, 250]), n3=rng.choice([106, 90, 150]),
                          h=rng.choice(["normalize", "clean", "prepare", "adapt"]))
    return code.format(**_VALUES[i])


def indent(code, n):
    return textwrap.indent(code, " " * n) if code else ""


def render(pkg, cls, cwe, vulnerable, description, source, body, members, spring=False):
    head = HEADER.format(pkg=pkg)
    if spring:
        head += ("import org.springframework.web.bind.annotation.PostMapping;\n"
                 "import org.springframework.web.bind.annotation.RequestParam;\n"
                 "import org.springframework.web.bind.annotation.RestController;\n")
    out = [head, "", f"/** {description} */",
           f'@Expected(category = "{pkg}", cwe = {cwe}, vulnerable = {"true" if vulnerable else "false"})']
    if spring:
        out.append("@RestController")
        out.append(f"public class {cls} {{")
        out.append(f'    @PostMapping("/{pkg}/{cls}")')
        out.append('    public void handle(@RequestParam("vector") String param, HttpServletRequest request, '
                   "HttpServletResponse response)")
        out.append("            throws ServletException, IOException {")
    else:
        out.append(f"public class {cls} extends HttpServlet {{")
        out.append("    private static final long serialVersionUID = 1L;")
        out.append("")
        out.append("    @Override")
        out.append("    public void doPost(HttpServletRequest request, HttpServletResponse response)")
        out.append("            throws ServletException, IOException {")
        out.append('        response.setContentType("text/html;charset=UTF-8");')
        out.append(indent(source, 8))
    out.append("        try {")
    out.append(indent(body, 12))
    out.append("        } catch (Exception e) {")
    out.append("            throw new ServletException(e);")
    out.append("        }")
    out.append("    }")
    if members.strip():
        out.append("")
        out.append(indent(members, 4))
    out.append("}")
    return "\n".join(line for line in out if line is not None) + "\n"


def flow_cases(pkg, cwe, vsinks, ssinks, fields):
    seen = set()
    cases = []
    for vulnerable in (True, False):
        made = 0
        attempts = 0
        while made < N and attempts < 10000:
            attempts += 1
            src = rng.choice(list(SOURCES))
            if src == "spring" and pkg not in SPRING_CAPABLE:
                continue
            if vulnerable:
                prop = rng.choice(list(VULN_PROPS))
                sink_i = rng.randrange(len(vsinks))
                key = ("V", src, prop, sink_i)
                propagation, members = VULN_PROPS[prop]
                sink = vsinks[sink_i]
                desc = f"{src} -> {prop} -> sink {sink_i}: vulnerable"
            else:
                if made % 2 == 0:
                    prop = rng.choice(list(SAFE_PROPS))
                    sink_i = rng.randrange(len(vsinks))
                    key = ("S", src, prop, sink_i)
                    propagation, members = SAFE_PROPS[prop]
                    sink = vsinks[sink_i]
                    desc = f"{src} -> {prop} (safe) -> sink {sink_i}: safe"
                else:
                    prop = rng.choice(list(VULN_PROPS))
                    sink_i = rng.randrange(len(ssinks))
                    key = ("T", src, prop, sink_i)
                    propagation, members = VULN_PROPS[prop]
                    sink = ssinks[sink_i]
                    desc = f"{src} -> {prop} -> safe sink {sink_i}: safe"
            if key in seen:
                continue
            seen.add(key)
            i = len(cases)
            body = fill(propagation, i) + "\n" + fill(sink, i)
            allmembers = "\n\n".join(x for x in (fields, fill(members, i) if members else "") if x)
            source = fill(SOURCES[src], i) if SOURCES[src] else ""
            cases.append((vulnerable, desc, source, body, allmembers, src == "spring"))
            made += 1
    return cases


def main():
    if os.path.isdir(OUT):
        for d in os.listdir(OUT):
            if os.path.isdir(os.path.join(OUT, d)) and d != "helpers":
                shutil.rmtree(os.path.join(OUT, d))
    total = 0
    for pkg, (cwe, vsinks, ssinks, fields) in FLOW.items():
        for n, (vulnerable, desc, source, body, members, spring) in enumerate(flow_cases(pkg, cwe, vsinks, ssinks, fields)):
            write(pkg, n, cwe, vulnerable, desc, source, body, members, spring)
            total += 1
    for pkg, (cwe, make) in NON_FLOW.items():
        n = 0
        for vulnerable in (True, False):
            for i in range(N):
                body, members, what = make(vulnerable, i)
                src = rng.choice(["param", "header", "values", "query"])
                write(pkg, n, cwe, vulnerable, f"{what}: {'vulnerable' if vulnerable else 'safe'}",
                      fill(SOURCES[src], 100000 + total), body, members, False)
                n += 1
                total += 1
    # benchmark-style hard cases: BenchmarkTest00001 ... (benchmark_style.py)
    import benchmark_style
    number = 0
    for pkg, cwe, vulnerable, desc, source, body, members in benchmark_style.cases(HARD):
        number += 1
        cls = f"BenchmarkTest{number:05d}"
        values = dict(T=cls, k=str(number % 10))
        if pkg in benchmark_style.VALUE:
            body_text, member_text = body, members
        else:
            body_text, member_text = body.format(**values), members.format(**values)
        write(pkg, None, cwe, vulnerable, desc, source.format(**values), body_text, member_text, False, cls)
        total += 1
    print(f"wrote {total} cases to {OUT}")


def write(pkg, n, cwe, vulnerable, desc, source, body, members, spring, cls=None):
    cls = cls or f"{pkg.capitalize()}Case{n:03d}"
    d = os.path.join(OUT, pkg)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, cls + ".java"), "w") as f:
        f.write(render(pkg, cls, cwe, vulnerable, desc, source, body, members, spring))


if __name__ == "__main__":
    main()
