package jakarta.servlet.http;
/** Test stub of a third-party type: the security rules match it by name. */
public interface HttpServletResponse {
    void setHeader(String name, String value);

    void addCookie(Cookie cookie);
}
