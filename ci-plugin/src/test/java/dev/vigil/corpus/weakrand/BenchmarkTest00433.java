package dev.vigil.corpus.weakrand;

import dev.vigil.corpus.Expected;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** weakrand shape 12: safe */
@Expected(category = "weakrand", cwe = 330, vulnerable = false)
public class BenchmarkTest00433 extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setContentType("text/html;charset=UTF-8");
        String param = "";
        java.util.Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (dev.vigil.corpus.helpers.Utils.commonHeaders.contains(name)) {
                continue;
            }
            java.util.Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                param = name;
                break;
            }
        }
        try {
            java.util.Random numGen = java.security.SecureRandom.getInstance("SHA1PRNG");
            int randNumber = numGen.nextInt(99);
            String rememberMeKey = Integer.toString(randNumber);
            String user = "Ingrid";
            String fullClassName = this.getClass().getName();
            String testCaseNumber =
                    fullClassName.substring(fullClassName.lastIndexOf('.') + 1 + "BenchmarkTest".length());
            user += testCaseNumber;
            String cookieName = "rememberMe" + testCaseNumber;
            boolean foundUser = false;
            javax.servlet.http.Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (int i = 0; !foundUser && i < cookies.length; i++) {
                    javax.servlet.http.Cookie cookie = cookies[i];
                    if (cookieName.equals(cookie.getName())) {
                        if (cookie.getValue().equals(request.getSession().getAttribute(cookieName))) {
                            foundUser = true;
                        }
                    }
                }
            }
            if (foundUser) {
                response.getWriter().println("Welcome back: " + user + "<br/>");
            } else {
                javax.servlet.http.Cookie rememberMe = new javax.servlet.http.Cookie(cookieName, rememberMeKey);
                rememberMe.setSecure(true);
                rememberMe.setHttpOnly(true);
                rememberMe.setPath(request.getRequestURI());
                request.getSession().setAttribute(cookieName, rememberMeKey);
                response.addCookie(rememberMe);
                response.getWriter()
                        .println(user + " has been remembered with cookie: " + rememberMe.getName() + "<br/>");
            }
            response.getWriter().println("Weak Randomness Test executed for " + param.length());
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
