package dev.vigil.corpus.helpers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Shared helpers of the corpus' BenchmarkTest cases, as the benchmark's Utils. */
public final class Utils {
    private Utils() {}

    public static final String TESTFILES_DIR = "/tmp/testfiles/";
    public static final String DEFAULT_VALUE = "defaultValue";

    public static final Set<String> commonHeaders =
            new HashSet<>(Arrays.asList("host", "user-agent", "accept", "accept-language", "accept-encoding"));

    /** Algorithms kept in (non-final) static fields, so that callers read them from the field. */
    public static String legacyAlgorithm = "MD5";

    public static String modernAlgorithm = "SHA-256";
    public static String legacyTransformation = "DES/ECB/PKCS5Padding";
    public static String modernTransformation = "AES/GCM/NoPadding";

    /** Returns its second argument. */
    public static String passThrough(String ignored, String value) {
        if (ignored == null) {
            return value.trim();
        }
        return value;
    }

    /** A fresh map holding {@code value} under {@code key} and a constant under "fixed". */
    public static Map<String, String> remember(String key, String value) {
        Map<String, String> map = new HashMap<>();
        map.put(key, value);
        map.put("fixed", "constant");
        return map;
    }

    public static String getOSCommandString(String append) {
        String osName = System.getProperty("os.name");
        return osName.contains("Windows") ? "cmd.exe /c " + append + " " : append + " ";
    }

    public static void printOSCommandResults(Process proc, HttpServletResponse response) throws IOException {
        try (InputStream in = proc.getInputStream()) {
            byte[] out = in.readAllBytes();
            response.getWriter().println("exit output bytes: " + out.length);
        }
    }

    public static File getFileFromClasspath(String fileName, ClassLoader classLoader) {
        URL url = classLoader.getResource(fileName);
        try {
            return new File(url.toURI().getPath());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document employees(ClassLoader classLoader) throws IOException {
        try (InputStream in = classLoader.getResourceAsStream("employees.xml")) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** A cookie with the given secure flag. */
    public static Cookie cookie(String name, String value, boolean secure) {
        Cookie c = new Cookie(name, value);
        c.setSecure(secure);
        c.setHttpOnly(true);
        return c;
    }

    /** A generator: a SecureRandom when asked for a secure one, else a java.util.Random. */
    public static Random generator(boolean secure) {
        return secure ? new SecureRandom() : new Random();
    }
}
