package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        assertThat(Spread.of(List.of(900.0, 1500.0, 1000.0, 1100.0, 950.0)))
                .isEqualTo(new Spread(1000.0, 900.0, 1500.0, 5));
    }

    @Test
    void anEvenCountHasTheMeanOfItsMiddleTwo() {
        assertThat(Spread.of(List.of(4, 1, 3, 2))).isEqualTo(new Spread(2.5, 1, 4, 4));
    }

    @Test
    void nothingMeasuredIsAllZero() {
        assertThat(Spread.of(List.of())).isEqualTo(new Spread(0, 0, 0, 0));
    }
}
