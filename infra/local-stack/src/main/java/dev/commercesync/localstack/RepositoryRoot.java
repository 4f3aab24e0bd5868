package dev.commercesync.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root, where {@code infra/template.yaml} and the built emulators live. */
public final class RepositoryRoot {

    /** Set by the parent pom for every module's tests. */
    public static final String SYSTEM_PROPERTY = "commercesync.repo.root";
    static final Path TEMPLATE = Path.of("infra", "template.yaml");

    private RepositoryRoot() {
    }

    /**
     * System property {@value #SYSTEM_PROPERTY} if set, else the nearest directory at or above the working
     * directory that holds {@code infra/template.yaml} (for tests started from an IDE).
     */
    public static Path locate() {
        String configured = System.getProperty(SYSTEM_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(TEMPLATE))) {
                throw new IllegalStateException(SYSTEM_PROPERTY + "=" + configured + " holds no " + TEMPLATE);
            }
            return root;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + TEMPLATE + " at or above " + start + "; set -D" + SYSTEM_PROPERTY);
    }

    public static Path template(Path root) {
        return root.resolve(TEMPLATE);
    }
}
