package io.stocktsdb.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One real server for the whole test class ({@link ServerExtension}): started before the first
 * test on an ephemeral port and a temporary data directory, stopped and deleted after the last.
 * The server is injected into the class's static {@link TestServer} fields and into test
 * parameters of type {@link TestServer}; a {@link RawClient} parameter or instance field is a new
 * connection per test, closed after it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ServerExtension.class)
public @interface WithServer {
    /** Settings overrides as {@code "key=value"} with the JSON configuration keys, e.g. {@code "batch_size=5"}. */
    String[] config() default {};

    /** Run FLUSHALL before each test so that tests start from an empty keyspace. */
    boolean flushEachTest() default false;
}
