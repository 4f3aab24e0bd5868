package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsResidentMemoryAndItsPartsFromProcStatus() {
        String status = """
                Name:\tjava
                VmPeak:\t 5039388 kB
                VmHWM:\t  201348 kB
                VmRSS:\t  198400 kB
                RssAnon:\t  120000 kB
                RssFile:\t   78000 kB
                RssShmem:\t     400 kB
                Threads:\t25
                """;

        assertThat(ProcessMemory.parse(status)).isEqualTo(new ProcessMemory(198_400, 120_000, 78_000, 201_348));
    }

    @Test
    void aStatusWithoutTheFiguresIsRefused() {
        assertThatThrownBy(() -> ProcessMemory.parse("Name:\tjava\nState:\tZ (zombie)\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS");
    }

    @Test
    void thisProcessHasAResidentSetOnLinux() {
        assertThat(ProcessMemory.of(ProcessHandle.current().pid()))
                .hasValueSatisfying(memory -> assertThat(memory.rssKib()).isPositive());
    }
}
