package io.stocktsdb.it.ts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The TS.* commands (lower-case registered names) a test method exercises against a running
 * server. {@link TsCommandCoverageIT} fails when a registered TS command is covered by no test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {
    String[] value();
}
