package dev.commercesync.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorOptionsTest {

    @Test
    void defaultsToEphemeralPortsAndStoppingWithStdin() {
        EmulatorOptions options = EmulatorOptions.parse(List.of());

        assertEquals(0, options.dynamoDbPort());
        assertEquals(0, options.sqsPort());
        assertTrue(options.exitWhenStdinCloses());
    }

    @Test
    void takesFixedPorts() {
        EmulatorOptions options = EmulatorOptions.parse(
                List.of("--dynamodb-port", "8000", "--sqs-port", "9324", "--keep-running-without-stdin"));

        assertEquals(8000, options.dynamoDbPort());
        assertEquals(9324, options.sqsPort());
        assertFalse(options.exitWhenStdinCloses());
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse(List.of("--host", "0.0.0.0")));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse(List.of("--sqs-port")));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse(List.of("--sqs-port", "x")));
        assertThrows(IllegalArgumentException.class, () -> EmulatorOptions.parse(List.of("--sqs-port", "70000")));
    }
}
