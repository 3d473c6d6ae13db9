package io.stocktsdb.server.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSplitterTest {
    @Test
    void splitsLikeSdssplitargs() {
        assertThat(RuleSplitter.splitArgs("  ~a  +get ")).containsExactly("~a", "+get");
        assertThat(RuleSplitter.splitArgs("\"~a b\" 'x\\'y' \"\\x41\\n\"")).containsExactly("~a b", "x'y", "A\n");
        assertThat(RuleSplitter.splitArgs("\"unbalanced")).isEmpty();
        assertThat(RuleSplitter.splitArgs("\"a\"b")).isEmpty();
    }

    @Test
    void mergesSelectorsSpreadOverArguments() throws Exception {
        assertThat(RuleSplitter.mergeSelectors(List.of("on", "(~a", "+get", "+set)", "(~b)")))
                .containsExactly("on", "(~a +get +set)", "(~b)");
        assertThatThrownBy(() -> RuleSplitter.mergeSelectors(List.of("on", "(~a", "+get")))
                .isInstanceOfSatisfying(RuleSplitter.UnmatchedParenthesisException.class, e -> assertThat(e.opening()).isEqualTo("(~a"));
    }
}
