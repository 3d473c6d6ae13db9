package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalScaleTest {

    @Test
    void findsTheSmallestExactExponent() {
        assertThat(DecimalScale.smallestExponent(100.37, 0)).isEqualTo(2);
        assertThat(DecimalScale.mantissa(100.37, 2)).isEqualTo(10037L);
        assertThat(DecimalScale.smallestExponent(100.5, 0)).isEqualTo(1);
        assertThat(DecimalScale.smallestExponent(-42.0, 0)).isEqualTo(0);
        assertThat(DecimalScale.mantissa(-42.0, 0)).isEqualTo(-42L);
        assertThat(DecimalScale.smallestExponent(0.0, 0)).isEqualTo(0);
        assertThat(DecimalScale.smallestExponent(1e-20, 0)).isEqualTo(20);
        assertThat(DecimalScale.smallestExponent(100.37, 3)).isEqualTo(3);
        assertThat(DecimalScale.mantissa(100.37, 3)).isEqualTo(100370L);
    }

    @Test
    void specialValuesAndLongMantissasAreNotDecimal() {
        assertThat(DecimalScale.smallestExponent(-0.0, 0)).isEqualTo(-1);
        assertThat(DecimalScale.mantissa(-0.0, 0)).isEqualTo(DecimalScale.NO_MANTISSA);
        assertThat(DecimalScale.smallestExponent(Double.NaN, 0)).isEqualTo(-1);
        assertThat(DecimalScale.mantissa(Double.NaN, 0)).isEqualTo(DecimalScale.NO_MANTISSA);
        assertThat(DecimalScale.smallestExponent(Double.POSITIVE_INFINITY, 0)).isEqualTo(-1);
        assertThat(DecimalScale.mantissa(Double.NEGATIVE_INFINITY, 0)).isEqualTo(DecimalScale.NO_MANTISSA);
        assertThat(DecimalScale.smallestExponent(Double.MIN_VALUE, 0)).isEqualTo(-1);
        assertThat(DecimalScale.mantissa(Double.MIN_VALUE, 22)).isEqualTo(DecimalScale.NO_MANTISSA);
        assertThat(DecimalScale.smallestExponent(Double.MAX_VALUE, 0)).isEqualTo(-1);
        assertThat(DecimalScale.mantissa(Double.MAX_VALUE, 0)).isEqualTo(DecimalScale.NO_MANTISSA);
        assertThat(DecimalScale.smallestExponent(0.1 + 0.2, 0)).isEqualTo(-1);
        assertThat(DecimalScale.smallestExponent(0.12345678901234568, 0)).isEqualTo(-1); // 17 significant digits
        assertThat(DecimalScale.smallestExponent(Math.PI, 0)).isEqualTo(15); // 3.141592653589793 has 16 digits
        assertThat(DecimalScale.smallestExponent(9007199254740993.0 * 4, 0)).isEqualTo(-1);
    }

    @Test
    void rescaleWrapsDeterministically() {
        assertThat(DecimalScale.rescale(1234, 1, 3)).isEqualTo(123400L);
        assertThat(DecimalScale.rescale(123456, 3, 1)).isEqualTo(1234L);
        assertThat(DecimalScale.rescale(5, 0, 22)).isZero();
        assertThat(DecimalScale.rescale(Long.MAX_VALUE, 0, 1)).isEqualTo(Long.MAX_VALUE * 10);
    }
}
