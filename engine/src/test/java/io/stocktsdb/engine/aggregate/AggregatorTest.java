package io.stocktsdb.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    @Test
    void parsesEveryNameCaseInsensitively() {
        assertThat(Aggregator.parse("avg")).isEqualTo(Aggregator.AVG);
        assertThat(Aggregator.parse("AVG")).isEqualTo(Aggregator.AVG);
        assertThat(Aggregator.parse("Std.P")).isEqualTo(Aggregator.STD_P);
        assertThat(Aggregator.parse("std.s")).isEqualTo(Aggregator.STD_S);
        assertThat(Aggregator.parse("VAR.p")).isEqualTo(Aggregator.VAR_P);
        assertThat(Aggregator.parse("var.S")).isEqualTo(Aggregator.VAR_S);
        assertThat(Aggregator.parse("TwA")).isEqualTo(Aggregator.TWA);
        for (Aggregator a : Aggregator.values()) {
            assertThat(Aggregator.parse(a.wireName())).isEqualTo(a);
            assertThat(Aggregator.parse(a.upperName())).isEqualTo(a);
        }
    }

    @Test
    void unknownNamesAreNull() {
        assertThat(Aggregator.parse("av")).isNull();
        assertThat(Aggregator.parse("avgs")).isNull();
        assertThat(Aggregator.parse("stdp")).isNull();
        assertThat(Aggregator.parse("wavg")).isNull();
        assertThat(Aggregator.parse("\u017Fum")).isNull(); // Latin long s upper-cases to S
        assertThat(Aggregator.parse("")).isNull();
        assertThat(Aggregator.parse(null)).isNull();
    }

    @Test
    void namesAndCodes() {
        assertThat(Aggregator.STD_P.upperName()).isEqualTo("STD.P");
        assertThat(Aggregator.AVG.upperName()).isEqualTo("AVG");
        assertThat(Aggregator.VAR_S.wireName()).isEqualTo("var.s");
        assertThat(Arrays.stream(Aggregator.values()).mapToInt(Aggregator::code).distinct().count()).isEqualTo(13);
        for (Aggregator a : Aggregator.values()) assertThat(Aggregator.ofCode(a.code())).isEqualTo(a);
        assertThat(Aggregator.AVG.code()).isEqualTo(4);
        assertThat(Aggregator.TWA.code()).isEqualTo(13);
        assertThatThrownBy(() -> Aggregator.ofCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aggregator.ofCode(14)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reducers() {
        assertThat(Arrays.stream(Aggregator.values()).filter(a -> !a.isReducer()))
                .containsExactlyInAnyOrder(Aggregator.FIRST, Aggregator.LAST, Aggregator.TWA);
    }

    @Test
    void bucketTimestampParsing() {
        assertThat(BucketTimestamp.parse("-")).isEqualTo(BucketTimestamp.START);
        assertThat(BucketTimestamp.parse("START")).isEqualTo(BucketTimestamp.START);
        assertThat(BucketTimestamp.parse("+")).isEqualTo(BucketTimestamp.END);
        assertThat(BucketTimestamp.parse("end")).isEqualTo(BucketTimestamp.END);
        assertThat(BucketTimestamp.parse("~")).isEqualTo(BucketTimestamp.MID);
        assertThat(BucketTimestamp.parse("Mid")).isEqualTo(BucketTimestamp.MID);
        assertThat(BucketTimestamp.parse("high")).isNull();
        assertThat(BucketTimestamp.MID.of(10, 5)).isEqualTo(12);
        assertThat(BucketTimestamp.END.of(10, 5)).isEqualTo(15);
    }

    @Test
    void bucketStartUsesNonNegativeModulo() {
        assertThat(Buckets.start(25, 10, 0)).isEqualTo(20);
        assertThat(Buckets.start(20, 10, 0)).isEqualTo(20);
        assertThat(Buckets.start(25, 10, 3)).isEqualTo(23);
        assertThat(Buckets.start(22, 10, 3)).isEqualTo(13);
        assertThat(Buckets.start(3, 10, 7)).isEqualTo(-3); // (3-7) mod 10 = 6
        assertThat(Buckets.start(3, 10, 1000)).isEqualTo(0);
        assertThat(Buckets.normalize(-3)).isEqualTo(0);
    }
}
