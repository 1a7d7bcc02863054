"""Benchmark-style hard cases: `BenchmarkTestNNNNN` servlets written the way the standard labelled servlet benchmark
writes its test cases (doPost; request data from parameter-name loops, header enumerations, cookie loops, the query
string, the body; the data passed through an inner `Test` class, a separate helper class, an interface whose
implementation is picked at run time, lists, maps, builders, folded ternaries and switches; the benchmark's sinks,
with the helper classes in `dev.vigil.corpus.helpers`; algorithms from `benchmark.properties`, whose values differ
from the defaults given in the code). Imported by generate.py."""
import random

rng = random.Random(2700)

# -------------------------------------------------------------------------------------------- sources: String param

SOURCES = [
    # 0 parameter names and values, the flag loop
    '''String param = "";
boolean flag = true;
java.util.Enumeration<String> names = request.getParameterNames();
while (names.hasMoreElements() && flag) {{
    String name = (String) names.nextElement();
    String[] values = request.getParameterValues(name);
    if (values != null) {{
        for (int i = 0; i < values.length && flag; i++) {{
            String value = values[i];
            if (value.equals("{T}")) {{
                param = name;
                flag = false;
            }}
        }}
    }}
}}''',
    # 1 header names, skipping the common ones
    '''String param = "";
java.util.Enumeration<String> names = request.getHeaderNames();
while (names.hasMoreElements()) {{
    String name = (String) names.nextElement();
    if (dev.vigil.corpus.helpers.Utils.commonHeaders.contains(name)) {{
        continue;
    }}
    java.util.Enumeration<String> values = request.getHeaders(name);
    if (values != null && values.hasMoreElements()) {{
        param = name;
        break;
    }}
}}''',
    # 2 the Referer header enumeration, URL-decoded
    '''String param = "";
java.util.Enumeration<String> headers = request.getHeaders("Referer");
if (headers != null && headers.hasMoreElements()) {{
    param = headers.nextElement();
}}
param = java.net.URLDecoder.decode(param, "UTF-8");''',
    # 3 the cookie loop
    '''javax.servlet.http.Cookie[] theCookies = request.getCookies();
String param = "noCookieValueSupplied";
if (theCookies != null) {{
    for (javax.servlet.http.Cookie theCookie : theCookies) {{
        if (theCookie.getName().equals("{T}")) {{
            param = java.net.URLDecoder.decode(theCookie.getValue(), "UTF-8");
            break;
        }}
    }}
}}''',
    # 4 the query string, with the early return
    '''String queryString = request.getQueryString();
String paramval = "{T}" + "=";
int paramLoc = -1;
if (queryString != null) {{
    paramLoc = queryString.indexOf(paramval);
}}
if (paramLoc == -1) {{
    response.getWriter().println("getQueryString() couldn't find expected parameter '" + "{T}" + "' in query string.");
    return;
}}
String param = queryString.substring(paramLoc + paramval.length());
int ampersandLoc = queryString.indexOf("&", paramLoc);
if (ampersandLoc != -1) {{
    param = queryString.substring(paramLoc + paramval.length(), ampersandLoc);
}}
param = java.net.URLDecoder.decode(param, "UTF-8");''',
    # 5 a separate class wrapping the request
    '''dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
String param = scr.getTheParameter("{T}");
if (param == null) {{
    param = "";
}}''',
    # 6 a separate class reading a cookie
    '''dev.vigil.corpus.helpers.SeparateClassRequest scr = new dev.vigil.corpus.helpers.SeparateClassRequest(request);
String param = scr.getTheCookie("{T}");''',
    # 7 the parameter map
    '''String param = "";
java.util.Map<String, String[]> map = request.getParameterMap();
if (map != null) {{
    String[] values = map.get("{T}");
    if (values != null) {{
        param = values[0];
    }}
}}''',
    # 8 getParameterValues, first element
    '''String[] values = request.getParameterValues("{T}");
String param;
if (values != null && values.length > 0) {{
    param = values[0];
}} else {{
    param = "";
}}''',
    # 9 the body, read into a byte buffer
    '''java.io.InputStream body = request.getInputStream();
byte[] buffer = new byte[1000];
int read = body.read(buffer);
String param = read > 0 ? new String(buffer, 0, read, "UTF-8") : "";''',
    # 10 the body through a reader, line by line
    '''java.io.BufferedReader reader = request.getReader();
StringBuilder content = new StringBuilder();
String line;
while ((line = reader.readLine()) != null) {{
    content.append(line);
}}
String param = content.toString();''',
    # 11 a single header, plain
    '''String param = "";
if (request.getHeader("{T}") != null) {{
    param = request.getHeader("{T}");
}}
param = java.net.URLDecoder.decode(param, "UTF-8");''',
]

# ----------------------------------------------------------------------------- propagation: param -> String bar
# (code in doPost, members, classes for which the result is sanitised i.e. a safe case)

PROPS_VULN = [
    ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {{
        String bar;
        int num = 86;
        if ((7 * 42) - num > 200) {{
            bar = param;
        }} else {{
            bar = "This should never happen";
        }}
        return bar;
    }}
}}''', set()),
    ('''dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
String bar = thing.doSomething(param);''', "", set()),
    ('''String bar = "alsosafe";
if (param != null) {{
    java.util.List<String> valuesList = new java.util.ArrayList<String>();
    valuesList.add("safe");
    valuesList.add(param);
    valuesList.add("moresafe");
    valuesList.remove(0);
    bar = valuesList.get(0);
}}''', "", set()),
    ('''String bar = "safe!";
java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("keyA-{k}", "a_Value");
map{k}.put("keyB-{k}", param);
map{k}.put("keyC", "another_Value");
bar = (String) map{k}.get("keyB-{k}");
bar = (String) map{k}.get("keyA-{k}");
bar = (String) map{k}.get("keyB-{k}");''', "", set()),
    ('''String bar = param;
if (param != null && param.length() > 1) {{
    StringBuilder sbxyz = new StringBuilder(param);
    bar = sbxyz.replace(param.length() - "Z".length(), param.length(), "Z").toString();
}}''', "", set()),
    ('''int num = 106;
String bar = (7 * 42) - num > 200 ? "This should never happen" : param;''', "", set()),
    ('''String bar;
String guess = "ABC";
char switchTarget = guess.charAt(1);
switch (switchTarget) {{
    case 'A':
        bar = "a_Value";
        break;
    case 'B':
        bar = param;
        break;
    case 'C':
    case 'D':
        bar = "bobs_your_uncle";
        break;
    default:
        bar = "bobs_your_uncle";
        break;
}}''', "", set()),
    ("String bar = org.owasp.esapi.ESAPI.encoder().encodeForHTML(param);", "", {"xss"}),
    ("String bar = org.apache.commons.text.StringEscapeUtils.escapeHtml4(param);", "", {"xss"}),
    ("String bar = org.springframework.web.util.HtmlUtils.htmlEscape(param);", "", {"xss"}),
    ("String bar = org.owasp.esapi.ESAPI.encoder().decodeForHTML(org.owasp.esapi.ESAPI.encoder().encodeForHTML(param));",
     "", set()),
    ('''String bar = null;
if (param != null) {{
    bar = new String(org.apache.commons.codec.binary.Base64.decodeBase64(
            org.apache.commons.codec.binary.Base64.encodeBase64(param.getBytes())));
}}''', "", set()),
    ("String bar = dev.vigil.corpus.helpers.Utils.passThrough(\"ignored\", param);", "", set()),
    ('''String a1 = param;
StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("key{k}", b1.toString());
String c1 = (String) map{k}.get("key{k}");
String d1 = c1.substring(0, c1.length() - 1);
String e1 = new String(java.util.Base64.getDecoder().decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
String f1 = e1.split(" ")[0];
dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
String bar = thing.doSomething(f1);''', "", set()),
    ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {{
        String bar = "";
        if (param != null) {{
            bar = new String(java.util.Base64.getDecoder().decode(
                    java.util.Base64.getEncoder().encode(param.getBytes())));
        }}
        return bar;
    }}
}}''', set()),
    ('''StringBuilder sb = new StringBuilder();
java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
sb.append(cache.get("last"));
String bar = sb.toString();''', "", set()),
]

PROPS_SAFE = [
    ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {{
        String bar;
        int num = 196;
        if ((500 / 42) + num > 200) {{
            bar = "This_should_always_happen";
        }} else {{
            bar = param;
        }}
        return bar;
    }}
}}'''),
    ('''String bar = "alsosafe";
if (param != null) {{
    java.util.List<String> valuesList = new java.util.ArrayList<String>();
    valuesList.add("safe");
    valuesList.add(param);
    valuesList.add("moresafe");
    valuesList.remove(0);
    bar = valuesList.get(1);
}}''', ""),
    ('''String bar = "safe!";
java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("keyA-{k}", "a-Value");
map{k}.put("keyB-{k}", param);
map{k}.put("keyC", "another-Value");
bar = (String) map{k}.get("keyA-{k}");''', ""),
    ('''int num = 86;
String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;''', ""),
    ('''String bar;
String guess = "ABC";
char switchTarget = guess.charAt(2);
switch (switchTarget) {{
    case 'A':
        bar = param;
        break;
    case 'B':
        bar = "bobs_your_uncle";
        break;
    case 'C':
    case 'D':
        bar = "bobs_your_uncle";
        break;
    default:
        bar = param;
        break;
}}''', ""),
    ('''String a1 = param;
StringBuilder b1 = new StringBuilder(a1 + " SafeStuff");
b1.replace(b1.length() - "Chars".length(), b1.length(), "Chars");
java.util.HashMap<String, Object> map{k} = new java.util.HashMap<String, Object>();
map{k}.put("key{k}", b1.toString());
String c1 = (String) map{k}.get("key{k}");
String d1 = c1.substring(0, c1.length() - 1);
String e1 = new String(java.util.Base64.getDecoder().decode(java.util.Base64.getEncoder().encode(d1.getBytes())));
String f1 = e1.split(" ")[0];
dev.vigil.corpus.helpers.ThingInterface thing = dev.vigil.corpus.helpers.ThingFactory.createThing();
String g1 = "barbarians_at_the_gate";
String bar = thing.doSomething(g1);''', ""),
    ("String bar = dev.vigil.corpus.helpers.Utils.passThrough(param, \"constant-{k}\");", ""),
    ('''String bar = "";
if (param != null) {{
    bar = param.split(" ")[0];
}}
bar = dev.vigil.corpus.helpers.Utils.DEFAULT_VALUE;''', ""),
    ("String bar = new Test().doSomething(request, param);", '''private class Test {{
    public String doSomething(HttpServletRequest request, String param) throws ServletException, IOException {{
        String bar = "safe!";
        java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();
        map.put("keyA", "a_Value");
        map.put("keyB", param);
        map.put("keyC", "another_Value");
        bar = (String) map.get("keyB");
        bar = (String) map.get("keyA");
        return bar;
    }}
}}'''),
    ('''String bar;
int num = 106;
bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;''', ""),
    ('''StringBuilder sb = new StringBuilder();
java.util.Map<String, String> cache = dev.vigil.corpus.helpers.Utils.remember("last", param);
sb.append(cache.get("fixed"));
String bar = sb.toString();''', ""),
    ('''String bar = "";
try {{
    bar = Integer.toString(Integer.parseInt(param.trim()));
}} catch (NumberFormatException e) {{
    bar = "0";
}}''', ""),
]

# per class: vulnerable sinks, sinks that are safe for any bar
SINKS = {
    "cmdi": (78, [
        '''String cmd = "";
String osName = System.getProperty("os.name");
if (osName.indexOf("Windows") != -1) {{
    cmd = "cmd.exe /c echo ";
}} else {{
    cmd = "sh -c echo ";
}}
Runtime r = Runtime.getRuntime();
Process p = r.exec(cmd + bar);
dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);''',
        '''String[] args = {{"sh", "-c", "echo"}};
String[] argsEnv = {{bar}};
Runtime r = Runtime.getRuntime();
Process p = r.exec(args, argsEnv);
dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);''',
        '''java.util.List<String> argList = new java.util.ArrayList<String>();
argList.add("sh");
argList.add("-c");
argList.add("echo " + bar);
ProcessBuilder pb = new ProcessBuilder();
pb.command(argList);
Process p = pb.start();
dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);''',
        '''String cmd = dev.vigil.corpus.helpers.Utils.getOSCommandString("echo");
String[] argsEnv = {{"Foo=bar"}};
Runtime r = Runtime.getRuntime();
Process p = r.exec(cmd + bar, argsEnv, new java.io.File(System.getProperty("user.dir")));
dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);''',
        '''String[] args = {{"sh", "-c", "echo " + bar}};
ProcessBuilder pb = new ProcessBuilder(args);
Process p = pb.start();
dev.vigil.corpus.helpers.Utils.printOSCommandResults(p, response);''',
    ], [
        '''String[] args = {{"sh", "-c", "echo"}};
String[] argsEnv = {{"Foo=bar"}};
Process p = Runtime.getRuntime().exec(args, argsEnv);
response.getWriter().println("ran for " + org.owasp.encoder.Encode.forHtml(bar));''',
        '''java.util.List<String> argList = new java.util.ArrayList<String>();
argList.add("sh");
argList.add("-c");
argList.add("echo " + org.owasp.esapi.ESAPI.encoder().encodeForOS(new org.owasp.esapi.codecs.UnixCodec(), bar));
Process p = new ProcessBuilder(argList).start();''',
    ]),
    "sqli": (89, [
        '''String sql = "{{call " + bar + "}}";
java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
java.sql.CallableStatement statement = connection.prepareCall(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
        java.sql.ResultSet.CONCUR_READ_ONLY, java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
java.sql.ResultSet rs = statement.executeQuery();
dev.vigil.corpus.helpers.DatabaseHelper.printResults(rs, sql, response);''',
        '''String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
java.util.List<java.util.Map<String, Object>> list =
        dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql);
response.getWriter().println("rows: " + list.size());''',
        '''String sql = "INSERT INTO users (username, password) VALUES ('foo','" + bar + "')";
java.sql.Statement statement = dev.vigil.corpus.helpers.DatabaseHelper.getSqlStatement();
int count = statement.executeUpdate(sql, new String[] {{"USERNAME", "PASSWORD"}});
dev.vigil.corpus.helpers.DatabaseHelper.outputUpdateComplete(sql, response);''',
        '''String sql = "SELECT userid from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
Integer results = dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForObject(sql, Integer.class);
response.getWriter().println("Your results are: " + results);''',
        '''String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.batchUpdate(sql);
response.getWriter().println("No results can be displayed for query: " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(sql));''',
        '''String sql = "SELECT * from USERS where USERNAME=? and PASSWORD='" + bar + "'";
java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
java.sql.PreparedStatement statement = connection.prepareStatement(sql, new int[] {{1, 2}});
statement.setString(1, "foo");
statement.execute();''',
        '''String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
java.sql.Statement statement = dev.vigil.corpus.helpers.DatabaseHelper.getSqlStatement();
statement.addBatch(sql);
int[] counts = statement.executeBatch();
dev.vigil.corpus.helpers.DatabaseHelper.printResults(sql, counts, response);''',
        '''String sql = "SELECT * from USERS where USERNAME='foo' and PASSWORD='" + bar + "'";
org.springframework.jdbc.support.rowset.SqlRowSet results =
        dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForRowSet(sql);
response.getWriter().println("rows: " + results.getRow());''',
    ], [
        '''String sql = "SELECT * from USERS where USERNAME=? and PASSWORD=?";
java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
java.sql.PreparedStatement statement = connection.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
        java.sql.ResultSet.CONCUR_READ_ONLY, java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT);
statement.setString(1, "foo");
statement.setString(2, bar);
statement.execute();
dev.vigil.corpus.helpers.DatabaseHelper.printResults(statement.getResultSet(), sql, response);''',
        '''String sql = "SELECT userid from USERS where USERNAME='foo' and PASSWORD=?";
Integer results = dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForObject(sql, Integer.class, bar);
response.getWriter().println("Your results are: " + results);''',
        '''String sql = "{{call verifyUserPassword(?,?)}}";
java.sql.Connection connection = dev.vigil.corpus.helpers.DatabaseHelper.getSqlConnection();
java.sql.CallableStatement statement = connection.prepareCall(sql);
statement.setString(1, "foo");
statement.setString(2, bar);
statement.execute();''',
        '''String sql = "SELECT * from USERS where USERNAME=? and PASSWORD=?";
java.util.List<java.util.Map<String, Object>> list =
        dev.vigil.corpus.helpers.DatabaseHelper.JDBCtemplate.queryForList(sql, "foo", bar);
response.getWriter().println("rows: " + list.size());''',
    ]),
    "ldapi": (90, [
        '''dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
javax.naming.directory.DirContext ctx = ads.getDirContext();
String base = "ou=users,ou=system";
javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
String filter = "(&(objectclass=person))(|(uid=" + bar + ")(street={{0}}))";
Object[] filters = new Object[] {{"The streetz 4 Ms bar"}};
javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results = ctx.search(base, filter, filters, sc);
ads.printResults(results, response);''',
        '''dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
javax.naming.directory.DirContext ctx = ads.getDirContext();
String base = "ou=users,ou=system";
javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
String filter = "(&(objectclass=person)(uid=" + bar + "))";
javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results = ctx.search(base, filter, sc);
ads.printResults(results, response);''',
        '''dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
javax.naming.directory.InitialDirContext idc = (javax.naming.directory.InitialDirContext) ads.getDirContext();
String base = "uid=" + bar + ",ou=users,ou=system";
javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results =
        idc.search(base, "(objectclass=person)", new javax.naming.directory.SearchControls());
ads.printResults(results, response);''',
    ], [
        '''dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
javax.naming.directory.DirContext ctx = ads.getDirContext();
String base = "ou=users,ou=system";
javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
sc.setSearchScope(javax.naming.directory.SearchControls.SUBTREE_SCOPE);
String filter = "(&(objectclass=person))(|(uid={{0}})(street={{1}}))";
Object[] filters = new Object[] {{bar, "The streetz 4 Ms bar"}};
javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results = ctx.search(base, filter, filters, sc);
ads.printResults(results, response);''',
        '''dev.vigil.corpus.helpers.LDAPManager ads = new dev.vigil.corpus.helpers.LDAPManager();
javax.naming.directory.DirContext ctx = ads.getDirContext();
String filter = "(&(objectclass=person)(uid=" + org.owasp.esapi.ESAPI.encoder().encodeForLDAP(bar) + "))";
javax.naming.NamingEnumeration<javax.naming.directory.SearchResult> results =
        ctx.search("ou=users,ou=system", filter, new javax.naming.directory.SearchControls());
ads.printResults(results, response);''',
    ]),
    "pathtraver": (22, [
        '''String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar;
java.io.FileInputStream fis = null;
try {{
    fis = new java.io.FileInputStream(new java.io.File(fileName));
    byte[] b = new byte[1000];
    int size = fis.read(b);
    response.getWriter().println("The beginning of file: '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileName)
            + "' is:\\n\\n" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(b, 0, Math.max(size, 0))));
}} finally {{
    if (fis != null) {{
        fis.close();
    }}
}}''',
        '''java.io.File fileTarget = new java.io.File(new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR), bar);
response.getWriter().println("Access to file: '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileTarget.toString())
        + "' created.");
if (fileTarget.exists()) {{
    response.getWriter().println(" And file already exists.");
}}''',
        '''String startURIslashes = System.getProperty("os.name").indexOf("Windows") != -1 ? "/" : "//";
java.net.URI fileURI = new java.net.URI("file", null,
        startURIslashes + dev.vigil.corpus.helpers.Utils.TESTFILES_DIR.replace('\\\\', '/') + bar, null, null);
java.io.File fileTarget = new java.io.File(fileURI);
if (fileTarget.exists()) {{
    response.getWriter().println(" And file already exists.");
}}''',
        '''String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar;
java.io.FileOutputStream fos = new java.io.FileOutputStream(fileName, false);
fos.close();
response.getWriter().println("Now ready to write to file: " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(fileName));''',
        '''java.nio.file.Path path = java.nio.file.Paths.get(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar);
try (java.io.InputStream is = java.nio.file.Files.newInputStream(path, java.nio.file.StandardOpenOption.READ)) {{
    byte[] b = new byte[1000];
    int size = is.read(b);
    response.getWriter().println("read " + size);
}}''',
        '''java.io.File fileTarget = new java.io.File(bar, "/Test.txt");
if (fileTarget.exists()) {{
    response.getWriter().println(" And file already exists.");
}}''',
        '''try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + bar, "r")) {{
    response.getWriter().println("length " + raf.length());
}}''',
    ], [
        '''java.io.File base = new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR);
java.io.File fileTarget = new java.io.File(base, bar);
if (!fileTarget.getCanonicalPath().startsWith(base.getCanonicalPath() + java.io.File.separator)) {{
    response.sendError(403);
    return;
}}
try (java.io.FileInputStream fis = new java.io.FileInputStream(fileTarget)) {{
    response.getWriter().println("read " + fis.read());
}}''',
        '''String fileName = dev.vigil.corpus.helpers.Utils.TESTFILES_DIR + new java.io.File(bar).getName();
try (java.io.FileInputStream fis = new java.io.FileInputStream(new java.io.File(fileName))) {{
    response.getWriter().println("read " + fis.read());
}}''',
        '''java.nio.file.Path base = java.nio.file.Paths.get(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR).normalize();
java.nio.file.Path path = base.resolve(bar).normalize();
if (path.startsWith(base)) {{
    try (java.io.InputStream is = java.nio.file.Files.newInputStream(path, java.nio.file.StandardOpenOption.READ)) {{
        response.getWriter().println("read " + is.read());
    }}
}}''',
    ]),
    "xpathi": (643, [
        '''java.io.FileInputStream file = new java.io.FileInputStream(
        dev.vigil.corpus.helpers.Utils.getFileFromClasspath("employees.xml", this.getClass().getClassLoader()));
javax.xml.parsers.DocumentBuilderFactory builderFactory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
builderFactory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
javax.xml.parsers.DocumentBuilder builder = builderFactory.newDocumentBuilder();
org.w3c.dom.Document xmlDocument = builder.parse(file);
javax.xml.xpath.XPathFactory xpf = javax.xml.xpath.XPathFactory.newInstance();
javax.xml.xpath.XPath xp = xpf.newXPath();
String expression = "/Employees/Employee[@emplid='" + bar + "']";
String result = xp.evaluate(expression, xmlDocument);
response.getWriter().println("Your query results are: " + org.owasp.esapi.ESAPI.encoder().encodeForHTML(result) + "<br/>");''',
        '''org.w3c.dom.Document xmlDocument = dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
String expression = "/Employees/Employee[@emplid='" + bar + "']";
org.w3c.dom.NodeList nodeList =
        (org.w3c.dom.NodeList) xp.compile(expression).evaluate(xmlDocument, javax.xml.xpath.XPathConstants.NODESET);
response.getWriter().println("Your query results are: " + nodeList.getLength());''',
        '''org.w3c.dom.Document xmlDocument = dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
StringBuilder expression = new StringBuilder("/Employees/Employee[@name='");
expression.append(bar).append("']/salary");
Object result = xp.evaluate(expression.toString(), xmlDocument, javax.xml.xpath.XPathConstants.STRING);
response.getWriter().println("found " + (result != null));''',
    ], [
        '''org.w3c.dom.Document xmlDocument = dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
String expression = "/Employees/Employee[@emplid='" + org.owasp.esapi.ESAPI.encoder().encodeForXPath(bar) + "']";
String result = xp.evaluate(expression, xmlDocument);
response.getWriter().println("Your query results are: " + org.owasp.encoder.Encode.forHtml(result));''',
        '''org.w3c.dom.Document xmlDocument = dev.vigil.corpus.helpers.Utils.employees(this.getClass().getClassLoader());
javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
final String id = bar;
xp.setXPathVariableResolver(v -> id);
String result = xp.evaluate("/Employees/Employee[@emplid=$id]", xmlDocument);
response.getWriter().println("Your query results are: " + org.owasp.encoder.Encode.forHtml(result));''',
    ]),
    "xss": (79, [
        '''response.setHeader("X-XSS-Protection", "0");
Object[] obj = {{"a", bar}};
response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);''',
        '''response.setHeader("X-XSS-Protection", "0");
Object[] obj = {{"a", "b"}};
response.getWriter().printf(bar, obj);''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().write(bar.toCharArray());''',
        '''response.setHeader("X-XSS-Protection", "0");
int length = 1;
if (bar != null) {{
    length = bar.length();
    response.getWriter().write(bar, 0, length);
}}''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().print(bar.toCharArray());''',
        '''response.setHeader("X-XSS-Protection", "0");
java.io.PrintWriter out = response.getWriter();
out.format(java.util.Locale.US, "%s", new Object[] {{"<p>", bar, "</p>"}});''',
    ], [
        '''response.setHeader("X-XSS-Protection", "0");
Object[] obj = {{"a", org.owasp.encoder.Encode.forHtml(bar)}};
response.getWriter().format(java.util.Locale.US, "Formatted like: %1$s and %2$s.", obj);''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().write(org.springframework.web.util.HtmlUtils.htmlEscape(bar).toCharArray());''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().println(org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().println("Parameter value length: " + bar.length());''',
        '''response.setHeader("X-XSS-Protection", "0");
response.getWriter().printf(java.util.Locale.US, "%s", org.owasp.encoder.Encode.forHtmlContent(bar));''',
    ]),
    "trustbound": (501, [
        'request.getSession().putValue(bar, "10340");\nresponse.getWriter().println("Item: \'" + org.owasp.encoder.Encode.forHtml(bar) + "\' saved in session.");',
        'request.getSession().setAttribute("userid", bar);\nresponse.getWriter().println("Item: \'userid\' with value: \'" + org.owasp.encoder.Encode.forHtml(bar) + "\' saved in session.");',
        'request.getSession().putValue("userid", bar);',
        'javax.servlet.http.HttpSession session = request.getSession(true);\nsession.setAttribute(bar, "10340");',
    ], [
        'request.getSession().setAttribute("userid", Integer.valueOf(bar.length()));\nresponse.getWriter().println("Item: \'userid\' saved in session.");',
        'request.getSession().putValue("userid", "constant-" + "10340");\nresponse.getWriter().println("len " + bar.length());',
    ]),
}

# ----------------------------------------------------------------------------- value rules: (code, members)

def alg(shape, weak, strong, var, cls):
    """Ways to arrive at an algorithm; shape index -> (code, members). `weak` is the one the code really uses."""
    props_load = ('java.util.Properties benchmarkprops = new java.util.Properties();\n'
                  'benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));\n')
    shapes = [
        (f'String {var} = "{weak}";', ""),
        (f'int num = 106;\nString {var} = (7 * 42) - num > 200 ? "{strong}" : "{weak}";', ""),
        (f'String {var};\nswitch ("ABC".charAt(1)) {{\n    case \'A\':\n        {var} = "{strong}";\n        break;\n'
         f'    case \'B\':\n        {var} = "{weak}";\n        break;\n    default:\n        {var} = "{strong}";\n}}', ""),
        (f'java.util.List<String> algs = new java.util.ArrayList<String>();\nalgs.add("{strong}");\nalgs.add("{weak}");\n'
         f'algs.add("{strong}");\nalgs.remove(0);\nString {var} = algs.get(0);', ""),
        (f'java.util.HashMap<String, String> algs = new java.util.HashMap<String, String>();\nalgs.put("keyA-x", "{strong}");\n'
         f'algs.put("keyB-x", "{weak}");\nString {var} = algs.get("keyB-x");', ""),
        (f'String {var} = new Test().algorithm();',
         f'private class Test {{\n    String algorithm() {{\n        return "{weak}";\n    }}\n}}'),
        (f'String note = "{strong} is recommended";\nresponse.getWriter().println(note);\nString {var} = "{weak}";', ""),
        (f'String {var} = "{strong}";\n{var} = "{weak}";', ""),
        (f'String {var} = dev.vigil.corpus.helpers.Utils.{"legacy" if cls == "w" else "modern"}{var.capitalize()};', ""),
        (f'String {var};\nif ((7 * 18) + 106 > 200) {{\n    {var} = "{weak}";\n}} else {{\n    {var} = "{strong}";\n}}', ""),
    ]
    return shapes[shape % len(shapes)]


HASH_W = ["MD5", "SHA1", "md5", "SHA-1", "MD2", "sha1"]
HASH_S = ["SHA-256", "SHA-512", "SHA-384", "SHA3-256", "sha-256", "SHA-512/256"]
CIPH_W = ["DES/CBC/PKCS5Padding", "DESede/ECB/PKCS5Padding", "AES/ECB/NoPadding", "RC4", "Blowfish",
          "DES/ECB/PKCS5Padding", "RC2/CBC/PKCS5Padding", "AES", "PBEWithMD5AndDES", "DESede/CBC/NoPadding"]
CIPH_S = ["AES/GCM/NoPadding", "AES/CBC/PKCS5Padding", "AES/CTR/NoPadding", "ChaCha20-Poly1305",
          "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", "AES_256/GCM/NoPadding"]


def hash_body(vulnerable, i):
    w, s = HASH_W[i % len(HASH_W)], HASH_S[i % len(HASH_S)]
    use, other = (w, s) if vulnerable else (s, w)
    extra = [
        # the properties file says hashAlg1=MD5 and hashAlg2=SHA-256; the defaults in the code say the opposite
        (f'java.util.Properties benchmarkprops = new java.util.Properties();\n'
         f'benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));\n'
         f'String algorithm = benchmarkprops.getProperty("{"hashAlg1" if vulnerable else "hashAlg2"}", '
         f'"{"SHA512" if vulnerable else "SHA5"}");', "algorithm", ""),
        (f'java.util.Properties benchmarkprops = new java.util.Properties();\n'
         f'benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));\n'
         f'String algorithm = benchmarkprops.getProperty("{"hashAlg1" if vulnerable else "hashAlg2"}");', "algorithm", ""),
        ("", f'"{use}", "SUN"', ""),
        ("", f'org.apache.commons.codec.digest.MessageDigestAlgorithms.{"MD5" if vulnerable else "SHA_256"}', ""),
    ]
    if i % 14 < len(extra):
        before, expr, members = extra[i % 14]
    else:
        before, members = alg(i % 14 - len(extra), use, other, "algorithm", "w" if vulnerable else "s")
        expr = "algorithm"
    body = (before + "\n" if before else "") + f'''java.security.MessageDigest md = java.security.MessageDigest.getInstance({expr});
byte[] input = {{(byte) '?'}};
Object inputParam = param;
if (inputParam instanceof String) {{
    input = ((String) inputParam).getBytes();
}}
md.update(input);
byte[] result = md.digest();
java.io.File fileTarget = new java.io.File(new java.io.File(dev.vigil.corpus.helpers.Utils.TESTFILES_DIR), "passwordFile.txt");
try (java.io.FileWriter fw = new java.io.FileWriter(fileTarget, true)) {{
    fw.write("hash_value=" + org.owasp.esapi.ESAPI.encoder().encodeForBase64(result, true) + "\\n");
}}
response.getWriter().println("Sensitive value '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(input)) + "' hashed and stored<br/>");'''
    if i % 14 == 13:
        body = (f'String hex = org.apache.commons.codec.digest.DigestUtils.{"md5Hex" if vulnerable else "sha256Hex"}(param);\n'
                'response.getWriter().println("hash " + hex.length());')
        members = ""
    return body, members


def crypto_body(vulnerable, i):
    w, s = CIPH_W[i % len(CIPH_W)], CIPH_S[i % len(CIPH_S)]
    use, other = (w, s) if vulnerable else (s, w)
    extra = [
        (f'java.util.Properties benchmarkprops = new java.util.Properties();\n'
         f'benchmarkprops.load(this.getClass().getClassLoader().getResourceAsStream("benchmark.properties"));\n'
         f'String algorithm = benchmarkprops.getProperty("{"cryptoAlg1" if vulnerable else "cryptoAlg2"}", '
         f'"{"DESede/ECB/PKCS5Padding" if vulnerable else "AES/ECB/PKCS5Padding"}");', "algorithm", ""),
        ("", f'"{use}", java.security.Security.getProvider("SunJCE")', ""),
        ("", f'"{use}", "SunJCE"', ""),
    ]
    if i % 13 < len(extra):
        before, expr, members = extra[i % 13]
    else:
        before, members = alg(i % 13 - len(extra), use, other, "transformation", "w" if vulnerable else "s")
        expr = "transformation"
    keyalg = "RSA" if use.startswith("RSA") else ("AES" if use.upper().startswith("AES") else "DES")
    if keyalg == "RSA":
        keyinit = ('java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair();\n'
                   "c.init(javax.crypto.Cipher.ENCRYPT_MODE, pair.getPublic());")
    else:
        kg = "AES" if keyalg == "AES" else ("DES" if vulnerable else "AES")
        keyinit = (f'javax.crypto.SecretKey key = javax.crypto.KeyGenerator.getInstance("{kg}").generateKey();\n'
                   "c.init(javax.crypto.Cipher.ENCRYPT_MODE, key);")
    body = (before + "\n" if before else "") + f'''javax.crypto.Cipher c = javax.crypto.Cipher.getInstance({expr});
{keyinit}
byte[] input = {{(byte) '?'}};
Object inputParam = param;
if (inputParam instanceof String) {{
    input = ((String) inputParam).getBytes();
}}
byte[] result = c.doFinal(input);
response.getWriter().println("Sensitive value: '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(new String(input))
        + "' encrypted and stored (" + result.length + " bytes)<br/>");'''
    return body, members


def cookie_body(vulnerable, i):
    head = '''byte[] input = new byte[1000];
String str = "?";
Object inputParam = param;
if (inputParam instanceof String) {
    str = ((String) inputParam);
}
if ("".equals(str)) {
    str = "No cookie value supplied";
}
'''
    vuln = [
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\ncookie.setSecure(false);\ncookie.setHttpOnly(true);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\ncookie.setHttpOnly(true);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nsecure(cookie, false);',
         "private static void secure(javax.servlet.http.Cookie c, boolean on) {\n    c.setSecure(on);\n    c.setHttpOnly(true);\n}"),
        ('javax.servlet.http.Cookie cookie = dev.vigil.corpus.helpers.Utils.cookie("SomeCookie", str, false);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nint num = 106;\ncookie.setSecure((7 * 42) - num > 200);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nboolean secure = "ABC".charAt(1) == \'C\';\ncookie.setSecure(secure);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nif (str.length() > 5) {\n    cookie.setSecure(true);\n}', ""),
        ('javax.servlet.http.Cookie cookie = new Test().make(str);',
         'private class Test {\n    javax.servlet.http.Cookie make(String value) {\n        javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("SomeCookie", value);\n        c.setHttpOnly(true);\n        return c;\n    }\n}'),
    ]
    safe = [
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\ncookie.setSecure(true);\ncookie.setHttpOnly(true);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nsecure(cookie, true);',
         "private static void secure(javax.servlet.http.Cookie c, boolean on) {\n    c.setSecure(on);\n    c.setHttpOnly(true);\n}"),
        ('javax.servlet.http.Cookie cookie = dev.vigil.corpus.helpers.Utils.cookie("SomeCookie", str, true);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nint num = 86;\ncookie.setSecure((7 * 42) - num > 200);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\nboolean secure = "ABC".charAt(2) == \'C\';\ncookie.setSecure(secure);', ""),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\ncookie.setSecure(false);\nif (str.length() > 5 || str.isEmpty() || str.length() <= 5) {\n    cookie.setSecure(true);\n}\ncookie.setSecure(true);', ""),
        ('javax.servlet.http.Cookie cookie = new Test().make(str);',
         'private class Test {\n    javax.servlet.http.Cookie make(String value) {\n        javax.servlet.http.Cookie c = new javax.servlet.http.Cookie("SomeCookie", value);\n        c.setSecure(true);\n        c.setHttpOnly(true);\n        return c;\n    }\n}'),
        ('javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", str);\ncookie.setMaxAge(3600);\ncookie.setSecure(true);', ""),
    ]
    code, members = (vuln if vulnerable else safe)[i % 8]
    body = head + code + '''
cookie.setPath(request.getRequestURI());
response.addCookie(cookie);
response.getWriter().println("Created cookie: 'SomeCookie': with value: '" + org.owasp.esapi.ESAPI.encoder().encodeForHTML(str)
        + "' and secure flag set to: false");'''
    return body, members


def random_body(vulnerable, i):
    vuln = [
        ("float rand = new java.util.Random().nextFloat();\nString rememberMeKey = Float.toString(rand).substring(2);", ""),
        ("double value = new java.util.Random().nextDouble();\nString rememberMeKey = Double.toString(value).substring(2);", ""),
        ("int randNumber = new java.util.Random().nextInt(99);\nString rememberMeKey = Integer.toString(randNumber);", ""),
        ("long l = new java.util.Random().nextLong();\nString rememberMeKey = Long.toString(l);", ""),
        ("double stuff = new java.util.Random().nextGaussian();\nString rememberMeKey = Double.toString(stuff).substring(2);", ""),
        ("double rand = Math.random();\nString rememberMeKey = Double.toString(rand).substring(2);", ""),
        ("byte[] bytes = new byte[10];\nnew java.util.Random().nextBytes(bytes);\nString rememberMeKey = org.owasp.esapi.ESAPI.encoder().encodeForBase64(bytes, true);", ""),
        ("java.util.Random numGen = dev.vigil.corpus.helpers.Utils.generator(false);\nString rememberMeKey = Integer.toString(numGen.nextInt());", ""),
        ("int r = new Test().draw();\nString rememberMeKey = Integer.toString(r);", "private class Test {\n    int draw() {\n        return new java.util.Random().nextInt();\n    }\n}"),
        ("java.util.Random numGen = new java.util.Random(System.currentTimeMillis());\nString rememberMeKey = Long.toHexString(numGen.nextLong());", ""),
    ]
    safe = [
        ("float rand = java.security.SecureRandom.getInstance(\"SHA1PRNG\").nextFloat();\nString rememberMeKey = Float.toString(rand).substring(2);", ""),
        ("double value = new java.security.SecureRandom().nextDouble();\nString rememberMeKey = Double.toString(value).substring(2);", ""),
        ("java.util.Random numGen = java.security.SecureRandom.getInstance(\"SHA1PRNG\");\nint randNumber = numGen.nextInt(99);\nString rememberMeKey = Integer.toString(randNumber);", ""),
        ("long l = java.security.SecureRandom.getInstanceStrong().nextLong();\nString rememberMeKey = Long.toString(l);", ""),
        ("java.util.Random numGen = new java.security.SecureRandom();\ndouble stuff = numGen.nextGaussian();\nString rememberMeKey = Double.toString(stuff).substring(2);", ""),
        ("byte[] bytes = new byte[10];\njava.security.SecureRandom.getInstance(\"SHA1PRNG\").nextBytes(bytes);\nString rememberMeKey = org.owasp.esapi.ESAPI.encoder().encodeForBase64(bytes, true);", ""),
        ("java.util.Random numGen = dev.vigil.corpus.helpers.Utils.generator(true);\nString rememberMeKey = Integer.toString(numGen.nextInt());", ""),
        ("int r = new Test().draw();\nString rememberMeKey = Integer.toString(r);", "private class Test {\n    int draw() throws java.security.NoSuchAlgorithmException {\n        return java.security.SecureRandom.getInstance(\"SHA1PRNG\").nextInt();\n    }\n}"),
        ("long jitter = (long) (Math.random() * 10);\nresponse.getWriter().println(\"retry in \" + jitter);\nString rememberMeKey = Long.toHexString(new java.security.SecureRandom().nextLong());", ""),
        ("String rememberMeKey = org.owasp.esapi.ESAPI.randomizer().getRandomString(16, org.owasp.esapi.EncoderConstants.CHAR_ALPHANUMERICS);", ""),
    ]
    code, members = (vuln if vulnerable else safe)[i % 10]
    body = code + '''
String user = "Ingrid";
String fullClassName = this.getClass().getName();
String testCaseNumber = fullClassName.substring(fullClassName.lastIndexOf('.') + 1 + "BenchmarkTest".length());
user += testCaseNumber;
String cookieName = "rememberMe" + testCaseNumber;
boolean foundUser = false;
javax.servlet.http.Cookie[] cookies = request.getCookies();
if (cookies != null) {
    for (int i = 0; !foundUser && i < cookies.length; i++) {
        javax.servlet.http.Cookie cookie = cookies[i];
        if (cookieName.equals(cookie.getName())) {
            if (cookie.getValue().equals(request.getSession().getAttribute(cookieName))) {
                foundUser = true;
            }
        }
    }
}
if (foundUser) {
    response.getWriter().println("Welcome back: " + user + "<br/>");
} else {
    javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie(cookieName, rememberMeKey);
    rememberMe.setSecure(true);
    rememberMe.setHttpOnly(true);
    rememberMe.setPath(request.getRequestURI());
    request.getSession().setAttribute(cookieName, rememberMeKey);
    response.addCookie(rememberMe);
    response.getWriter().println(user + " has been remembered with cookie: " + rememberMe.getName() + "<br/>");
}
response.getWriter().println("Weak Randomness Test executed for " + param.length());'''
    return body, members


VALUE = {"hash": (328, hash_body), "crypto": (327, crypto_body), "securecookie": (614, cookie_body),
         "weakrand": (330, random_body)}


def cases(n):
    """Yields (pkg, cwe, vulnerable, description, source, body, members) with n vulnerable and n safe per class."""
    for pkg, (cwe, vsinks, ssinks) in SINKS.items():
        seen = set()
        for vulnerable in (True, False):
            made = 0
            while made < n:
                s = rng.randrange(len(SOURCES))
                if vulnerable:
                    p = rng.randrange(len(PROPS_VULN))
                    if pkg in PROPS_VULN[p][2]:
                        continue
                    k = rng.randrange(len(vsinks))
                    key = ("V", s, p, k)
                    code, members = PROPS_VULN[p][0], PROPS_VULN[p][1]
                    sink = vsinks[k]
                    desc = f"source {s}, propagation {p}, sink {k}: vulnerable"
                elif made % 2 == 0:
                    p = rng.randrange(len(PROPS_SAFE) + len(PROPS_VULN))
                    if p >= len(PROPS_SAFE):
                        q = p - len(PROPS_SAFE)
                        if pkg not in PROPS_VULN[q][2]:
                            continue
                        code, members = PROPS_VULN[q][0], PROPS_VULN[q][1]
                    else:
                        code, members = PROPS_SAFE[p]
                    k = rng.randrange(len(vsinks))
                    key = ("S", s, p, k)
                    sink = vsinks[k]
                    desc = f"source {s}, safe propagation {p}, sink {k}: safe"
                else:
                    p = rng.randrange(len(PROPS_VULN))
                    if pkg in PROPS_VULN[p][2]:
                        continue
                    k = rng.randrange(len(ssinks))
                    key = ("T", s, p, k)
                    code, members = PROPS_VULN[p][0], PROPS_VULN[p][1]
                    sink = ssinks[k]
                    desc = f"source {s}, propagation {p}, safe sink {k}: safe"
                if key in seen:
                    continue
                seen.add(key)
                made += 1
                yield pkg, cwe, vulnerable, desc, SOURCES[s], code + "\n" + sink, members
    for pkg, (cwe, make) in VALUE.items():
        for vulnerable in (True, False):
            for i in range(n):
                body, members = make(vulnerable, i)
                s = rng.randrange(len(SOURCES))
                yield pkg, cwe, vulnerable, f"{pkg} shape {i}: {'vulnerable' if vulnerable else 'safe'}", \
                    SOURCES[s], body, members
