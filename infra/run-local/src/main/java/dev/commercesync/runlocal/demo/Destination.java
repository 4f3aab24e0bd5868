package dev.commercesync.runlocal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an order ships to, and so which taxes it bears: US sales tax by state and city, Canadian HST, German and
 * British VAT. Addresses are invented (Example Avenue, Musterstraße) in real cities, so tax rates and postcodes are
 * plausible while nothing points at a real person. Reduced rates apply to {@link Product#reducedVat()} items where
 * the country has one.
 */
enum Destination {
    US_NY("US", "New York", "NY", "New York", "10001", "Example Avenue", "+1 212-555-01",
            rates("New York State Tax", "0.04", "New York City Tax", "0.045"), null),
    US_TX("US", "Austin", "TX", "Texas", "78701", "Sample Street", "+1 512-555-01",
            rates("Texas State Tax", "0.0625", "Austin City Tax", "0.01", "Austin MTA Transit Tax", "0.01"), null),
    US_WA("US", "Seattle", "WA", "Washington", "98101", "Placeholder Way", "+1 206-555-01",
            rates("Washington State Tax", "0.065", "Seattle City Tax", "0.0385"), null),
    CA_ON("CA", "Toronto", "ON", "Ontario", "M5V 2T6", "Example Street", "+1 416-555-01",
            rates("HST", "0.13"), null),
    DE_BE("DE", "Berlin", null, null, "10115", "Musterstraße", "+49 30 23125",
            rates("DE MwSt", "0.19"), rates("DE MwSt", "0.07")),
    DE_HH("DE", "Hamburg", null, null, "20095", "Beispielweg", "+49 40 66969",
            rates("DE MwSt", "0.19"), rates("DE MwSt", "0.07")),
    GB_LDN("GB", "London", null, null, "EC1A 1BB", "Example Road", "07700 900",
            rates("GB VAT", "0.20"), null),
    GB_MAN("GB", "Manchester", null, null, "M1 1AA", "Sample Lane", "07700 900",
            rates("GB VAT", "0.20"), null);

    /** One tax as a marketplace names it. */
    record TaxRate(String title, BigDecimal rate) {
    }

    /** A tax charged: its rate and amount. */
    record TaxCharge(TaxRate rate, BigDecimal amount) {
    }

    private final String countryCode;
    private final String city;
    private final String regionCode;
    private final String region;
    private final String postalCode;
    private final String street;
    private final String phonePrefix;
    private final List<TaxRate> standardRates;
    private final List<TaxRate> reducedRates;

    Destination(String countryCode, String city, String regionCode, String region, String postalCode, String street,
                String phonePrefix, List<TaxRate> standardRates, List<TaxRate> reducedRates) {
        this.countryCode = countryCode;
        this.city = city;
        this.regionCode = regionCode;
        this.region = region;
        this.postalCode = postalCode;
        this.street = street;
        this.phonePrefix = phonePrefix;
        this.standardRates = standardRates;
        this.reducedRates = reducedRates == null ? standardRates : reducedRates;
    }

    String countryCode() {
        return countryCode;
    }

    String country() {
        switch (countryCode) {
            case "US":
                return "United States";
            case "CA":
                return "Canada";
            case "DE":
                return "Germany";
            default:
                return "United Kingdom";
        }
    }

    String city() {
        return city;
    }

    /** ISO 3166-2 subdivision code where the country's addresses use one, else null. */
    String regionCode() {
        return regionCode;
    }

    String region() {
        return region;
    }

    String postalCode() {
        return postalCode;
    }

    /** An invented street line: {@code 350 Example Avenue}, {@code Musterstraße 12}. */
    String streetLine(int number) {
        return countryCode.equals("DE") ? street + " " + number : number + " " + street;
    }

    /** A number from the ranges reserved for fiction (555-01xx, Ofcom's 07700 900xxx, BNetzA's drama blocks). */
    String phone(int suffix) {
        return countryCode.equals("GB") ? phonePrefix + String.format("%03d", suffix % 1000)
                : phonePrefix + String.format(countryCode.equals("DE") ? "%03d" : "%02d",
                        suffix % (countryCode.equals("DE") ? 1000 : 100));
    }

    List<TaxRate> rates(boolean reduced) {
        return reduced ? reducedRates : standardRates;
    }

    /** All rates together, as Amazon and eBay state one tax per line. */
    BigDecimal combinedRate(boolean reduced) {
        return rates(reduced).stream().map(TaxRate::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The taxes on an amount, one per rate, each rounded half up to the cent as tax authorities round.
     *
     * @param taxable  the amount after discounts
     * @param included true when the amount contains the tax (VAT-style gross prices), false when tax comes on top
     */
    List<TaxCharge> taxes(BigDecimal taxable, boolean reduced, boolean included) {
        List<TaxRate> rates = rates(reduced);
        BigDecimal combined = combinedRate(reduced);
        List<TaxCharge> charges = new ArrayList<>(rates.size());
        for (TaxRate rate : rates) {
            charges.add(new TaxCharge(rate, tax(taxable, rate.rate(), combined, included)));
        }
        return charges;
    }

    /** The tax on an amount at the combined rate, as one figure. */
    BigDecimal combinedTax(BigDecimal taxable, boolean reduced, boolean included) {
        BigDecimal combined = combinedRate(reduced);
        return tax(taxable, combined, combined, included);
    }

    private static BigDecimal tax(BigDecimal taxable, BigDecimal rate, BigDecimal combined, boolean included) {
        if (included) {
            return taxable.multiply(rate).divide(BigDecimal.ONE.add(combined), 2, RoundingMode.HALF_UP);
        }
        return taxable.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static List<TaxRate> rates(String... titlesAndRates) {
        List<TaxRate> rates = new ArrayList<>();
        for (int i = 0; i < titlesAndRates.length; i += 2) {
            rates.add(new TaxRate(titlesAndRates[i], new BigDecimal(titlesAndRates[i + 1])));
        }
        return List.copyOf(rates);
    }
}
