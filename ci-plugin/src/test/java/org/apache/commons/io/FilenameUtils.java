package org.apache.commons.io;
/** Test stub of a third-party type: the security rules match it by name. */
public class FilenameUtils {
    public static String getName(String s) {
        return s;
    }
}
