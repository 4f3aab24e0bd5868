package dev.commercesync.opscli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The emulator endpoints of a local stack, as a properties file: {@code sqs=http://127.0.0.1:…} and
 * {@code dynamodb=http://127.0.0.1:…}. Lets a script hand the CLI both endpoints in one option.
 */
public final class EndpointFile {

    private EndpointFile() {
    }

    public static AwsTarget read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read the endpoint file " + file + ": " + e.getMessage());
        }
        return AwsTarget.local(endpoint(properties, "sqs", file), endpoint(properties, "dynamodb", file));
    }

    private static URI endpoint(Properties properties, String name, Path file) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw CommandFailure.usage(file + " names no '" + name + "' endpoint (expected lines sqs=http://… and "
                    + "dynamodb=http://…)");
        }
        return URI.create(value.trim());
    }
}
