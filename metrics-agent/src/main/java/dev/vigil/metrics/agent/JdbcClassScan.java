package dev.vigil.metrics.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Decides cheaply whether a class being loaded is a JDBC statement or connection worth weaving. Runs for every class
 * the application loads, so the common case is one pass over the constant pool without allocating strings: a class
 * none of whose UTF-8 constants is an {@code execute*} / {@code prepare*} method name is refused there. Only a class
 * that also declares a method with a JDBC signature has its supertypes resolved, through
 * {@code loader.getResource(name + ".class")} and a bounded per-loader cache; no class is loaded for the check.
 */
final class JdbcClassScan {
    /** The class (or a supertype) implements {@code java.sql.Statement} (or a subinterface). */
    static final int STATEMENT = 1;
    /** The class (or a supertype) implements {@code java.sql.Connection}. */
    static final int CONNECTION = 2;

    private static final String STRING = "Ljava/lang/String;";
    /** {@code name + desc} of the statement methods that execute SQL. */
    static final Set<String> EXECUTE = Set.of(
            "executeQuery(" + STRING + ")Ljava/sql/ResultSet;",
            "executeQuery()Ljava/sql/ResultSet;",
            "executeUpdate(" + STRING + ")I",
            "executeUpdate(" + STRING + "I)I",
            "executeUpdate(" + STRING + "[I)I",
            "executeUpdate(" + STRING + "[" + STRING + ")I",
            "executeUpdate()I",
            "executeLargeUpdate(" + STRING + ")J",
            "executeLargeUpdate(" + STRING + "I)J",
            "executeLargeUpdate(" + STRING + "[I)J",
            "executeLargeUpdate(" + STRING + "[" + STRING + ")J",
            "executeLargeUpdate()J",
            "execute(" + STRING + ")Z",
            "execute(" + STRING + "I)Z",
            "execute(" + STRING + "[I)Z",
            "execute(" + STRING + "[" + STRING + ")Z",
            "execute()Z",
            "executeBatch()[I",
            "executeLargeBatch()[J");
    /** {@code name + desc} of the connection methods that prepare SQL. */
    static final Set<String> PREPARE = Set.of(
            "prepareStatement(" + STRING + ")Ljava/sql/PreparedStatement;",
            "prepareStatement(" + STRING + "I)Ljava/sql/PreparedStatement;",
            "prepareStatement(" + STRING + "[I)Ljava/sql/PreparedStatement;",
            "prepareStatement(" + STRING + "[" + STRING + ")Ljava/sql/PreparedStatement;",
            "prepareStatement(" + STRING + "II)Ljava/sql/PreparedStatement;",
            "prepareStatement(" + STRING + "III)Ljava/sql/PreparedStatement;",
            "prepareCall(" + STRING + ")Ljava/sql/CallableStatement;",
            "prepareCall(" + STRING + "II)Ljava/sql/CallableStatement;",
            "prepareCall(" + STRING + "III)Ljava/sql/CallableStatement;");

    private static final byte[][] EXECUTE_NAMES = bytes(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final byte[][] PREPARE_NAMES = bytes("prepareStatement", "prepareCall");
    private static final int MAX_CACHED = 4096;
    private static final int MAX_DEPTH = 24;
    private static final Map<ClassLoader, Map<String, Integer>> CACHE = new WeakHashMap<>();

    private JdbcClassScan() {}

    /**
     * Which kinds of JDBC methods the class file declares (non-abstract, non-static, non-native): {@link #STATEMENT} for
     * an {@code execute*} signature, {@link #CONNECTION} for a {@code prepare*} one; 0 for almost every class.
     */
    static int declared(byte[] b) {
        try {
            if (b.length < 10 || readInt(b, 0) != 0xCAFEBABE || readShort(b, 6) < 50) {
                return 0; // class files before Java 6 (no stack map frames) are left alone
            }
            long walked = walkPool(b, null);
            int names = (int) (walked & 0xFF);
            if (names == 0) {
                return 0;
            }
            int[] utf8 = new int[readShort(b, 8)];
            int pos = (int) (walkPool(b, utf8) >>> 8);
            int access = readShort(b, pos);
            if ((access & 0x0200) != 0) {
                return 0; // interface
            }
            pos += 6;
            pos += 2 + 2 * readShort(b, pos);
            int fields = readShort(b, pos);
            pos += 2;
            for (int f = 0; f < fields; f++) {
                pos = skipMember(b, pos);
            }
            int methods = readShort(b, pos);
            pos += 2;
            int found = 0;
            for (int m = 0; m < methods; m++) {
                int acc = readShort(b, pos);
                int nameAt = utf8[readShort(b, pos + 2)];
                int descAt = utf8[readShort(b, pos + 4)];
                // abstract, static, native
                if ((acc & (0x0400 | 0x0008 | 0x0100)) == 0) {
                    int kind = nameKind(b, nameAt + 3, readShort(b, nameAt + 1)) & names;
                    if (kind != 0) {
                        String sig = utf8(b, nameAt) + utf8(b, descAt);
                        if (kind == STATEMENT && EXECUTE.contains(sig)) {
                            found |= STATEMENT;
                        } else if (kind == CONNECTION && PREPARE.contains(sig)) {
                            found |= CONNECTION;
                        }
                    }
                }
                pos = skipMember(b, pos);
            }
            return found;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * One pass over the constant pool: the {@code execute*} / {@code prepare*} name kinds found (low byte) and the
     * position after the pool (shifted left by 8); records the offset of each UTF-8 entry when {@code utf8} is given.
     */
    private static long walkPool(byte[] b, int[] utf8) {
        int count = readShort(b, 8);
        int names = 0;
        int pos = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[pos] & 0xFF;
            switch (tag) {
                case 1: // Utf8
                    int len = readShort(b, pos + 1);
                    names |= nameKind(b, pos + 3, len);
                    if (utf8 != null) {
                        utf8[i] = pos;
                    }
                    pos += 3 + len;
                    break;
                case 5: // Long
                case 6: // Double
                    pos += 9;
                    i++;
                    break;
                case 3: // Integer
                case 4: // Float
                case 9: // Fieldref
                case 10: // Methodref
                case 11: // InterfaceMethodref
                case 12: // NameAndType
                case 17: // Dynamic
                case 18: // InvokeDynamic
                    pos += 5;
                    break;
                case 7: // Class
                case 8: // String
                case 16: // MethodType
                case 19: // Module
                case 20: // Package
                    pos += 3;
                    break;
                case 15: // MethodHandle
                    pos += 4;
                    break;
                default:
                    throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        return ((long) pos << 8) | names;
    }

    /**
     * The JDBC kinds a class is, from its direct supertypes, resolving them as class files through {@code loader}
     * when they are not {@code java.sql} types.
     */
    static int kinds(ClassLoader loader, String superName, String[] interfaces) {
        int k = 0;
        for (String itf : interfaces) {
            k |= kindOf(loader, itf, 0);
        }
        if (superName != null) {
            k |= kindOf(loader, superName, 0);
        }
        return k;
    }

    private static int kindOf(ClassLoader loader, String name, int depth) {
        switch (name) {
            case "java/sql/Statement":
            case "java/sql/PreparedStatement":
            case "java/sql/CallableStatement":
                return STATEMENT;
            case "java/sql/Connection":
                return CONNECTION;
            default:
                break;
        }
        if (depth > MAX_DEPTH
                || name.startsWith("java/")
                || name.startsWith("javax/")
                || name.startsWith("jdk/")
                || name.startsWith("sun/")) {
            return 0;
        }
        Integer cached;
        synchronized (CACHE) {
            cached = CACHE.computeIfAbsent(loader, l -> new HashMap<>()).get(name);
        }
        if (cached != null) {
            return cached;
        }
        int k = 0;
        byte[] b = read(loader, name);
        if (b != null) {
            String[] header = header(b);
            if (header != null) {
                for (int i = 0; i < header.length; i++) {
                    if (header[i] != null) {
                        k |= kindOf(loader, header[i], depth + 1);
                    }
                }
            }
        }
        synchronized (CACHE) {
            Map<String, Integer> m = CACHE.computeIfAbsent(loader, l -> new HashMap<>());
            if (m.size() >= MAX_CACHED) {
                m.clear();
            }
            m.put(name, k);
        }
        return k;
    }

    /** Super class (or null) followed by the direct interfaces of a class file; null when it cannot be read. */
    private static String[] header(byte[] b) {
        try {
            net.bytebuddy.jar.asm.ClassReader r = new net.bytebuddy.jar.asm.ClassReader(b);
            String[] itfs = r.getInterfaces();
            String[] out = new String[itfs.length + 1];
            out[0] = r.getSuperName();
            System.arraycopy(itfs, 0, out, 1, itfs.length);
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] read(ClassLoader loader, String name) {
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = l.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int nameKind(byte[] b, int at, int len) {
        if (len < 7 || len > 18) {
            return 0;
        }
        if (b[at] == 'e' && matchesAny(b, at, len, EXECUTE_NAMES)) {
            return STATEMENT;
        }
        if (b[at] == 'p' && matchesAny(b, at, len, PREPARE_NAMES)) {
            return CONNECTION;
        }
        return 0;
    }

    private static boolean matchesAny(byte[] b, int at, int len, byte[][] names) {
        for (byte[] n : names) {
            if (n.length == len) {
                int i = 0;
                while (i < len && b[at + i] == n[i]) {
                    i++;
                }
                if (i == len) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipMember(byte[] b, int pos) {
        int attributes = readShort(b, pos + 6);
        int p = pos + 8;
        for (int a = 0; a < attributes; a++) {
            p += 6 + readInt(b, p + 2);
        }
        return p;
    }

    private static String utf8(byte[] b, int at) {
        return new String(b, at + 3, readShort(b, at + 1), StandardCharsets.ISO_8859_1);
    }

    private static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static byte[][] bytes(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
