package io.stocktsdb.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The commands a test method exercises against a running server, by registered name in lower
 * case ({@code "ts.add"}, {@code "client|list"} for a subcommand). {@code CommandCoverageIT}
 * fails when a registered command is covered by no test, or a name here is not registered.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
    String[] value();
}
