package dev.vigil.metrics.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngineFactory;
import javax.script.SimpleBindings;
import org.junit.jupiter.api.Test;

/** What the script hooks read and which classes they weave as JSR-223 engines. */
class ScriptTextTest {
    @Test
    void anInMemoryReaderIsReadAheadAndResetSoTheEngineStillGetsAllOfIt() throws Exception {
        StringReader reader = new StringReader("java.lang.Runtime.getRuntime()");
        assertThat(ScriptText.of(reader)).isEqualTo("java.lang.Runtime.getRuntime()");
        assertThat(new BufferedReader(reader).readLine()).isEqualTo("java.lang.Runtime.getRuntime()");

        CharArrayReader chars = new CharArrayReader("1 + 1".toCharArray());
        chars.read(); // the application already read part of it: only the rest is judged, and left in place
        assertThat(ScriptText.of(chars)).isEqualTo(" + 1");
        assertThat(chars.read()).isEqualTo(' ');
    }

    @Test
    void otherReadersAreNotReadAndAHugeTextOnlyUpToTheLimit() {
        Reader stream = new java.io.InputStreamReader(InputStream.nullInputStream());
        assertThat(ScriptText.of(stream)).isNull();
        assertThat(ScriptText.of(new StringReader("x".repeat(ScriptText.MAX_READ + 10))))
                .hasSize(ScriptText.MAX_READ);
    }

    @Test
    void scriptEnginesAreRecognisedByTheirHeaderAndOtherClassesAreNot() throws Exception {
        assertThat(GuardInstrumentation.scriptEngine(bytes(TinyEngine.class)))
                .isSameAs(GuardInstrumentation.SCRIPT_ENGINE);
        assertThat(GuardInstrumentation.scriptEngine(bytes(ScriptTextTest.class)))
                .as("mentions javax/script/ but is no engine")
                .isNull();
        assertThat(GuardInstrumentation.scriptEngine(bytes(String.class))).isNull();
        assertThat(GuardInstrumentation.scriptEngine(bytes(ScriptContext.class)))
                .as("an interface")
                .isNull();
    }

    @Test
    void theSkippingSearchFindsTheScriptPackageWhereverItIsAndOnlyThen() throws Exception {
        String p = "javax/script/";
        for (String s : new String[] {
            p,
            p + "X",
            "X" + p,
            "aaaa" + p + "bbbb",
            "javax/scrip" + p,
            "jjavax/script/",
            "javax/javax/script/",
            "javax/script" + p,
            "x".repeat(1000) + p
        }) {
            assertThat(GuardInstrumentation.mentionsJavaxScript(ascii(s))).as(s).isTrue();
        }
        for (String s : new String[] {
            "",
            "j",
            "javax/script",
            "avax/script/",
            "javax/scripT/",
            "javax.script.",
            "javax/scrip/t/",
            "xjavax/scriptx/",
            "/script/javax",
            "x".repeat(1000)
        }) {
            assertThat(GuardInstrumentation.mentionsJavaxScript(ascii(s))).as(s).isFalse();
        }
        // a shifted copy of every position: the search must agree with a plain scan at each offset
        byte[] base = bytes(TinyEngine.class);
        java.util.Random random = new java.util.Random(19);
        for (int n = 0; n < 2_000; n++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            if (random.nextBoolean() && b.length >= p.length()) {
                System.arraycopy(ascii(p), 0, b, random.nextInt(b.length - p.length() + 1), p.length());
            }
            assertThat(GuardInstrumentation.mentionsJavaxScript(b)).isEqualTo(plainScan(b, ascii(p)));
        }
        assertThat(GuardInstrumentation.mentionsJavaxScript(base)).isTrue();
        assertThat(GuardInstrumentation.mentionsJavaxScript(bytes(String.class)))
                .isFalse();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean plainScan(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void aWovenEngineCallsTheHookAtEachEvalAndCompileEntry() throws Exception {
        byte[] woven = GuardInstrumentation.weave(bytes(TinyEngine.class), GuardInstrumentation.SCRIPT_ENGINE);
        assertThat(woven).isNotNull();
        assertThat(new String(woven, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("dev.vigil.metrics.agent.guard.GuardCallback");
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** The smallest JSR-223 engine. */
    static final class TinyEngine extends AbstractScriptEngine {
        @Override
        public Object eval(String script, ScriptContext context) {
            return script.length();
        }

        @Override
        public Object eval(Reader reader, ScriptContext context) {
            return -1;
        }

        @Override
        public Bindings createBindings() {
            return new SimpleBindings();
        }

        @Override
        public ScriptEngineFactory getFactory() {
            return null;
        }
    }
}
