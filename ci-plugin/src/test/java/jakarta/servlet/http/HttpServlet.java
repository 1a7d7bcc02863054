package jakarta.servlet.http;
/** Test stub of a third-party type: the security rules match it by name. */
public abstract class HttpServlet {
    protected void doGet(HttpServletResponse response) {}
}
