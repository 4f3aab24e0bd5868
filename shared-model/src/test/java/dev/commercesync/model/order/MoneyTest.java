package dev.commercesync.model.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private final ObjectMapper json = CommerceJson.newMapper();

    @ParameterizedTest(name = "{0} {1} is held as {2}")
    @CsvSource({
            "12.345, EUR, 12.34",   // half-even: the 4 is even, so .345 goes down
            "12.355, EUR, 12.36",   // and .355 goes up to the even 6
            "12.3, EUR, 12.30",
            "1234.5, JPY, 1234",    // JPY has no minor unit
            "1235.5, JPY, 1236",
            "1.2345, KWD, 1.234",   // KWD has three
            "-0.125, USD, -0.12"
    })
    void holds_the_amount_at_the_currency_minor_unit_rounding_half_even(String amount, String currency,
                                                                        String held) {
        Money money = Money.of(amount, currency);

        assertThat(money.amount()).isEqualByComparingTo(held);
        assertThat(money.amount().scale()).isEqualTo(Money.minorUnits(currency));
        assertThat(money.amount().toPlainString()).isEqualTo(held);
    }

    @Test
    void rejects_a_code_that_is_not_iso_4217() {
        assertThatThrownBy(() -> Money.of("1.00", "XYZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ISO 4217 currency code: XYZ");
    }

    @Test
    void arithmetic_stays_exact_and_refuses_to_mix_currencies() {
        Money price = Money.of("0.10", "EUR");

        assertThat(price.plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(price.times(3)).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(price.minus(Money.of("0.30", "EUR"))).isEqualTo(Money.of("-0.20", "EUR"));
        assertThat(price.negate().isNegative()).isTrue();
        assertThat(Money.zero("EUR").isZero()).isTrue();
        assertThat(price.sameAmountAs(Money.of(new BigDecimal("0.1"), "EUR"))).isTrue();
        assertThatThrownBy(() -> price.plus(Money.of("0.10", "USD")))
                .hasMessage("currency mismatch: EUR vs USD");
    }

    @Test
    void is_written_as_a_string_amount_and_a_currency_only() throws Exception {
        assertThat(json.writeValueAsString(Money.of("12.3", "EUR")))
                .isEqualTo("{\"amount\":\"12.30\",\"currency\":\"EUR\"}");
        assertThat(json.writeValueAsString(Money.of("0", "JPY")))
                .isEqualTo("{\"amount\":\"0\",\"currency\":\"JPY\"}");
    }

    @Test
    void is_read_back_from_its_json_form() throws Exception {
        Money read = json.readValue("{\"amount\":\"1234567890.10\",\"currency\":\"EUR\"}", Money.class);

        assertThat(read).isEqualTo(Money.of("1234567890.10", "EUR"));
    }

    @Test
    void tax_line_written_by_the_old_constructor_is_seller_remitted_and_reads_back() throws Exception {
        TaxLine vat = new TaxLine("DE MwSt", "DE", new BigDecimal("0.19"), Money.of("5.60", "EUR"),
                TaxLine.TaxTarget.ITEMS);

        String written = json.writeValueAsString(vat);

        assertThat(vat.remittedByMarketplace()).isFalse();
        assertThat(written).contains("\"rate\":\"0.19\"", "\"remittedByMarketplace\":false");
        assertThat(json.readValue(written, TaxLine.class)).isEqualTo(vat);
    }
}
