package io.github.nifiqwenasr.benchmarks.realnifi;

import io.github.nifiqwenasr.benchmarks.Benchmark;
import io.github.nifiqwenasr.benchmarks.Row;
import io.github.nifiqwenasr.benchmarks.Section;
import io.github.nifiqwenasr.benchmarks.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 6, item 6: FlowFiles per second through the short-audio example flow in a real NiFi, with the NiFi
 * process's CPU and memory. Needs the real-NiFi harness of the system tests, which is not on main yet: until it is,
 * this benchmark reports what it needs instead of a figure.
 */
public final class RealNifiBenchmark implements Benchmark {

    private static final Path EXAMPLE_FLOW = Path.of("examples", "short-audio-transcription.json");
    private static final String HARNESS_CLASS = "io.github.nifiqwenasr.realnifi.NiFiInstance";

    @Override
    public String id() {
        return "real-nifi";
    }

    @Override
    public Section run() {
        final boolean flow = Files.isRegularFile(EXAMPLE_FLOW);
        final boolean harness = isOnClasspath(HARNESS_CLASS);
        return new Section("6. Real NiFi: the short-audio example flow",
                """
                Planned: NiFi 2.3.0 assembled by the system tests (.nifi/), the bundle's NAR installed, the simulator \
                started as a process with zero latency, examples/short-audio-transcription.json uploaded with \
                TranscribeAudioShort at 4 concurrent tasks and the service's Requests Per Minute above what the run \
                can use; a few thousand WAV files dropped into the flow's input directory; FlowFiles per second out of \
                the transcription's success over a steady window, the NiFi process's CPU (utime + stime from \
                /proc/<pid>/stat over the window, as a share of the machine's cores) and memory (RSS from \
                /proc/<pid>/status, heap from /nifi-api/system-diagnostics).""",
                List.of(new Row("FlowFiles/s through the short-audio example flow, 4 concurrent tasks", "pending", "", "", "", Verdict.PENDING)),
                List.of("Not measured: the real-NiFi harness (module nifi-qwen-asr-system-tests with NiFiAssembly, NiFiInstance,"
                                + " NiFiClient and SimulatorProcess; the NiFi 2.3.0 assembly under .nifi/; the example flows in examples/)"
                                + " is being built on branch realnifi and is not on main: example flow "
                                + (flow ? "present" : "absent") + ", harness classes " + (harness ? "present" : "absent") + ".",
                        "To finish it: merge main once realnifi is merged, add nifi-qwen-asr-system-tests as a dependency of this"
                                + " module, and implement run() with the plan above (about 2 minutes of the suite's budget)."));
    }

    private static boolean isOnClasspath(final String className) {
        try {
            Class.forName(className, false, RealNifiBenchmark.class.getClassLoader());
            return true;
        } catch (final ClassNotFoundException e) {
            return false;
        }
    }
}
