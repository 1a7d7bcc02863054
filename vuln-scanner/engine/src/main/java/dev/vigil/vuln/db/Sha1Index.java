package dev.vigil.vuln.db;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A SHA-1 index ({@value AdvisoryDatabase#SHA1_INDEX}) in the database: which Maven artifact a jar is, by the SHA-1 of
 * its bytes, for jars that carry no {@code pom.properties}. OSV advisories carry no hashes, so the index is a file of
 * its own next to them: one {@code SHA1 groupId:artifactId:version} per line ({@code #} comments and blank lines
 * allowed), e.g. made from the {@code .jar.sha1} files of a Maven repository.
 */
final class Sha1Index {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern GAV = Pattern.compile("[^\\s:]+:[^\\s:]+:[^\\s:]+");

    private Sha1Index() {}

    static void parse(String file, byte[] bytes, Map<String, String> into) throws DatabaseException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2
                    || !SHA1.matcher(parts[0]).matches()
                    || !GAV.matcher(parts[1]).matches()) {
                throw new DatabaseException(file + ":" + (n + 1)
                        + ": corrupt SHA-1 index: expected 'SHA1 groupId:artifactId:version', got '"
                        + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "'");
            }
            into.put(parts[0].toLowerCase(Locale.ROOT), parts[1]);
        }
    }
}
