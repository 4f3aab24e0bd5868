package dev.commercesync.runlocal.demo;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * An invented buyer: names no one carries, e-mail at example.com, phone numbers from the ranges reserved for
 * fiction. {@code number} keeps e-mails and usernames apart between buyers.
 */
record DemoBuyer(String firstName, String lastName, int number, long shopifyCustomerId, int houseNumber) {

    private static final List<String> FIRST_NAMES = List.of("Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace",
            "Hugo", "Ines", "Jonas", "Kira", "Liam", "Mara", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tess");
    private static final List<String> LAST_NAMES = List.of("Example", "Sample", "Testington", "Demoworth",
            "Mockford", "Placeholder", "Specimen", "Fictive", "Dummett", "Standin");

    static DemoBuyer draw(Random random, int number) {
        return new DemoBuyer(FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())),
                LAST_NAMES.get(random.nextInt(LAST_NAMES.size())), number,
                7_390_000_000_000L + random.nextInt(1_000_000_000), 1 + random.nextInt(400));
    }

    String fullName() {
        return firstName + " " + lastName;
    }

    String email() {
        return (firstName + "." + lastName + "." + number).toLowerCase(Locale.ROOT) + "@example.com";
    }

    /** The relayed address a marketplace hands the seller instead of the buyer's own. */
    String relayedEmail() {
        return Long.toString(shopifyCustomerId % 100_000_000L, 36) + number + "@marketplace.example.com";
    }

    String marketplaceUsername() {
        return (firstName + "_" + lastName).toLowerCase(Locale.ROOT) + "_" + number;
    }
}
