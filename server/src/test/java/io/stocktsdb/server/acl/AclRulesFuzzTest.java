package io.stocktsdb.server.acl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stocktsdb.server.command.CommandRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for ACL SETUSER rules (run with -Pfuzz): each rule applies or is refused with an
 * AclRuleException, and a user without extra selectors survives the ACL SAVE / ACL LOAD round trip
 * (its description, split as the ACL file loader splits it, rebuilds the same user).
 */
class AclRulesFuzzTest {
    private static final CommandRegistry REGISTRY = TestCommands.registry();

    @FuzzTest(maxDuration = "5m")
    void rulesApplyOrAreRefusedAndDescriptionsRoundTrip(FuzzedDataProvider data) {
        UserRules u = UserRules.newUser();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            String op = data.consumeString(40);
            try {
                u.apply(op, REGISTRY);
            } catch (AclRuleException refused) {
                assertThat(refused.error()).isNotNull();
            }
        }
        if (u.selectorCount() > 1) return; // Redis's own selector text does not survive patterns holding ')'
        // like Redis, a "*" pattern with read+write (from %RW~*) is written "~*", which loads back as allkeys:
        // the same keys are allowed, but the text differs (a fuzzing finding kept as Redis behaves)
        if (!u.rootKeys().equals("~*") && (" " + u.rootKeys() + " ").contains(" ~* ")) return;
        String described = u.describe();
        UserRules reloaded = UserRules.newUser();
        List<String> ops = new ArrayList<>(Arrays.asList(described.split(" ", -1)));
        try {
            for (String op : RuleSplitter.mergeSelectors(ops)) reloaded.apply(op, REGISTRY);
        } catch (AclRuleException | RuleSplitter.UnmatchedParenthesisException e) {
            throw new AssertionError("description does not load back: " + described, e);
        }
        assertThat(reloaded.describe()).isEqualTo(described);
    }
}
