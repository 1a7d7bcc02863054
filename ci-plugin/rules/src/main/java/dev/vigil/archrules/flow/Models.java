package dev.vigil.archrules.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the engine knows about library methods: sources, sanitisers, sinks, collections. Internal names. */
final class Models {
    private Models() {}

    static final List<String> REQUEST_TYPES = List.of(
            "javax/servlet/ServletRequest",
            "javax/servlet/http/HttpServletRequest",
            "javax/servlet/ServletRequestWrapper",
            "javax/servlet/http/HttpServletRequestWrapper",
            "jakarta/servlet/ServletRequest",
            "jakarta/servlet/http/HttpServletRequest",
            "jakarta/servlet/ServletRequestWrapper",
            "jakarta/servlet/http/HttpServletRequestWrapper",
            "org/springframework/web/context/request/WebRequest",
            "org/springframework/web/context/request/NativeWebRequest");

    static final Set<String> REQUEST_SOURCES = Set.of(
            "getParameter",
            "getParameterValues",
            "getParameterMap",
            "getParameterNames",
            "getHeader",
            "getHeaders",
            "getHeaderNames",
            "getHeaderValues",
            "getQueryString",
            "getPathInfo",
            "getPathTranslated",
            "getRequestURI",
            "getRequestURL",
            "getServletPath",
            "getReader",
            "getInputStream",
            "getCookies",
            "getPart",
            "getParts");

    static final List<String> RESPONSE_TYPES = List.of(
            "javax/servlet/ServletResponse",
            "javax/servlet/http/HttpServletResponse",
            "javax/servlet/http/HttpServletResponseWrapper",
            "jakarta/servlet/ServletResponse",
            "jakarta/servlet/http/HttpServletResponse",
            "jakarta/servlet/http/HttpServletResponseWrapper");

    static final Set<String> COOKIE_TYPES = Set.of("javax/servlet/http/Cookie", "jakarta/servlet/http/Cookie");
    static final Set<String> SESSION_TYPES =
            Set.of("javax/servlet/http/HttpSession", "jakarta/servlet/http/HttpSession");

    /** Handler parameter annotations whose values come from the request (descriptors). */
    static final Set<String> REQUEST_ANNOTATIONS = Set.of(
            "Lorg/springframework/web/bind/annotation/RequestParam;",
            "Lorg/springframework/web/bind/annotation/PathVariable;",
            "Lorg/springframework/web/bind/annotation/RequestHeader;",
            "Lorg/springframework/web/bind/annotation/CookieValue;",
            "Lorg/springframework/web/bind/annotation/RequestBody;",
            "Lorg/springframework/web/bind/annotation/RequestPart;",
            "Lorg/springframework/web/bind/annotation/MatrixVariable;",
            "Lorg/springframework/web/bind/annotation/ModelAttribute;",
            "Ljakarta/ws/rs/QueryParam;",
            "Ljakarta/ws/rs/PathParam;",
            "Ljakarta/ws/rs/HeaderParam;",
            "Ljakarta/ws/rs/CookieParam;",
            "Ljakarta/ws/rs/FormParam;",
            "Ljakarta/ws/rs/MatrixParam;",
            "Ljavax/ws/rs/QueryParam;",
            "Ljavax/ws/rs/PathParam;",
            "Ljavax/ws/rs/HeaderParam;",
            "Ljavax/ws/rs/CookieParam;",
            "Ljavax/ws/rs/FormParam;",
            "Ljavax/ws/rs/MatrixParam;");

    static final Set<String> HANDLER_ANNOTATIONS = Set.of(
            "Lorg/springframework/web/bind/annotation/RequestMapping;",
            "Lorg/springframework/web/bind/annotation/GetMapping;",
            "Lorg/springframework/web/bind/annotation/PostMapping;",
            "Lorg/springframework/web/bind/annotation/PutMapping;",
            "Lorg/springframework/web/bind/annotation/DeleteMapping;",
            "Lorg/springframework/web/bind/annotation/PatchMapping;");

    static final Set<String> CONTROLLER_ANNOTATIONS = Set.of(
            "Lorg/springframework/stereotype/Controller;", "Lorg/springframework/web/bind/annotation/RestController;");

    /** Sanitisers: owner.name (or owner.prefix*) to the sinks their result is safe for. */
    private static final Map<String, Integer> SANITIZERS = new HashMap<>();

    private static final int HTML = SinkKind.mask(SinkKind.XSS);

    static {
        for (String esapi : List.of("org/owasp/esapi/Encoder", "org/owasp/esapi/reference/DefaultEncoder")) {
            for (String m : List.of(
                    "encodeForHTML",
                    "encodeForHTMLAttribute",
                    "encodeForJavaScript",
                    "encodeForCSS",
                    "encodeForURL",
                    "encodeForXML",
                    "encodeForXMLAttribute",
                    "encodeForVBScript")) {
                SANITIZERS.put(esapi + "." + m, HTML);
            }
            SANITIZERS.put(esapi + ".encodeForLDAP", SinkKind.mask(SinkKind.LDAP));
            SANITIZERS.put(esapi + ".encodeForDN", SinkKind.mask(SinkKind.LDAP));
            SANITIZERS.put(esapi + ".encodeForXPath", SinkKind.mask(SinkKind.XPATH));
            SANITIZERS.put(esapi + ".encodeForSQL", SinkKind.mask(SinkKind.SQL));
            SANITIZERS.put(esapi + ".encodeForOS", SinkKind.mask(SinkKind.COMMAND));
        }
        SANITIZERS.put("org/owasp/encoder/Encode.forHtml*", HTML);
        SANITIZERS.put("org/owasp/encoder/Encode.forJava*", HTML);
        SANITIZERS.put("org/owasp/encoder/Encode.forCss*", HTML);
        SANITIZERS.put("org/owasp/encoder/Encode.forUri*", HTML);
        SANITIZERS.put("org/owasp/encoder/Encode.forXml*", HTML | SinkKind.mask(SinkKind.XPATH));
        SANITIZERS.put("org/springframework/web/util/HtmlUtils.htmlEscape*", HTML);
        SANITIZERS.put("org/apache/tomcat/util/security/Escape.html*", HTML);
        SANITIZERS.put("org/apache/tomcat/util/security/Escape.xml", HTML);
        SANITIZERS.put("org/springframework/web/util/JavaScriptUtils.javaScriptEscape", HTML);
        for (String escape : List.of(
                "org/apache/commons/text/StringEscapeUtils",
                "org/apache/commons/lang3/StringEscapeUtils",
                "org/apache/commons/lang/StringEscapeUtils")) {
            SANITIZERS.put(escape + ".escapeHtml*", HTML);
            SANITIZERS.put(escape + ".escapeEcmaScript", HTML);
            SANITIZERS.put(escape + ".escapeJavaScript", HTML);
            SANITIZERS.put(escape + ".escapeXml*", HTML | SinkKind.mask(SinkKind.XPATH));
        }
        SANITIZERS.put("org/apache/commons/io/FilenameUtils.getName", SinkKind.mask(SinkKind.PATH));
        SANITIZERS.put("java/nio/file/Path.getFileName", SinkKind.mask(SinkKind.PATH));
        SANITIZERS.put("java/io/File.getName", SinkKind.mask(SinkKind.PATH));
        SANITIZERS.put("org/springframework/ldap/support/LdapEncoder.filterEncode", SinkKind.mask(SinkKind.LDAP));
        // a digest or MAC of attacker data cannot carry an injection (its predictability is another matter)
        int injections = SinkKind.mask(
                SinkKind.COMMAND,
                SinkKind.SQL,
                SinkKind.LDAP,
                SinkKind.PATH,
                SinkKind.XPATH,
                SinkKind.XSS,
                SinkKind.TRUST_BOUNDARY);
        SANITIZERS.put("java/security/MessageDigest.digest", injections);
        SANITIZERS.put("javax/crypto/Mac.doFinal", injections);
        SANITIZERS.put("org/springframework/ldap/support/LdapEncoder.nameEncode", SinkKind.mask(SinkKind.LDAP));
    }

    /** The sinks the result of {@code owner.name} is sanitised for, 0 when it is no sanitiser. */
    static int sanitizer(String owner, String name) {
        Integer exact = SANITIZERS.get(owner + "." + name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Integer> e : SANITIZERS.entrySet()) {
            String k = e.getKey();
            if (k.endsWith("*")) {
                int dot = k.lastIndexOf('.');
                if (k.regionMatches(0, owner, 0, owner.length())
                        && dot == owner.length()
                        && name.startsWith(k.substring(dot + 1, k.length() - 1))) {
                    return e.getValue();
                }
            }
        }
        return 0;
    }

    /**
     * Decoders whose result is the data before an encoding: ESAPI's {@code decodeFor*}, {@code decodeFromURL} and
     * {@code canonicalize}, the {@code unescape*} methods of commons-text and commons-lang, Spring's
     * {@code HtmlUtils.htmlUnescape}, {@code URLDecoder.decode}.
     */
    static boolean desanitizes(String owner, String name) {
        return (owner.equals("org/owasp/esapi/Encoder") || owner.equals("org/owasp/esapi/reference/DefaultEncoder"))
                        && (name.startsWith("decodeFor") || name.equals("decodeFromURL") || name.equals("canonicalize"))
                || owner.endsWith("/StringEscapeUtils") && name.startsWith("unescape")
                || owner.equals("org/springframework/web/util/HtmlUtils") && name.equals("htmlUnescape")
                || owner.equals("java/net/URLDecoder") && name.equals("decode");
    }

    /** Path normalisations: after one, a prefix check ({@code startsWith}) on the result makes the path safe. */
    static boolean normalizes(String owner, String name) {
        return owner.equals("java/nio/file/Path") && (name.equals("normalize") || name.equals("toRealPath"))
                || owner.equals("java/io/File") && (name.equals("getCanonicalPath") || name.equals("getCanonicalFile"))
                || owner.equals("org/apache/commons/io/FilenameUtils") && name.equals("normalize");
    }

    /**
     * A sink: which arguments (0-based, without the receiver) must not be tainted.
     *
     * @param args indexes of the checked arguments; empty means all
     * @param stringOnly only when the method takes a String (or String[]/List) there
     */
    record Sink(SinkKind kind, int[] args, boolean stringOnly) {}

    /** In {@link Sink#args()}: the receiver itself is what must not be tainted. */
    static final int RECEIVER = -1;

    private static final Map<String, List<Sink>> SINKS = new HashMap<>();

    private static void sink(SinkKind kind, String owners, String names, boolean stringOnly, int... args) {
        for (String o : owners.split(",")) {
            for (String n : names.split(",")) {
                SINKS.computeIfAbsent(o.strip() + "." + n.strip(), k -> new java.util.ArrayList<>())
                        .add(new Sink(kind, args, stringOnly));
            }
        }
    }

    static {
        sink(SinkKind.COMMAND, "java/lang/Runtime", "exec", false);
        sink(SinkKind.COMMAND, "java/lang/ProcessBuilder", "<init>,command", false);
        sink(SinkKind.COMMAND, "org/apache/commons/exec/CommandLine", "parse,<init>,addArgument,addArguments", true);
        String statements = "java/sql/Statement,java/sql/PreparedStatement,java/sql/CallableStatement";
        sink(SinkKind.SQL, statements, "execute,executeQuery,executeUpdate,executeLargeUpdate,addBatch", true, 0);
        sink(SinkKind.SQL, "java/sql/Connection", "prepareStatement,prepareCall,nativeSQL", true, 0);
        String jdbc = "org/springframework/jdbc/core/JdbcTemplate,org/springframework/jdbc/core/JdbcOperations,"
                + "org/springframework/jdbc/core/namedparam/NamedParameterJdbcTemplate,"
                + "org/springframework/jdbc/core/namedparam/NamedParameterJdbcOperations";
        sink(
                SinkKind.SQL,
                jdbc,
                "query,queryForObject,queryForList,queryForMap,queryForRowSet,queryForStream,update,execute,"
                        + "batchUpdate",
                true,
                0);
        sink(SinkKind.SQL, "org/springframework/jdbc/core/simple/JdbcClient", "sql", true, 0);
        String jpa = "javax/persistence/EntityManager,jakarta/persistence/EntityManager";
        sink(SinkKind.SQL, jpa, "createQuery,createNativeQuery", true, 0);
        String hibernate = "org/hibernate/Session,org/hibernate/SharedSessionContract,org/hibernate/StatelessSession,"
                + "org/hibernate/query/QueryProducer";
        sink(
                SinkKind.SQL,
                hibernate,
                "createQuery,createSQLQuery,createNativeQuery,createMutationQuery,createSelectionQuery",
                true,
                0);
        String ldap = "javax/naming/directory/DirContext,javax/naming/directory/InitialDirContext,"
                + "javax/naming/ldap/LdapContext,javax/naming/ldap/InitialLdapContext";
        sink(SinkKind.LDAP, ldap, "search", true, 0, 1);
        sink(SinkKind.LDAP, "javax/naming/Context,javax/naming/InitialContext", "lookup", true, 0);
        sink(
                SinkKind.LDAP,
                "org/springframework/ldap/core/LdapTemplate",
                "search,searchForObject,authenticate",
                true,
                0,
                1);
        sink(SinkKind.XPATH, "javax/xml/xpath/XPath", "evaluate,compile,evaluateExpression", true, 0);
        String io = "java/io/FileInputStream,java/io/FileOutputStream,java/io/FileReader,java/io/FileWriter,"
                + "java/io/RandomAccessFile,java/io/PrintWriter,java/io/PrintStream,java/util/Scanner";
        sink(SinkKind.PATH, io, "<init>", false, 0);
        sink(
                SinkKind.PATH,
                "java/io/File",
                "exists,delete,createNewFile,mkdir,mkdirs,renameTo,list,listFiles,length,canRead,canWrite,isFile,"
                        + "isDirectory,lastModified,toPath,deleteOnExit",
                false,
                RECEIVER);
        sink(
                SinkKind.PATH,
                "java/nio/file/Files",
                "newInputStream,newOutputStream,newBufferedReader,newBufferedWriter,readAllBytes,readAllLines,"
                        + "readString,lines,write,writeString,delete,deleteIfExists,copy,move,createFile,"
                        + "createDirectory,createDirectories,list,walk,newByteChannel,exists,size,isRegularFile",
                false,
                0);
        sink(
                SinkKind.PATH,
                "org/apache/commons/io/FileUtils",
                "readFileToString,readFileToByteArray,readLines,writeStringToFile,openInputStream,"
                        + "openOutputStream,deleteQuietly,forceDelete,copyFile",
                false,
                0);
        for (String session : SESSION_TYPES) {
            sink(SinkKind.TRUST_BOUNDARY, session, "setAttribute,putValue", false);
            sink(SinkKind.RANDOM_SECRET, session, "setAttribute,putValue", false);
        }
        for (String cookie : COOKIE_TYPES) {
            sink(SinkKind.RANDOM_SECRET, cookie, "<init>,setValue", false);
        }
        for (String response : RESPONSE_TYPES) {
            sink(SinkKind.RANDOM_SECRET, response, "addHeader,setHeader", false);
        }
    }

    /** Sinks of {@code owner.name}: up to two (a session attribute is a trust boundary and a secret). */
    static List<Sink> sinks(String owner, String name) {
        return SINKS.getOrDefault(owner + "." + name, List.of());
    }

    static final Set<String> RESPONSE_WRITE_METHODS = Set.of("print", "println", "write", "format", "printf", "append");

    static final Set<String> MAP_TYPES = Set.of(
            "java/util/Map",
            "java/util/HashMap",
            "java/util/LinkedHashMap",
            "java/util/TreeMap",
            "java/util/SortedMap",
            "java/util/NavigableMap",
            "java/util/Hashtable",
            "java/util/concurrent/ConcurrentHashMap",
            "java/util/concurrent/ConcurrentMap");

    static final Set<String> LIST_TYPES = Set.of(
            "java/util/List",
            "java/util/ArrayList",
            "java/util/LinkedList",
            "java/util/Vector",
            "java/util/Stack",
            "java/util/concurrent/CopyOnWriteArrayList");

    static final Set<String> COLLECTION_TYPES = Set.of(
            "java/util/Collection",
            "java/util/Set",
            "java/util/HashSet",
            "java/util/LinkedHashSet",
            "java/util/TreeSet",
            "java/util/Queue",
            "java/util/Deque",
            "java/util/ArrayDeque");

    static final Set<String> BUILDER_TYPES = Set.of("java/lang/StringBuilder", "java/lang/StringBuffer");

    /** Predictable generators: their {@code next*}, {@code ints} … results are {@link Taint#RANDOM}. */
    static final Set<String> PREDICTABLE_TYPES =
            Set.of("java/util/Random", "java/util/SplittableRandom", "java/util/concurrent/ThreadLocalRandom");

    static boolean randomDraw(String name) {
        return name.startsWith("next") || name.equals("ints") || name.equals("longs") || name.equals("doubles");
    }

    /**
     * Types that carry the data they were made from (strings, arrays, buffers, streams, containers, paths, and
     * {@code Object} for generic results). An unknown library call passes its arguments' taint on only to results of
     * these types; a domain object looked up by a tainted key (a session, an account) is not request data. The
     * receiver's taint always passes on: the parts of request data are request data.
     */
    static boolean dataLike(String type) {
        if (type == null || type.startsWith("[")) {
            return true;
        }
        return type.equals("java/lang/String")
                || type.equals("java/lang/CharSequence")
                || type.equals("java/lang/Object")
                || type.equals("java/lang/StringBuilder")
                || type.equals("java/lang/StringBuffer")
                || type.startsWith("java/util/") && !type.startsWith("java/util/concurrent/locks/")
                || type.startsWith("java/io/")
                || type.startsWith("java/nio/")
                || type.equals("java/net/URI")
                || type.equals("java/net/URL")
                || type.startsWith("javax/servlet/http/Part")
                || type.startsWith("jakarta/servlet/http/Part")
                || type.startsWith("org/w3c/dom/")
                || type.startsWith("com/fasterxml/jackson/databind/JsonNode");
    }

    /** Streams, readers and channels whose {@code read*(array, ..)} fills the array with their data. */
    static boolean readsInto(String owner) {
        return owner.startsWith("java/io/")
                || owner.startsWith("java/nio/channels/")
                || owner.equals("javax/servlet/ServletInputStream")
                || owner.equals("jakarta/servlet/ServletInputStream");
    }

    /** Boxed numbers and booleans: values of these types cannot carry an injection. */
    static boolean numeric(String type) {
        return type != null
                && (type.length() == 1
                        || type.equals("java/lang/Integer")
                        || type.equals("java/lang/Long")
                        || type.equals("java/lang/Short")
                        || type.equals("java/lang/Byte")
                        || type.equals("java/lang/Double")
                        || type.equals("java/lang/Float")
                        || type.equals("java/lang/Boolean")
                        || type.equals("java/lang/Character")
                        || type.equals("java/math/BigInteger")
                        || type.equals("java/math/BigDecimal")
                        || type.equals("java/util/UUID")
                        || type.equals("java/time/LocalDate")
                        || type.equals("java/time/Instant"));
    }
}
