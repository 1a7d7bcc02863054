package dev.vigil.corpus.helpers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Picks the {@link ThingInterface} implementation named in benchmark.properties, by reflection. */
public final class ThingFactory {
    private ThingFactory() {}

    public static ThingInterface createThing() {
        Properties props = new Properties();
        try (InputStream in = ThingFactory.class.getClassLoader().getResourceAsStream("benchmark.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return new Thing1();
        }
        String name = props.getProperty("thing", "Thing1");
        try {
            return (ThingInterface) Class.forName("dev.vigil.corpus.helpers." + name)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            return new Thing1();
        }
    }
}
