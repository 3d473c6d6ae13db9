package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The fixture behind {@link WithServer}: the set-up the integration tests used to copy. */
public final class ServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        WithServer spec = AnnotationSupport.findAnnotation(testClass, WithServer.class).orElseThrow();
        TestServer server = TestServer.start(overrides(spec.config()));
        context.getStore(NS).put(TestServer.class, server); // closed (data deleted) when the class is done
        for (Field f : testClass.getDeclaredFields()) {
            if (f.getType() == TestServer.class && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(null, server);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException, IllegalAccessException {
        WithServer spec = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithServer.class).orElseThrow();
        if (spec.flushEachTest()) {
            try (RawClient c = new RawClient(server(context).port())) {
                assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
            }
        }
        connectClientFields(context);
    }

    /** Every instance field of type RawClient gets its own connection, closed after the test. */
    private static void connectClientFields(ExtensionContext context) throws IOException, IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Field f : test.getClass().getDeclaredFields()) {
            if (f.getType() != RawClient.class || Modifier.isStatic(f.getModifiers())) continue;
            RawClient c = new RawClient(server(context).port());
            context.getStore(NS).put(f, c); // the test's store: closed when the test is done
            f.setAccessible(true);
            f.set(test, c);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestServer.class || type == RawClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestServer server = server(context);
        if (parameter.getParameter().getType() == TestServer.class) return server;
        try {
            RawClient c = new RawClient(server.port());
            context.getStore(NS).put(parameter, c); // closed after the test
            return c;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class's server: a test's store sees its class's entries. */
    private static TestServer server(ExtensionContext context) {
        return context.getStore(NS).get(TestServer.class, TestServer.class);
    }

    private static Object[] overrides(String[] config) {
        List<Object> out = new ArrayList<>();
        for (String entry : config) {
            int eq = entry.indexOf('=');
            ConfigField field = eq < 0 ? null : ConfigFields.byKey(entry.substring(0, eq));
            if (field == null) throw new IllegalArgumentException("@WithServer config entry is not key=value with a known key: " + entry);
            out.add(field);
            out.add(entry.substring(eq + 1));
        }
        return out.toArray();
    }
}
