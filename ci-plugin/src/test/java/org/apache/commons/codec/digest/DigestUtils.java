package org.apache.commons.codec.digest;
/** Test stub of a third-party type: the security rules match it by name. */
public class DigestUtils {
    public static String md5Hex(String s) {
        return s;
    }

    public static String sha256Hex(String s) {
        return s;
    }
}
