package dev.commercesync.model.order;

/** A postal address. Personal data: {@link #toString()} shows only the country. */
public record Address(
        String name,
        String company,
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String countryCode,
        String phone) {

    @Override
    public String toString() {
        return "Address[countryCode=" + countryCode + ", <redacted>]";
    }
}
