package dev.commercesync.runlocal.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS SDK calls one function process made, read from the file its call counter writes (pipeline-support's
 * {@code awscalls.CallCountFile}) into the directory the local stack names in
 * {@value #ENVIRONMENT_VARIABLE}.
 *
 * @param operations {@code Service.Operation} ({@code DynamoDb.PutItem}, {@code Sqs.SendMessage.fifo}) → totals
 */
public record FunctionCallCounts(String function, long pid, Map<String, OperationCounts> operations) {

    /** The variable the functions' call counter reads; set for every function by {@code LocalStack.start}. */
    public static final String ENVIRONMENT_VARIABLE = "COMMERCE_SYNC_AWS_CALL_COUNTS_DIR";
    private static final String COLUMNS = "calls,attempts,failures,payloadChunks,itemsWritten,itemsRead,capacityMilli";
    private static final String SUFFIX = ".counts";

    public FunctionCallCounts {
        operations = Map.copyOf(operations);
    }

    /** {@code <state directory>/aws-calls}: where the stack's function processes write their counts. */
    public static Path directory(Path stateDirectory) {
        return stateDirectory.resolve("aws-calls").toAbsolutePath();
    }

    /** {@link #directory}, emptied of an earlier run's files: for {@code LocalStack.start}. */
    public static Path freshDirectory(Path stateDirectory) {
        Path directory = directory(stateDirectory);
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(directory)) {
                for (Path file : old) {
                    Files.deleteIfExists(file);
                }
            }
            return directory.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
    }

    /** Every process's file in {@code directory}. */
    public static List<FunctionCallCounts> readAll(Path directory) {
        List<FunctionCallCounts> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                all.add(parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return all;
    }

    /** The file's text; refuses a file whose column header is not the one this reader knows. */
    static FunctionCallCounts parse(String text) {
        String function = null;
        long pid = 0;
        boolean columnsKnown = false;
        Map<String, OperationCounts> operations = new TreeMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equals("# " + COLUMNS)) {
                columnsKnown = true;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key=value line: " + trimmed);
            }
            String key = trimmed.substring(0, eq);
            String value = trimmed.substring(eq + 1);
            switch (key) {
                case "function" -> function = value;
                case "pid" -> pid = Long.parseLong(value);
                case "writtenAt" -> { }
                default -> operations.merge(key, OperationCounts.parse(value), OperationCounts::plus);
            }
        }
        if (!columnsKnown || function == null) {
            throw new IllegalArgumentException("not an AWS call counts file (columns " + COLUMNS + " expected)");
        }
        return new FunctionCallCounts(function, pid, operations);
    }
}
