package dev.vigil.metrics.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@link GuardBenchmark} in CPU time, for a shared machine: {@code GuardCpu none} measures an ordinary file
 * open/read/close (of {@code /etc/hostname} and of a file 13 folders deep) and an {@code Integer} deserialized without
 * the agent; {@code GuardCpu detect} attaches the packaged
 * agent jar with {@code guard=detect} to itself and measures the same calls (now woven) plus the hook alone: what the
 * woven code runs at the entry of a guarded method ({@code apply(kind, payload)} on the callback, which a JDK class
 * holds as a dynamic constant), for a file and a class that fire nothing, and the reflective look-up of the callback
 * that woven class files older than Java 11 pay on each call. {@code jmh.sh GuardCpu}
 * alternates the two processes.
 */
public final class GuardCpu {
    private GuardCpu() {}

    public static void main(String[] args) throws Exception {
        boolean guarded = args.length > 0 && args[0].equals("detect");
        if (guarded) {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
            try {
                vm.loadAgent(System.getProperty("vigil.bench.agentJar"), "guard=detect,endpoint=false,jvm=false");
            } finally {
                vm.detach();
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(Integer.valueOf(42));
        }
        byte[] serialized = bytes.toByteArray();
        Map<String, CpuTime.Op> ops = new LinkedHashMap<>();
        ops.put("openReadClose (guard=" + (guarded ? "detect" : "none") + ")", () -> {
            try (FileInputStream in = new FileInputStream("/etc/hostname")) {
                return in.read();
            }
        });
        java.nio.file.Path deep = java.nio.file.Files.createTempDirectory("guard-cpu");
        for (String d : "a/b/c/d/e/f/g/h/i/j".split("/")) {
            deep = java.nio.file.Files.createDirectories(deep.resolve(d));
        }
        String deepFile =
                java.nio.file.Files.writeString(deep.resolve("f.txt"), "x").toString();
        ops.put("openReadClose, " + deepFile.split("/").length + " path components (guard="
                + (guarded ? "detect" : "none") + ")", () -> {
            try (FileInputStream in = new FileInputStream(deepFile)) {
                return in.read();
            }
        });
        ops.put("deserializeInteger (guard=" + (guarded ? "detect" : "none") + ")", () -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
                return ((Integer) in.readObject()).longValue();
            }
        });
        if (guarded) {
            BiFunction<Object, Object, Object> cb = callback();
            ops.put("hook alone, file.read", () -> cb.apply("file.read", "/etc/hostname") == null ? 1 : 0);
            ops.put("hook alone, deserialize", () -> cb.apply("deserialize", Integer.class) == null ? 1 : 0);
            ops.put("reflective look-up (class file < 11)", () -> callback().hashCode());
        }
        CpuTime.run("guarded JDK calls", ops, 50_000, 7, 50_000);
    }

    /**
     * The callback as the woven code of an old class file finds it on every call; a class file of Java 11 or later (every
     * JDK class) holds it as a dynamic constant, resolved once.
     */
    @SuppressWarnings("unchecked")
    private static BiFunction<Object, Object, Object> callback() throws Exception {
        return (BiFunction<Object, Object, Object>) Class.forName(
                        "dev.vigil.metrics.agent.guard.GuardCallback", true, ClassLoader.getSystemClassLoader())
                .getField("INSTANCE")
                .get(null);
    }
}
