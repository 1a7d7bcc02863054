import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import javax.naming.InitialContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A deliberately vulnerable Jetty 12 application for the runtime guard's integration tests (loopback only): log4j-core
 * 2.14.1 logging a request header (Log4Shell), an endpoint deserializing the request body (commons-collections 3.2.1 on
 * the class path), a command from a parameter, a file named by a parameter. Its start-up does what must stay quiet: it
 * starts a process, deserializes a String, reads ordinary files and looks up a local JNDI name.
 */
public final class GuardApp {
    private static final Logger LOG = LogManager.getLogger(GuardApp.class);

    public static void main(String[] args) throws Exception {
        startUpChores();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args.length > 0 ? args[0] : "0"));
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.addServlet(new ServletHolder(new Hello()), "/hello");
        ctx.addServlet(new ServletHolder(new Deserialize()), "/deserialize");
        ctx.addServlet(new ServletHolder(new Exec()), "/exec");
        ctx.addServlet(new ServletHolder(new ReadFile()), "/file");
        ctx.addServlet(new ServletHolder(new Ordinary()), "/ordinary");
        ctx.addServlet(new ServletHolder(new Connect()), "/connect");
        ctx.addServlet(new ServletHolder(new Spel()), "/spel");
        ctx.addServlet(new ServletHolder(new WriteFile()), "/write");
        ctx.addServlet(new ServletHolder(new Price()), "/price");
        ctx.addServlet(new ServletHolder(new LoadClass()), "/classload");
        ctx.addServlet(new ServletHolder(new Read()), "/read");
        ctx.addServlet(new ServletHolder(new Script()), "/script");
        ctx.addServlet(new ServletHolder(new ScriptConstant()), "/script-constant");
        server.setHandler(ctx);
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        server.join();
    }

    private static void startUpChores() throws Exception {
        new ProcessBuilder("true").start().waitFor();
        System.out.println("start-up deserialized " + roundTrip("hello"));
        try (InputStream in = new FileInputStream("/etc/hostname")) {
            in.read();
        }
        localJndi();
        if (Boolean.getBoolean("guard.app.startupScript")) { // Nashorn takes seconds to start: only when asked
            System.out.println("start-up script says " + Js.ENGINE.eval("var answer = 6 * 7; 'answer ' + answer"));
        }
    }

    /** Nashorn (org.openjdk.nashorn:nashorn-core), a JSR-223 engine from Maven Central; started on first use. */
    static final class Js {
        static final javax.script.ScriptEngine ENGINE =
                new org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory().getScriptEngine();
    }

    static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    static String localJndi() {
        try {
            return String.valueOf(new InitialContext().lookup("java:comp/env/jdbc/orders"));
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void answer(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain");
        resp.getWriter().write(body + "\n");
    }

    /** Logs a header the client chose, as so many applications did in December 2021. */
    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            LOG.error("hello from client version {}", req.getHeader("X-Api-Version"));
            answer(resp, 200, "hello");
        }
    }

    static final class Deserialize extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
                Object o = in.readObject();
                answer(resp, 200, "read " + o.getClass().getName());
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (Exception e) {
                answer(resp, 400, e.toString());
            }
        }
    }

    static final class Exec extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Process p = new ProcessBuilder("/bin/sh", "-c", req.getParameter("cmd")).start();
                answer(resp, 200, "exit " + p.waitFor());
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (InterruptedException e) {
                answer(resp, 500, e.toString());
            }
        }
    }

    static final class ReadFile extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (InputStream in = new FileInputStream(req.getParameter("name"))) {
                answer(resp, 200, "read " + in.readAllBytes().length + " bytes");
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            }
        }
    }

    /** Connects to {@code host}:{@code port} (a server-side request forgery, or a reverse shell's first step). */
    static final class Connect extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (java.net.Socket s =
                    new java.net.Socket(req.getParameter("host"), Integer.parseInt(req.getParameter("port")))) {
                answer(resp, 200, "connected");
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            }
        }
    }

    /** Loads a class from a code base URL, as a JNDI reference's factory would be. */
    static final class LoadClass extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                    new java.net.URL[] {new java.net.URL(req.getParameter("codebase"))}, null)) {
                answer(resp, 200, "loaded " + loader.loadClass("Exploit"));
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (ClassNotFoundException e) {
                answer(resp, 404, "no such class");
            }
        }
    }

    /** Evaluates a SpEL expression from a parameter (the shape of Spring's expression injection bugs). */
    static final class Spel extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Object v = new org.springframework.expression.spel.standard.SpelExpressionParser()
                        .parseExpression(req.getParameter("expr"))
                        .getValue();
                answer(resp, 200, String.valueOf(v));
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            }
        }
    }

    /** A constant expression evaluated inside a request: no event. */
    static final class Price extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object v = new org.springframework.expression.spel.standard.SpelExpressionParser()
                    .parseExpression("100 * 12 / 10")
                    .getValue();
            answer(resp, 200, String.valueOf(v));
        }
    }

    /** Opens a file named by a parameter for appending (writes nothing). */
    static final class WriteFile extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (java.io.FileOutputStream out = new java.io.FileOutputStream(req.getParameter("name"), true)) {
                answer(resp, 200, "opened");
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (IOException e) {
                answer(resp, 500, e.toString());
            }
        }
    }

    /**
     * Reads the file {@code name} through the file API {@code api}: the many doors to one file (FileInputStream,
     * FileReader, a file: URL, NIO streams and channels, RandomAccessFile, FileChannel, AsynchronousFileChannel,
     * Files.copy; FileWriter opens it for appending and writes nothing).
     */
    static final class Read extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                answer(resp, 200, "read " + read(req.getParameter("api"), req.getParameter("name")));
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (IOException | RuntimeException e) {
                answer(resp, 500, e.toString());
            }
        }

        static long read(String api, String name) throws IOException {
            java.nio.file.Path path = java.nio.file.Path.of(name.startsWith("file:") ? "/" : name);
            java.nio.charset.Charset latin1 = java.nio.charset.StandardCharsets.ISO_8859_1;
            switch (api) {
                case "FileInputStream":
                    try (InputStream in = new FileInputStream(name)) {
                        return in.readAllBytes().length;
                    }
                case "FileReader":
                    try (java.io.Reader r = new java.io.FileReader(name, latin1)) {
                        return r.transferTo(java.io.Writer.nullWriter());
                    }
                case "file-url":
                    try (InputStream in = new java.net.URL(name).openStream()) {
                        return in.readAllBytes().length;
                    }
                case "newInputStream":
                    try (InputStream in = java.nio.file.Files.newInputStream(path)) {
                        return in.readAllBytes().length;
                    }
                case "newByteChannel":
                    try (java.nio.channels.SeekableByteChannel c = java.nio.file.Files.newByteChannel(path)) {
                        return c.read(java.nio.ByteBuffer.allocate(1 << 16));
                    }
                case "readAllBytes":
                    return java.nio.file.Files.readAllBytes(path).length;
                case "readString":
                    return java.nio.file.Files.readString(path, latin1).length();
                case "lines":
                    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(path, latin1)) {
                        return lines.count();
                    }
                case "RandomAccessFile":
                    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(name, "r")) {
                        return f.read(new byte[1 << 16]);
                    }
                case "FileChannel":
                    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(path)) {
                        return c.read(java.nio.ByteBuffer.allocate(1 << 16));
                    }
                case "AsynchronousFileChannel":
                    try (java.nio.channels.AsynchronousFileChannel c =
                            java.nio.channels.AsynchronousFileChannel.open(path)) {
                        return c.read(java.nio.ByteBuffer.allocate(1 << 16), 0).get();
                    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                        throw new IOException(e);
                    }
                case "copy":
                    java.nio.file.Path to = java.nio.file.Files.createTempFile("guard-copy", ".txt");
                    try {
                        java.nio.file.Files.copy(path, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        return java.nio.file.Files.size(to);
                    } finally {
                        java.nio.file.Files.deleteIfExists(to);
                    }
                case "FileWriter":
                    try (java.io.Writer w = new java.io.FileWriter(name, latin1, true)) {
                        return 0;
                    }
                default:
                    throw new IllegalArgumentException("no such api " + api);
            }
        }
    }

    /** Evaluates JavaScript from a parameter with Nashorn ({@code eval(String)}, or {@code eval(Reader)}). */
    static final class Script extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                String code = req.getParameter("code");
                Object v = "reader".equals(req.getParameter("as"))
                        ? Js.ENGINE.eval(new java.io.StringReader(code))
                        : "compile".equals(req.getParameter("as"))
                                ? ((javax.script.Compilable) Js.ENGINE)
                                        .compile(code)
                                        .eval()
                                : Js.ENGINE.eval(code);
                answer(resp, 200, String.valueOf(v));
            } catch (SecurityException e) {
                answer(resp, 403, e.getMessage());
            } catch (javax.script.ScriptException e) {
                answer(resp, 400, e.getMessage());
            }
        }
    }

    /** A constant script evaluated inside a request that has parameters: no event. */
    static final class ScriptConstant extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                answer(resp, 200, String.valueOf(Js.ENGINE.eval("100 * 12 / 10")));
            } catch (javax.script.ScriptException e) {
                answer(resp, 500, e.getMessage());
            }
        }
    }

    /** Everything an ordinary request does that must stay quiet. */
    static final class Ordinary extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (InputStream in = new FileInputStream("/etc/hostname")) {
                in.read();
                answer(resp, 200, "ok " + roundTrip("a string") + " " + localJndi());
            } catch (Exception e) {
                answer(resp, 500, e.toString());
            }
        }
    }
}
