package org.jsna.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of jsna's input reading, through {@link JsnaRead} (change that class, not this one,
 * when the reader changes). {@code scan}: one file through the CSV scanner only; {@code Extract.readExtract}:
 * the whole input folder through the reader as {@code jsna report} reads it. Time per operation in
 * milliseconds; divide the file sizes printed at set-up by it for MB/s.
 *
 * <p>The data: {@code -p dir=/path/to/input} (for example a set made by scripts/bench), else a
 * synthetic council made once by {@code jsna sample} (seed 1) of {@code -p referrals=N} referrals and
 * three times as many service events (the shape of scripts/bench's S), kept under java.io.tmpdir.
 * Run with scripts/bench-jmh (which builds everything) or
 * {@code java -cp 'bench/target/jsna-bench.jar:bench/target/lib/*:target/jsna.jar' org.openjdk.jmh.Main}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g"})
public class ReadBenchmark {

    /** An input folder to read; empty: make one with jsna sample. */
    @Param("")
    public String dir;

    /** Referrals of the set made when {@code dir} is empty (services: three times as many). */
    @Param("200000")
    public int referrals;

    /** The file that {@code scan} reads. */
    @Param({"referrals.csv", "services.csv"})
    public String file;

    /** Reading threads (jsna's default is one per core). */
    @Param({"1", "2"})
    public int threads;

    private Path input;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        input = Inputs.resolve(dir, referrals);
    }

    @Benchmark
    public long scan() {
        return JsnaRead.scan(input.resolve(file), threads);
    }

    /** The whole input folder through the reader (no {@code file} parameter, so it runs once). */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g"})
    public static class Extract {

        @Param("")
        public String dir;

        @Param("200000")
        public int referrals;

        @Param({"1", "2"})
        public int threads;

        private Path input;

        @Setup(Level.Trial)
        public void prepare() throws IOException {
            input = Inputs.resolve(dir, referrals);
        }

        @Benchmark
        public long readExtract() {
            return JsnaRead.readExtract(input, threads);
        }
    }
}
