package io.github.nifiqwenasr.benchmarks.transcripts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.ThreadMXBean;
import io.github.nifiqwenasr.benchmarks.Arguments;
import io.github.nifiqwenasr.benchmarks.ChildJvm;
import io.github.nifiqwenasr.io.Json;
import io.github.nifiqwenasr.io.StreamSource;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the transcript benchmark: times each conversion of one document and samples the live heap it
 * holds. Nothing else runs in this JVM, so a full GC at a probe leaves only what the conversion holds plus a fixed
 * baseline.
 */
public final class TranscriptMain {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long PROBE_INTERVAL_BYTES = 256 * 1024;

    private TranscriptMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Arguments arguments = Arguments.parse(args);
        final Path file = Path.of(arguments.get("document"));
        final int runs = arguments.getInt("runs");
        final StreamSource document = () -> Files.newInputStream(file);
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final JsonRecordSetWriter writers = new JsonRecordSetWriter();
        runner.addControllerService("writer", writers);
        runner.enableControllerService(writers);

        final ObjectNode result = Json.MAPPER.createObjectNode();
        for (final String name : arguments.get("conversions").split(",")) {
            final Conversion conversion = Conversion.valueOf(name);
            result.set(name, measure(conversion, document, writers, runner, runs));
        }
        ChildJvm.emit(result);
        System.exit(0);
    }

    private static ObjectNode measure(final Conversion conversion, final StreamSource document, final RecordSetWriterFactory writers,
                                      final TestRunner runner, final int runs) throws Exception {
        final Runnable nothing = () -> { };
        for (int i = 0; i < 2; i++) {
            conversion.run(new Conversion.Target(document, new ProbingOutputStream(Long.MAX_VALUE, nothing), nothing, writers, runner.getLogger()));
        }
        final ObjectNode result = Json.MAPPER.createObjectNode();
        final ArrayNode millis = result.putArray("millis");
        final ArrayNode allocated = result.putArray("allocatedBytes");
        long outputBytes = 0;
        for (int i = 0; i < runs; i++) {
            final ProbingOutputStream out = new ProbingOutputStream(Long.MAX_VALUE, nothing);
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            conversion.run(new Conversion.Target(document, out, nothing, writers, runner.getLogger()));
            millis.add((System.nanoTime() - start) / 1e6);
            allocated.add(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
            outputBytes = out.written();
        }
        final long baseline = liveHeap();
        final long[] peak = {0};
        final Runnable probe = () -> peak[0] = Math.max(peak[0], liveHeap() - baseline);
        conversion.run(new Conversion.Target(document, new ProbingOutputStream(PROBE_INTERVAL_BYTES, probe), probe, writers, runner.getLogger()));
        result.put("peakLiveBytes", peak[0]);
        result.put("outputBytes", outputBytes);
        return result;
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
