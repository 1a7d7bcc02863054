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
