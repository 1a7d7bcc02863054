package dev.vigil.metrics.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one guarded JDK call with the runtime guard on ({@code guard=detect}, no event firing) against the same
 * call without it, each in its own fork of the same run: an ordinary file opened, read and closed (the woven
 * {@code FileInputStream.open}), and an {@code Integer} deserialized (two class descriptors through the woven
 * {@code ObjectInputStream.filterCheck}). The guarded fork attaches the packaged agent jar to itself
 * ({@code -Dvigil.bench.agentJar}), so the JDK classes are really woven, as at a runtime attach. Run with
 * {@code jmh.sh Guard}: the class path must not hold the agent's unshaded classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
public class GuardBenchmark {
    @Param({"none", "detect"})
    public String guard;

    private byte[] serialized;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (guard.equals("detect")) {
            String jar = System.getProperty("vigil.bench.agentJar");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
            try {
                vm.loadAgent(jar, "guard=detect,endpoint=false,jvm=false");
            } finally {
                vm.detach();
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(Integer.valueOf(42));
        }
        serialized = bytes.toByteArray();
    }

    @Benchmark
    public int openReadClose() throws IOException {
        try (FileInputStream in = new FileInputStream("/etc/hostname")) {
            return in.read();
        }
    }

    @Benchmark
    public Object deserializeInteger() throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            return in.readObject();
        }
    }
}
