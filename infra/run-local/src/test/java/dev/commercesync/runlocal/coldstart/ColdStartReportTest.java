package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commercesync.runlocal.coldstart.ColdStartOptions.Cache;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartReportTest {

    private static final JvmSetup PLAIN = new JvmSetup(Jdk.JDK_17, Cache.NONE, Path.of("/jdk17"), "17.0.15");
    private static final JvmSetup CDS = new JvmSetup(Jdk.JDK_17, Cache.ON, Path.of("/jdk17"), "17.0.15");
    private static final String EVENT = "1 record from OrderIntakeQueue";

    @Test
    void summarisesMeasuredRunsThatWereAnsweredAsExpected() {
        ColdStartReport report = new ColdStartReport("test machine", List.of(PLAIN, CDS), List.of(
                sample(PLAIN, 1, 2000, 200, true),
                sample(PLAIN, 2, 1800, 190, true),
                sample(PLAIN, 3, 9999, 999, false),
                sample(CDS, 0, 5000, 300, true),
                sample(CDS, 1, 1200, 210, true),
                sample(CDS, 2, 1000, 230, true)),
                List.of(new ColdStartReport.ArchiveFile("MapFunction", "JDK 17 + AppCDS", "a.jsa", 45_000_000)),
                List.of());

        List<ColdStartReport.Row> rows = report.rows();

        assertThat(rows).hasSize(2);
        ColdStartReport.Row plain = rows.get(0);
        assertThat(plain.setup()).isEqualTo("JDK 17");
        assertThat(plain.firstResponseMs()).isEqualTo(new Spread(1900, 1800, 2000, 2));
        assertThat(plain.failed()).isEqualTo(1);
        assertThat(plain.baselineRatio()).isEqualTo(1.0);
        assertThat(plain.archiveBytes()).isNull();
        assertThat(plain.rssMib().median()).isEqualTo(195);
        assertThat(plain.event()).isEqualTo(EVENT);

        ColdStartReport.Row cds = rows.get(1);
        assertThat(cds.firstResponseMs()).isEqualTo(new Spread(1100, 1000, 1200, 2));
        assertThat(cds.baselineRatio()).isEqualTo(1100.0 / 1900.0);
        assertThat(cds.archiveBytes()).isEqualTo(45_000_000L);
        assertThat(cds.failed()).isZero();

        assertThat(report.table())
                .contains("| MapFunction | JDK 17 | 1900 (1800–2000) | 190 | 1.00× | 195 (190–200) |")
                .contains("| MapFunction | JDK 17 + AppCDS | 1100 (1000–1200) |")
                .contains("| 45.0 | 2/0 |")
                .contains("MapFunction ← " + EVENT);
    }

    private static ColdStartSample sample(JvmSetup setup, int run, double firstResponseMs, long rssMib, boolean ok) {
        return new ColdStartSample("MapFunction", setup.label(), run, EVENT, ok ? "no failed items" : "crashed", ok,
                firstResponseMs / 10, firstResponseMs, new ProcessMemory(rssMib * 1024, rssMib * 512, rssMib * 512,
                rssMib * 1024));
    }
}
