package dev.commercesync.runlocal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as every channel writes them: decimal strings to the cent ({@code "24.90"}), never binary floats. */
final class MoneyText {

    private MoneyText() {
    }

    static String of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
