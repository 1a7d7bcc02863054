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
 * agent jar with {@code guard=detect} to itself and measures the same calls (now woven) plus the hook alone: exactly
 * what the woven code runs at the entry of a guarded method (the callback found by reflection through the system class
 * loader, then {@code apply(kind, payload)}), for a file and a class that fire nothing. {@code jmh.sh GuardCpu}
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
            ops.put("hook alone, file.read", () -> hook("file.read", "/etc/hostname"));
            ops.put("hook alone, deserialize", () -> hook("deserialize", Integer.class));
        }
        CpuTime.run("guarded JDK calls", ops, 50_000, 7, 50_000);
    }

    @SuppressWarnings("unchecked")
    private static long hook(String kind, Object payload) throws Exception {
        Object cb = Class.forName(
                        "dev.vigil.metrics.agent.guard.GuardCallback", true, ClassLoader.getSystemClassLoader())
                .getField("INSTANCE")
                .get(null);
        return ((BiFunction<Object, Object, Object>) cb).apply(kind, payload) == null ? 1 : 0;
    }
}
