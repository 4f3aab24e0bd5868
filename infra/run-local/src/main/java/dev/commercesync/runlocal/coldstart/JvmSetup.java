package dev.commercesync.runlocal.coldstart;

import dev.commercesync.runlocal.coldstart.ColdStartOptions.Cache;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Jdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM configuration a function is started with: which JDK, and whether it starts from a class-data archive.
 * The archive options go into {@code JAVA_TOOL_OPTIONS} after the template's, which is also how a function on
 * Lambda's managed runtime would get them (the runtime's own command line is not ours to change).
 *
 * <p>JDK 17 uses a dynamic AppCDS archive (JEP 350): the training run writes it at exit
 * ({@code -XX:ArchiveClassesAtExit}), later runs map it ({@code -XX:SharedArchiveFile}). JDK 25 uses the AOT cache
 * (JEP 483, with JEP 514's one-step {@code -XX:AOTCacheOutput}), which also keeps classes linked and loaded. Measured
 * runs demand the archive ({@code -Xshare:on}, {@code -XX:AOTMode=on}): if it cannot be used the JVM refuses to start
 * rather than silently measuring a start without it.
 *
 * @param javaHome the JDK's home; {@code bin/java} runs the function
 * @param version  {@code JAVA_VERSION} from the JDK's {@code release} file, for the report
 */
public record JvmSetup(Jdk jdk, Cache cache, Path javaHome, String version) {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** {@code javaHome}'s JDK, checked to be the feature release {@code jdk} says. */
    public static JvmSetup of(Jdk jdk, Cache cache, Path javaHome) {
        Path release = javaHome.resolve("release");
        String text;
        try {
            text = Files.readString(release);
        } catch (IOException e) {
            throw new UncheckedIOException("no JDK at " + javaHome + " (no release file)", e);
        }
        String version = releaseVersion(text).orElseThrow(() -> new IllegalArgumentException(
                release + " has no JAVA_VERSION"));
        if (featureOf(version) != jdk.feature()) {
            throw new IllegalArgumentException(javaHome + " is Java " + version + ", not " + jdk.feature()
                    + " (use --jdk" + jdk.feature() + "-home)");
        }
        return new JvmSetup(jdk, cache, javaHome, version);
    }

    /** {@code JAVA_VERSION} of a JDK {@code release} file. */
    static Optional<String> releaseVersion(String releaseFile) {
        Matcher matcher = RELEASE_VERSION.matcher(releaseFile);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code 17.0.15} → 17; {@code 25} → 25; the pre-9 {@code 1.8.0_402} → 8. */
    static int featureOf(String version) {
        String[] parts = version.split("[.+_-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    public Path javaExecutable() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** {@code JDK 17}, {@code JDK 25 + AOT cache}. */
    public String label() {
        return "JDK " + jdk.feature() + (cache == Cache.ON ? " + " + cacheName() : "");
    }

    /** What kind of archive this JDK gets. */
    public String cacheName() {
        return jdk == Jdk.JDK_17 ? "AppCDS" : "AOT cache";
    }

    /** Whether a training run must write an archive before the measured runs. */
    public boolean needsTraining() {
        return cache == Cache.ON;
    }

    /** {@code <function>.jsa} (AppCDS) or {@code <function>.aot} (AOT cache). */
    public String archiveFileName(String logicalId) {
        return logicalId + (jdk == Jdk.JDK_17 ? ".jsa" : ".aot");
    }

    /** The options of the training run, which writes {@code archive} when its JVM exits. */
    public List<String> trainingOptions(Path archive) {
        if (cache != Cache.ON) {
            throw new IllegalStateException(label() + " has no training run");
        }
        return jdk == Jdk.JDK_17
                ? List.of("-XX:ArchiveClassesAtExit=" + archive)
                : List.of("-XX:AOTCacheOutput=" + archive);
    }

    /** The options of a measured run: none without a cache, else the archive, which must be usable. */
    public List<String> measuredOptions(Path archive) {
        if (cache != Cache.ON) {
            return List.of();
        }
        return jdk == Jdk.JDK_17
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on")
                : List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on");
    }

    /** The template's {@code JAVA_TOOL_OPTIONS} followed by {@code extra}. */
    static String javaToolOptions(Optional<String> fromTemplate, List<String> extra) {
        List<String> options = new ArrayList<>();
        fromTemplate.filter(s -> !s.isBlank()).ifPresent(options::add);
        options.addAll(extra);
        return String.join(" ", options);
    }
}
