package dev.vigil.jwt;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tomcat 11, the filter declared as in web.xml: by class name, configured by init-params only. */
class TomcatFilterIT extends FilterOverHttpContract {
    private static Tomcat tomcat;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("vigil-jwt");
        def.setFilterClass(JwtAuthFilter.class.getName());
        settings().forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("vigil-jwt");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "app", new DemoAppServlet());
        context.addServletMappingDecoded("/*", "app");
        tomcat.start();
        useServer(tomcat.getConnector().getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
