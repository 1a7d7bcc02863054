package jakarta.servlet.http;
/** Test stub of a third-party type: the security rules match it by name. */
public class Cookie {
    public Cookie(String name, String value) {}

    public void setHttpOnly(boolean httpOnly) {}

    public void setSecure(boolean secure) {}
}
